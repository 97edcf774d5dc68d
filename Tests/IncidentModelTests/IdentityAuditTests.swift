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

    @Test func someoneWritingUnderAnothersNameIsFlagged() {
        let audit = IdentityAudit(events: events([
            ("ana", "ana"), ("ana", "ana"), ("ana", "ana"), ("ana", "ana"), ("ana", "ana"),
            ("bo", "bo"), ("bo", "bo"), ("bo", "bo"), ("bo", "bo"),
            ("ana", "bo"), // bo wrote as ana
        ]))
        #expect(audit.flags.map(\.sequence) == [10])
        #expect(audit.flags.first?.reason == "#10 was written as ana by bo, who otherwise writes as bo")
        #expect(audit.shared.isEmpty && audit.entriesWithIdentity == 10)
        #expect(audit.writers.map(\.name) == ["ana", "bo"] && audit.writers[0].identities == ["ana", "bo"])
    }

    /// The war room's first minutes: a handful of entries, and one written under the commander's name.
    @Test func oneEntryUnderAnothersNameStandsOutAmongAFew() {
        let audit = IdentityAudit(events: events([
            ("dana", "dana"), ("dana", "dana"), ("dana", "dana"), ("ana", "ana"), ("ana", "ana"), ("marc", "marc"),
            ("dana", "ana"),
        ]))
        #expect(audit.flags.map(\.reason) == ["#7 was written as dana by ana, who otherwise writes as ana"])
        #expect(audit.shared.isEmpty)
    }

    @Test func aSharedTeamRoleIsNamedOnceNotFlaggedEntryByEntry() {
        let audit = IdentityAudit(events: events([
            ("ic", "team"), ("ana", "team"), ("bo", "team"), ("ana", "team"), ("bo", "team"), ("ic", "team"),
        ]))
        #expect(audit.flags.isEmpty)
        #expect(audit.shared.map(\.identity) == ["team"] && audit.shared.first?.names == ["ana", "bo", "ic"])
    }

    @Test func eventsWithoutIdentityAreLeftOut() {
        let audit = IdentityAudit(events: events([("ic", nil), ("ana", nil)]))
        #expect(audit.entriesWithIdentity == 0 && audit.flags.isEmpty && audit.writers.isEmpty)
    }
}
