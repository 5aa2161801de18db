// swift-tools-version:6.0
// libFuzzer targets for educheck, kept out of the main package so `swift build` there stays lean.
// Build and run them with Scripts/fuzz.sh, which passes -sanitize=fuzzer,address to every module,
// so the library code is instrumented too. Each target's main starts libFuzzer's driver.
import PackageDescription

let core: [Target.Dependency] = [.product(name: "EduCheckCore", package: "educheck"), "CFuzzer"]
let reports: Target.Dependency = .product(name: "EduCheckReports", package: "educheck")
let settings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "educheck-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "educheck", path: "..")],
    targets: [
        .target(name: "CFuzzer"),
        // The YAML reader and the submission loader over whatever tree it returns.
        .executableTarget(name: "FuzzYAML", dependencies: core, swiftSettings: settings),
        // Encoding detection, the CSV reader and both CSV loaders.
        .executableTarget(name: "FuzzCSV", dependencies: core, swiftSettings: settings),
        // The number grammar, value normalisation and the target grammar.
        .executableTarget(name: "FuzzNumbers", dependencies: core, swiftSettings: settings),
        // The expression parser, and evaluation of what it accepts.
        .executableTarget(name: "FuzzExpression", dependencies: core, swiftSettings: settings),
        // A whole run: one input file checked against the built-in ruleset, the JSON report
        // rendered and required to be valid JSON.
        .executableTarget(name: "FuzzCheck", dependencies: core + [reports], swiftSettings: settings),
    ],
    swiftLanguageModes: [.v6]
)
