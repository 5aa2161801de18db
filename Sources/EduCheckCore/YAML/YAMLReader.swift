import CYAML

/// Reads one YAML (or JSON) data file into `YAMLNode`s without ever resolving a type, following
/// an alias into a bomb, or recursing as deep as the input asks.
///
/// libyaml's event API is used instead of its document loader because the loader builds the
/// whole graph, aliases and all, before we get to look at it, and walking that graph would
/// recurse as deep as the file nests: a hostile file would decide how much memory and stack we
/// use. With events, every limit is checked before the node it concerns exists.
///
/// Which problems end the read (`root` is nil): `file-too-large`, `invalid-utf8`, `nul-byte`,
/// `value-too-long`, `yaml-syntax`, `yaml-alias`, `yaml-depth`, `yaml-multiple-documents`, and
/// `yaml-too-many-errors` (more than 200 of the non-fatal ones). A file that cannot be
/// read safely or unambiguously should not be half-used. The others (`duplicate-key`,
/// `yaml-complex-key`, `yaml-tag`) are errors too, but the rest of the tree is still returned so
/// that every other problem of the file can be reported in the same run.
public enum YAMLReader {
    public struct Limits: Sendable {
        /// Checked before anything is parsed, so an oversized file costs nothing.
        public var maxBytes: Int
        /// Nesting of mappings and sequences (a scalar adds no level). The default leaves ample
        /// room for real files while keeping the tree shallow enough for recursive consumers.
        public var maxDepth: Int
        /// Anchors and aliases are refused in data files (alias bombs). When this is true they
        /// are resolved instead: an alias shares the anchored node's storage, its top node takes
        /// the alias's position, and the expansion is budgeted (`aliasExpansionBudget` nodes in
        /// total, and `maxDepth`) so that a bomb is still refused rather than walked.
        public var allowsAliases: Bool
        /// The longest scalar, in bytes: a note or a name is a few hundred; a megabyte string is
        /// a broken or hostile file and would otherwise be copied into every report.
        public var maxScalarBytes: Int

        public init(maxBytes: Int = 16 << 20, maxDepth: Int = 64, allowsAliases: Bool = false, maxScalarBytes: Int = 64 << 10) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
            self.allowsAliases = allowsAliases
            self.maxScalarBytes = maxScalarBytes
        }
    }

    public struct Result: Sendable {
        /// nil when the document could not be read (a fatal diagnostic) or holds no document.
        public var root: YAMLNode?
        public var diagnostics: [Diagnostic]

        public init(root: YAMLNode?, diagnostics: [Diagnostic]) {
            self.root = root
            self.diagnostics = diagnostics
        }
    }

    /// With aliases allowed, the number of nodes all aliases together may stand for. A billion
    /// laughs needs 10⁹; no hand-written rule file needs more than a few thousand.
    static let aliasExpansionBudget = 1_000_000

    public static func read(_ bytes: [UInt8], path: String, limits: Limits = Limits()) -> Result {
        let start = SourceLocation(path: path, line: 1, column: 1)
        if bytes.count > limits.maxBytes {
            return Result(root: nil, diagnostics: [.error(
                "file-too-large",
                zh: "文件过大：\(bytes.count) 字节，上限为 \(limits.maxBytes) 字节",
                en: "file too large: \(bytes.count) bytes, the limit is \(limits.maxBytes) bytes",
                at: start
            )])
        }
        if let encoding = Encoding.wideEncoding(of: bytes) {
            return Result(root: nil, diagnostics: [.error(
                "invalid-utf8",
                zh: "文件不是 UTF-8 编码（看起来是 \(encoding)）；请另存为 UTF-8",
                en: "the file is not UTF-8 (it looks like \(encoding)); save it as UTF-8",
                at: start
            )])
        }
        return bytes.withUnsafeBufferPointer { all -> Result in
            // The BOM is dropped here so that libyaml never sees it: line 1's columns then count
            // from the first real character, and reader-error offsets need no correction.
            let hasBOM = all.count >= 3 && all[0] == 0xEF && all[1] == 0xBB && all[2] == 0xBF
            let body = hasBOM ? UnsafeBufferPointer(rebasing: all[3...]) : all
            if let problem = Encoding.firstProblem(in: body) {
                return Result(root: nil, diagnostics: [problem.diagnostic(in: body, path: path)])
            }
            if body.isEmpty {
                return Result(root: nil, diagnostics: [])
            }
            var builder = Builder(path: path, limits: limits, input: body)
            return builder.run()
        }
    }
}

