#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EduCheckCore
import Synchronization

/// Files done of total, rate and time left, redrawn in place on standard error — only when that
/// is a terminal, so it never mixes into a report on standard output or a CI log.
final class ProgressBar: Sendable {
    private struct State {
        var started: timespec
        var lastDrawn: Double = -1
        var drawn = false
        /// The most files reported done: workers report as they finish, not in order.
        var done = 0
    }

    private let language: Language
    private let state: Mutex<State>

    init(language: Language) {
        self.language = language
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        state = Mutex(State(started: now))
    }

    func update(done: Int, total: Int) {
        guard total > 1 else { return }
        state.withLock { state in
            guard done > state.done else { return }
            state.done = done
            let elapsed = Self.seconds(since: state.started)
            // A few redraws a second are plenty, and the last one always shows.
            guard done == total || elapsed - state.lastDrawn >= 0.1 else { return }
            state.lastDrawn = elapsed
            state.drawn = true
            let width = 30
            let filled = width * done / total
            let rate = elapsed > 0 ? Double(done) / elapsed : 0
            let left = rate > 0 ? Double(total - done) / rate : 0
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let text = language == .zh
                ? "\r\(bar) \(done)/\(total) 个文件 · \(Int(rate.rounded())) 个/秒 · 剩余约 \(Int(left.rounded())) 秒 "
                : "\r\(bar) \(done)/\(total) files · \(Int(rate.rounded()))/s · about \(Int(left.rounded())) s left "
            Self.write(text)
        }
    }

    /// Clears the bar so what follows starts on a clean line.
    func finish() {
        state.withLock { state in
            if state.drawn { Self.write("\r\u{1B}[2K") }
        }
    }

    private static func write(_ text: String) {
        let bytes = Array(text.utf8)
        #if canImport(Glibc)
        _ = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
        #else
        _ = bytes.withUnsafeBytes { Darwin.write(STDERR_FILENO, $0.baseAddress, $0.count) }
        #endif
    }

    private static func seconds(since start: timespec) -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec - start.tv_sec) + Double(now.tv_nsec - start.tv_nsec) / 1e9
    }
}
