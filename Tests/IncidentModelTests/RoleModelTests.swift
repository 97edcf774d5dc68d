import Foundation
import Testing
@testable import IncidentModel

/// The two leads beside the owner (behavior 5): handoffs kept on record, a SEV1/SEV2 without someone briefing
/// the customer flagged, and every lead in the debrief.
@Suite struct RoleModelTests {
    let opened = Date(timeIntervalSince1970: 1_800_000_000)
    let id = IncidentID(4)

    private func minutes(_ m: Double) -> Date { opened.addingTimeInterval(m * 60) }

    private func log(_ payloads: [(Double, String, EventPayload)], severity: Severity = .sev1) -> [Event] {
        var events = [Event(incident: id, sequence: 1, recordedAt: opened, author: "dana",
                            payload: .opened(title: "Checkout down", severity: severity, customer: "Acme", cadence: nil))]
        for (offset, (minute, author, payload)) in payloads.enumerated() {
            events.append(Event(incident: id, sequence: offset + 2, recordedAt: minutes(minute), author: author, payload: payload))
        }
        return events
    }

    @Test func eachRoleKeepsItsHandoffs() throws {
        let events = log([
            (1, "dana", .role(.comms, name: "Marc", phone: "+1 555 0101")),
            (2, "dana", .role(.tech, name: "Ana", phone: nil)),
            (40, "marc", .role(.comms, name: "Lee", phone: "+1 555 0102")),
        ])
        let incident = try Incident(events: events)
        #expect(incident.lead(.comms)?.name == "Lee")
        #expect(incident.lead(.comms)?.author == "marc")
        #expect(incident.lead(.tech)?.name == "Ana")
        #expect(incident.roleHandoffs.map(\.name) == ["Marc", "Ana", "Lee"])
        // The record says who had it before.
        let description = EventDescription(incident: incident, display: TimeDisplay(timeZone: .gmt))
        #expect(description.describe(events[3]) == "communications lead is now Lee, +1 555 0102 (was Marc)")
        #expect(description.describe(events[2]) == "technical lead is now Ana")
    }

    @Test func aSevereIncidentWithNobodyBriefingIsFlagged() throws {
        let bare = try Incident(events: log([(1, "dana", .owner(name: "Dana", phone: "+1 555 0100"))]))
        #expect(bare.disciplineFlags(now: minutes(2)).contains(.noCommsLead))
        #expect(DisciplineFlag.noCommsLead.text == "NO COMMS LEAD")
        let led = try Incident(events: log([(1, "dana", .owner(name: "Dana", phone: "+1 555 0100")),
                                            (2, "dana", .role(.comms, name: "Marc", phone: nil))]))
        #expect(!led.disciplineFlags(now: minutes(3)).contains(.noCommsLead))
        // A technical lead alone does not brief the customer.
        let techOnly = try Incident(events: log([(2, "dana", .role(.tech, name: "Ana", phone: nil))]))
        #expect(techOnly.disciplineFlags(now: minutes(3)).contains(.noCommsLead))
        // SEV3 needs no communications lead.
        #expect(!(try Incident(events: log([], severity: .sev3))).disciplineFlags(now: minutes(1)).contains(.noCommsLead))
    }

    @Test func aRoleEventRoundTripsThroughJSON() throws {
        for payload: EventPayload in [.role(.comms, name: "Marc", phone: "+1 555 0101"), .role(.tech, name: "Ana", phone: nil)] {
            let data = try EventCoding.makeEncoder().encode(payload)
            #expect(try EventCoding.makeDecoder().decode(EventPayload.self, from: data) == payload)
            #expect(String(decoding: data, as: UTF8.self).contains(#""kind":"role""#))
        }
        #expect(EventKind.role.channel == .incident)
    }

    @Test func theDebriefListsEveryLeadAndCountsTheHandoffs() throws {
        let events = log([
            (1, "dana", .owner(name: "Dana", phone: "+1 555 0100")),
            (2, "dana", .role(.comms, name: "Marc", phone: "+1 555 0101")),
            (3, "dana", .role(.tech, name: "Ana", phone: nil)),
            (50, "marc", .role(.comms, name: "Lee", phone: nil)),
        ])
        let debrief = try Debrief(events: events, now: minutes(60), timeZone: .gmt)
        let text = DebriefMarkdown(debrief: debrief, display: TimeDisplay(timeZone: .gmt)).render()
        #expect(text.contains("Communications leads"))
        #expect(text.contains("Marc (+1 555 0101), from"))
        #expect(text.contains("→ Lee, from"))
        #expect(text.contains("Technical lead"))
        #expect(text.contains("Ana, from"))
        #expect(text.contains("Handoffs | 1") || text.contains("Handoffs: 1") || text.contains("**Handoffs** 1") || text.range(of: "Handoffs[^0-9]*1", options: .regularExpression) != nil)
    }

    @Test func theComposerTakesRoleLikeTheCommandLine() throws {
        #expect(try CommandGrammar.parse(line: "/role comms Marc Weber --phone +49 30 1234")
                == .role(.comms, name: "Marc Weber", phone: "+49 30 1234"))
        #expect(try CommandGrammar.parse(line: "/role TECH Ana") == .role(.tech, name: "Ana", phone: nil))
        #expect(throws: CommandError.self) { try CommandGrammar.parse(line: "/role boss Bob") }
        #expect(throws: CommandError.self) { try CommandGrammar.parse(line: "/role comms") }
        #expect(throws: CommandError.self) { try CommandGrammar.parse(line: "/role comms Bob --phone nope") }
    }
}
