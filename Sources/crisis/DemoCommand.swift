import ArgumentParser
import CrisisDashboard
import Foundation
import IncidentModel
import IncidentStore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Try the dashboard on a realistic incident that an engineer and an account manager keep posting to.",
        discussion: """
            Creates a SEV1 incident in a temporary database, starts a background writer that posts every few
            seconds (notes, a deadline that slips, a briefing with its next-update commitment, a question and its
            answer) and opens the dashboard on it. Type along; the database is removed when you quit.
            """)

    @Option(name: .customLong("as"), help: ArgumentHelp("Who you post as in the demo.", valueName: "name"))
    var author: String?
    @Option(help: ArgumentHelp("Start focused on this channel: technical or business.", valueName: "channel"))
    var channel: String?
    @Option(help: ArgumentHelp("Colour theme: a name from themes/ or a .toml path.", valueName: "name"))
    var theme: String?
    @Flag(name: .long, help: "Draw the countdown in block digits.") var big = false
    @Option(help: ArgumentHelp("Seconds between the writer's posts.", valueName: "seconds")) var pace: Double = 4

    func run() async throws {
        guard pace >= 0.2, pace <= 600 else {
            throw CommandError("--pace \(pace) is not usable: give seconds between 0.2 and 600")
        }
        let focus = try DashboardCommand.focus(channel)
        let author = try CommandContext.author(option: author, environment: ProcessInfo.processInfo.environment)
        do {
            try Dashboard.checkTerminal()
        } catch {
            throw CommandError(error.message)
        }
        let theme = try DashboardCommand.loadTheme(theme)

        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("crisis-demo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteIncidentStore(path: directory.appendingPathComponent("demo.db").path, create: true)
        let id = try await DemoScript.open(store)
        let writer = Task.detached { await DemoScript.play(store: store, incident: id, pace: pace) }
        defer { writer.cancel() }
        do {
            try await Dashboard.run(DashboardConfiguration(
                store: store, incident: id, options: DashboardOptions(big: big, author: author), theme: theme,
                focus: focus))
        } catch let error as DashboardError {
            throw CommandError(error.message)
        }
        writer.cancel()
        await writer.value
    }
}

/// The demo's incident and the two people who keep posting to it.
enum DemoScript {
    static let engineer = "ana"
    static let accountManager = "marc"

    /// A SEV1 for a retailer whose EU checkout is down, with a little history already.
    static func open(_ store: some IncidentStore) async throws -> IncidentID {
        let opening = try Command.open(title: "Checkout fails for EU shoppers", severity: 1, customer: "Northwind Retail",
                                       owner: "Dana Reyes", phone: "+1 555 0100", cadence: "15m")
        let events = try await store.openIncident(author: "dana", payloads: try opening.openingPayloads())
        let id = events[0].incident
        for (author, line) in [
            (engineer, "note payment API returns 502 for eu-west since 09:12 UTC; us-east is fine"),
            (engineer, "frame restore checkout for EU shoppers first, root cause second"),
            (accountManager, "impact all EU web and app checkouts fail: about 40% of all Northwind orders"),
        ] {
            try? await post(line, as: author, to: id, in: store)
        }
        return id
    }

    /// What the engineer and the account manager do, in order; then the engineer keeps reporting.
    static let script: [(author: String, line: String)] = [
        (engineer, "note 502s began the same minute as the 09:10 config push to eu-west"),
        (engineer, "deadline 3m confirm replication lag on eu-db-2"),
        (accountManager, "question does Northwind see failures in the app as well as on the web?"),
        (engineer, "note replication lag on eu-db-2 is 45 s and rising"),
        (accountManager, "brief Checkout for your EU shoppers is failing. We have isolated it to one region and are moving its traffic now. --next 8m --why moving the traffic takes about five minutes to verify"),
        (engineer, "deadline slip D1 --in 4m --why lag metrics arrive late: the monitoring backlog is 2 minutes"),
        (accountManager, "answer Q1 yes, both fail: the app uses the same payment API"),
        (engineer, "workaround EU shoppers can pay through the US checkout domain"),
        (accountManager, "ask send two failing order ids from this morning --why only their logs show the request id we need"),
        (engineer, "deadline met D1 --why lag confirmed at 45 s, caused by the config push"),
        (engineer, "note rolling back the 09:10 config push on eu-west"),
        (engineer, "status identified"),
        (engineer, "deadline 5m verify eu-west error rate below 1% after the rollback"),
        (engineer, "note 中文 and emoji 🚀 render fine in entries: wide characters are two cells"),
    ]

    static func play(store: some IncidentStore, incident: IncidentID, pace: Double) async {
        var step = 0
        var errorRate = 38
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .milliseconds(Int(pace * 1000)))
            } catch {
                return
            }
            if step < script.count {
                try? await post(script[step].line, as: script[step].author, to: incident, in: store)
                step += 1
            } else {
                errorRate = max(0, errorRate - Int.random(in: 2...6))
                let line = errorRate > 0 ? "note eu-west checkout error rate now \(errorRate)%" : "note eu-west checkout error rate at 0%, watching"
                try? await post(line, as: engineer, to: incident, in: store)
                if errorRate == 0 { errorRate = 12 }
            }
        }
    }

    /// Posts one line as typed in the composer, through the same grammar.
    static func post(_ line: String, as author: String, to id: IncidentID, in store: some IncidentStore) async throws {
        let incident = try await store.incident(id)
        let payload = try CommandGrammar.parse(line: line).payload(for: incident, now: Date(), timeZone: .current)
        _ = try await store.append(EventDraft(incident: id, author: author, payload: payload))
    }
}
