#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EduCheckCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

enum Terminal {
    static var isStandardOutputTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var isStandardErrorTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

/// Today's date for `--as-of`, or the day of `SOURCE_DATE_EPOCH` for reproducible builds.
enum Today {
    static func date(environment: [String: String]) -> CalendarDate {
        if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap({ Int64($0) }) {
            return CalendarDate(secondsSince1970: epoch)
        }
        return CalendarDate(secondsSince1970: Int64(time(nil)))
    }
}

/// Standard output and error as plain file descriptors: FileHandle lives in the full Foundation,
/// whose start-up (ICU) would cost more than checking one submission.
struct StandardStream {
    let descriptor: Int32

    static let output = StandardStream(descriptor: STDOUT_FILENO)
    static let error = StandardStream(descriptor: STDERR_FILENO)

    func write(_ data: Data) {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                #if canImport(Glibc)
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                #else
                let written = Darwin.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                #endif
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
