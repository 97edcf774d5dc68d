// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "crisis",
    products: [
        .library(name: "IncidentModel", targets: ["IncidentModel"]),
        .library(name: "IncidentStore", targets: ["IncidentStore"]),
        .library(name: "IncidentSession", targets: ["IncidentSession"]),
        .library(name: "CrisisDashboard", targets: ["CrisisDashboard"]),
        .library(name: "StatusPage", targets: ["StatusPage"]),
        .executable(name: "crisis", targets: ["crisis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // The incident as a fold of its events, the command grammar, time and countdowns.
        // Foundation only, no I/O: every front end and every store builds on it.
        .target(
            name: "IncidentModel",
            // The coach's word lists are data, compiled into the binary so an installed crisis needs no files.
            resources: [.embedInCode("Coach/coach-rules.json")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        // Where events live: the store protocol, SQLite for one host, PostgreSQL for a team on several.
        .target(
            name: "IncidentStore",
            dependencies: [
                "IncidentModel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        // What leaves the building: mail handed to the host's sendmail and HMAC-signed webhooks, both built from
        // a CustomerNotice (the business channel alone).
        .target(
            name: "CustomerDelivery",
            dependencies: [
                "IncidentModel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        // One person's way to post and follow, for every front end: ordering, the outbox, errors told apart.
        .target(
            name: "IncidentSession",
            dependencies: ["IncidentModel", "IncidentStore", "CustomerDelivery"],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        // The customer's page as data and text: what a customer may see of their incidents (the business
        // channel alone), rendered as HTML, Atom, Statuspage-shaped JSON and Server-Sent Events. No I/O.
        .target(
            name: "StatusPage",
            dependencies: ["IncidentModel", .product(name: "Crypto", package: "swift-crypto")],
            // The page's stylesheet and script, compiled into the binary: a served page needs no files.
            resources: [.embedInCode("Assets/page.css"), .embedInCode("Assets/page.js"), .embedInCode("Assets/favicon.svg")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        // `crisis serve`: the status pages over HTTP (Hummingbird 2), following the store once for every browser.
        .target(
            name: "StatusServer",
            dependencies: [
                "IncidentModel",
                "IncidentStore",
                "IncidentSession",
                "StatusPage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        // The shipped themes, compiled into the binary: themes/*.toml are both what people read and copy,
        // and what the dashboard falls back to when no themes directory is found.
        .target(
            name: "CrisisThemes",
            path: "themes",
            resources: [
                .embedInCode("default.toml"), .embedInCode("high-contrast.toml"),
                .embedInCode("light.toml"), .embedInCode("mono.toml"),
            ]
        ),
        // ncursesw, wrapped for Swift: the wide-character API and the attribute macros Swift cannot import.
        .systemLibrary(
            name: "CNcurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The terminal dashboard: state and update, widgets drawing into an in-memory grid, themes,
        // and the ncurses backend that shows the grid (the only code that touches curses).
        .target(
            name: "CrisisDashboard",
            dependencies: [
                "IncidentModel",
                "IncidentStore",
                "IncidentSession",
                "CustomerDelivery",
                "CNcurses",
                "CrisisThemes",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .executableTarget(
            name: "crisis",
            dependencies: [
                "IncidentModel",
                "IncidentStore",
                "IncidentSession",
                "CrisisDashboard",
                "CustomerDelivery",
                "StatusPage",
                "StatusServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Shell scripts to copy into ~/.config/crisis/hooks, not sources.
            exclude: ["ExampleHooks"],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        // Real servers and files for the tests: a PostgreSQL started on a free port, temporary directories.
        .target(name: "CrisisTestSupport", dependencies: ["IncidentModel", "IncidentStore", "CustomerDelivery"],
                path: "Sources/CrisisTestSupport"),
        .testTarget(name: "IncidentModelTests", dependencies: ["IncidentModel"]),
        .testTarget(
            name: "IncidentStoreTests",
            // GRDB directly: the tests check that the database itself refuses UPDATE, DELETE and gaps.
            dependencies: [
                "IncidentStore", "IncidentModel", "CrisisTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "IncidentSessionTests",
            dependencies: ["IncidentSession", "IncidentStore", "IncidentModel", "CrisisTestSupport"]
        ),
        .testTarget(
            name: "CustomerDeliveryTests",
            // crisis too: the end-to-end test delivers with the built binary, as a team would.
            dependencies: ["CustomerDelivery", "IncidentModel", "CrisisTestSupport", "crisis"],
            // Python helpers the tests run (a mailbox reader, an HTTPS receiver), not sources.
            exclude: ["Support"]
        ),
        .testTarget(
            name: "StatusPageTests",
            dependencies: ["StatusPage", "IncidentModel"]
        ),
        .testTarget(
            name: "StatusServerTests",
            // crisis too: the tests run the built `crisis serve` and post with the built binary, as a team would.
            dependencies: [
                "StatusPage", "IncidentModel", "CrisisTestSupport", "crisis",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(name: "CrisisCLITests", dependencies: ["crisis", "CrisisTestSupport"]),
        .testTarget(
            name: "CrisisDashboardTests",
            // crisis too: the end-to-end test drives the built binary inside tmux.
            dependencies: ["CrisisDashboard", "IncidentModel", "IncidentStore", "crisis", "CrisisTestSupport"],
            exclude: ["__Snapshots__"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
