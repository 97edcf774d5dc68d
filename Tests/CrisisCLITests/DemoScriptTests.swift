import CrisisTestSupport
@testable import crisis
import Foundation
import IncidentModel
import IncidentStore
import Testing

/// Issue 11: the demo told its story at "09:12 UTC" whatever the clock said, showed off Unicode in an entry,
/// and after its script went OVERDUE for good, which a newcomer reads as a bug. Here an hour of the demo
/// run on a manual clock against a real SQLite store.
@Suite struct DemoScriptTests {
    private let start = Timestamp.parseISO8601("2026-11-23T06:11:00Z")!

    @Test func theDemoKeepsItsPromisesExceptTheOneLateOnPurpose() async throws {
        let directory = try TemporaryDirectory()
        let clock = ManualClock(start)
        let store = try SQLiteIncidentStore(path: directory.path("demo.db"), create: true, clock: clock)
        let script = try DemoScript(pace: 4, store: store, clock: clock, timeZone: TimeZone(identifier: "UTC")!)
        let id = try await script.open()
        let steps = script.engineerSteps()
        var worstLateness: TimeInterval = 0
        for number in 0..<(3600 / 4) {
            clock.advance(by: 4)
            await script.step(number, of: steps, incident: id)
            let incident = try await store.incident(id)
            if let countdown = incident.nextUpdateCountdown(now: clock.now) {
                worstLateness = max(worstLateness, -countdown.remaining)
            }
        }
        let incident = try await store.incident(id)
        let promises = incident.updatePromises(now: clock.now).filter(\.isSettled)
        #expect(promises.count >= 25, "a briefing before every two-minute promise")
        let missed = promises.enumerated().filter { $0.element.outcome == .missed }.map(\.offset)
        // The first promise is the opening's; briefing n settles promise n-1: every fourth briefing is late.
        #expect(missed == Array(stride(from: 2, to: promises.count, by: 4)))
        #expect(worstLateness <= script.margin + 4, "late on purpose by about the margin, never for good")
        let everything = try await store.events(of: id, after: 0)
        let texts = everything.map { EventDescription(incident: incident, display: TimeDisplay(timeZone: .gmt)).describe($0) }
        #expect(!texts.contains { $0.contains("09:12") || $0.contains("09:10") }, "times are relative to now")
        #expect(texts.contains { $0.contains("since 06:04") })
        #expect(!texts.contains { $0.unicodeScalars.contains { $0.value > 0x2000 && $0.properties.isEmojiPresentation } })
        #expect(everything.count > steps.count + 100, "the engineer keeps reporting")
        #expect(incident.openDeadlines.isEmpty, "every deadline is met, none left overdue")
        #expect(incident.status == .monitoring)
        // The demo shows a well-run incident: both channels have their lead, so nothing flags a missing one.
        #expect(incident.lead(.comms)?.name == "Marc Weber" && incident.lead(.tech)?.name == "Ana Lima")
        #expect(!incident.disciplineFlags(now: clock.now).contains(.noCommsLead))
    }
}
