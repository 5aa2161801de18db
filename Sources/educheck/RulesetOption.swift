import ArgumentParser
import EduCheckCore

/// `--rules DIR`, shared by every command that reads a ruleset; the built-in one otherwise.
struct RulesetOption: ParsableArguments {
    @Option(name: .customLong("rules"), help: "Ruleset folder (default: the built-in gz-2025).")
    var directory: String?

    /// The ruleset's files. The built-in ruleset's cases are decoded only when `cases` (`rules
    /// test`); a ruleset folder is read whole.
    func load(cases: Bool = false) throws -> RulesetFiles {
        guard let directory else { return BuiltinRuleset.files(includingCases: cases) }
        switch InputCollector.rulesetFiles(at: directory) {
        case .success(let files): return files
        case .failure(let diagnostic): throw ValidationError(diagnostic.message.zh + " / " + diagnostic.message.en)
        }
    }
}

extension RulesetOption {
    /// Loads and reads the ruleset; when it cannot be read at all, prints why and exits 2.
    func loadRuleset(language: Language, cases: Bool = false) throws -> (Ruleset, RulesetFiles, [Diagnostic]) {
        let files = try load(cases: cases)
        let loaded = RulesetLoader.load(files)
        guard let ruleset = loaded.ruleset else {
            Console.print(loaded.diagnostics, language: language)
            throw ExitCode(ExitStatus.inputError.rawValue)
        }
        return (ruleset, files, loaded.diagnostics)
    }

    init(directory: String?) {
        self.init()
        self.directory = directory
    }
}
