import EduCheckCore

let ruleset = RulesetLoader.load(BuiltinRuleset.files).ruleset!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let read = YAMLReader.read(bytes, path: "fuzz.yaml")
    for diagnostic in read.diagnostics {
        guard let location = diagnostic.location, location.line >= 1, location.column >= 1 else {
            fatalError("a YAML diagnostic without a place: \(diagnostic)")
        }
    }
    if let root = read.root, SubmissionLoader.looksLikeSubmission(root) {
        _ = SubmissionLoader.read(root, path: "fuzz.yaml", ruleset: ruleset)
    }
    return 0
}
