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
        let schoolRows = SchoolRowsCSV.read(utf8: decoded.utf8, path: "fuzz.csv")
        let parsed = CSVReader.read(decoded.utf8, path: "fuzz.csv")
        guard case .success(let table) = parsed else {
            // Refused as CSV: the school-row reader refuses it too, for the same reason.
            guard case .failure(let syntax) = parsed, case .failure(let refusal) = schoolRows, refusal == syntax else {
                fatalError("school rows read from a file CSVReader refuses, or refused for another reason")
            }
            continue
        }
        for record in table.records {
            for field in record.fields where field.mark.line < 1 || field.mark.column < 1 {
                fatalError("a field without a place")
            }
        }
        if MetricsCSVLoader.isMetricsHeader(table.header) {
            _ = MetricsCSVLoader.load(table, path: "fuzz.csv", ruleset: ruleset)
        } else {
            // Read plain or through the table, the rows and diagnostics are the same.
            let general = SchoolRowsCSV.read(table, path: "fuzz.csv")
            guard case .success(let read) = schoolRows, read.diagnostics == general.diagnostics,
                  cells(read.rows) == cells(general.rows) else {
                fatalError("school rows read from the bytes differ from the table's")
            }
        }
    }
    return 0
}

/// Everything a table holds, one line per cell, for comparing two tables.
func cells(_ table: SchoolTable?) -> [String] {
    guard let table else { return ["no table"] }
    var lines = ["\(table.fieldNames)"]
    for row in table.indices {
        lines.append("\(table.code(row: row)) \(table.name(row: row)) \(table.stage(row: row)) \(table.ownership(row: row)) \(table.location(row: row))")
        for field in table.fieldNames.indices {
            let cell = table.cell(row: row, field: field)
            lines.append("\(String(describing: cell.content)) \(cell.mark.line):\(cell.mark.column)")
        }
    }
    return lines
}
