import ArgumentParser
import Foundation
import IncidentModel
import IncidentStore

/// `crisis verify`: recomputes incidents' hash chains from the log as it stands and names the first event that
/// does not match; with `--head`, checks that a head someone kept (printed in a debrief, sent to the customer)
/// is still in the chain, which catches a rewrite that recomputed every hash after it. Exit 1 when anything fails.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that incidents' logs were not rewritten: recompute each hash chain, and check heads kept earlier.")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var range: IncidentRange

    @Option(name: .customLong("head"), help: ArgumentHelp(
        "A chain head kept earlier, as printed (INC-12:5e1c9a2): it must still be in that incident's chain. Repeat for several.",
        valueName: "INC-n:hash"))
    var heads: [String] = []

    func validate() throws {
        for head in heads where ChainWitness(parsing: head) == nil {
            throw ValidationError("--head '\(head.prefix(80))' is not a chain head: give it as printed, like INC-12:5e1c9a2 (an incident, a colon and at least \(ChainHead.shortLength) hex digits)")
        }
        try range.validate(with: global)
    }

    func run() async throws {
        let witnesses = heads.compactMap(ChainWitness.init(parsing:))
        let context = try await CommandContext(global)
        // Heads name their incidents: with no incident given, those are the ones to verify.
        let incidents = !range.all && global.incident == nil && !witnesses.isEmpty
            ? Array(Set(witnesses.map(\.incident))).sorted()
            : try await range.incidents(context)
        for witness in witnesses where !incidents.contains(witness.incident) {
            throw CommandError("--head \(witness) is about \(witness.incident), which this command does not verify: leave out --incident, or give --all")
        }
        var broken = 0, events = 0
        for incident in incidents {
            let links = try await context.store.chain(of: incident, after: 0)
            if links.isEmpty {
                // Named by the store's incidents but with no event left: its whole log was removed.
                guard range.all else { throw StoreError.unknownIncident(incident) }
                Output.line("\(incident): BROKEN: the incident is recorded but every event of its log is gone")
                broken += 1
                continue
            }
            let report = ChainVerifier.verify(links, incident: incident, witnesses: witnesses)
            events += report.events
            if !report.isIntact { broken += 1 }
            for line in Self.lines(for: report) { Output.line(line) }
        }
        if incidents.count > 1 {
            Output.line(broken == 0
                ? "\(incidents.count) incidents, \(events) events: every chain intact"
                : "\(broken) of \(incidents.count) incidents FAILED verification (\(events) events checked)")
        }
        if broken > 0 { throw ExitCode(1) }
    }

    /// What a person reads about one incident: the verdict, then each head asked about.
    static func lines(for report: ChainReport) -> [String] {
        var lines: [String] = []
        if let problem = report.firstBreak {
            lines.append("\(report.incident): BROKEN at event \(problem.sequence) of \(report.events): \(problem.problem)")
        } else if let head = report.head {
            lines.append("\(report.incident): \(report.events) event\(report.events == 1 ? "" : "s"), chain intact; head \(head.witness)")
        }
        for check in report.witnesses {
            if let sequence = check.sequence {
                // Seven digits catch a mistake or a careless rewrite; a forger who searches can match a short
                // prefix, never all 64 digits.
                let strength = check.witness.hashPrefix.count < 16
                    ? " (as far as \(check.witness.hashPrefix.count) digits can tell: the full head, from the debrief or the customer's messages, is proof)"
                    : ""
                lines.append("\(check.witness): holds; it is event \(sequence) of \(report.events), and the log up to it is as it was\(strength)")
            } else {
                lines.append("\(check.witness): does NOT hold; no event of \(report.incident) has that hash as the log stands now: the log was rewritten at or before the event it named, or cut short after it (or the head was mistyped)")
            }
        }
        return lines
    }
}
