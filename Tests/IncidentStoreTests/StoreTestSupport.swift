import Foundation
import IncidentModel
import IncidentStore
import CrisisTestSupport

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
