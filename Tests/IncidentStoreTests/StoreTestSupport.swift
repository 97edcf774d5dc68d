import Foundation
import IncidentModel
import IncidentStore

/// A fresh directory per test, removed afterwards, so every test starts from real, empty files.
final class TemporaryDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("crisis-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// The names in the directory, sorted: to check that nothing was created beside a file.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }
}

let openedAt = Timestamp.date(milliseconds: 1_795_438_800_123) // 2026-11-23T13:00:00.123Z

func openingPayloads(_ title: String = "Checkout down", severity: Severity = .sev1) -> [EventPayload] {
    [.opened(title: title, severity: severity, customer: "Acme", cadence: nil), .owner(name: "Ana", phone: "555 0100")]
}

/// The StoreError `body` throws, or nil.
func storeError<T>(_ body: () async throws -> T) async -> StoreError? {
    do {
        _ = try await body()
        return nil
    } catch let error as StoreError {
        return error
    } catch {
        return .failed("not a StoreError: \(error)")
    }
}

/// Runs `chattr` (the immutable flag is what stops root, who ignores permission bits); false when it cannot.
@discardableResult
func chattr(_ flag: String, _ path: String) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
    process.arguments = [flag, path]
    process.standardError = FileHandle.nullDevice
    do {
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    } catch {
        return false
    }
}
