#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EduCheckCore

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
