import CrisisDashboard
import Foundation
import IncidentModel
import Testing

/// The loop keeps one view for hours and the view remembers laid-out entries between frames. What it draws
/// must never depend on that memory: after new entries, resizes and the incident running past midnight, it
/// draws exactly what a view made for that one frame draws.
@Suite struct LongLivedViewTests {
    @Test func aViewKeptAcrossFramesDrawsWhatAFreshViewDraws() throws {
        let kept = DashboardView(display: Fixture.display)
        var log = Fixture.quietLog()
        var state = try Fixture.state(log, minute: 12, width: 120, height: 40)
        func check(_ moment: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let fresh = DashboardView(display: Fixture.display).render(state)
            #expect(kept.render(state) == fresh, "\(moment)", sourceLocation: sourceLocation)
        }
        check("first frame")
        var sequence = log.events.count
        for minute in stride(from: 13.0, through: 40, by: 1) {
            sequence += 1
            log.add(minute, "ana", .note(text: "step \(sequence): moved another slice of EU traffic to us-east"))
            _ = state.update(.storeEvents([log.events.last!]))
            _ = state.update(.tick(log.at(minute)))
            check("after entry \(sequence)")
        }
        _ = state.update(.resize(width: 80, height: 24))
        check("narrower")
        _ = state.update(.resize(width: 200, height: 60))
        check("wider")
        // Past midnight every entry's time gains its date: lines laid out before must not be reused.
        _ = state.update(.tick(log.at(16 * 60)))
        check("the next day")
        _ = state.update(.key(.pageUp))
        check("scrolled back")
    }
}
