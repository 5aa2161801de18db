import Foundation
import Testing
@testable import EduCheckCore

/// Keeps the gz-2025 ruleset honest: it loads clean, says exactly what SPEC 7 lists, quotes its
/// source verbatim, and its own cases pass.
@Suite("The built-in gz-2025 ruleset")
struct BuiltinRulesetTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Rules/gz-2025").path

    static let files: RulesetFiles = {
        guard case .success(let files) = InputCollector.rulesetFiles(at: folder) else { return RulesetFiles(origin: folder, files: [:]) }
        return files
    }()

    static let loaded = RulesetLoader.load(files)

    /// The fixed rule ids of SPEC 7 (other tools and reports refer to them), plus the
    /// consistency check SPEC 7 asks the ruleset to ship.
    static let specRuleIDs: Set<String> = [
        "ideology-demo-micro-lessons", "ideology-curriculum-cases", "mental-health-hotline", "class-teacher-b-certificate",
        "secondary-mentor-system", "fitness-good-rate", "sports-team-programmes", "arts-team-programmes",
        "family-school-alliance", "preschool-benefit-district", "balanced-compulsory-district", "disabled-children-enrolment",
        "high-school-plan-growth", "new-public-places", "long-programme-industries", "vocational-bachelor",
        "vocational-conditions", "tech-transfer-subcentres", "international-window-schools", "new-dse-centres",
        "sister-school-pairs", "backbone-teacher-coverage", "visitor-booking-system", "safety-command-centre",
        "primary-ideology-teachers", "secondary-ideology-teachers", "psych-teacher-staffing", "psych-counselling-rooms",
        "campus-security-guards", "campus-security-closed", "campus-security-alarm", "campus-security-posts",
        "food-safety-incidents", "priority-schools-in-groups",
    ]

    @Test("loads with no diagnostics at all")
    func loadsClean() throws {
        #expect(Self.loaded.diagnostics.map { "\($0.location.map(\.description) ?? "-") [\($0.code)] \($0.message.en)" } == [])
        #expect(Self.loaded.ruleset != nil)
    }

    @Test("has exactly the 34 rules of SPEC 7 and the rate consistency check")
    func ruleIDs() throws {
        let ruleset = try #require(Self.loaded.ruleset)
        #expect(ruleset.rules.count == Self.specRuleIDs.count + 1)
        #expect(Set(ruleset.rules.map(\.id)).subtracting(["vocational-standard-rate-consistency"]) == Self.specRuleIDs)
    }

    @Test("every quote appears verbatim in the shipped source text")
    func quotesAreVerbatim() throws {
        let ruleset = try #require(Self.loaded.ruleset)
        let text = try #require(ruleset.document.text)
        for rule in ruleset.rules {
            #expect(text.contains(rule.source.quote), "\(rule.id): quote not found in source.txt: \(rule.source.quote)")
        }
    }

    @Test("every metric is used by some rule, and every rule's metrics exist")
    func metricsAreUsed() throws {
        let ruleset = try #require(Self.loaded.ruleset)
        let used = Set(ruleset.rules.flatMap(\.measure.metricIDs))
        let declared = Set(ruleset.metrics.map(\.id))
        #expect(used.subtracting(declared).isEmpty)
        #expect(declared.subtracting(used).sorted() == [])
    }

    /// SPEC 7's warnings, plus family-school-alliance: SPEC 7 lists it as an error, but its quote
    /// says 推动 (“推动建设11个区+N个镇街家校社协同育人“教联体””), which SPEC 2 and the ruleset issue
    /// define as an aspiration. We follow the wording; the issue note says why.
    static let warnings: Set<String> = [
        "sports-team-programmes", "arts-team-programmes", "preschool-benefit-district", "balanced-compulsory-district",
        "high-school-plan-growth", "vocational-bachelor", "new-dse-centres", "family-school-alliance",
    ]

    @Test("severities: SPEC 7's warnings, and every quote saying 力争 or 推动 is a warning")
    func severities() throws {
        let ruleset = try #require(Self.loaded.ruleset)
        for rule in ruleset.rules {
            #expect((rule.severity == .warning) == Self.warnings.contains(rule.id), "\(rule.id)")
            if rule.source.quote.contains("力争") || rule.source.quote.contains("推动") {
                #expect(rule.severity == .warning, "\(rule.id)")
            }
        }
    }

    @Test("the comparator follows the quote's statutory wording next to its number (Civil Code art. 1259)")
    func comparatorsFollowWording() throws {
        let ruleset = try #require(Self.loaded.ruleset)
        for rule in ruleset.rules {
            guard let target = rule.target else { continue }
            let quote = rule.source.quote
            if quote.contains(/超过\s*[0-9]/) { #expect(target.comparator == .greaterThan, "\(rule.id)") }
            if quote.contains(/[0-9%个所对]以上/) || quote.contains(/不(低|少)于\s*[0-9]/) {
                #expect(target.comparator == .atLeast, "\(rule.id)")
            }
            if quote.contains(/全员|配齐|全覆盖/), case .number(let value, true) = target.value {
                #expect(target.comparator == .equal && value == Rational(1), "\(rule.id)")
            }
        }
    }

    @Test("the copy compiled into the binary is the Rules folder, byte for byte")
    func builtinMatchesRulesFolder() {
        let builtin = BuiltinRuleset.files.files
        #expect(builtin.keys.sorted() == Self.files.files.keys.sorted(), "run python3 Scripts/embed-ruleset.py")
        #expect(builtin == Self.files.files, "run python3 Scripts/embed-ruleset.py")
        // The digest stored at embedding time is the one the files give.
        #expect(BuiltinRuleset.files.sha256 == RulesetFiles.digest(of: builtin))
        #expect(BuiltinRuleset.files.sha256 == Self.files.sha256)
    }

    @Test("without its cases, the built-in ruleset is every other file, unchanged, under the same digest")
    func builtinWithoutCases() {
        let all = BuiltinRuleset.files
        let checking = BuiltinRuleset.files(includingCases: false)
        #expect(checking.files == all.files.filter { !$0.key.hasPrefix("cases/") })
        #expect(checking.files.keys.contains("rules/02-basic-education.yaml"))
        #expect(all.files.keys.contains { $0.hasPrefix("cases/") })
        #expect(checking.sha256 == all.sha256)
        #expect(checking.origin == all.origin)
    }

    static let cases: [RulesetCase] = {
        guard let ruleset = loaded.ruleset else { return [] }
        return RulesetCase.load(from: files, ruleset: ruleset).cases
    }()

    @Test("every rule has cases that pass, fail and lack data")
    func everyRuleHasCases() throws {
        let ruleset = try #require(Self.loaded.ruleset)
        let casesByRule = Dictionary(grouping: Self.cases.flatMap(\.expectations), by: \.rule)
        for rule in ruleset.rules {
            let statuses = Set((casesByRule[rule.id] ?? []).map(\.status))
            #expect(statuses.isSuperset(of: [.pass, .fail, .missing]), "\(rule.id) has \(statuses.map(\.rawValue).sorted())")
        }
    }

    @Test("the ruleset's cases read cleanly")
    func casesReadCleanly() throws {
        let ruleset = try #require(Self.loaded.ruleset)
        let diagnostics = RulesetCase.load(from: Self.files, ruleset: ruleset).diagnostics
        #expect(diagnostics.map { "\($0.location.map(\.description) ?? "-") [\($0.code)] \($0.message.en)" } == [])
        #expect(Self.cases.count >= 100)
    }

    @Test("each case yields its expected statuses", arguments: cases)
    func caseHolds(_ ruleCase: RulesetCase) throws {
        let ruleset = try #require(Self.loaded.ruleset)
        let failures = ruleCase.run(on: ruleset)
        #expect(failures.map { "\($0.expectation.location): \($0.message.en)" } == [])
    }
}

extension RulesetCase: CustomTestStringConvertible {
    public var testDescription: String {
        path.components(separatedBy: "/cases/").last ?? path
    }
}
