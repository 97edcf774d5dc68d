import ArgumentParser
import CrisisDashboard
import Foundation
import IncidentModel
import IncidentSession
import IncidentStore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Try the dashboard on a realistic incident that an engineer and an account manager keep posting to.",
        discussion: """
            Creates a SEV1 incident in a temporary database and opens the dashboard on it, while an engineer and
            an account manager keep working it: notes, a deadline that slips, a question and its answer, and a
            briefing before every promised update (one of them late on purpose, so you see the alarm and how it
            clears). The demo keeps its own short cadence (30 times --pace). Type along; the database is
            removed when you quit.
            """)

    @Option(name: .customLong("as"), help: ArgumentHelp("Who you post as in the demo.", valueName: "name"))
    var author: String?
    @Option(help: ArgumentHelp("Start focused on this channel: technical or business.", valueName: "channel"))
    var channel: String?
    @Option(help: ArgumentHelp("Colour theme: a name from themes/ or a .toml path.", valueName: "name"))
    var theme: String?
    @Flag(name: .long, help: "The wall screen's big letters (see crisis dashboard --help).") var big = false
    @Option(help: ArgumentHelp("Seconds between the writer's posts.", valueName: "seconds")) var pace: Double = 4

    func run() async throws {
        guard pace >= 0.2, pace <= 600 else {
            throw CommandError("--pace \(pace) is not usable: give seconds between 0.2 and 600")
        }
        let focus = try DashboardCommand.focus(channel)
        let author = try AuthorName.resolve(option: author, environment: ProcessInfo.processInfo.environment)
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
        let script = try DemoScript(pace: pace, store: store, clock: SystemClock(), timeZone: .current)
        let id = try await script.open()
        let writer = Task.detached { await script.play(incident: id) }
        defer { writer.cancel() }
        do {
            // The visitor's own session: no outbox, as the demo's store is thrown away.
            let session = try IncidentSession(store: store, author: author, queuesWhenOffline: false)
            try await Dashboard.run(DashboardConfiguration(
                session: session, incident: id, options: DashboardOptions(big: big, author: author), theme: theme,
                focus: focus))
        } catch let error as DashboardError {
            throw CommandError(error.message)
        }
        writer.cancel()
        await writer.value
    }
}
