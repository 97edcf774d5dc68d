import Foundation
@testable import IncidentModel

/// A three-hour SEV1 played as events at fixed minutes after 13:00Z: briefings kept and missed, a deadline
/// that slips and is then met late, another dropped, a question, a workaround, status changes, parking
/// and closure. Debrief tests read it in Markdown, HTML and SVG.
struct DebriefScript {
    let opened: Date
    private(set) var events: [Event]
    let title: String

    init(title: String = "Checkout failing", opened: Date = iso("2026-11-23T13:00:00Z")) {
        self.title = title
        self.opened = opened
        events = [Event(incident: IncidentID(7), sequence: 1, recordedAt: opened, author: "ic",
                        payload: .opened(title: title, severity: .sev1, customer: "Acme", cadence: nil))]
    }

    func at(_ minutes: Double) -> Date { opened.addingTimeInterval(minutes * 60) }

    mutating func add(_ minutes: Double, _ payload: EventPayload, author: String = "ana") {
        events.append(Event(incident: IncidentID(7), sequence: events.count + 1, recordedAt: at(minutes),
                            author: author, payload: payload))
    }

    /// The full script; `hostile` goes into every kind of text people write.
    static func threeHourSEV1(hostile: String? = nil) -> DebriefScript {
        var s = DebriefScript(title: hostile.map { "Checkout failing \($0)" } ?? "Checkout failing")
        let text = { (plain: String) in hostile.map { "\(plain) \($0)" } ?? plain }
        s.add(2, .owner(name: text("Ana Lima"), phone: "+1 555 0100"), author: "ic")
        s.add(4, .note(text: text("5xx on /pay since 12:58")))
        s.add(8, .briefing(text: text("Payments fail for some shoppers; we are on it"), nextUpdateAt: s.at(30),
                           reason: text("first diagnosis")), author: "am")                            // kept, 12 min early
        s.add(10, .deadlineSet(text: text("find the failing node"), dueAt: s.at(40), owner: "bo"))   // D1
        s.add(12, .question(text: text("Did the 12:55 deploy touch payments?")))                        // Q1
        s.add(35, .briefing(text: "Rollback under way", nextUpdateAt: s.at(60), reason: "rollback"), author: "am") // missed by 5
        s.add(38, .deadlineSlipped(deadline: 1, dueAt: s.at(60), reason: text("logs arrive late")))
        s.add(40, .status(.identified))
        s.add(50, .workaround(text: text("Retry with card on file")))
        s.add(55, .briefing(text: "Workaround shared", nextUpdateAt: s.at(90), reason: "rollback ends"), author: "am") // kept, overlaps
        s.add(65, .deadlineMet(deadline: 1, note: text("db-eu-2")))                                    // 5 min late
        s.add(70, .answer(question: 1, text: text("Yes, the pool size")))
        s.add(72, .deadlineSet(text: "canary rollback", dueAt: s.at(100), owner: nil))                 // D2
        s.add(80, .status(.mitigated))
        s.add(85, .briefing(text: "Mitigated", nextUpdateAt: s.at(130), reason: "watch an hour"), author: "am")
        s.add(95, .deadlineDropped(deadline: 2, note: "not needed"))
        s.add(100, .impact(text: text("1 200 failed payments")), author: "am")
        s.add(110, .parked(text: text("Why did the canary miss it?")))
        s.add(140, .briefing(text: "Stable for an hour", nextUpdateAt: s.at(170), reason: "final check"), author: "am") // missed by 10
        s.add(150, .status(.resolved))
        s.add(160, .confirmed(by: text("Jo at Acme"), note: "all good"), author: "am")
        s.add(170, .closed(unconfirmedReason: nil), author: "ic")
        s.add(175, .followUp(dueAt: s.at(1_440), text: text("call Jo")), author: "am")
        return s
    }

    func debrief(now: Double = 200, timeZone: TimeZone = utc) throws -> Debrief {
        try Debrief(events: events, now: at(now), timeZone: timeZone)
    }

    func markdown(timeZone: TimeZone = utc) throws -> String {
        DebriefMarkdown(debrief: try debrief(timeZone: timeZone), display: TimeDisplay(timeZone: timeZone)).render()
    }

    func html(timeZone: TimeZone = utc) throws -> String {
        DebriefHTML(debrief: try debrief(timeZone: timeZone), display: TimeDisplay(timeZone: timeZone)).render()
    }
}