// MARK: - Encoding checks

extension YAMLReader {
    /// Encoding problems are found before libyaml sees the bytes: libyaml would silently accept
    /// UTF-16 and would report bad UTF-8 only as a byte offset in the middle of a chunk.
    enum Encoding {
        struct Problem {
            enum Kind { case invalidUTF8, nul }
            var kind: Kind
            var offset: Int

            func diagnostic(in body: UnsafeBufferPointer<UInt8>, path: String) -> Diagnostic {
                let mark = Encoding.mark(ofByteOffset: offset, in: body)
                let location = mark.location(in: path)
                switch kind {
                case .nul:
                    return .error(
                        "nul-byte",
                        zh: "文件含有 NUL 字节（0x00），不是文本文件或已损坏",
                        en: "the file contains a NUL byte (0x00); it is not a text file or is damaged",
                        at: location
                    )
                case .invalidUTF8:
                    let byte = "0x" + hex(body[offset], digits: 2)
                    return .error(
                        "invalid-utf8",
                        zh: "文件不是有效的 UTF-8 编码：无效字节 \(byte)；如果文件以 GBK/GB18030 保存，请另存为 UTF-8",
                        en: "the file is not valid UTF-8: invalid byte \(byte); if it was saved as GBK/GB18030, save it as UTF-8",
                        at: location
                    )
                }
            }
        }

        /// UTF-16 and UTF-32 are recognised by their BOM or by the NUL bytes that ASCII text
        /// gets in them, so the user is told what the file is rather than "NUL byte".
        static func wideEncoding(of bytes: [UInt8]) -> String? {
            if bytes.count >= 4 {
                if bytes[0] == 0xFF, bytes[1] == 0xFE, bytes[2] == 0, bytes[3] == 0 { return "UTF-32" }
                if bytes[0] == 0, bytes[1] == 0, bytes[2] == 0xFE, bytes[3] == 0xFF { return "UTF-32" }
            }
            if bytes.count >= 2 {
                if (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
                    return "UTF-16"
                }
                if (bytes[0] == 0) != (bytes[1] == 0) { return "UTF-16" }
            }
            return nil
        }

        /// The first malformed UTF-8 sequence (overlong forms, surrogates and values above
        /// U+10FFFF included) or, unless `allowingNUL`, NUL byte.
        static func firstProblem(in bytes: UnsafeBufferPointer<UInt8>, allowingNUL: Bool = false) -> Problem? {
            let count = bytes.count
            var i = 0
            while i < count {
                // Eight ASCII bytes (none of them NUL, where NUL is refused) at a time.
                if let base = bytes.baseAddress {
                    while i &+ 8 <= count {
                        let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                        let high: UInt64 = 0x8080_8080_8080_8080
                        if word & high != 0 { break }
                        if !allowingNUL, (word &- 0x0101_0101_0101_0101) & ~word & high != 0 { break }
                        i &+= 8
                    }
                    if i == count { break }
                }
                let lead = bytes[i]
                if lead < 0x80 {
                    if lead == 0 && !allowingNUL { return Problem(kind: .nul, offset: i) }
                    i &+= 1
                    continue
                }
                // Three-byte characters whose second byte may be any continuation byte (CJK text
                // among them) one after another, before the general case.
                if (0xE1...0xEF).contains(lead), lead != 0xED {
                    var j = i
                    while j &+ 2 < count, (0xE1...0xEF).contains(bytes[j]), bytes[j] != 0xED,
                          bytes[j &+ 1] & 0xC0 == 0x80, bytes[j &+ 2] & 0xC0 == 0x80 {
                        j &+= 3
                    }
                    if j > i {
                        i = j
                        continue
                    }
                }
                let trailing: Int
                var low: UInt8 = 0x80
                var high: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: trailing = 1
                case 0xE0: trailing = 2; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: trailing = 2
                case 0xED: trailing = 2; high = 0x9F
                case 0xF0: trailing = 3; low = 0x90
                case 0xF1...0xF3: trailing = 3
                case 0xF4: trailing = 3; high = 0x8F
                default: return Problem(kind: .invalidUTF8, offset: i)
                }
                guard i + trailing < count else { return Problem(kind: .invalidUTF8, offset: i) }
                let second = bytes[i + 1]
                guard second >= low && second <= high else { return Problem(kind: .invalidUTF8, offset: i) }
                var k = 2
                while k <= trailing {
                    guard bytes[i + k] & 0xC0 == 0x80 else { return Problem(kind: .invalidUTF8, offset: i) }
                    k += 1
                }
                i &+= trailing + 1
            }
            return nil
        }

