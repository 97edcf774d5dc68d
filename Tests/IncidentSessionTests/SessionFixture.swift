import CrisisTestSupport
import Foundation
import IncidentModel
import IncidentSession
import IncidentStore
import Synchronization
import Testing

/// The stores the session's tests run on: PostgreSQL too when this machine has a server for the tests.
enum SessionStoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static var available: [SessionStoreKind] { PostgresTestServer.isAvailable ? allCases : [.sqlite] }
}

/// A fresh store with one open incident, and a directory for the person's outbox.
struct SessionFixture: Sendable {
    let directory: TemporaryDirectory
    let address: String
    let incident: IncidentID

    init(_ kind: SessionStoreKind) async throws {
        directory = try TemporaryDirectory()
        switch kind {
        case .sqlite: address = directory.path("crisis.db")
        case .postgres: address = try PostgresTestServer.shared.get().freshDatabase()
        }
        let store = try await StoreAddress.resolve(option: address, environment: [:]).open(create: true, environment: [:])
        let opening = try Command.open(title: "Checkout down", severity: 2, customer: nil, owner: nil, phone: nil,
                                       cadence: nil)
        incident = try await store.openIncident(author: "dana", payloads: try opening.openingPayloads())[0].incident
        await store.close()
    }

    /// A connection of its own, as another process would have.
    func open() async throws -> any IncidentStore {
        try await StoreAddress.resolve(option: address, environment: [:]).open(create: true, environment: [:])
    }

    var outbox: Outbox { Outbox(path: directory.path("outbox.jsonl")) }

    func session(_ store: any IncidentStore, author: String = "ana", queues: Bool = true,
                 notices: @escaping @Sendable (SessionNotice) -> Void = { _ in }) throws -> IncidentSession {
        try IncidentSession(store: store, author: author, outbox: outbox, queuesWhenOffline: queues, notices: notices)
    }

    /// The texts of the incident's notes, in log order.
    func notes(in store: any IncidentStore) async throws -> [String] {
        try await store.events(of: incident, after: 0).compactMap { event in
            if case .note(let text) = event.payload { return text }
            return nil
        }
    }
}

/// Collects what arrives from other threads, for a test to look at.
final class Collected<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])

    func append(_ item: Element) { items.withLock { $0.append(item) } }
    var all: [Element] { items.withLock { $0 } }
}
