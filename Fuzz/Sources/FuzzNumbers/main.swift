import CFuzzer
import Foundation

// SwiftPM gives every executable its own main, so libFuzzer is started through its driver.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzNumbers(data!, size) })