        /// Converts a byte offset (whose preceding bytes are valid UTF-8) into the line and
        /// column libyaml would report: columns count Unicode scalars, and CR, LF, CRLF, NEL,
        /// LS and PS each end a line, as they do in libyaml's scanner.
        static func mark(ofByteOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceMark {
            var line = 1
            var column = 1
            var i = 0
            let end = min(offset, bytes.count)
            while i < end {
                let byte = bytes[i]
                switch byte {
                case 0x0A:
                    line += 1
                    column = 1
                case 0x0D:
                    if i + 1 < bytes.count && bytes[i + 1] == 0x0A {
                        break  // the LF that follows ends the line
                    }
                    line += 1
                    column = 1
                case 0xC2 where i + 1 < end && bytes[i + 1] == 0x85:
                    line += 1
                    column = 1
                    i += 1
                case 0xE2 where i + 2 < end && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    line += 1
                    column = 1
                    i += 2
                default:
                    if byte & 0xC0 != 0x80 { column += 1 }
                }
                i += 1
            }
            return SourceMark(line: line, column: column)
        }
    }

    static func hex(_ value: some BinaryInteger, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}

// MARK: - Tree builder

extension YAMLReader {
    /// Builds the tree from libyaml's events with an explicit stack, so input nesting never
    /// turns into Swift recursion.
    struct Builder {
        enum PendingKey {
            /// The next node completed in this mapping is a key.
            case none
            case key(String, SourceMark)
            /// The key was refused (`yaml-complex-key`); its value is read and dropped.
            case skip
        }

        struct Frame {
            var isMapping: Bool
            var mark: SourceMark
            var anchor: String?
            var items: [YAMLNode] = []
            var entries: [YAMLMappingEntry] = []
            /// Key → index in `entries`, built only once a mapping grows past a few keys: most
            /// mappings are small, and a dictionary for each would dominate large files.
            var index: [String: Int]? = nil
            var pendingKey: PendingKey = .none
            /// Nodes in this subtree, and its depth in collection levels (a scalar is 0), kept so
            /// that aliases can be budgeted against `aliasExpansionBudget` and `maxDepth`.
            var size = 1
            var height = 1
        }

        struct Anchored {
            var node: YAMLNode
            var size: Int
            var height: Int
        }

        /// Non-fatal problems recorded before the file is given up (`yaml-too-many-errors`).
        static let maxDiagnostics = 200

        /// Linear key search is faster than hashing below this many entries.
        static let indexThreshold = 12

        let path: String
        let limits: Limits
        let input: UnsafeBufferPointer<UInt8>
        var stack: [Frame] = []
        var root: YAMLNode?
        var diagnostics: [Diagnostic] = []
        var documents = 0
        var anchors: [String: Anchored] = [:]
        var aliasNodes = 0

        init(path: String, limits: Limits, input: UnsafeBufferPointer<UInt8>) {
            self.path = path
            self.limits = limits
            self.input = input
        }

        /// Signals a problem after which the file is not read further.
        struct Fatal: Error {}

        mutating func run() -> Result {
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            defer { parser.deallocate() }
            let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
            defer { event.deallocate() }
            guard yaml_parser_initialize(parser) == 1 else {
                diagnostics.append(.error(
                    "yaml-syntax",
                    zh: "YAML 语法错误：无法初始化 YAML 解析器（内存不足）",
                    en: "YAML syntax error: cannot initialise the YAML parser (out of memory)",
                    at: SourceLocation(path: path, line: 1, column: 1)
                ))
                return Result(root: nil, diagnostics: diagnostics)
            }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_input_string(parser, input.baseAddress, input.count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)

            do {
                while true {
                    guard yaml_parser_parse(parser, event) == 1 else {
                        diagnostics.append(parserError(parser.pointee))
                        throw Fatal()
                    }
                    defer { yaml_event_delete(event) }
                    if event.pointee.type == YAML_STREAM_END_EVENT { break }
                    try handle(event.pointee)
                }
            } catch {
                return Result(root: nil, diagnostics: diagnostics)
            }
            return Result(root: root, diagnostics: diagnostics)
        }

