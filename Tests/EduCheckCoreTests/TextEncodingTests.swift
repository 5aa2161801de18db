import Testing
@testable import EduCheckCore

@Suite("Encodings: UTF-8, UTF-16LE, GB18030 detected or forced; anything else located")
struct TextEncodingTests {
    func decode(_ bytes: [UInt8], forcing forced: TextEncoding? = nil, lineBreaks: TextPosition.LineBreaks = .csv) -> Result<DecodedText, Diagnostic> {
        TextEncoding.decode(bytes, forcing: forced, path: "f.csv", lineBreaks: lineBreaks)
    }

    func text(_ result: Result<DecodedText, Diagnostic>) -> String? {
        guard case .success(let decoded) = result else { return nil }
        return String(decoding: decoded.utf8, as: UTF8.self)
    }

    func encoding(_ result: Result<DecodedText, Diagnostic>) -> TextEncoding? {
        guard case .success(let decoded) = result else { return nil }
        return decoded.encoding
    }

    func failure(_ result: Result<DecodedText, Diagnostic>) -> Diagnostic? {
        guard case .failure(let diagnostic) = result else { return nil }
        return diagnostic
    }

    /// "学校,是" in GBK, as Excel on Chinese Windows saves it.
    static let gbk: [UInt8] = [0xD1, 0xA7, 0xD0, 0xA3, 0x2C, 0xCA, 0xC7]

    @Test("UTF-8, with or without a BOM, is UTF-8; the BOM is dropped")
    func utf8() {
        #expect(text(decode(Array("学校,是".utf8))) == "学校,是")
        #expect(text(decode([0xEF, 0xBB, 0xBF] + Array("学校".utf8))) == "学校")
        #expect(encoding(decode([0xEF, 0xBB, 0xBF] + Array("a".utf8))) == .utf8)
    }

    @Test("bytes that are not UTF-8 but are GB18030 are read as GB18030")
    func gbkDetected() {
        let result = decode(Self.gbk)
        #expect(text(result) == "学校,是")
        #expect(encoding(result) == .gb18030)
    }

    @Test("GB18030 two- and four-byte codes, by the standard's mappings", arguments: [
        ([0xB0, 0xA1], "\u{554A}"),                 // 啊, first of GB2312's level 1
        ([0x81, 0x40], "\u{4E02}"),                 // GBK/3
        ([0xA1, 0xA1], "\u{3000}"),                 // ideographic space
        ([0xA3, 0xB1], "\u{FF11}"),                 // full-width 1
        ([0xA2, 0xE3], "\u{20AC}"),                 // €, a two-byte code in GB18030
        ([0xA8, 0xBF], "\u{01F9}"),
        ([0x81, 0x30, 0x81, 0x30], "\u{0080}"),     // first four-byte code
        ([0x81, 0x30, 0x81, 0x31], "\u{0081}"),
        ([0x84, 0x31, 0xA4, 0x39], "\u{FFFF}"),     // last of the BMP area
        ([0x90, 0x30, 0x81, 0x30], "\u{10000}"),    // first supplementary code
        ([0x95, 0x32, 0x82, 0x36], "\u{20000}"),    // 𠀀
        ([0xE3, 0x32, 0x9A, 0x35], "\u{10FFFF}"),   // last
    ] as [([UInt8], String)])
    func gb18030Codes(bytes: [UInt8], expected: String) {
        #expect(text(decode(bytes, forcing: .gb18030)) == expected)
    }

    @Test("bytes GB18030 does not allow are refused", arguments: [
        [0x80], [0xFF], [0x81], [0x81, 0x20], [0x81, 0x7F], [0x81, 0x30], [0x81, 0x30, 0x81],
        [0x84, 0x31, 0xA5, 0x30], [0xE3, 0x32, 0x9A, 0x36], [0xFE, 0x39, 0xFE, 0x39], [0x81, 0x30, 0x20, 0x30],
    ] as [[UInt8]])
    func gb18030Refused(bytes: [UInt8]) {
        #expect(failure(decode(bytes, forcing: .gb18030))?.code == "invalid-encoding")
    }

    @Test("the generated tables map one to one onto every BMP code point that is not a surrogate")
    func tablesAreABijection() {
        var seen = [Bool](repeating: false, count: 0x10000)
        for value in 0..<0x80 { seen[value] = true }
        var duplicates = 0
        for value in GB18030.twoByteTable {
            if seen[Int(value)] { duplicates += 1 }
            seen[Int(value)] = true
        }
        for index in 0...GB18030.fourByteBMPEnd.index {
            let b4 = UInt8(0x30 + index % 10)
            let b3 = UInt8(0x81 + index / 10 % 126)
            let b2 = UInt8(0x30 + index / 1260 % 10)
            let b1 = UInt8(0x81 + index / 12600)
            guard let scalar = GB18030.fourByte(b1, b2, b3, b4) else {
                Issue.record("four-byte index \(index) has no code point")
                return
            }
            if seen[Int(scalar.value)] { duplicates += 1 }
            seen[Int(scalar.value)] = true
        }
        #expect(GB18030.twoByteTable.count == 23_940)
        #expect(duplicates == 0)
        let unmapped = (0..<0x10000).filter { !seen[$0] && !(0xD800...0xDFFF).contains($0) }
        #expect(unmapped.isEmpty)
    }

    @Test("UTF-16LE with a BOM (Excel's Unicode text), surrogate pairs included")
    func utf16LE() {
        let text = "unit\tperiod\n学\u{20000}"
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let result = decode(bytes)
        #expect(self.text(result) == text)
        #expect(encoding(result) == .utf16LE)
        #expect(self.text(decode(Array(bytes.dropFirst(2)), forcing: .utf16LE)) == text)
    }

