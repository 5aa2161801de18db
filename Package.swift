// swift-tools-version:6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// The executable and the tests have no public API, so their imports stay plain.
let executableSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "educheck",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "educheck", targets: ["educheck"]),
        .library(name: "EduCheckCore", targets: ["EduCheckCore"]),
        .library(name: "EduCheckReports", targets: ["EduCheckReports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // libyaml, Debian's libyaml-dev, found through pkg-config.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // SHA-256 compression with the x86 SHA extensions; SHA256.swift falls back to Swift without them.
        .target(name: "CSHA256"),
        .target(
            name: "EduCheckCore",
            dependencies: ["CYAML", "CSHA256"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "EduCheckReports",
            dependencies: ["EduCheckCore"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "educheck",
            dependencies: [
                "EduCheckCore",
                "EduCheckReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: executableSettings
        ),
        .testTarget(
            name: "EduCheckCoreTests",
            dependencies: ["EduCheckCore"],
            swiftSettings: executableSettings
        ),
        .testTarget(
            name: "EduCheckReportsTests",
            dependencies: ["EduCheckReports", "EduCheckCore"],
            exclude: ["Fixtures", "Golden"],
            swiftSettings: executableSettings
        ),
        .testTarget(
            name: "educheckTests",
            // Depending on the executable makes `swift test` build it; the tests run it as a user would.
            dependencies: ["EduCheckCore", "educheck"],
            swiftSettings: executableSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
