import CustomerDelivery
import ArgumentParser
import CrisisDashboard
import Foundation
import IncidentModel
import IncidentSession
import IncidentStore

struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the live dashboard: technical and business channels, counting down to the next update.",
        discussion: """
            With several incidents open and none named, it opens the board of them all ('crisis board').
            Keys: Tab switches channel, Enter posts (a briefing then asks for the next update time and why),
            /verb runs any command (/deadline 20m STEP, /question …), /edit opens $EDITOR, F1 or /help shows all
            keys, Ctrl-C or /quit quits; every printable key types. On a --read-only wall, ? shows the keys and q quits.
            Themes: --theme or CRISIS_THEME (default, light, high-contrast, mono, built in); NO_COLOR is honoured.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(name: .long, help: "No composer: the wall-screen mode.") var readOnly = false
    @Flag(name: .long, help: "The wall screen: severity, status, owner and phone, the record of promises, overdue deadlines and the countdown in block letters, readable across a room.") var big = false
    @Option(help: ArgumentHelp("Start focused on this channel: technical or business.", valueName: "channel"),
            completion: ValueCompletion.channels)
    var channel: String?
    @Option(help: ArgumentHelp("Colour theme: a name from themes/ or a .toml path. Default: CRISIS_THEME, else default.",
                               valueName: "name"),
            completion: ValueCompletion.themes)
    var theme: String?
    @Flag(name: .long, help: "No terminal bell when a reminder arrives (the banner still shows).") var noBell = false

    func run() async throws {
        let focus = try Self.focus(channel)
        do {
            try Dashboard.checkTerminal()
            let theme = try Self.loadTheme(theme)
            let hooks = try HookRunner.standard()
            // A store that cannot be reached yet (a full server, one restarting) is waited for, not given up on.
            let context = try await ConnectionWait(options: global, takesEntries: !readOnly, focus: focus).context()
            // Several fires and none named: the commander's board shows them all, and opens any of them.
            if try context.session.choice.namedID() == nil,
               try await context.store.digests(.open).digests.count > 1 {
                try await BoardCommand.show(context: context, readOnly: readOnly, big: big, bell: !noBell, theme: theme,
                                            focus: focus)
                return
            }
            let id = try await context.incidentID()
            // A wall writes nothing; every other dashboard helps record reminders as they fall due.
            // … and to deliver the customer's updates, with the host's mail and webhook settings.
            let courier = readOnly ? nil : try await CustomerCourier(servesAll: false)
            let firer = courier.map { ReminderFirer(session: context.session, program: "crisis dashboard", hooks: hooks, courier: $0) }
            try await Dashboard.run(DashboardConfiguration(
                session: context.session, incident: id,
                options: DashboardOptions(readOnly: readOnly, big: big, author: context.author, bell: !noBell,
                                         mailFrom: courier?.mail.from),
                theme: theme, focus: focus,
                history: ComposerHistoryFile(author: context.author, environment: ProcessInfo.processInfo.environment),
                firer: firer))
        } catch let error as DashboardError {
            throw CommandError(error.message)
        }
    }

    static func focus(_ channel: String?) throws -> PaneChannel {
        guard let channel else { return .technical }
        guard let focus = PaneChannel(rawValue: channel.lowercased()) else {
            throw CommandError("--channel '\(channel)' is not a channel: use technical or business")
        }
        return focus
    }

    /// Reads the theme before the screen is taken over, so a broken file is reported where it can be read.
    static func loadTheme(_ name: String?) throws -> Theme {
        do {
            return try themeLoader().load(name: name)
        } catch {
            throw CommandError(error.message)
        }
    }

    /// Where this process looks for themes: its environment, its executable, its directory.
    static func themeLoader() -> ThemeLoader {
        ThemeLoader(environment: ProcessInfo.processInfo.environment,
                    executablePath: CommandLine.arguments.first.map(Self.executablePath) ?? "",
                    currentDirectory: FileManager.default.currentDirectoryPath)
    }

    private static func executablePath(_ argumentZero: String) -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return argumentZero
    }
}
