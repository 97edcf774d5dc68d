// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "crisis",
    products: [
        .library(name: "IncidentModel", targets: ["IncidentModel"]),
        .library(name: "IncidentStore", targets: ["IncidentStore"]),
        .executable(name: "crisis", targets: ["crisis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The incident as a fold of its events, the command grammar, time and countdowns.
        // Foundation only, no I/O: every front end and every store builds on it.
        .target(
            name: "IncidentModel",
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        // Where events live: the store protocol and its SQLite implementation.
        .target(
            name: "IncidentStore",
            dependencies: [
                "IncidentModel",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .executableTarget(
            name: "crisis",
            dependencies: [
                "IncidentModel",
                "IncidentStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(name: "IncidentModelTests", dependencies: ["IncidentModel"]),
        .testTarget(name: "IncidentStoreTests", dependencies: ["IncidentStore", "IncidentModel"]),
        .testTarget(name: "CrisisCLITests", dependencies: ["IncidentModel", "IncidentStore"]),
    ],
    swiftLanguageModes: [.v6]
)
