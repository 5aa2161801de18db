/// The encodings an input file may be written in. Every reader works on UTF-8; other encodings
/// are converted first, and the report says which one was used.
public enum TextEncoding: String, CaseIterable, Sendable {
    case utf8 = "utf-8"
    /// Excel's "Unicode text" (tab-separated), always with a byte order mark.
    case utf16LE = "utf-16le"
    /// What Excel writes on Chinese Windows ("CSV"); includes GBK and GB2312.
    case gb18030 = "gb18030"

    /// The name shown in reports.
    public var name: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16LE: "UTF-16LE"
        case .gb18030: "GB18030"
        }
    }
}

/// An input file's text, as UTF-8 without a byte order mark.
public struct DecodedText: Sendable {
    public var utf8: [UInt8]
    public var encoding: TextEncoding
}

extension TextEncoding {
    /// Converts a file's bytes to UTF-8.
    ///
    /// Without `forced`: a UTF-8 BOM means UTF-8, a UTF-16LE BOM means UTF-16LE, otherwise the
    /// bytes are UTF-8 when they are valid UTF-8 and GB18030 when they are not but are valid
    /// GB18030. Anything else is an `invalid-encoding` error at the first byte that is not UTF-8
    /// (line and column). UTF-16BE and UTF-32 are refused by name.
    public static func decode(
        _ bytes: [UInt8], forcing forced: TextEncoding? = nil, path: String, lineBreaks: TextPosition.LineBreaks
    ) -> Result<DecodedText, Diagnostic> {
        bytes.withUnsafeBufferPointer { all in
            decode(all, whole: bytes, forcing: forced, path: path, lineBreaks: lineBreaks)
        }
    }

    /// `whole` is the array `all` points into: UTF-8 without a BOM is returned as it is, not
    /// copied.
    private static func decode(
        _ all: UnsafeBufferPointer<UInt8>, whole: [UInt8], forcing forced: TextEncoding?, path: String, lineBreaks: TextPosition.LineBreaks
    ) -> Result<DecodedText, Diagnostic> {
        let start = SourceLocation(path: path, line: 1, column: 1)
        let utf8BOM = all.count >= 3 && all[0] == 0xEF && all[1] == 0xBB && all[2] == 0xBF
        let utf16LEBOM = all.count >= 2 && all[0] == 0xFF && all[1] == 0xFE

        /// `message` gets the offending byte as "0xC3".
        func failure(_ offset: Int, in decoded: UnsafeBufferPointer<UInt8>, _ message: LocalizedText) -> Result<DecodedText, Diagnostic> {
            let mark = TextPosition.mark(ofByteOffset: offset, in: decoded, lineBreaks: lineBreaks)
            return .failure(.error(
                "invalid-encoding", zh: message.zh + "；请另存为 UTF-8", en: message.en + "; save the file as UTF-8",
                at: mark.location(in: path)))
        }

        func utf8(_ body: UnsafeBufferPointer<UInt8>, _ message: (String) -> LocalizedText) -> Result<DecodedText, Diagnostic>? {
            guard let problem = YAMLReader.Encoding.firstProblem(in: body, allowingNUL: true) else { return nil }
            return failure(problem.offset, in: body, message(hexByte(body[problem.offset])))
        }

        switch forced {
        case .utf8?:
            let body = utf8BOM ? UnsafeBufferPointer(rebasing: all[3...]) : all
            if let refused = utf8(body, { LocalizedText(zh: "按 UTF-8 读取（--encoding utf-8）时遇到无效字节 \($0)", en: "read as UTF-8 (--encoding utf-8), the byte \($0) is invalid") }) {
                return refused
            }
            return .success(DecodedText(utf8: utf8BOM ? Array(body) : whole, encoding: .utf8))
        case .utf16LE?:
            return decodeUTF16LE(utf16LEBOM ? UnsafeBufferPointer(rebasing: all[2...]) : all, failure: failure)
        case .gb18030?:
            return decodeGB18030(all, failure: failure)
        case nil:
            break
        }

        if all.count >= 4, (utf16LEBOM && all[2] == 0 && all[3] == 0) || (all[0] == 0 && all[1] == 0 && all[2] == 0xFE && all[3] == 0xFF) {
            return .failure(.error("invalid-encoding", zh: "文件是 UTF-32 编码，不支持；请另存为 UTF-8", en: "the file is UTF-32, which is not supported; save it as UTF-8", at: start))
        }
        if utf16LEBOM {
            return decodeUTF16LE(UnsafeBufferPointer(rebasing: all[2...]), failure: failure)
        }
        if all.count >= 2, all[0] == 0xFE, all[1] == 0xFF {
            return .failure(.error("invalid-encoding", zh: "文件是 UTF-16BE 编码，不支持；请另存为 UTF-8 或 Excel 的“Unicode 文本”", en: "the file is UTF-16BE, which is not supported; save it as UTF-8 or as Excel's \"Unicode text\"", at: start))
        }
        if all.count >= 2, (all[0] == 0) != (all[1] == 0) {
            return .failure(.error(
                "invalid-encoding",
                zh: "文件看起来是没有 BOM 的 UTF-16 编码；请另存为 UTF-8，或用 --encoding utf-16le 指定",
                en: "the file looks like UTF-16 without a byte order mark; save it as UTF-8 or pass --encoding utf-16le",
                at: start))
        }
        if utf8BOM {
            let body = UnsafeBufferPointer(rebasing: all[3...])
            if let refused = utf8(body, { LocalizedText(zh: "文件以 UTF-8 BOM 开头，但字节 \($0) 不是有效的 UTF-8", en: "the file starts with a UTF-8 byte order mark but the byte \($0) is not valid UTF-8") }) {
                return refused
            }
            return .success(DecodedText(utf8: Array(body), encoding: .utf8))
        }
        guard let problem = YAMLReader.Encoding.firstProblem(in: all, allowingNUL: true) else {
            return .success(DecodedText(utf8: whole, encoding: .utf8))
        }
        if case .success(let decoded) = GB18030.decode(all) {
            return .success(DecodedText(utf8: decoded, encoding: .gb18030))
        }
        let byte = hexByte(all[problem.offset])
        return failure(problem.offset, in: all, LocalizedText(
            zh: "文件既不是有效的 UTF-8（字节 \(byte) 无效），也不是有效的 GB18030/GBK",
            en: "the file is neither valid UTF-8 (the byte \(byte) is invalid) nor valid GB18030/GBK"))
    }

