import Foundation
import IncidentModel
import CrisisTestSupport
import IncidentStore
import Testing

/// The stores every conformance test runs against: the same tests, unchanged, on each.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// The stores this machine can run: PostgreSQL only with a server to use (`PostgresTestServer.isAvailable`).
    /// Without one, `StoreConformanceTests.postgresqlIsThere` reports the PostgreSQL runs skipped.
    static var available: [StoreKind] { PostgresTestServer.isAvailable ? allCases : [.sqlite] }
}

/// A fresh, empty store of one kind for one test: a new SQLite file, or a new database on the test server.
final class StoreFixture: Sendable {
    let kind: StoreKind
    /// What `--db` would be for this store.
    let address: String
    private let directory: TemporaryDirectory

    init(_ kind: StoreKind) throws {
        self.kind = kind
        directory = try TemporaryDirectory()
        switch kind {
        case .sqlite:
            address = directory.path("crisis.db")
        case .postgres:
            address = try PostgresTestServer.shared.get().freshDatabase()
        }
    }

    /// Opens a store on the fixture's database; several can be open at once, like several processes.
    func open() async throws -> any IncidentStore {
        try await StoreAddress.resolve(option: address, environment: [:])
            .open(create: true, environment: [:])
    }

    /// Runs SQL behind crisis's back, the way a curious or careless person with a SQL client would.
    /// Returns nil on success, or the database's error message.
    func rawSQL(_ sql: String) throws -> String? {
        let process = Process()
        switch kind {
        case .sqlite:
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = ["-bail", address, sql]
        case .postgres:
            process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
            process.arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", address, "-c", sql]
        }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : message
    }

    /// One value from a query run behind crisis's back.
    func rawValue(_ sql: String) throws -> String {
        let process = Process()
        switch kind {
        case .sqlite:
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [address, sql]
        case .postgres:
            process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
            process.arguments = ["-X", "-q", "-t", "-A", address, "-c", sql]
        }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
