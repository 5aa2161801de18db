import EduCheckCore
import Foundation
import Testing

// MARK: - Helpers

private func readYAML(_ text: String, limits: YAMLReader.Limits = YAMLReader.Limits()) -> YAMLReader.Result {
    YAMLReader.read(Array(text.utf8), path: "t.yaml", limits: limits)
}

private func readYAML(bytes: [UInt8], limits: YAMLReader.Limits = YAMLReader.Limits()) -> YAMLReader.Result {
    YAMLReader.read(bytes, path: "t.yaml", limits: limits)
}

private func pos(_ line: Int, _ column: Int) -> SourceMark {
    SourceMark(line: line, column: column)
}

/// `Testing` has a `SourceLocation` of its own, hence the qualified name.
private func loc(_ line: Int, _ column: Int) -> EduCheckCore.SourceLocation {
    EduCheckCore.SourceLocation(path: "t.yaml", line: line, column: column)
}

private func measure(_ body: () -> Void) -> Duration {
    let clock = ContinuousClock()
    let start = clock.now
    body()
    return clock.now - start
}

/// The shared corpora sit beside the repository (`../shared`), in CI as on a workstation.
private let yamlCorporaRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // <repo>/Tests/EduCheckCoreTests
    .deletingLastPathComponent()  // <repo>/Tests
    .deletingLastPathComponent()  // <repo>
    .deletingLastPathComponent()  // the folder holding <repo> and shared/
    .appendingPathComponent("shared/corpora")

private let yamlMissingCorpus = "MISSING CORPUS: "

/// Case ids (`229Q`, `SM9W/00`) of the yaml-test-suite; a single "missing" entry when the corpus
/// is absent, so the parameterized test fails instead of passing with no cases.
private func yamlSuiteCases() -> [String] {
    let root = yamlCorporaRoot.appendingPathComponent("yaml-test-suite")
    let fm = FileManager.default
    guard let top = try? fm.contentsOfDirectory(atPath: root.path), !top.isEmpty else {
        return [yamlMissingCorpus + root.path]
    }
    var ids: [String] = []
    for name in top {
        if fm.fileExists(atPath: root.appendingPathComponent("\(name)/in.yaml").path) {
            ids.append(name)
        }
        for sub in (try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(name).path)) ?? []
        where fm.fileExists(atPath: root.appendingPathComponent("\(name)/\(sub)/in.yaml").path) {
            ids.append("\(name)/\(sub)")
        }
    }
    return ids.isEmpty ? [yamlMissingCorpus + root.path] : ids.sorted()
}

private func yamlJSONSuiteFiles() -> [String] {
    let root = yamlCorporaRoot.appendingPathComponent("JSONTestSuite/test_parsing")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
        .filter { $0.hasSuffix(".json") }
    return names.isEmpty ? [yamlMissingCorpus + root.path] : names.sorted()
}

// MARK: - Positions

