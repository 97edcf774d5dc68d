import ArgumentParser
import Foundation
import IncidentModel
import IncidentStore
import StatusPage
import StatusServer

/// `crisis share`: gives a customer a private address for their live status page (`crisis serve`), lists the
/// addresses given, or takes one back. Each is recorded in the log of the customer's newest incident.
struct ShareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "share",
        abstract: "Give a customer a private address for their live status page (crisis serve), list them, or revoke one.",
        discussion: """
            crisis share --customer ACME [--label "ACME ops room"]   prints the page's address (shown this once)
            crisis share --list [--customer ACME] [--json]             every address that opens a page
            crisis share --revoke s-3f9a61c2                           that address stops working
            crisis share --revoke --customer ACME                      every address of ACME stops working

            The address goes on stdout alone, so a script can take it: url=$(crisis share --customer ACME).
            Its base is --url, else CRISIS_PUBLIC_URL, else http://127.0.0.1:8080 (crisis serve's default).
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The customer whose incidents the page shows, as given to 'open --customer'.", valueName: "name"))
    var customer: String?
    @Option(help: ArgumentHelp("Who the address is for, to recognise it in --list (\"ACME ops room\").", valueName: "text"))
    var label: String?
    @Option(help: ArgumentHelp("Where crisis serve is reached. Default: CRISIS_PUBLIC_URL, else http://127.0.0.1:8080.", valueName: "url"))
    var url: String?
    @Flag(help: "Take back an address: the share named, or with --customer every one of that customer.")
    var revoke = false
    @Flag(help: "List the addresses that open a page (never the addresses themselves: only their names).")
    var list = false
    @Flag(help: "With --list, print JSON.") var json = false
    @Argument(help: ArgumentHelp("With --revoke, the share to take back (s-3f9a61c2, from --list).", valueName: "share"))
    var share: String?

    func validate() throws {
        if list {
            guard !revoke, share == nil, label == nil else {
                throw ValidationError("--list takes no share, --label or --revoke")
            }
        } else if revoke {
            guard (share == nil) != (customer == nil) else {
                throw ValidationError("--revoke takes one share (crisis share --revoke s-3f9a61c2) or --customer NAME for all of theirs")
            }
            guard label == nil, url == nil else { throw ValidationError("--revoke takes no --label or --url") }
        } else {
            guard let customer, !customer.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("say whose page to share: crisis share --customer NAME (or --list, or --revoke)")
            }
            guard share == nil else { throw ValidationError("a share name goes with --revoke only") }
            if let label { try ShareLabel.check(label) }
            _ = try base()
        }
        if json, !list { throw ValidationError("--json goes with --list") }
    }

    func run() async throws {
        let context = try await CommandContext(global)
        let incidents = try await Self.allIncidents(context.store)
        let directory = ShareDirectory(incidents: incidents)
        if list { return printList(directory, incidents: incidents, display: context.display, now: context.clock.now) }
        if revoke { return try await revokeShares(directory, incidents: incidents, context: context) }
        try await grant(incidents: incidents, context: context)
    }

    private func grant(incidents: [Incident], context: CommandContext) async throws {
        guard let customer, let home = Self.newestIncident(of: customer, in: incidents) else {
            throw CommandError("no incident of customer '\(customer ?? "")' yet: a page shows a customer's incidents, so open one with 'crisis open … --customer NAME' first")
        }
        let token = ShareToken.generate()
        let share = PageShare(id: token.shareID, customer: home.customer ?? customer, tokenHash: token.hash,
                              label: label?.trimmingCharacters(in: .whitespaces))
        _ = try await context.session.post(context.session.draft(.pageShared(share), to: home.id))
        let address = "\(try base())/s/\(token.text)/"
        Output.line(address)
        Output.note("the status page of \(share.customer) (share \(share.id)) opens at the address above; it is shown this once."
            + " Feeds: feed.atom and api/v2/incidents.json under it. Take it back with: crisis share --revoke \(share.id)")
    }

    private func revokeShares(_ directory: ShareDirectory, incidents: [Incident], context: CommandContext) async throws {
        let affected: [PageShare]
        if let share {
            affected = directory.active.filter { $0.id == share }
            guard !affected.isEmpty else {
                throw CommandError("no share named '\(share)' opens a page: 'crisis share --list' names those that do")
            }
        } else {
            affected = directory.active.filter { $0.isFor(customer: customer ?? "") }
            guard !affected.isEmpty else {
                throw CommandError("no address opens the page of '\(customer ?? "")': nothing to revoke")
            }
        }
        let owner = affected[0].customer
        guard let home = Self.newestIncident(of: owner, in: incidents) else {
            throw CommandError("no incident of customer '\(owner)' is left to record the revocation in")
        }
        // Each share by name: a named revocation holds whatever order the writers' clocks put it in.
        for revoked in affected {
            _ = try await context.session.post(context.session.draft(.pageUnshared(customer: owner, share: revoked.id), to: home.id))
        }
        Output.line(share.map { "revoked \($0): its address no longer opens the page of \(owner)" }
            ?? "revoked \(affected.count) address\(affected.count == 1 ? "" : "es") of the page of \(owner)")
    }

    private func printList(_ directory: ShareDirectory, incidents: [Incident], display: TimeDisplay, now: Date) {
        let granted = incidents.flatMap(\.pageShares).reduce(into: [String: PageShareEvent]()) { found, event in
            if case .granted(let share) = event.change { found[share.id] = event }
        }
        if json {
            let rows = directory.active.filter { customer == nil || $0.isFor(customer: customer ?? "") }.map { share in
                ShareListing(share: share.id, customer: share.customer, label: share.label,
                             sharedAt: granted[share.id]?.at, sharedBy: granted[share.id]?.author)
            }
            Output.json((try? EventCoding.makeEncoder(pretty: true).encode(rows)) ?? Data("[]".utf8))
            return
        }
        let shown = directory.active.filter { customer == nil || $0.isFor(customer: customer ?? "") }
        guard !shown.isEmpty else {
            Output.line("No status page is shared\(customer.map { " with \($0)" } ?? ""). Share one with: crisis share --customer NAME")
            return
        }
        let rows = shown.map { share in
            [share.id, share.customer, share.label ?? "",
             granted[share.id].map { "\(display.absolute($0.at, now: now)) by \($0.author)" } ?? ""]
        }
        for line in TextTable.render(header: ["SHARE", "CUSTOMER", "FOR", "SHARED"], rows: rows) { Output.line(line) }
    }

    private func base() throws -> String {
        let given = url ?? ProcessInfo.processInfo.environment["CRISIS_PUBLIC_URL"] ?? "http://127.0.0.1:8080"
        do {
            return try ServeSettings.publicURL(given, option: "--url")
        } catch let invalid as ServeSettings.Invalid {
            throw ValidationError(invalid.description)
        }
    }

    static func allIncidents(_ store: any IncidentStore) async throws -> [Incident] {
        var incidents: [Incident] = []
        for summary in try await store.incidents() { incidents.append(try await store.incident(summary.id)) }
        return incidents
    }

    /// Where a share is recorded: the customer's newest open incident, else their newest one.
    static func newestIncident(of customer: String, in incidents: [Incident]) -> Incident? {
        let own = incidents.filter { $0.customer?.lowercased() == customer.lowercased() }
            .sorted { $0.openedAt > $1.openedAt }
        return own.first(where: \.isOpen) ?? own.first
    }
}
