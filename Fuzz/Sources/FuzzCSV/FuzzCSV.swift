import EduCheckCore

let ruleset = RulesetLoader.load(BuiltinRuleset.files).ruleset!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Every encoding in turn, so that each decoder sees every input.
    for forced in [nil] + TextEncoding.allCases.map(Optional.some) {
        guard case .success(let decoded) = TextEncoding.decode(bytes, forcing: forced, path: "fuzz.csv", lineBreaks: .csv) else { continue }
        if forced == nil, decoded.encoding == .utf8, decoded.utf8 != bytes, !bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            fatalError("UTF-8 input changed by decoding")
        }
        guard String(validating: decoded.utf8, as: UTF8.self) != nil else {
            fatalError("the decoder produced invalid UTF-8")
        }
        guard case .success(let table) = CSVReader.read(decoded.utf8, path: "fuzz.csv") else { continue }
        for record in table.records {
            for field in record.fields where field.mark.line < 1 || field.mark.column < 1 {
                fatalError("a field without a place")
            }
        }
        if MetricsCSVLoader.isMetricsHeader(table.header) {
            _ = MetricsCSVLoader.load(table, path: "fuzz.csv", ruleset: ruleset)
        } else {
            _ = SchoolRowsCSV.read(table, path: "fuzz.csv")
        }
    }
    return 0
}