@Suite("YAMLReader positions")
struct YAMLPositionTests {
    @Test func blockMappingKeysAndValues() throws {
        let result = readYAML("unit: \"440104\"\nperiod: 2025\nmetrics:\n  a.b: 3\n")
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.root)
        #expect(root.mark == pos(1, 1))
        let entries = try #require(root.mapping)
        #expect(entries.map(\.key) == ["unit", "period", "metrics"])
        #expect(entries.map(\.keyMark) == [pos(1, 1), pos(2, 1), pos(3, 1)])
        #expect(entries[0].value.mark == pos(1, 7))
        #expect(entries[1].value.mark == pos(2, 9))
        let metrics = try #require(root["metrics"])
        #expect(metrics.mark == pos(4, 3))
        #expect(metrics.mapping?.first?.keyMark == pos(4, 3))
        #expect(metrics["a.b"]?.mark == pos(4, 8))
    }

    @Test func columnsCountChineseCharactersAsOne() throws {
        let root = try #require(readYAML("名称: 越秀区\n说明: {代码: \"440104\", 学校: [华阳小学, x]}\n").root)
        #expect(root["名称"]?.mark == pos(1, 5))
        let notes = try #require(root["说明"])
        #expect(notes.mark == pos(2, 5))
        let entries = try #require(notes.mapping)
        #expect(entries[0].keyMark == pos(2, 6))
        #expect(entries[0].value.mark == pos(2, 10))
        #expect(entries[1].keyMark == pos(2, 20))
        let schools = try #require(entries[1].value.sequence)
        #expect(entries[1].value.mark == pos(2, 24))
        #expect(schools.map(\.mark) == [pos(2, 25), pos(2, 31)])
        #expect(schools.map { $0.scalar?.text } == ["华阳小学", "x"])
    }

    @Test func blockSequenceOfFlowMappings() throws {
        let text = """
            schools:
              - {code: "4401040001", name: 华阳小学, students: 1800}
              - code: "4401040002"
                name: 东风小学
            """
        let root = try #require(readYAML(text).root)
        let schools = try #require(root["schools"]?.sequence)
        #expect(root["schools"]?.mark == pos(2, 3))
        #expect(schools[0].mark == pos(2, 5))
        #expect(schools[0].mapping?.map(\.keyMark) == [pos(2, 6), pos(2, 26), pos(2, 38)])
        #expect(schools[0]["students"]?.mark == pos(2, 48))
        #expect(schools[1].mark == pos(3, 5))
        #expect(schools[1]["name"]?.mark == pos(4, 11))
        #expect(schools[1]["name"]?.scalar?.text == "东风小学")
    }

    @Test func jsonReadsAsFlowYAML() throws {
        let result = readYAML("{\"unit\": \"440104\", \"metrics\": {\"a.b\": 3, \"flag\": true, \"x\": null}}")
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.root)
        let entries = try #require(root.mapping)
        #expect(entries.map(\.key) == ["unit", "metrics"])
        #expect(entries.map(\.keyMark) == [pos(1, 2), pos(1, 20)])
        #expect(root["unit"]?.scalar == YAMLScalar(text: "440104", style: .doubleQuoted))
        #expect(root["unit"]?.mark == pos(1, 10))
        let metrics = try #require(root["metrics"])
        #expect(metrics.mark == pos(1, 31))
        #expect(metrics.mapping?.first?.keyMark == pos(1, 32))
        #expect(metrics["a.b"]?.scalar == YAMLScalar(text: "3", style: .plain))
        #expect(metrics["a.b"]?.mark == pos(1, 39))
        #expect(metrics["flag"]?.scalar == YAMLScalar(text: "true", style: .plain))
        #expect(metrics["x"]?.scalar?.isNull == true)
    }

    @Test func multiLineJSONWithoutSpaceAfterColon() throws {
        let root = try #require(readYAML("{\n  \"unit\":\"440104\",\n  \"list\":[1,2]\n}\n").root)
        #expect(root.mapping?.map(\.keyMark) == [pos(2, 3), pos(3, 3)])
        #expect(root["unit"]?.mark == pos(2, 10))
        #expect(root["list"]?.sequence?.map(\.mark) == [pos(3, 11), pos(3, 13)])
    }

    @Test func crlfLineEndsAndBOM() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: 1\r\nbb: 越秀\r\n".utf8)
        let result = readYAML(bytes: bytes)
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.root)
        #expect(root.mapping?.map(\.keyMark) == [pos(1, 1), pos(2, 1)])
        #expect(root["a"]?.mark == pos(1, 4))
        #expect(root["bb"]?.mark == pos(2, 5))
    }

    @Test func missingValueIsNullJustAfterTheColon() throws {
        let root = try #require(readYAML("a:\nb: 2\n").root)
        #expect(root["a"]?.scalar?.isNull == true)
        #expect(root["a"]?.mark == pos(1, 3))
    }
}

// MARK: - Scalars

