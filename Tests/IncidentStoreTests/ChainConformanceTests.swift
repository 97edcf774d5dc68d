import CrisisTestSupport
import Foundation
import IncidentModel
import IncidentStore
import Testing

/// The hash chain on every store: each append is linked by the store itself, and every way of rewriting the
/// log behind crisis's back is named by the verifier, or caught by a head someone kept.
@Suite("The log's hash chain")
struct ChainConformanceTests {
    /// An incident of six events: the opening and five notes.
    private func sixEvents(_ store: any IncidentStore) async throws -> IncidentID {
        let id = try await store.openIncident(author: "ic", payloads: [.opened(title: "Checkout fails", severity: .sev2, customer: "Acme", cadence: nil)])[0].incident
        for n in 2...6 {
            _ = try await store.append(EventDraft(incident: id, author: n == 4 ? "bo" : "ana", payload: .note(text: "note \(n)")))
        }
        return id
    }

    @Test(arguments: StoreKind.available)
    func everyAppendIsLinkedByTheStore(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        defer { withExtendedLifetime(fixture) {} }
        let store = try await fixture.open()
        let id = try await sixEvents(store)
        let events = try await store.events(of: id, after: 0)
        let links = try await store.chain(of: id, after: 0)
        #expect(links.count == 6)
        #expect(links[0].previous == "")
        for index in 1..<links.count {
            #expect(links[index].previous == links[index - 1].hash, "event \(index + 1) links to the one before")
        }
        #expect(events.map(\.hash) == links.map { Optional($0.hash) }, "events carry the hashes the chain holds")
        let identities = Set(events.compactMap(\.identity))
        #expect(identities.count == 1, "one writer, one identity: \(identities)")
        if kind == .postgres { #expect(identities == ["crisis"], "the database role") }
        let report = ChainVerifier.verify(links, incident: id)
        #expect(report.isIntact && report.head == ChainHead(events.last!))
        #expect(try await store.incident(id).chainHead == report.head)

        // A writer behind crisis's back: PostgreSQL's trigger links the row itself; SQLite refuses a row without.
        let json = try EventCoding.encode(.note(text: "by hand")).replacingOccurrences(of: "'", with: "''")
        switch kind {
        case .postgres:
            #expect(try fixture.rawSQL("INSERT INTO crisis_event (incident, seq, recorded_at, author, role, kind, payload, prev_hash, hash) VALUES (\(id.number), 7, now(), 'sql', 'forged', 'note', '\(json)', 'x', 'y')") == nil)
            let after = try await store.chain(of: id, after: 0)
            #expect(ChainVerifier.verify(after, incident: id).isIntact, "the server computed the link, not the writer")
            #expect(after.last?.identity == "crisis", "the role is the server's, not the one written")
        case .sqlite:
            let refused = try fixture.rawSQL("INSERT INTO event (incident, seq, recorded_at, author, kind, payload) VALUES (\(id.number), 7, 0, 'sql', 'note', '\(json)')")
            #expect(refused?.contains("hash-chained") == true, "\(refused ?? "accepted")")
        }
        await store.close()
    }

    /// Each shape of rewrite, what the verifier must say, and which kept heads still hold.
    enum Rewrite: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case payloadChanged, timeChanged, authorChanged, deletedAndShifted, twoSwapped, insertedAndRechained, tailCut
        var testDescription: String { rawValue }

        func apply(to links: [ChainLink]) -> [ChainLink] {
            var links = links
            switch self {
            case .payloadChanged:
                links[2] = ChainRewrite.changing(links[2], payload: links[2].payload.replacingOccurrences(of: "note 3", with: "all fine"))
            case .timeChanged:
                links[2] = ChainRewrite.changing(links[2], milliseconds: links[2].recordedMilliseconds - 3_600_000)
            case .authorChanged:
                links[2] = ChainRewrite.changing(links[2], author: "someone else")
            case .deletedAndShifted:
                links.remove(at: 2)
                links = ChainRewrite.renumbered(links)
            case .twoSwapped:
                links.swapAt(2, 3)
                links = ChainRewrite.renumbered(links)
            case .insertedAndRechained:
                let inserted = ChainRewrite.changing(links[2], payload: #"{"kind":"note","text":"we warned them"}"#)
                links.insert(inserted, at: 2)
                links = ChainRewrite.rechained(links)
            case .tailCut:
                links.removeLast(2)
            }
            return links
        }

        /// Where the verifier must find the first break, and words its reason must hold; nil for a rewrite
        /// that leaves a consistent chain, which only a kept head catches.
        var expectedBreak: (sequence: Int, words: String)? {
            switch self {
            case .payloadChanged, .authorChanged: (3, "was changed after it was written")
            case .timeChanged: (3, "the time was changed")
            case .deletedAndShifted: (3, "was recorded as event 4")
            case .twoSwapped: (3, "was recorded as event 4")
            case .insertedAndRechained, .tailCut: nil
            }
        }
    }

    static var rewriteCases: [(StoreKind, Rewrite)] {
        StoreKind.available.flatMap { kind in Rewrite.allCases.map { (kind, $0) } }
    }

    @Test(arguments: rewriteCases)
    func eachRewriteIsNamedOrCaughtByAKeptHead(kind: StoreKind, rewrite: Rewrite) async throws {
        let fixture = try StoreFixture(kind)
        defer { withExtendedLifetime(fixture) {} }
        let store = try await fixture.open()
        let id = try await sixEvents(store)
        let original = try await store.chain(of: id, after: 0)
        // Heads handed out earlier: after event 2 (before every rewrite below) and after the last event.
        let early = try #require(ChainWitness(parsing: original[1].head.witness))
        let last = try #require(ChainWitness(parsing: original[5].head.witness))
        try ChainRewrite.write(rewrite.apply(to: original), of: id, into: fixture)

        let report = ChainVerifier.verify(try await store.chain(of: id, after: 0), incident: id, witnesses: [early, last])
        #expect(!report.isIntact, "\(rewrite) went unnoticed")
        if let expected = rewrite.expectedBreak {
            let found = try #require(report.firstBreak, "\(rewrite) left a chain that verifies")
            #expect(found.sequence == expected.sequence, "\(found)")
            #expect(found.problem.contains(expected.words), "\(found.problem)")
        } else {
            #expect(report.firstBreak == nil, "a rewrite that covered its tracks verifies on its own")
        }
        #expect(report.witnesses[0].holds, "the log up to event 2 was not touched")
        #expect(!report.witnesses[1].holds, "the head kept after event 6 no longer holds after \(rewrite)")
        await store.close()
    }
}

extension ChainConformanceTests {
    /// Several incidents import in one transaction: one whose number is taken, or one link that does not match,
    /// and none of them is written.
    @Test(arguments: StoreKind.available)
    func anImportIsAllOrNothing(kind: StoreKind) async throws {
        let source = try StoreFixture(.sqlite)
        let target = try StoreFixture(kind)
        defer { withExtendedLifetime((source, target)) {} }
        let from = try await source.open()
        var ids: [IncidentID] = []
        for _ in 1...3 { ids.append(try await sixEvents(from)) }
        var links: [[ChainLink]] = []
        for id in ids { links.append(try await from.chain(of: id, after: 0)) }
        let to = try await target.open()
        // The target has an INC-1 and an INC-2 of its own already: INC-3 would go in, INC-2 cannot.
        for title in ["one", "two"] {
            _ = try await to.openIncident(author: "x", payloads: [.opened(title: title, severity: .sev4, customer: nil, cadence: nil)])
        }
        await #expect(throws: StoreError.incidentExists(ids[1])) { try await to.importChains([links[2], links[1]]) }
        #expect(try await to.incidentNumbers() == [IncidentID(1), IncidentID(2)], "INC-3 went with the refused INC-2")

        // Into an empty store, all come over with their heads.
        let empty = try StoreFixture(kind)
        defer { withExtendedLifetime(empty) {} }
        let fresh = try await empty.open()
        try await fresh.importChains(links)
        for (index, id) in ids.enumerated() {
            #expect(try await fresh.chain(of: id, after: 0) == links[index])
        }
        await from.close(); await to.close(); await fresh.close()
    }
}