        mutating func handle(_ event: yaml_event_t) throws(Fatal) {
            let mark = Self.mark(event.start_mark)
            switch event.type {
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    try fatal(
                        "yaml-multiple-documents", at: mark,
                        zh: "文件中有多个 YAML 文档（`---`）；一个文件只能有一个文档",
                        en: "the file holds more than one YAML document (`---`); a file must hold exactly one"
                    )
                }

            case YAML_SCALAR_EVENT:
                let data = event.data.scalar
                let anchor = try checkAnchor(data.anchor, at: mark)
                var style: YAMLScalar.Style
                switch data.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: style = .literal
                case YAML_FOLDED_SCALAR_STYLE: style = .folded
                default: style = .plain
                }
                if let tag = data.tag {
                    if Self.string(tag, Self.length(tag)) == "tag:yaml.org,2002:str" {
                        if style == .plain { style = .doubleQuoted }
                    } else {
                        try refuseTag(tag, at: mark)
                    }
                }
                if Int(data.length) > limits.maxScalarBytes {
                    try fatal(
                        "value-too-long", at: mark,
                        zh: "值过长（\(data.length) 字节，上限 \(limits.maxScalarBytes) 字节）",
                        en: "a value is too long (\(data.length) bytes; the limit is \(limits.maxScalarBytes))"
                    )
                }
                let text = Self.string(data.value, Int(data.length))
                let node = YAMLNode(content: .scalar(YAMLScalar(text: text, style: style)), mark: mark)
                if let anchor { anchors[anchor] = Anchored(node: node, size: 1, height: 0) }
                try attach(node, size: 1, height: 0)

            case YAML_SEQUENCE_START_EVENT:
                let data = event.data.sequence_start
                try push(isMapping: false, anchor: data.anchor, tag: data.tag, at: mark)

            case YAML_MAPPING_START_EVENT:
                let data = event.data.mapping_start
                try push(isMapping: true, anchor: data.anchor, tag: data.tag, at: mark)

            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = stack.removeLast()
                let node = YAMLNode(
                    content: frame.isMapping ? .mapping(frame.entries) : .sequence(frame.items),
                    mark: frame.mark
                )
                if let anchor = frame.anchor {
                    anchors[anchor] = Anchored(node: node, size: frame.size, height: frame.height)
                }
                try attach(node, size: frame.size, height: frame.height)

            case YAML_ALIAS_EVENT:
                try alias(event.data.alias.anchor, at: mark)

            default:
                break
            }
        }

        mutating func push(
            isMapping: Bool,
            anchor: UnsafeMutablePointer<yaml_char_t>?,
            tag: UnsafeMutablePointer<yaml_char_t>?,
            at mark: SourceMark
        ) throws(Fatal) {
            let anchor = try checkAnchor(anchor, at: mark)
            if stack.count >= limits.maxDepth {
                try tooDeep(at: mark)
            }
            if let tag { try refuseTag(tag, at: mark) }
            stack.append(Frame(isMapping: isMapping, mark: mark, anchor: anchor))
        }

