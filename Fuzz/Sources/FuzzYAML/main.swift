import CFuzzer
import Foundation

// SwiftPM gives every executable its own main, so libFuzzer is started through its driver.
// The ruleset is loaded first, so its (lasting) memory is not counted against the first input.
_ = ruleset
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzYAML(data!, size) })
