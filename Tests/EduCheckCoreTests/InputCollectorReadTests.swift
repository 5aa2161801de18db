import Foundation
import Testing
@testable import EduCheckCore

@Suite("Reading an input file: every byte, or a located refusal")
struct InputCollectorReadTests {
    static func codes(_ result: Result<[UInt8], Diagnostic>) -> String? {
        if case .failure(let diagnostic) = result { return diagnostic.code }
        return nil
    }

    @Test("a file up to the limit is read whole; one byte more is refused before reading")
    func limit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("educheck-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = folder.appendingPathComponent("data.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try InputCollector.read(path, limit: 10_000).get() == bytes)
        #expect(Self.codes(InputCollector.read(path, limit: 9_999)) == "file-too-large")
        // Relative to a folder, as --rules and the tests' working folders use it.
        #expect(try InputCollector.read("data.csv", in: folder.path, limit: 10_000).get() == bytes)
        let empty = folder.appendingPathComponent("empty.yaml").path
        try Data().write(to: URL(fileURLWithPath: empty))
        #expect(try InputCollector.read(empty, limit: 10).get() == [])
    }

    @Test("a stream with no size is read until it ends, and refused once it passes the limit")
    func streams() throws {
        #expect(try InputCollector.read("/dev/null", limit: 10).get() == [])
        #expect(Self.codes(InputCollector.read("/dev/zero", limit: 100_000)) == "file-too-large")
    }

    @Test("a folder or a missing file is unreadable", arguments: ["/", "/no/such/file.yaml"])
    func unreadable(_ path: String) {
        #expect(Self.codes(InputCollector.read(path, limit: 1_000)) == "unreadable-file")
    }
}
