import CrisisDashboard
import Foundation
import IncidentModel
import Testing

/// The `?`/F1 overlay names the composer's verbs from the verb table, wrapped to fit, on a common terminal.
@Suite struct HelpOverlayTests {
    @Test func theOverlayListsEveryVerbTheComposerTakes() throws {
        var state = try Fixture.state(Fixture.quietLog(), minute: 12)
        _ = state.update(.key(.function(1)))
        let screen = Fixture.render(state).lines.joined(separator: "\n")
        for verb in VerbTable.verbs {
            #expect(screen.contains("/\(verb.name)") == verb.addsToIncident, "/\(verb.name) on\n\(screen)")
        }
        #expect(screen.contains("any key closes"))
        // Every key row is still shown under the verbs.
        #expect(screen.contains("Ctrl-C  /quit"), "\(screen)")
    }
}
