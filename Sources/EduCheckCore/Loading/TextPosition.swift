/// Line and column of a byte offset in UTF-8 text, for messages about a place found by bytes
/// (a bad byte, the start of a CSV field).
public enum TextPosition {
    /// Which characters end a line: CSV has CR, LF and CRLF; YAML adds NEL, LS and PS, as
    /// libyaml does, so that a YAML file's positions agree with the YAML reader's.
    public enum LineBreaks: Sendable {
        case csv
        case yaml
    }

    /// The 1-based line and column (in Unicode scalars) of `offset`; the bytes before it must be
    /// UTF-8.
    static func mark(ofByteOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>, lineBreaks: LineBreaks) -> SourceMark {
        if lineBreaks == .yaml { return YAMLReader.Encoding.mark(ofByteOffset: offset, in: bytes) }
        var line = 1
        var column = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let byte = bytes[i]
            if byte == 0x0A || (byte == 0x0D && !(i + 1 < bytes.count && bytes[i + 1] == 0x0A)) {
                line += 1
                column = 1
            } else if byte != 0x0D && byte & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return SourceMark(line: line, column: column)
    }

    static func mark(ofByteOffset offset: Int, in bytes: [UInt8], lineBreaks: LineBreaks) -> SourceMark {
        bytes.withUnsafeBufferPointer { mark(ofByteOffset: offset, in: $0, lineBreaks: lineBreaks) }
    }
}
