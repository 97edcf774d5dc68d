import CrisisTestSupport
import Foundation
@testable import IncidentStore
import IncidentModel
import Testing

/// "Posted" means on disk: every commit of an append is fsynced, whatever the connection library defaults to.
@Suite struct SQLiteDurabilityTests {
    @Test(arguments: [true, false])
    func appendsCommitWithAFullSync(newFile: Bool) async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("crisis.db")
        if !newFile { _ = try SQLiteIncidentStore(path: path, create: true) }
        let store = try SQLiteIncidentStore(path: path, create: true)
        _ = try await store.openIncident(author: "ic", payloads: [.opened(title: "t", severity: .sev2, customer: nil, cadence: nil)])
        // 2 is FULL: in WAL mode, NORMAL (1) syncs only at checkpoints and loses the last posts on power loss.
        #expect(try store.writerSynchronous() == 2)
    }
}