@Suite("YAMLReader scalars")
struct YAMLScalarTests {
    @Test func styles() throws {
        let text = """
            plain: a b
            single: 'it''s'
            double: "tab\\tend"
            literal: |
              line 1
              line 2
            folded: >
              line 1
              line 2
            """
        let root = try #require(readYAML(text).root)
        #expect(root["plain"]?.scalar == YAMLScalar(text: "a b", style: .plain))
        #expect(root["single"]?.scalar == YAMLScalar(text: "it's", style: .singleQuoted))
        #expect(root["double"]?.scalar == YAMLScalar(text: "tab\tend", style: .doubleQuoted))
        #expect(root["literal"]?.scalar == YAMLScalar(text: "line 1\nline 2\n", style: .literal))
        #expect(root["folded"]?.scalar == YAMLScalar(text: "line 1 line 2", style: .folded))
    }

    @Test("YAML 1.1 look-alikes stay text", arguments: [
        "no", "on", "off", "yes", "Y", "0440104", "1:20", "1e3", "0x1F", "0o17", ".inf", "2025-12-31", "1_000", "+12",
    ])
    func plainScalarsAreNotInterpreted(_ value: String) throws {
        let root = try #require(readYAML("v: \(value)\n").root)
        #expect(root["v"]?.scalar == YAMLScalar(text: value, style: .plain))
        #expect(root["v"]?.scalar?.isNull == false)
    }

    @Test("null spellings", arguments: ["~", "null", "Null", "NULL", ""])
    func nullSpellings(_ value: String) throws {
        let root = try #require(readYAML("v: \(value)\n").root)
        #expect(root["v"]?.scalar?.isNull == true)
    }

    @Test func quotedNullIsText() throws {
        let root = try #require(readYAML("a: \"null\"\nb: '~'\nc: nul\n").root)
        #expect(root["a"]?.scalar?.isNull == false)
        #expect(root["b"]?.scalar?.isNull == false)
        #expect(root["c"]?.scalar?.isNull == false)
    }

    @Test func strTagMakesAPlainScalarQuoted() throws {
        let result = readYAML("code: !!str 0440104\nn: !!str null\nq: !!str 'x'\nv: !<tag:yaml.org,2002:str> 7\n")
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.root)
        #expect(root["code"]?.scalar == YAMLScalar(text: "0440104", style: .doubleQuoted))
        #expect(root["n"]?.scalar?.isNull == false)
        #expect(root["q"]?.scalar == YAMLScalar(text: "x", style: .singleQuoted))
        #expect(root["v"]?.scalar == YAMLScalar(text: "7", style: .doubleQuoted))
    }

    @Test func accessorsAndKindNames() throws {
        let root = try #require(readYAML("m: {a: 1}\ns: [1]\nx: 1\n").root)
        #expect(root.kindName == LocalizedText(zh: "映射", en: "mapping"))
        #expect(root["s"]?.kindName == LocalizedText(zh: "列表", en: "sequence"))
        #expect(root["x"]?.kindName == LocalizedText(zh: "标量", en: "scalar"))
        #expect(root["m"]?.mapping?.count == 1 && root["m"]?.sequence == nil && root["m"]?.scalar == nil)
        #expect(root["s"]?.sequence?.count == 1 && root["s"]?.mapping == nil)
        #expect(root["missing"] == nil)
        #expect(root["x"]?["a"] == nil)
    }

    @Test("empty documents", arguments: ["", "# only a comment\n", "   \n\n", "\u{FEFF}", "\u{FEFF}# c\n"])
    func emptyDocumentHasNoRootAndNoDiagnostic(_ text: String) {
        let result = readYAML(text)
        #expect(result.root == nil)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func explicitEmptyDocumentIsANullScalar() throws {
        let result = readYAML("---\n")
        #expect(result.diagnostics.isEmpty)
        #expect(try #require(result.root).scalar?.isNull == true)
    }
}

// MARK: - Diagnostics