    private typealias Failure = (Int, UnsafeBufferPointer<UInt8>, LocalizedText) -> Result<DecodedText, Diagnostic>

    private static func hexByte(_ byte: UInt8) -> String {
        "0x" + YAMLReader.hex(byte, digits: 2)
    }

    private static func decodeGB18030(_ all: UnsafeBufferPointer<UInt8>, failure: Failure) -> Result<DecodedText, Diagnostic> {
        switch GB18030.decode(all) {
        case .success(let decoded):
            return .success(DecodedText(utf8: decoded, encoding: .gb18030))
        case .failure(let invalid):
            let byte = hexByte(all[invalid.offset])
            return invalid.decoded.withUnsafeBufferPointer {
                failure(invalid.decoded.count, $0, LocalizedText(
                    zh: "按 GB18030 读取（--encoding gb18030）时遇到无效字节 \(byte)",
                    en: "read as GB18030 (--encoding gb18030), the byte \(byte) is invalid"))
            }
        }
    }

    private static func decodeUTF16LE(_ body: UnsafeBufferPointer<UInt8>, failure: Failure) -> Result<DecodedText, Diagnostic> {
        var output: [UInt8] = []
        output.reserveCapacity(body.count)
        var i = 0
        func refuse(_ zh: String, _ en: String) -> Result<DecodedText, Diagnostic> {
            output.withUnsafeBufferPointer { failure(output.count, $0, LocalizedText(zh: zh, en: en)) }
        }
        while i < body.count {
            guard i + 1 < body.count else {
                return refuse("UTF-16LE 文件的字节数为奇数，末尾不完整", "the UTF-16LE file has an odd number of bytes; its end is cut off")
            }
            let unit = UInt32(body[i]) | UInt32(body[i + 1]) << 8
            var value = unit
            if (0xD800...0xDBFF).contains(unit) {
                guard i + 3 < body.count else {
                    return refuse("UTF-16LE 文件中有不成对的代理项", "the UTF-16LE file has an unpaired surrogate")
                }
                let low = UInt32(body[i + 2]) | UInt32(body[i + 3]) << 8
                guard (0xDC00...0xDFFF).contains(low) else {
                    return refuse("UTF-16LE 文件中有不成对的代理项", "the UTF-16LE file has an unpaired surrogate")
                }
                value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                i += 2
            } else if (0xDC00...0xDFFF).contains(unit) {
                return refuse("UTF-16LE 文件中有不成对的代理项", "the UTF-16LE file has an unpaired surrogate")
            }
            guard let scalar = Unicode.Scalar(value) else {
                return refuse("UTF-16LE 文件中有无效字符", "the UTF-16LE file has an invalid character")
            }
            GB18030.append(scalar, to: &output)
            i += 2
        }
        return .success(DecodedText(utf8: output, encoding: .utf16LE))
    }
}