        /// Places a completed node in its parent: appended to a sequence, or taken as a
        /// mapping's key or value. Of duplicated keys the first value is kept, because the first
        /// is what a reader of the file sees first; the duplicate is an error all the same.
        mutating func attach(_ node: YAMLNode, size: Int, height: Int) throws(Fatal) {
            guard !stack.isEmpty else {
                root = node
                return
            }
            let top = stack.count - 1
            stack[top].size += size
            if height + 1 > stack[top].height { stack[top].height = height + 1 }
            guard stack[top].isMapping else {
                stack[top].items.append(node)
                return
            }
            switch stack[top].pendingKey {
            case .none:
                if case .scalar(let scalar) = node.content {
                    stack[top].pendingKey = .key(scalar.text, node.mark)
                } else {
                    try report(.error(
                        "yaml-complex-key",
                        zh: "映射的键必须是标量，这里是\(node.kindName.zh)；该条目被忽略",
                        en: "a mapping key must be a scalar, not a \(node.kindName.en); the entry is ignored",
                        at: node.mark.location(in: path)
                    ))
                    stack[top].pendingKey = .skip
                }
            case .skip:
                stack[top].pendingKey = .none
            case .key(let key, let keyMark):
                stack[top].pendingKey = .none
                if let first = firstIndex(ofKey: key, inFrame: top) {
                    let firstMark = stack[top].entries[first].keyMark
                    try report(Diagnostic(
                        .error,
                        code: "duplicate-key",
                        LocalizedText(
                            zh: "重复的键“\(key)”（第 \(firstMark.line) 行已有）；保留第一次出现的值",
                            en: "duplicate key '\(key)' (already on line \(firstMark.line)); the first value is kept"
                        ),
                        at: keyMark.location(in: path),
                        notes: [Diagnostic.Note(
                            LocalizedText(zh: "“\(key)”第一次出现在这里", en: "'\(key)' first appears here"),
                            at: firstMark.location(in: path)
                        )]
                    ))
                } else {
                    let position = stack[top].entries.count
                    stack[top].entries.append(YAMLMappingEntry(key: key, keyMark: keyMark, value: node))
                    if stack[top].index != nil {
                        stack[top].index![key] = position
                    } else if position + 1 >= Self.indexThreshold {
                        var index: [String: Int] = [:]
                        index.reserveCapacity(2 * Self.indexThreshold)
                        for (i, entry) in stack[top].entries.enumerated() { index[entry.key] = i }
                        stack[top].index = index
                    }
                }
            }
        }

        func firstIndex(ofKey key: String, inFrame top: Int) -> Int? {
            if let index = stack[top].index { return index[key] }
            return stack[top].entries.firstIndex { $0.key == key }
        }

        /// Returns the anchor's name when aliases are allowed; refuses it otherwise.
        mutating func checkAnchor(_ anchor: UnsafeMutablePointer<yaml_char_t>?, at mark: SourceMark) throws(Fatal) -> String? {
            guard let anchor else { return nil }
            let name = Self.string(anchor, Self.length(anchor))
            guard limits.allowsAliases else {
                try refuseAlias(at: mark, what: "&\(name)")
            }
            return name
        }

        mutating func alias(_ anchor: UnsafeMutablePointer<yaml_char_t>?, at mark: SourceMark) throws(Fatal) {
            let name = anchor.map { Self.string($0, Self.length($0)) } ?? ""
            guard limits.allowsAliases else {
                try refuseAlias(at: mark, what: "*\(name)")
            }
            // An anchor is registered when its node is complete, so an alias inside its own
            // anchor (a cycle) is "undefined" here.
            guard let anchored = anchors[name] else {
                try fatal(
                    "yaml-alias", at: mark,
                    zh: "别名 *\(name) 没有在前面定义（或引用了包含它自身的节点）",
                    en: "alias *\(name) is not defined before this point (or refers to a node containing itself)"
                )
            }
            if stack.count + anchored.height > limits.maxDepth {
                try tooDeep(at: mark)
            }
            aliasNodes += anchored.size
            if aliasNodes > YAMLReader.aliasExpansionBudget {
                try fatal(
                    "yaml-alias", at: mark,
                    zh: "别名展开后节点过多（超过 \(YAMLReader.aliasExpansionBudget) 个），疑似别名炸弹",
                    en: "aliases expand to too many nodes (over \(YAMLReader.aliasExpansionBudget)); this looks like an alias bomb"
                )
            }
            var node = anchored.node
            node.mark = mark
            try attach(node, size: anchored.size, height: anchored.height)
        }

        mutating func refuseAlias(at mark: SourceMark, what: String) throws(Fatal) -> Never {
            try fatal(
                "yaml-alias", at: mark,
                zh: "数据文件中不允许使用锚点和别名（防止别名炸弹）：\(what)",
                en: "anchors and aliases are not allowed in data files (alias bombs): \(what)"
            )
        }

