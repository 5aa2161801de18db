#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EduCheckCore
import EduCheckReports
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
        data.withUnsafeBytes { write($0) }
    }

    /// Writes every byte; a closed pipe (`| head`) ends the writing quietly.
    func write(_ bytes: UnsafeRawBufferPointer) {
        try? ReportFile.writeAll(bytes, to: descriptor)
    }
}

/// Ends the process at once, without unwinding: `check` calls it once its reports are written,
/// rather than free a national run's results one by one.
func endProcess(_ code: Int32) -> Never {
    #if canImport(Glibc)
    Glibc.exit(code)
    #else
    Darwin.exit(code)
    #endif
}
