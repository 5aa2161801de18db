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

    /// Every file of the ruleset, its cases included.
    public static var files: RulesetFiles {
        files(includingCases: true)
    }

    /// The ruleset's files, with or without its cases (`cases/`, which only `rules test` reads:
    /// 308 of its 319 files, and the two thirds of its bytes whose decoding every `check` of one
    /// file paid for). The digest is the whole ruleset's either way.
    public static func files(includingCases: Bool) -> RulesetFiles {
        var files: [String: [UInt8]] = [:]
        for (path, base64) in encodedFiles where includingCases || !path.hasPrefix("cases/") {
            files[path] = Data(base64Encoded: base64).map { [UInt8]($0) } ?? []
        }
        return RulesetFiles(origin: "builtin:\(id)", files: files, sha256: encodedDigest)
    }
}
