#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The ruleset compiled into the binary (`Rules/gz-2025/`), so the tool works from any folder
/// with no `--rules`. The bytes live in `BuiltinRuleset+Files.swift`, which
/// `Scripts/embed-ruleset.py` regenerates; a test fails when it is stale.
public enum BuiltinRuleset {
    public static let id = "gz-2025"

    public static var files: RulesetFiles {
        var files: [String: [UInt8]] = [:]
        for (path, base64) in encodedFiles {
            files[path] = Data(base64Encoded: base64).map { [UInt8]($0) } ?? []
        }
        return RulesetFiles(origin: "builtin:\(id)", files: files, sha256: encodedDigest)
    }
}
