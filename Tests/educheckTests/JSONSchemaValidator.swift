import Foundation

/// Validates files against a JSON Schema with a real, independent validator: Python's
/// `jsonschema` (Draft 2020-12, cross-checked with draft-07, which editors implement), reading
/// YAML with PyYAML's `safe_load`. When either is missing the calling test fails with a message
/// that says what to install; it never passes unchecked.
enum JSONSchemaValidator {
    struct Unavailable: Error, CustomStringConvertible {
        var detail: String
        var description: String {
            "the schema tests need python3 with jsonschema and PyYAML (pip install jsonschema pyyaml): \(detail)"
        }
    }

    private static let script = """
    import json, sys
    try:
        import jsonschema, yaml
        from jsonschema import Draft7Validator, Draft202012Validator
    except ImportError as error:
        print("missing: %s" % error, file=sys.stderr)
        sys.exit(3)

    def load(path):
        with open(path, encoding="utf-8") as handle:
            return json.load(handle) if path.endswith(".json") else yaml.safe_load(handle)

    schema = load(sys.argv[1])
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    # Editors' YAML language server implements draft-07: it must reach the same verdict.
    draft7 = Draft7Validator(schema)
    verdicts = []
    for path in sys.argv[2:]:
        instance = load(path)
        errors = sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])
        verdict = "; ".join("/".join(str(p) for p in e.absolute_path) + ": " + e.message for e in errors[:3]) or None
        if draft7.is_valid(instance) != (verdict is None):
            verdict = "draft-07 and 2020-12 disagree (2020-12: %s)" % (verdict or "valid")
        verdicts.append(verdict)
    print(json.dumps(verdicts))
    """

    /// One verdict per instance, in order: nil when valid, else the first errors. Throws when the
    /// schema itself is not a valid 2020-12 schema or the validator is unavailable.
    static func validate(schema: URL, instances: [URL]) throws -> [String?] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema.path] + instances.map(\.path)
        let output = Pipe()
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("educheck-jsonschema-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        process.standardOutput = output
        process.standardError = errorHandle
        do {
            try process.run()
        } catch {
            throw Unavailable(detail: "cannot run python3: \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errorHandle.close()
        let stderr = String(decoding: (try? Data(contentsOf: errorFile)) ?? Data(), as: UTF8.self)
        switch process.terminationStatus {
        case 0:
            guard let verdicts = try JSONSerialization.jsonObject(with: data) as? [Any] else {
                throw Unavailable(detail: "unexpected output: \(String(decoding: data, as: UTF8.self))")
            }
            return verdicts.map { $0 as? String }
        case 3, 127:
            throw Unavailable(detail: stderr)
        default:
            throw ValidationFailure(message: stderr)
        }
    }

    /// The validator stopped: most often the schema is not a valid JSON Schema.
    struct ValidationFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { "jsonschema failed: \(message)" }
    }
}
