import Foundation
import IncidentModel
import IncidentStore
import Testing

/// The stores every conformance test runs against: the same tests, unchanged, on each.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }
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
            address = try PostgresTestServer.shared.freshDatabase()
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

/// A real PostgreSQL server for the tests: the one `CRISIS_TEST_POSTGRES_URL` names (CI starts it), or one
/// started here through `.ci/start-postgres` on a free loopback port. Each test gets a database of its own.
final class PostgresTestServer: Sendable {
    static let shared = PostgresTestServer()

    /// `postgres://crisis:crisis@127.0.0.1:PORT/crisis`, or why there is none.
    let base: Result<String, TestServerError>

    struct TestServerError: Error, CustomStringConvertible {
        let description: String
    }

    private init() {
        if let url = ProcessInfo.processInfo.environment["CRISIS_TEST_POSTGRES_URL"], !url.isEmpty {
            base = .success(url)
            return
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".ci/start-postgres")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
            let url = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let failure = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            base = process.terminationStatus == 0
                ? .success(url.trimmingCharacters(in: .whitespacesAndNewlines))
                : .failure(TestServerError(description: "cannot start PostgreSQL for the tests: \(failure)"))
        } catch {
            base = .failure(TestServerError(description: "cannot run \(script.path): \(error)"))
        }
    }

    /// Creates an empty database and returns its URL.
    func freshDatabase() throws -> String {
        let url = try base.get()
        let name = "crisis_t_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", "CREATE DATABASE \(name)"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let failure = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestServerError(description: "cannot create a test database: \(failure)")
        }
        guard let slash = url.range(of: "/", options: .backwards) else { return url }
        return String(url[..<slash.lowerBound]) + "/" + name
    }
}