@Suite("YAMLReader diagnostics")
struct YAMLDiagnosticTests {
    @Test func syntaxErrorWithLibyamlProblemAndContext() throws {
        let result = readYAML("a: 1\nb: c: d\n")
        #expect(result.root == nil)
        let d = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(d.code == "yaml-syntax")
        #expect(d.severity == .error)
        #expect(d.location == loc(2, 5))
        #expect(d.message.en.contains("mapping values are not allowed in this context"))
        #expect(d.message.zh.hasPrefix("YAML 语法错误："))
    }

    @Test func syntaxErrorNotePointsAtTheConstruct() throws {
        let d = try #require(readYAML("a: [1, 2\nb: 3\n").diagnostics.first)
        #expect(d.code == "yaml-syntax")
        #expect(d.location == loc(2, 2))
        #expect(d.message.en.contains("while parsing a flow sequence"))
        #expect(d.notes.first?.location == loc(1, 4))
    }

    @Test func unterminatedQuote() throws {
        let d = try #require(readYAML("a: \"x\n").diagnostics.first)
        #expect(d.code == "yaml-syntax")
        #expect(d.location == loc(2, 1))
        #expect(d.notes.first?.location == loc(1, 4))
    }

    @Test func forbiddenControlCharacterIsLocated() throws {
        let d = try #require(readYAML("a: 1\n名称: x\u{01}y\n").diagnostics.first)
        #expect(d.code == "yaml-syntax")
        #expect(d.location == loc(2, 6))
        #expect(d.message.en.contains("control characters are not allowed (U+0001)"))
    }

    @Test func anchorIsRefusedAtTheAnchor() throws {
        let result = readYAML("a: 1\nb: &x [1]\nc: *x\n")
        #expect(result.root == nil)
        #expect(result.diagnostics.count == 1)
        let d = try #require(result.diagnostics.first)
        #expect(d.code == "yaml-alias")
        #expect(d.location == loc(2, 4))
        #expect(d.message.zh.contains("数据文件中不允许使用锚点和别名（防止别名炸弹）"))
        #expect(d.message.en.contains("anchors and aliases are not allowed in data files (alias bombs)"))
    }

    @Test func aliasIsRefusedAtTheAlias() throws {
        let d = try #require(readYAML("a: 1\nb: [x, *y]\n").diagnostics.first)
        #expect(d.code == "yaml-alias")
        #expect(d.location == loc(2, 8))
    }

