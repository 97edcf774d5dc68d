import Foundation
import IncidentModel
import Testing

/// Names against the identities the store recorded: what the debrief flags.
struct IdentityAuditTests {
    private func events(_ rows: [(author: String, identity: String?)]) -> [Event] {
        rows.enumerated().map { index, row in
            Event(incident: IncidentID(3), sequence: index + 1, recordedAt: Date(timeIntervalSince1970: Double(index)),
                  author: row.author, payload: index == 0 ? .opened(title: "t", severity: .sev2, customer: nil, cadence: nil) : .note(text: "n"),
                  identity: row.identity)
        }
    }

    @Test func aNameWrittenByTwoIdentitiesIsFlaggedWithWhoWroteWhat() {
        let audit = IdentityAudit(events: events([
            ("ana", "ana"), ("ana", "ana"), ("bo", "bo"), ("bo", "bo"), ("ana", "bo"),
        ]))
        #expect(audit.flags.map(\.reason) == ["ana was written by ana (#1, #2) and by bo (#5)"])
        #expect(audit.shared.isEmpty, "bo wrote under a name someone else writes under: that is the flag, not a shared account")
        #expect(audit.writers.map(\.name) == ["ana", "bo"] && audit.writers[0].identities == ["ana", "bo"])
    }

    /// Writing most under a name does not make it yours: the flag states the facts, whoever wrote more.
    @Test func theOneWhoWritesMostUnderANameIsNotTakenForItsOwner() {
        let audit = IdentityAudit(events: events([
            ("ana", "ana"), ("ana", "ana"), ("ana", "bo"), ("ana", "bo"), ("ana", "bo"), ("bo", "bo"),
        ]))
        #expect(audit.flags.map(\.reason) == ["ana was written by ana (#1, #2) and by bo (#3, #4, #5)"])
    }

    @Test func aSharedTeamRoleIsNamedOnceNotFlaggedEntryByEntry() {
        let audit = IdentityAudit(events: events([
            ("ic", "team"), ("ana", "team"), ("bo", "team"), ("ana", "team"), ("bo", "team"), ("ic", "team"),
        ]))
        #expect(audit.flags.isEmpty)
        #expect(audit.shared.map(\.identity) == ["team"] && audit.shared.first?.names == ["ana", "bo", "ic"])
    }

    /// Found in review: crisis's own reminders and receipts, recorded by whichever person's dashboard got there
    /// first, made their OS user "shared" ("root wrote as ana, crisis") or flagged crisis itself.
    @Test func crisissOwnEntriesAreNoPersonsName() {
        var rows = events([("ana", "root"), ("crisis", "root"), ("ana", "root"), ("crisis", "bo"), ("bo", "bo")])
        // Entries 2 and 4 are what crisis records by itself: a receipt and a hook's failure.
        for index in [1, 3] {
            let old = rows[index]
            rows[index] = Event(incident: old.incident, sequence: old.sequence, recordedAt: old.recordedAt, author: old.author,
                                payload: index == 1 ? .hookFailed(hook: "h", status: "exit 1", detail: "")
                                    : .deliveryReceipt(DeliveryReceipt(notice: 1, target: "jane@acme.example", attempt: 1,
                                                                      outcome: .delivered, detail: "ok", retryAt: nil)),
                                identity: old.identity)
        }
        let audit = IdentityAudit(events: rows)
        #expect(audit.flags.isEmpty && audit.shared.isEmpty, "\(audit.flags) \(audit.shared)")
        #expect(audit.writers.map(\.name) == ["ana", "bo"])
        // A person who types `--as crisis` is still audited: the name alone frees nobody from it.
        let posing = IdentityAudit(events: events([("ana", "ana"), ("crisis", "mallory"), ("crisis", "mallory")]))
        #expect(posing.writers.map(\.name) == ["ana", "crisis"])
    }

    @Test func longListsAreCut() {
        let audit = IdentityAudit(events: events([("ic", "ic")] + Array(repeating: ("ic", "mallory"), count: 9)))
        #expect(audit.flags.first?.reason == "ic was written by ic (#1) and by mallory (#2, #3, #4, #5, #6, #7 and 3 more)")
    }

    @Test func eventsWithoutIdentityAreLeftOut() {
        let audit = IdentityAudit(events: events([("ic", nil), ("ana", nil)]))
        #expect(audit.entriesWithIdentity == 0 && audit.flags.isEmpty && audit.writers.isEmpty)
    }
}
