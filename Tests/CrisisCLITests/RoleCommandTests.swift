import CrisisTestSupport
import Foundation
import Testing

/// `crisis role comms|tech NAME [--phone P]` from the command line, as people type it, and what it changes.
@Suite struct RoleCommandTests {
    @Test func leadsAreHandedOffAndShown() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try crisis.ok(at: "10:00", ["open", "Checkout failing", "--severity", "1", "--customer", "Acme",
                                    "--owner", "Dana", "--phone", "+1 555 0100"])
        // A SEV1 without anyone briefing the customer says so.
        #expect(try crisis.ok(at: "10:01", ["show"]).stdout.contains("communications lead: NONE"))
        #expect(try crisis.ok(at: "10:01", ["show"]).stdout.contains("NO COMMS LEAD"))

        let first = try crisis.ok(at: "10:02", ["role", "comms", "Marc", "Weber", "--phone", "+49 30 1234"])
        #expect(first.stdout.contains("communications lead is now Marc Weber, +49 30 1234"))
        try crisis.ok(at: "10:03", ["role", "tech", "Ana"])
        let handoff = try crisis.ok(at: "11:00", ["role", "comms", "Lee"])
        #expect(handoff.stdout.contains("(was Marc Weber)"))

        let sheet = try crisis.ok(at: "11:01", ["show"]).stdout
        #expect(sheet.contains("communications lead: Lee  (1 handoff)"))
        #expect(sheet.contains("technical lead: Ana"))
        #expect(!sheet.contains("NO COMMS LEAD"))
        let debrief = try crisis.ok(at: "11:02", ["debrief"]).stdout
        #expect(debrief.contains("Marc Weber (+49 30 1234), from"))
        #expect(debrief.contains("→ Lee, from"))
    }

    @Test func anUnknownRoleIsOneLineAndWritesNothing() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try crisis.ok(at: "10:00", ["open", "Checkout failing", "--severity", "2"])
        let before = try crisis.ok(at: "10:01", ["log", "--json"]).stdout
        for arguments in [["role", "sales", "Bob"], ["role", "comms"], ["role", "comms", "Bob", "--phone", "call me"]] {
            let refused = try crisis.run(at: "10:02", arguments)
            #expect(refused.status != 0, "\(arguments)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "\(arguments): \(refused.stderr)")
        }
        #expect(try crisis.run(at: "10:02", ["role", "sales", "Bob"]).stderr.contains("comms or tech"))
        #expect(try crisis.ok(at: "10:03", ["log", "--json"]).stdout == before)
    }
}