    @Test func aliasesResolveWhenAllowed() throws {
        let result = readYAML("base: &b {x: 1}\nuse: *b\n", limits: .init(allowsAliases: true))
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.root)
        #expect(root["use"]?["x"]?.scalar?.text == "1")
        #expect(root["use"]?.mark == pos(2, 6))
        let deep = readYAML("a: &x [[1]]\nb: *x\nc: [*x]\n", limits: .init(maxDepth: 3, allowsAliases: true))
        #expect(deep.diagnostics.map(\.code) == ["yaml-depth"])
        #expect(deep.diagnostics.first?.location == loc(3, 5))
        let cycle = readYAML("a: &a [*a]\n", limits: .init(allowsAliases: true))
        #expect(cycle.root == nil)
        #expect(cycle.diagnostics.first?.code == "yaml-alias")
    }

    private static let billionLaughs: String = {
        var lines = ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        let names = Array("abcdefghij")
        for level in 1...8 {
            let previous = names[level - 1]
            lines.append("\(names[level]): &\(names[level]) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func billionLaughsIsRefusedQuickly() throws {
        var result: YAMLReader.Result?
        let time = measure { result = readYAML(Self.billionLaughs) }
        #expect(time < .milliseconds(100), "took \(time)")
        #expect(result?.root == nil)
        #expect(result?.diagnostics.map(\.code) == ["yaml-alias"])
        #expect(result?.diagnostics.first?.location == loc(1, 4))
    }

    @Test func billionLaughsIsRefusedEvenWhenAliasesAreAllowed() throws {
        var result: YAMLReader.Result?
        let time = measure { result = readYAML(Self.billionLaughs, limits: .init(allowsAliases: true)) }
        #expect(time < .milliseconds(500), "took \(time)")
        #expect(result?.root == nil)
        #expect(result?.diagnostics.map(\.code) == ["yaml-alias"])
    }

    @Test func hundredThousandOpenBracketsAreRefusedQuickly() throws {
        let text = String(repeating: "[", count: 100_000)
        var result: YAMLReader.Result?
        let time = measure { result = readYAML(text) }
        #expect(time < .milliseconds(100), "took \(time)")
        #expect(result?.root == nil)
        #expect(result?.diagnostics.map(\.code) == ["yaml-depth"])
        #expect(result?.diagnostics.first?.location == loc(1, 65))
    }

    @Test func deepBlockNestingIsRefused() throws {
        var text = ""
        for level in 0..<200 { text += String(repeating: " ", count: level) + "k:\n" }
        let result = readYAML(text)
        #expect(result.root == nil)
        #expect(result.diagnostics.map(\.code) == ["yaml-depth"])
        #expect(result.diagnostics.first?.location == loc(65, 65))
    }

    @Test func depthLimitIsExact() throws {
        let ok = readYAML(String(repeating: "[", count: 64) + String(repeating: "]", count: 64))
        #expect(ok.diagnostics.isEmpty)
        #expect(ok.root != nil)
        let tooDeep = readYAML(String(repeating: "[", count: 65) + String(repeating: "]", count: 65))
        #expect(tooDeep.diagnostics.map(\.code) == ["yaml-depth"])
        let custom = readYAML("a: {b: [1]}", limits: .init(maxDepth: 2))
        #expect(custom.diagnostics.first?.location == loc(1, 8))
    }

    @Test func fileTooLargeIsRefusedWithoutParsing() throws {
        let result = readYAML("a: [1, 2, 3, 4]", limits: .init(maxBytes: 10))
        #expect(result.root == nil)
        #expect(result.diagnostics.map(\.code) == ["file-too-large"])
        #expect(result.diagnostics.first?.location == loc(1, 1))
        // Not parsed: a syntax error past the limit is not reported.
        #expect(readYAML("]]]]]]]]]]]", limits: .init(maxBytes: 10)).diagnostics.map(\.code) == ["file-too-large"])
        #expect(readYAML("a: 1234567", limits: .init(maxBytes: 10)).diagnostics.isEmpty)
    }

    @Test func duplicateKeyPointsAtSecondOccurrenceWithNoteAtFirst() throws {
        let result = readYAML("a: 1\nb: 2\n越秀: x\n  # comment\n越秀: y\n")
        let root = try #require(result.root)
        #expect(result.diagnostics.count == 1)
        let d = try #require(result.diagnostics.first)
        #expect(d.code == "duplicate-key")
        #expect(d.severity == .error)
        #expect(d.location == loc(5, 1))
        #expect(d.notes.count == 1)
        #expect(d.notes.first?.location == loc(3, 1))
        #expect(root["越秀"]?.scalar?.text == "x")
        #expect(root.mapping?.count == 3)
    }

    @Test func duplicateKeysInFlowAndJSON() throws {
        let flow = readYAML("{a: 1, b: 2, 'a': 3}")
        #expect(flow.diagnostics.map(\.code) == ["duplicate-key"])
        #expect(flow.diagnostics.first?.location == loc(1, 14))
        #expect(flow.diagnostics.first?.notes.first?.location == loc(1, 2))
        let json = readYAML("{\"m\": {\"k\": 1,\n \"k\": 2}}")
        #expect(json.diagnostics.first?.location == loc(2, 2))
        #expect(json.root?["m"]?["k"]?.scalar?.text == "1")
    }

    @Test func duplicateDetectionIsLinearInLargeMappings() throws {
        var text = ""
        text.reserveCapacity(1_500_000)
        for i in 0..<100_000 { text += "k\(i): \(i)\n" }
        text += "k5: again\nk99999: again\n"
        var result: YAMLReader.Result?
        let time = measure { result = readYAML(text) }
        #expect(result?.root?.mapping?.count == 100_000)
        #expect(result?.diagnostics.map(\.location) == [loc(100_001, 1), loc(100_002, 1)])
        #expect(result?.diagnostics.map { $0.notes.first?.location } == [loc(6, 1), loc(100_000, 1)])
        #expect(time < .seconds(5), "took \(time)")
    }

    @Test func tooManyErrorsEndTheRead() throws {
        let result = readYAML(String(repeating: "a: 1\n", count: 300))
        #expect(result.root == nil)
        #expect(result.diagnostics.count == 201)
        #expect(result.diagnostics.dropLast().allSatisfy { $0.code == "duplicate-key" })
        #expect(result.diagnostics.last?.code == "yaml-too-many-errors")
        #expect(result.diagnostics.last?.location == loc(202, 1))
    }

    @Test func complexKeysAreRefused() throws {
        let block = readYAML("? [a]\n: x\nb: 1\n")
        #expect(block.diagnostics.map(\.code) == ["yaml-complex-key"])
        #expect(block.diagnostics.first?.location == loc(1, 3))
        #expect(block.root?.mapping?.map(\.key) == ["b"])
        let flow = readYAML("{[1]: x, b: 2}")
        #expect(flow.diagnostics.map(\.code) == ["yaml-complex-key"])
        #expect(flow.diagnostics.first?.location == loc(1, 2))
        let mappingKey = readYAML("? {a: 1}\n: x\n")
        #expect(mappingKey.diagnostics.first?.location == loc(1, 3))
    }

    @Test func multipleDocumentsAreRefused() throws {
        let result = readYAML("a: 1\n---\nb: 2\n")
        #expect(result.root == nil)
        #expect(result.diagnostics.map(\.code) == ["yaml-multiple-documents"])
        #expect(result.diagnostics.first?.location == loc(2, 1))
        let afterEnd = readYAML("---\na: 1\n...\n---\nb: 2\n")
        #expect(afterEnd.diagnostics.map(\.code) == ["yaml-multiple-documents"])
        #expect(afterEnd.diagnostics.first?.location == loc(4, 1))
        #expect(readYAML("---\na: 1\n...\n").diagnostics.isEmpty)
    }

    @Test func tagsOtherThanStrAreRefused() throws {
        let result = readYAML("a: !!int 3\nb: !!str 0440104\nc: !custom {x: 1}\nd: !!binary aGk=\n")
        #expect(result.diagnostics.map(\.code) == ["yaml-tag", "yaml-tag", "yaml-tag"])
        #expect(result.diagnostics.map(\.location) == [loc(1, 4), loc(3, 4), loc(4, 4)])
        #expect(result.diagnostics.first?.message.en.contains("!!int") == true)
        // Not fatal: the rest of the file is still there to be checked.
        #expect(result.root?["b"]?.scalar == YAMLScalar(text: "0440104", style: .doubleQuoted))
    }

    @Test func invalidUTF8IsLocated() throws {
        let bytes = Array("a: 1\n名称: ".utf8) + [0xE8, 0xB6] + Array("\n".utf8)
        let result = readYAML(bytes: bytes)
        #expect(result.root == nil)
        #expect(result.diagnostics.map(\.code) == ["invalid-utf8"])
        #expect(result.diagnostics.first?.location == loc(2, 5))
    }

    @Test("malformed UTF-8", arguments: [
        [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5], [0x80], [0xFF],
    ] as [[UInt8]])
    func malformedSequencesAreRejected(_ bad: [UInt8]) throws {
        let result = readYAML(bytes: Array("x: ab".utf8) + bad + Array(" c\n".utf8))
        #expect(result.diagnostics.map(\.code) == ["invalid-utf8"])
        #expect(result.diagnostics.first?.location == loc(1, 6))
    }

    @Test func gb18030TextIsInvalidUTF8() throws {
        // "越秀" in GB18030.
        let result = readYAML(bytes: Array("name: ".utf8) + [0xD4, 0xBD, 0xD0, 0xE3])
        #expect(result.diagnostics.map(\.code) == ["invalid-utf8"])
        #expect(result.diagnostics.first?.message.en.contains("GB18030") == true)
    }

    @Test func nulByteIsLocated() throws {
        let result = readYAML(bytes: Array("a: 1\n名称: x".utf8) + [0] + Array("\n".utf8))
        #expect(result.root == nil)
        #expect(result.diagnostics.map(\.code) == ["nul-byte"])
        #expect(result.diagnostics.first?.location == loc(2, 6))
    }

    @Test("UTF-16 and UTF-32", arguments: [
        [0xFF, 0xFE, 0x61, 0x00, 0x3A, 0x00], [0xFE, 0xFF, 0x00, 0x61], [0x61, 0x00, 0x3A, 0x00],
        [0x00, 0x61, 0x00, 0x3A], [0xFF, 0xFE, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00],
    ] as [[UInt8]])
    func wideEncodingsAreNamed(_ bytes: [UInt8]) throws {
        let result = readYAML(bytes: bytes)
        #expect(result.root == nil)
        let d = try #require(result.diagnostics.first)
        #expect(d.code == "invalid-utf8")
        #expect(d.location == loc(1, 1))
        #expect(d.message.zh.contains("文件不是 UTF-8 编码"))
        #expect(d.message.en.contains("UTF-16") || d.message.en.contains("UTF-32"))
    }

    @Test("a scalar longer than the limit ends the read at the scalar; one at the limit is fine")
    func overlongScalar() throws {
        let limits = YAMLReader.Limits(maxScalarBytes: 18)
        let refused = readYAML("a: 1\nnote: \"说明说明说明x\"\n", limits: limits)
        #expect(refused.root == nil)
        #expect(refused.diagnostics.map(\.code) == ["value-too-long"])
        #expect(refused.diagnostics.first?.location == loc(2, 7))
        #expect(readYAML("note: 说明说明说明\n", limits: limits).root != nil)
    }

    @Test func readingStopsAtTheFirstFatalProblem() throws {
        let result = readYAML("a: 1\na: 2\nb: &x 1\nc: *x\n---\n]\n")
        #expect(result.root == nil)
        #expect(result.diagnostics.map(\.code) == ["duplicate-key", "yaml-alias"])
    }
}

// MARK: - Size

@Suite("YAMLReader performance")
struct YAMLPerformanceTests {
    @Test func fiveMegabytesOfSmallMappings() throws {
        var text = "schools:\n"
        text.reserveCapacity(5_500_000)
        for i in 0..<100_000 {
            text += "  - {code: \"4401\(100_000 + i)\", name: 华阳小学\(i), stage: primary, students: \(1_800 + i % 7)}\n"
        }
        let bytes = Array(text.utf8)
        #expect(bytes.count > 5_000_000)
        var result: YAMLReader.Result?
        let time = measure { result = readYAML(bytes: bytes) }
        #if DEBUG
        let limit = Duration.seconds(10)
        #else
        let limit = Duration.seconds(1)
        #endif
        #expect(time < limit, "took \(time)")
        #expect(result?.diagnostics.isEmpty == true)
        let schools = try #require(result?.root?["schools"]?.sequence)
        #expect(schools.count == 100_000)
        #expect(schools.last?["students"]?.mark == pos(100_001, 69))
    }
}

// MARK: - Corpora

@Suite("YAMLReader corpora")
struct YAMLCorpusTests {
    /// yaml-test-suite error cases that libyaml 0.2.5 parses without complaint and that none of
    /// our own checks happens to catch. Each is a known libyaml deviation, not a reader bug.
    static let libyamlAcceptsInvalid: Set<String> = [
        "9C9N",     // Wrong indented flow sequence
        "9JBA",     // Invalid comment after end of flow sequence
        "CVW2",     // Invalid comment after comma
        "DK95/01",  // Tabs that look like indentation
        "G5U8",     // Plain dashes in flow sequence
        "MUS6/00",  // Directive variants (`%YAML 1.1#...`)
        "QB6E",     // Wrong indented multiline quoted scalar
        "S98Z",     // Block scalar with more spaces than first content line
        "SU5Z",     // Comment without whitespace after doublequoted scalar
        "X4QW",     // Comment without whitespace after block scalar indicator
        "Y79Y/003", // Tabs in various contexts
        "YJV2",     // Dash in flow sequence
    ]

    @Test("yaml-test-suite", arguments: yamlSuiteCases())
    func yamlTestSuiteCase(_ id: String) throws {
        guard !id.hasPrefix(yamlMissingCorpus) else {
            Issue.record("\(id) — the shared corpora must be checked out beside the repository as ../shared")
            return
        }
        let folder = yamlCorporaRoot.appendingPathComponent("yaml-test-suite/\(id)")
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("in.yaml")))
        let result = YAMLReader.read(bytes, path: "\(id)/in.yaml")
        let mustFail = FileManager.default.fileExists(atPath: folder.appendingPathComponent("error").path)
        let failed = result.diagnostics.contains { $0.severity == .error }
        for d in result.diagnostics {
            let location = try #require(d.location)
            #expect(location.line >= 1 && location.column >= 1)
        }
        if mustFail {
            if Self.libyamlAcceptsInvalid.contains(id) {
                #expect(!failed, "\(id) is now rejected: remove it from the allowlist")
            } else {
                #expect(failed, "\(id) must be rejected")
                #expect(result.root == nil || !result.diagnostics.isEmpty)
            }
        } else {
            #expect(!Self.libyamlAcceptsInvalid.contains(id))
        }
    }

    /// `y_` files that are valid JSON but still get an error, and why.
    static let jsonRejected: [String: String] = [
        "y_object_duplicated_key.json": "duplicate-key",
        "y_object_duplicated_key_and_value.json": "duplicate-key",
        // libyaml does not combine `\uD834\uDD1E` surrogate-pair escapes (nor accept escapes of
        // noncharacters) and refuses U+007F and U+FFFF as control characters.
        "y_string_accepted_surrogate_pair.json": "yaml-syntax",
        "y_string_accepted_surrogate_pairs.json": "yaml-syntax",
        "y_string_last_surrogates_1_and_2.json": "yaml-syntax",
        "y_string_surrogates_U+1D11E_MUSICAL_SYMBOL_G_CLEF.json": "yaml-syntax",
        "y_string_unicode_U+10FFFE_nonchar.json": "yaml-syntax",
        "y_string_unicode_U+1FFFE_nonchar.json": "yaml-syntax",
        "y_string_nonCharacterInUTF-8_U+FFFF.json": "yaml-syntax",
        "y_string_unescaped_char_delete.json": "yaml-syntax",
        "y_string_with_del_character.json": "yaml-syntax",
    ]

    /// Every file must be read without a crash; `y_` files (valid JSON) must read cleanly except
    /// for the known, listed cases.
    @Test("JSONTestSuite", arguments: yamlJSONSuiteFiles())
    func jsonTestSuiteFile(_ name: String) throws {
        guard !name.hasPrefix(yamlMissingCorpus) else {
            Issue.record("\(name) — the shared corpora must be checked out beside the repository as ../shared")
            return
        }
        let url = yamlCorporaRoot.appendingPathComponent("JSONTestSuite/test_parsing/\(name)")
        let result = YAMLReader.read(try [UInt8](Data(contentsOf: url)), path: name)
        guard name.hasPrefix("y_") else { return }
        if let expected = Self.jsonRejected[name] {
            #expect(result.diagnostics.map(\.code).contains(expected))
        } else {
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message.en))")
            #expect(result.root != nil)
        }
    }
}
