/// One node of a YAML (or JSON) document, as written: the reader never resolves types, so
/// callers decide what `no`, `0440104` or `1:20` mean and can always point at where a value
/// came from.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        /// Entries in document order, because messages and reports should follow the file.
        case mapping([YAMLMappingEntry])
        case sequence([YAMLNode])
    }

    public var content: Content
    /// Where the node starts (1-based). For a node with a tag or anchor this is the tag or
    /// anchor; for a missing value (`key:`) it is just after the colon.
    public var mark: SourceMark

    public init(content: Content, mark: SourceMark) {
        self.content = content
        self.mark = mark
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    public var mapping: [YAMLMappingEntry]? {
        if case .mapping(let entries) = content { return entries }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// Looks a key up by a linear scan: mappings in rule and submission files are short, and
    /// callers that walk a large mapping iterate `mapping` instead. Keys are unique (the reader
    /// keeps the first of duplicated keys), so the first match is the only one.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let entries) = content else { return nil }
        for entry in entries where entry.key == key {
            return entry.value
        }
        return nil
    }

    /// The node's kind in words, for messages such as "expected a mapping, found a sequence".
    public var kindName: LocalizedText {
        switch content {
        case .scalar: LocalizedText(zh: "标量", en: "scalar")
        case .mapping: LocalizedText(zh: "映射", en: "mapping")
        case .sequence: LocalizedText(zh: "列表", en: "sequence")
        }
    }
}

/// A scalar's text exactly as the document spells it (after YAML's own quoting and folding
/// rules), plus how it was written: quoting is the author's way of saying "this is text", so the
/// style must reach whoever decides whether `0440104` is a code or a number.
public struct YAMLScalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain
        case singleQuoted
        case doubleQuoted
        /// `|` block scalar.
        case literal
        /// `>` block scalar.
        case folded
    }

    public var text: String
    /// As written, except that a plain scalar tagged `!!str` is reported as `.doubleQuoted`:
    /// the tag promises "this is a string", and quoted is how callers recognise that.
    public var style: Style

    public init(text: String, style: Style) {
        self.text = text
        self.style = style
    }

    /// true for a plain `~`, `null`, `Null`, `NULL` or empty plain scalar. Only these (the
    /// spellings YAML 1.1 and 1.2 agree on) count, and only unquoted: `"null"` is text.
    public var isNull: Bool {
        guard style == .plain else { return false }
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }
}

/// A mapping entry whose key is always a scalar's text: non-scalar keys are refused by the
/// reader (`yaml-complex-key`) because no educheck file needs them.
public struct YAMLMappingEntry: Sendable {
    public var key: String
    /// Where the key starts, so "unknown key" messages can point at the key, not the value.
    public var keyMark: SourceMark
    public var value: YAMLNode

    public init(key: String, keyMark: SourceMark, value: YAMLNode) {
        self.key = key
        self.keyMark = keyMark
        self.value = value
    }
}
