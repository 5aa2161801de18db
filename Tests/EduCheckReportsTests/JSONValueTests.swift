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
}
