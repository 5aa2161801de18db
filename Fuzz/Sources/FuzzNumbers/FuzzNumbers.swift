import EduCheckCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNumbers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if case .success(let parsed) = NumberSyntax.parseResult(text) {
        // What the grammar accepts, it accepts again from its own digits.
        guard NumberSyntax.parse(text) == parsed else { fatalError("parse and parseResult disagree on \(text)") }
    }
    for kind in [Metric.Kind.count, .amount, .rate, .flag, .text] {
        let parsed = ValueParser.parse(text, kind: kind, what: "x")
        if case .invalid = parsed.content, !parsed.diagnostics.contains(where: { $0.severity == .error }) {
            fatalError("an invalid value without an error: \(text)")
        }
    }
    _ = Target.parse(text)
    return 0
}
