import Foundation
import IncidentModel
import Testing
@testable import CrisisDashboard

/// The leads on the header and the wall, and a severe incident with nobody briefing the customer.
@Suite struct RoleDashboardTests {
    /// The quiet fixture without its communications lead.
    private func withoutCommsLead() -> Fixture.Log {
        var log = Fixture.Log()
        log.add(1, "dana", .owner(name: "Dana Reyes", phone: "+1 555 0100"))
        log.add(2, "ana", .note(text: "payment API returns 502 for eu-west"))
        return log
    }

    @Test func theHeaderNamesTheLeadsAfterTheOwner() throws {
        var log = Fixture.quietLog()
        log.add(8, "dana", .role(.tech, name: "Ana Lima", phone: nil))
        let state = try Fixture.state(log, minute: 9, width: 120, height: 40)
        let owner = Fixture.render(state).lines[1]
        #expect(owner.contains("Owner Dana Reyes  +1 555 0100  Comms Marc Weber  Tech Ana Lima"), "\(owner)")
        #expect(!owner.contains("NO COMMS"))
    }

    @Test func aSevereIncidentWithNobodyBriefingIsFlaggedOnTheHeaderAndTheWall() throws {
        let screen = try Fixture.state(withoutCommsLead(), minute: 5, width: 120, height: 40)
        #expect(Fixture.render(screen).lines[1].contains("⚑ NO COMMS LEAD"))
        let wall = Fixture.render(try Fixture.state(withoutCommsLead(), minute: 5, width: 200, height: 60,
                                                    readOnly: true, big: true))
        #expect(wall.lines.joined(separator: "\n").contains("nobody is writing the briefings"))
        // Once someone takes it, the flag goes.
        var led = withoutCommsLead()
        led.add(6, "dana", .role(.comms, name: "Marc Weber", phone: nil))
        #expect(!Fixture.render(try Fixture.state(led, minute: 7, width: 120, height: 40)).lines[1].contains("NO COMMS"))
    }
}