        mutating func tooDeep(at mark: SourceMark) throws(Fatal) -> Never {
            try fatal(
                "yaml-depth", at: mark,
                zh: "嵌套层数超过上限 \(limits.maxDepth)",
                en: "nesting is deeper than the limit of \(limits.maxDepth)"
            )
        }

        /// Tags are refused because honouring them would mean interpreting types (`!!int`,
        /// `!!binary`, application tags); `!!str` is the one tag that only confirms "text".
        mutating func refuseTag(_ tag: UnsafeMutablePointer<yaml_char_t>, at mark: SourceMark) throws(Fatal) {
            var name = Self.string(tag, Self.length(tag))
            let core = "tag:yaml.org,2002:"
            if name.hasPrefix(core) { name = "!!" + name.dropFirst(core.count) }
            try report(.error(
                "yaml-tag",
                zh: "不允许使用 YAML 标签 \(name)（只允许 !!str）",
                en: "YAML tag \(name) is not allowed (only !!str is)",
                at: mark.location(in: path)
            ))
        }

        /// Records a problem after which reading goes on, up to a cap: a 16 MiB file of
        /// repeated keys would otherwise turn into gigabytes of diagnostics nobody reads.
        mutating func report(_ diagnostic: Diagnostic) throws(Fatal) {
            if diagnostics.count >= Self.maxDiagnostics {
                let mark = diagnostic.location.map { SourceMark(line: $0.line, column: $0.column) } ?? SourceMark(line: 1, column: 1)
                try fatal(
                    "yaml-too-many-errors", at: mark,
                    zh: "错误过多（超过 \(Self.maxDiagnostics) 个），不再继续读取此文件",
                    en: "too many errors (over \(Self.maxDiagnostics)); the rest of the file is not read"
                )
            }
            diagnostics.append(diagnostic)
        }

        mutating func fatal(_ code: String, at mark: SourceMark, zh: String, en: String) throws(Fatal) -> Never {
            diagnostics.append(.error(code, zh: zh, en: en, at: mark.location(in: path)))
            throw Fatal()
        }

        func parserError(_ parser: yaml_parser_t) -> Diagnostic {
            let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
            let context = parser.context.map { String(cString: $0) }
            switch parser.error {
            case YAML_MEMORY_ERROR:
                return .error(
                    "yaml-syntax",
                    zh: "YAML 语法错误：解析器内存不足",
                    en: "YAML syntax error: the parser ran out of memory",
                    at: SourceLocation(path: path, line: 1, column: 1)
                )
            case YAML_READER_ERROR:
                // Reader errors carry a byte offset, not a mark. With UTF-8 checked beforehand
                // they are the characters YAML forbids (controls, U+FFFE, U+FFFF).
                var detail = problem
                if parser.problem_value >= 0 {
                    detail += " (U+\(YAMLReader.hex(parser.problem_value, digits: 4)))"
                }
                let mark = Encoding.mark(ofByteOffset: Int(parser.problem_offset), in: input)
                return .error(
                    "yaml-syntax",
                    zh: "YAML 语法错误：\(detail)",
                    en: "YAML syntax error: \(detail)",
                    at: mark.location(in: path)
                )
            default:
                let contextText = context.map { " (\($0))" } ?? ""
                var notes: [Diagnostic.Note] = []
                let problemMark = Self.mark(parser.problem_mark)
                let contextMark = Self.mark(parser.context_mark)
                if let context, contextMark != problemMark {
                    notes.append(Diagnostic.Note(
                        LocalizedText(zh: "出错的结构从这里开始：\(context)", en: "the construct starts here: \(context)"),
                        at: contextMark.location(in: path)
                    ))
                }
                return Diagnostic(
                    .error,
                    code: "yaml-syntax",
                    LocalizedText(zh: "YAML 语法错误：\(problem)\(contextText)", en: "YAML syntax error: \(problem)\(contextText)"),
                    at: problemMark.location(in: path),
                    notes: notes
                )
            }
        }

        static func mark(_ mark: yaml_mark_t) -> SourceMark {
            SourceMark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        }

        static func string(_ pointer: UnsafePointer<yaml_char_t>?, _ length: Int) -> String {
            String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
        }

        static func length(_ pointer: UnsafePointer<yaml_char_t>) -> Int {
            var count = 0
            while pointer[count] != 0 { count += 1 }
            return count
        }
    }
}
