import Foundation
import Testing
@testable import EduCheckReports

@Suite("JSON writing")
struct JSONValueTests {
    @Test("strings are escaped per RFC 8259, non-ASCII kept as UTF-8")
    func escaping() {
        let value = JSONValue.object([("a\"b", .string("越秀\n\t\\\u{1}\u{2028}"))])
        #expect(value.serialized() == "{\n  \"a\\\"b\": \"越秀\\n\\t\\\\\\u0001\\u2028\"\n}\n")
    }

    @Test("object keys keep their order")
    func order() {
        let value = JSONValue.object([("z", .int(1)), ("a", .array([])), ("m", .null)])
        #expect(value.serialized() == "{\n  \"z\": 1,\n  \"a\": [],\n  \"m\": null\n}\n")
    }

    @Test("integers are written exactly, including the extremes", arguments: [Int64.min, -1, 0, 7, 10, Int64.max])
    func integers(_ value: Int64) {
        var writer = JSONWriter()
        writer.int(value)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == String(value))
    }

    @Test("nested containers, empty and not, are laid out as before")
    func nesting() {
        let value = JSONValue.object([
            ("a", .object([])), ("b", .array([.array([]), .object([("c", .bool(true))])])),
            ("d", .written(count: 2) { index, writer in writer.int(index) }), ("e", .written(count: 0) { _, _ in }),
        ])
        #expect(value.serialized() == """
        {
          "a": {},
          "b": [
            [],
            {
              "c": true
            }
          ],
          "d": [
            0,
            1
          ],
          "e": []
        }

        """)
    }

    /// The writer keeps one flag per open container in memory it grows itself: containers nested
    /// deeper than it first has room for must close as they opened.
    @Test("containers nested deeper than the writer first has room for", arguments: [15, 16, 17, 40, 100])
    func deepNesting(depth: Int) throws {
        var value = JSONValue.array([.int(1), .array([])])
        for level in 0..<depth {
            value = level % 2 == 0 ? .object([("k", value), ("e", .object([]))]) : .array([value, .bool(false)])
        }
        let text = value.serialized()
        // Every container closed where it opened: the parse gives back the same structure.
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as Any?)
        func height(_ node: Any) -> Int {
            if let array = node as? [Any] { return 1 + (array.map(height).max() ?? 0) }
            if let object = node as? [String: Any] { return 1 + (object.values.map(height).max() ?? 0) }
            return 0
        }
        #expect(height(parsed) == depth + 2)
        // Indented by its depth: the innermost `1` sits below `depth + 1` containers.
        #expect(text.contains("\n" + String(repeating: "  ", count: depth + 1) + "1,\n"))
    }

    @Test("an object written from literal parts is one line in its array; the layout around it is unchanged")
    func literalObjects() throws {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("list")
        writer.beginArray()
        for index in 0..<2 {
            writer.element()
            writer.literal(#"{"path": "#); writer.string("a \"b\".yaml")
            writer.literal(#", "line": "#); writer.int(index)
            writer.literal(#", "metric": "#); writer.null()
            writer.literal("}")
        }
        writer.endArray()
        writer.key("after"); writer.beginObject()
        writer.key("x"); writer.beginArray(); writer.element(); writer.bool(true); writer.endArray()
        writer.endObject()
        writer.endObject()
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text == """
        {
          "list": [
            {"path": "a \\"b\\".yaml", "line": 0, "metric": null},
            {"path": "a \\"b\\".yaml", "line": 1, "metric": null}
          ],
          "after": {
            "x": [
              true
            ]
          }
        }
        """)
        // Still JSON, with the values written.
        let parsed = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: Any]
        let list = try #require(parsed?["list"] as? [[String: Any]])
        #expect(list.map { $0["path"] as? String } == ["a \"b\".yaml", "a \"b\".yaml"])
        #expect(list.map { $0["line"] as? Int } == [0, 1])
    }

    @Test("a large array written in parallel pieces is the array written in one go", arguments: [1, 2, 5])
    func pieces(jobs: Int) throws {
        let value = JSONValue.object([("items", .written(count: 1_000) { index, writer in
            writer.beginObject()
            writer.key("n"); writer.int(index)
            writer.endObject()
        })])
        var collected: [UInt8] = []
        var output = ReportOutput(pieceSize: 1_000) { collected += $0 }
        try value.write(to: &output, jobs: jobs)
        #expect(String(decoding: collected, as: UTF8.self) == value.serialized())
    }

    /// Weights are read a few thousand elements at a time on several threads: an array longer
    /// than one such run, and not a multiple of it, still has every element, once, in order.
    @Test("a long array of elements of uneven weight, written in parallel pieces, is the array written in one go", arguments: [1, 2, 3])
    func unevenPieces(jobs: Int) throws {
        let value = JSONValue.object([("items", .written(count: 10_001, weight: { $0 % 500 }) { index, writer in
            writer.beginArray()
            for item in 0..<(index % 5) { writer.element(); writer.int(index * 10 + item) }
            writer.endArray()
        })])
        var collected: [UInt8] = []
        var output = ReportOutput(pieceSize: 4_096) { collected += $0 }
        try value.write(to: &output, jobs: jobs)
        #expect(String(decoding: collected, as: UTF8.self) == value.serialized())
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(collected)) as? [String: [[Int]]])
        #expect(parsed["items"]?.count == 10_001)
        #expect(parsed["items"]?[9_999] == [99_990, 99_991, 99_992, 99_993])
    }

    @Test("a writer that starts with room for one byte grows as it writes, losing nothing", arguments: [1, 16, 4096])
    func growth(capacity: Int) throws {
        let texts = (0..<2_000).map { "学校\($0) \"引号\" \\ \n" + String(repeating: "x", count: $0 % 97) }
        var writer = JSONWriter(capacity: capacity)
        writer.beginArray()
        for (index, text) in texts.enumerated() {
            writer.element()
            writer.beginObject()
            writer.key("text"); writer.string(text)
            writer.key(named: "第\(index)"); writer.int(Int64(index) * -7_919)
            writer.endObject()
        }
        writer.endArray()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [[String: Any]])
        #expect(parsed.count == texts.count)
        for (index, object) in parsed.enumerated() {
            #expect(object["text"] as? String == texts[index])
            #expect((object["第\(index)"] as? NSNumber)?.int64Value == Int64(index) * -7_919)
        }
    }

    @Test("every character that needs escaping is escaped wherever it falls in a run of plain bytes",
          arguments: ["\"", "\\", "\n", "\u{1}", "\u{1F}", "\u{2028}", "\u{2029}", "\u{7F}", "学", "\u{2027}"])
    func escapingAtEveryPosition(_ special: String) throws {
        for length in 0..<20 {
            for position in 0...length {
                var text = String(repeating: "x", count: length)
                text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: position))
                var writer = JSONWriter(capacity: 4)
                writer.string(text)
                let written = writer.withBytes { String(decoding: $0, as: UTF8.self) }
                #expect(!written.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" }, "\(written)")
                let parsed = try JSONSerialization.jsonObject(with: Data(("[" + written + "]").utf8)) as? [String]
                #expect(parsed == [text])
            }
        }
    }
}