    @Test("UTF-16LE that is cut off or has a lone surrogate is refused where it breaks")
    func utf16Broken() throws {
        let lone = try #require(failure(decode([0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00, 0x62, 0x00, 0x00, 0xD8, 0x63, 0x00])))
        #expect(lone.code == "invalid-encoding")
        #expect(lone.location == SourceLocation(path: "f.csv", line: 2, column: 2))
        #expect(failure(decode([0xFF, 0xFE, 0x61]))?.code == "invalid-encoding")
    }

    @Test("UTF-16BE, UTF-32 and BOM-less UTF-16 are refused by name", arguments: [
        ([0xFE, 0xFF, 0x00, 0x61], "UTF-16BE"),
        ([0xFF, 0xFE, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00], "UTF-32"),
        ([0x61, 0x00, 0x62, 0x00], "UTF-16"),
    ] as [([UInt8], String)])
    func wideRefused(bytes: [UInt8], name: String) throws {
        let diagnostic = try #require(failure(decode(bytes)))
        #expect(diagnostic.code == "invalid-encoding")
        #expect(diagnostic.message.en.contains(name))
        #expect(diagnostic.location?.line == 1)
    }

    @Test("neither UTF-8 nor GB18030: located at the first byte that is not UTF-8, by line and column")
    func neither() throws {
        let bytes = Array("unit,period\n440104,学校".utf8) + [0xFF, 0x41] + Array("\n".utf8)
        let diagnostic = try #require(failure(decode(bytes)))
        #expect(diagnostic.code == "invalid-encoding")
        #expect(diagnostic.location == SourceLocation(path: "f.csv", line: 2, column: 10))
        #expect(diagnostic.message.zh.contains("0xFF"))
        #expect(diagnostic.message.en.contains("neither valid UTF-8"))
    }

    @Test("a UTF-8 BOM followed by GBK is refused, not guessed")
    func bomThenGBK() {
        #expect(failure(decode([0xEF, 0xBB, 0xBF] + Self.gbk))?.code == "invalid-encoding")
    }

    @Test("--encoding forces: UTF-8 refuses GBK; GB18030 reads plain ASCII; GB18030 errors are located in the text")
    func forced() throws {
        #expect(failure(decode(Self.gbk, forcing: .utf8))?.code == "invalid-encoding")
        #expect(encoding(decode(Array("a,b".utf8), forcing: .gb18030)) == .gb18030)
        let diagnostic = try #require(failure(decode(Self.gbk + [0x0A, 0x41, 0x80], forcing: .gb18030)))
        #expect(diagnostic.location == SourceLocation(path: "f.csv", line: 2, column: 2))
    }

    @Test("CSV lines end at CR, LF and CRLF; columns count characters")
    func positions() {
        let bytes = Array("a\r\nb\rc\n学校x".utf8)
        #expect(TextPosition.mark(ofByteOffset: bytes.count - 1, in: bytes, lineBreaks: .csv) == SourceMark(line: 4, column: 3))
    }

    /// Where the standard library's UTF-8 parser first fails, or first meets a NUL.
    static func referenceProblem(_ bytes: [UInt8], allowingNUL: Bool) -> (nul: Bool, offset: Int)? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if !allowingNUL, encoded.count == 1, encoded.first == 0 { return (true, offset) }
                offset += encoded.count
            case .error:
                return (false, offset)
            case .emptyInput:
                return nil
            }
        }
    }

    @Test("the UTF-8 check (eight ASCII bytes at a time) finds the first bad byte or NUL where the standard library's parser does")
    func utf8CheckMatchesTheStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        var samples: [[UInt8]] = []
        let pieces: [[UInt8]] = [Array("a".utf8), Array("学".utf8), Array("😀".utf8), [0], [0x80], [0xC3], [0xE5, 0xAD], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], Array("0123456789".utf8),
            // Runs of three-byte characters (checked in a loop of their own), and three-byte
            // leads whose second byte is restricted (0xE0, 0xED) or whose last byte is not a
            // continuation.
            Array("学校小学".utf8), [0xE0, 0xA0, 0x80], [0xE0, 0x9F, 0x80], [0xEF, 0xBF, 0xBF], [0xE5, 0xAD, 0x41], [0xE5, 0xC0, 0x80]]
        // Every placement of one odd byte in ASCII runs around the word boundaries.
        for length in 0..<20 {
            for position in 0..<max(length, 1) {
                for odd: [UInt8] in [[0], [0x80], [0xC3], [0xE5, 0xAD, 0xA6], [0xFF]] {
                    var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: length)
                    if position < length { bytes.replaceSubrange(position..<position + 1, with: odd) }
                    samples.append(bytes)
                }
            }
        }
        for _ in 0..<3_000 {
            samples.append((0..<Int.random(in: 0...12, using: &generator)).flatMap { _ in pieces.randomElement(using: &generator)! })
        }
        for bytes in samples {
            for allowingNUL in [false, true] {
                let found = bytes.withUnsafeBufferPointer { YAMLReader.Encoding.firstProblem(in: $0, allowingNUL: allowingNUL) }
                let expected = Self.referenceProblem(bytes, allowingNUL: allowingNUL)
                #expect(found.map { "\($0.kind == .nul ? "NUL" : "bad byte") at \($0.offset)" } == expected.map { "\($0.nul ? "NUL" : "bad byte") at \($0.offset)" }, "\(bytes)")
            }
        }
    }
}
