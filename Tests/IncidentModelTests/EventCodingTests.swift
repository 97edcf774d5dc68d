import Foundation
import IncidentModel
import Testing

@Suite("Event coding")
struct EventCodingTests {
    @Test("every payload survives JSON", arguments: EventKind.allCases)
    func payloadRoundTrip(kind: EventKind) throws {
        let payload = samplePayload(kind)
        #expect(payload.kind == kind)
        let json = try EventCoding.encode(payload)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == kind.rawValue)
        #expect(try EventCoding.decodePayload(json) == payload)
    }

    @Test func optionalFieldsMayBeAbsent() throws {
        let bare: [EventPayload] = [
            .opened(title: "t", severity: .sev3, customer: nil, cadence: nil),
            .briefing(text: "b", nextUpdateAt: iso("2026-11-23T14:00:00.001Z"), reason: nil),
            .deadlineSet(text: "d", dueAt: iso("2026-11-23T14:00:00.999Z"), owner: nil),
            .deadlineMet(deadline: 2, note: nil),
        ]
        for payload in bare {
            let json = try EventCoding.encode(payload)
            #expect(!json.contains("null"), "\(json)")
            #expect(try EventCoding.decodePayload(json) == payload)
        }
    }

    @Test func theJSONFormIsStable() throws {
        let json = try EventCoding.encode(.deadlineSet(text: "check / lag", dueAt: iso("2026-11-23T14:00:00.007Z"), owner: "Bo"))
        #expect(json == #"{"dueAt":"2026-11-23T14:00:00.007Z","kind":"deadline-set","owner":"Bo","text":"check / lag"}"#)
        #expect(try EventCoding.encode(.status(.mitigated)) == #"{"kind":"status","status":"mitigated"}"#)
        #expect(try EventCoding.encode(.opened(title: "t", severity: .sev1, customer: nil, cadence: 600))
            == #"{"cadence":600,"kind":"opened","severity":1,"title":"t"}"#)
    }

    @Test func textIsKeptFaithfully() throws {
        let text = "esc \u{1B}[31m nul \u{0} bidi \u{202E} emoji 🚨 \"quoted\" back\\slash\nline"
        let payload = EventPayload.note(text: text)
        #expect(try EventCoding.decodePayload(EventCoding.encode(payload)) == payload)
    }

    @Test func eventIsOneFlatObject() throws {
        let event = Event(incident: IncidentID(12), sequence: 4, recordedAt: iso("2026-11-23T14:05:09.123Z"),
                          author: "ana", payload: .answer(question: 2, text: "yes"))
        let data = try EventCoding.makeEncoder().encode(event)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["incident"] as? String == "INC-12")
        #expect(object["sequence"] as? Int == 4)
        #expect(object["recordedAt"] as? String == "2026-11-23T14:05:09.123Z")
        #expect(object["kind"] as? String == "answer")
        #expect(object["question"] as? Int == 2)
        #expect(try EventCoding.makeDecoder().decode(Event.self, from: data) == event)
    }

    @Test func unknownKindIsAnError() {
        #expect(throws: DecodingError.self) { try EventCoding.decodePayload(#"{"kind":"telepathy","text":"x"}"#) }
        #expect(throws: DecodingError.self) { try EventCoding.decodePayload(#"{"kind":"note"}"#) }
        #expect(throws: DecodingError.self) {
            try EventCoding.decodePayload(#"{"kind":"briefing","text":"x","nextUpdateAt":"tomorrow"}"#)
        }
    }

    @Test func kindsAndChannels() {
        #expect(Set(EventKind.allCases.map(\.rawValue)).count == EventKind.allCases.count)
        #expect(EventKind.note.channel == .technical)
        #expect(EventKind.deadlineSlipped.channel == .technical)
        #expect(EventKind.briefing.channel == .business)
        #expect(EventKind.customerRequest.channel == .business)
        #expect(EventKind.status.channel == .incident)
        #expect(EventKind.parked.channel == .incident)
    }

    @Test func incidentIDs() throws {
        #expect(IncidentID(parsing: "INC-12") == IncidentID(12))
        #expect(IncidentID(parsing: "inc-12") == IncidentID(12))
        #expect(IncidentID(parsing: " 12 ") == IncidentID(12))
        for bad in ["", "INC-", "INC-0", "0", "-3", "INC-1x", "12.0", "INC 12"] {
            #expect(IncidentID(parsing: bad) == nil, "\(bad)")
        }
        #expect(IncidentID(3).description == "INC-3")
        #expect(try JSONDecoder().decode(IncidentID.self, from: Data("5".utf8)) == IncidentID(5))
        #expect(try JSONDecoder().decode(IncidentID.self, from: Data(#""INC-5""#.utf8)) == IncidentID(5))
    }
}
