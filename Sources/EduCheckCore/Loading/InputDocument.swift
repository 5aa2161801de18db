/// One input file read, decoded and parsed, before it is known what it holds.
struct InputDocument {
    enum Content {
        case yaml(YAMLNode)
        /// A CSV file's UTF-8 text: the reader of what it holds parses it (school rows are read
        /// straight from the bytes when they can be).
        case csv(utf8: [UInt8])
        /// Unreadable, undecodable, malformed or empty: `diagnostics` says which.
        case none
    }

    struct Options {
        var directory: String?
        var maxFileBytes: Int
        /// `--encoding`: every input is read in this encoding instead of the detected one.
        var encoding: TextEncoding?
    }

    var path: String
    /// nil when the file could not be read at all (missing, too large).
    var sha256: String?
    var file: FileIdentity?
    var encoding: TextEncoding?
    var content: Content
    var diagnostics: [Diagnostic]

    /// Read as bytes, as the folder listing reads extensions: lowercasing the path made a string
    /// per file (2% of a national run's allocations).
    static func isCSV(_ path: String) -> Bool {
        InputCollector.hasExtension(path, in: csvExtension)
    }

    private static let csvExtension = [Array("csv".utf8)]

    static func read(_ path: String, options: Options) -> InputDocument {
        var document = InputDocument(path: path, sha256: nil, encoding: nil, content: .none, diagnostics: [])
        let bytes: [UInt8]
        switch InputCollector.readFile(path, in: options.directory, limit: options.maxFileBytes) {
        case .success(let read):
            bytes = read.bytes
            document.file = read.file
        case .failure(let diagnostic):
            document.diagnostics.append(diagnostic)
            return document
        }
        document.sha256 = SHA256.hash(bytes).hexString
        let csv = isCSV(path)
        let decoded: DecodedText
        switch TextEncoding.decode(bytes, forcing: options.encoding, path: path, lineBreaks: csv ? .csv : .yaml) {
        case .success(let text): decoded = text
        case .failure(let diagnostic):
            document.diagnostics.append(diagnostic)
            return document
        }
        document.encoding = decoded.encoding
        if decoded.encoding != .utf8 {
            let forced = options.encoding != nil
            document.diagnostics.append(.info(
                "non-utf8-encoding",
                zh: "文件按 \(decoded.encoding.name) 编码读取\(forced ? "（--encoding 指定）" : "（不是 UTF-8）")",
                en: "the file was read as \(decoded.encoding.name)\(forced ? " (--encoding)" : " (it is not UTF-8)")",
                at: SourceLocation(path: path, line: 1, column: 1)))
        }
        if csv {
            document.content = .csv(utf8: decoded.utf8)
        } else {
            // The size was checked on the file; converting to UTF-8 may have made it larger.
            let limits = YAMLReader.Limits(maxBytes: max(options.maxFileBytes, decoded.utf8.count))
            let read = YAMLReader.read(decoded.utf8, path: path, limits: limits)
            document.diagnostics.append(contentsOf: read.diagnostics)
            if let root = read.root { document.content = .yaml(root) }
        }
        return document
    }

    /// The file as the report lists it; nil when it could not be read.
    func input(units: [String]) -> CheckReport.Input? {
        sha256.map { CheckReport.Input(path: path, unit: units.count == 1 ? units[0] : nil, sha256: $0, encoding: encoding?.name ?? "unknown", units: units, file: file) }
    }
}
