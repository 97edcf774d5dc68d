import ArgumentParser
import Foundation
import IncidentModel
import IncidentStore

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List open incidents (with --all, closed ones too, newest first a page at a time).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Include closed incidents.") var all = false
    @Option(help: ArgumentHelp("Only incidents with anything recorded in this long, like 30d or 12h.", valueName: "duration"))
    var since: String?
    @Option(help: ArgumentHelp("Only this customer's incidents (any letter case).", valueName: "name")) var customer: String?
    @Option(help: ArgumentHelp("At most this many incidents, the newest (default: every open one; 50 with --all; 0 for no limit).",
                               valueName: "n"))
    var limit: Int?
    @Option(help: ArgumentHelp("Which page of --limit incidents, 1 the newest.", valueName: "n")) var page = 1
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        if let since, DurationText.parse(since) == nil {
            throw ValidationError("--since '\(since.prefix(40))' is not \(DurationText.accepted), or 30d")
        }
        if let limit, limit < 0 { throw ValidationError("--limit \(limit) is not a count: use 0 for no limit, or 1 and up") }
        if page < 1 { throw ValidationError("--page \(page) is not a page: pages count from 1, the newest") }
    }

    /// How many incidents a page holds: all open ones by default, the newest 50 once closed ones are in.
    var pageSize: Int? {
        switch limit {
        case 0: nil
        case .some(let limit): limit
        case nil: all ? 50 : nil
        }
    }

    func run() async throws {
        let context: CommandContext
        do {
            context = try await CommandContext(global)
        } catch StoreError.missing(let path) {
            // No database yet means no incidents yet; listing must not create one. Where it looked is said, so
            // a mistyped CRISIS_DB is noticed.
            if json {
                Output.json(Data(#"{"followUpsDue":[],"incidents":[],"total":0}"#.utf8))
                Output.warning("no crisis database at \(path) yet")
            } else {
                Output.line("no incidents: no crisis database at \(path) yet ('crisis open TITLE --severity N' makes it)")
            }
            return
        }
        let now = context.clock.now
        // Digests, not folds: a row needs a few facts of each incident, kept current as events are appended.
        let query = DigestQuery(openOnly: !all, activeSince: since.flatMap(DurationText.parse).map { now.addingTimeInterval(-$0) },
                                customer: customer, limit: pageSize, offset: (page - 1) * (pageSize ?? 0))
        let found = try await context.store.digests(query)
        // Oldest first on the page, so the newest incident is nearest the prompt.
        let rows = Array(found.digests.reversed())
        // Follow-ups whose time has come, closed incidents included: the call back happens after closing.
        let followUps = try await context.store.digestsWithFollowUpsDue(now: now)
            .filter { digest in customer.map { digest.customer?.lowercased() == $0.lowercased() } ?? true }
            .flatMap { digest in digest.dueFollowUps(now: now).map { (digest.id, $0) } }
        if json {
            let listed = ListedIncidents(incidents: rows.map { ListedIncident($0, now: now) },
                                         followUpsDue: followUps.map { DueFollowUp(incident: $0.0, followUp: $0.1) },
                                         total: found.total)
            Output.json(try EventCoding.makeEncoder(pretty: true).encode(listed))
            return
        }
        defer {
            if !followUps.isEmpty {
                print("")
                print("Follow-ups due:")
                for (id, followUp) in followUps {
                    Output.line("  \(id) \(followUp.label)  due \(context.display.absolute(followUp.dueAt, now: now)) (\(Countdown(target: followUp.dueAt, now: now).phrase))  \(TerminalSafeText.sanitize(followUp.text))")
                }
            }
        }
        guard !rows.isEmpty else {
            Output.line(emptyListing(total: found.total))
            return
        }
        let table = rows.map { row in
            [row.id.description, row.severity.description, row.status.rawValue,
             Self.nextUpdateCell(row.nextUpdate(now: now), display: context.display, now: now),
             row.ageText(now: now), TerminalSafeText.sanitize(row.customer ?? "-"), TerminalSafeText.sanitize(row.title)]
        }
        for line in TextTable.render(header: ["ID", "SEV", "STATUS", "NEXT UPDATE", "AGE", "CUSTOMER", "TITLE"],
                                     rows: table) {
            print(line)
        }
        let older = found.total - query.offset - rows.count
        if older > 0 {
            print("\(older) older incident\(older == 1 ? "" : "s") not shown: 'crisis list\(repeatedOptions) --page \(page + 1)' for the next \(pageSize ?? older), --limit 0 for all")
        }
    }

    /// What an empty page says: why nothing is listed, and how to see more.
    private func emptyListing(total: Int) -> String {
        if total > 0 { return "page \(page) is past the last: \(total) incident\(total == 1 ? "" : "s") match, \(pageSize ?? total) a page" }
        let narrowed = since != nil || customer != nil
        if narrowed { return all ? "no incidents match" : "no open incidents match (crisis list --all shows closed ones)" }
        return all ? "no incidents" : "no open incidents (crisis list --all shows closed ones)"
    }

    /// The options of this listing, to repeat in the hint for the next page.
    private var repeatedOptions: String {
        var options = all ? " --all" : ""
        if let since { options += " --since \(since)" }
        if let customer { options += " --customer '\(TerminalSafeText.sanitize(customer).replacingOccurrences(of: "'", with: "'\\''"))'" }
        if let limit { options += " --limit \(limit)" }
        return options
    }

    /// `14:35 in 12:03`, `OVERDUE +04:12`, `resolved · none promised` or `closed`: what the customer is owed,
    /// in a cell.
    static func nextUpdateCell(_ nextUpdate: NextUpdate, display: TimeDisplay, now: Date) -> String {
        switch nextUpdate {
        case let .promised(due, _, countdown):
            if countdown.isOverdue { return countdown.display }
            let time = display.isSameDay(due, now) ? display.clock(due) : display.dayAndClock(due)
            return "\(time) \(countdown.phrase)"
        case .resolved: return "resolved · none promised"
        case .closed: return "closed"
        }
    }
}

/// `crisis list --json`.
struct ListedIncidents: Encodable {
    let incidents: [ListedIncident]
    let followUpsDue: [DueFollowUp]
    /// How many incidents matched in all, of which `incidents` is one page.
    let total: Int
}

struct DueFollowUp: Encodable {
    let incident: IncidentID
    let followUp: FollowUp
}

/// The JSON shape of one listed incident.
struct ListedIncident: Encodable {
    let id: IncidentID
    let title: String
    let severity: Int
    let customer: String?
    let status: IncidentStatus
    let owner: String?
    let openedAt: Date
    /// When it was closed, while it is: its age stops there.
    let closedAt: Date?
    let nextUpdate: NextUpdateReport
    let updatesOnTime: UpdatesOnTime
    let openDeadlines: Int
    let lastEventAt: Date
    let events: Int

    struct UpdatesOnTime: Encodable {
        let kept: Int
        let settled: Int
    }

    init(_ digest: IncidentDigest, now: Date) {
        id = digest.id
        title = digest.title
        severity = digest.severity.rawValue
        customer = digest.customer
        status = digest.status
        owner = digest.owner
        openedAt = digest.openedAt
        closedAt = digest.closedAt
        nextUpdate = NextUpdateReport(digest.nextUpdate(now: now))
        let onTime = digest.updatesOnTime(now: now)
        updatesOnTime = UpdatesOnTime(kept: onTime.kept, settled: onTime.settled)
        openDeadlines = digest.openDeadlines.count
        lastEventAt = digest.lastEventAt
        events = digest.lastSequence
    }
}
