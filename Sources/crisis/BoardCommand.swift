import ArgumentParser
import CrisisDashboard
import CustomerDelivery
import Foundation
import IncidentModel
import IncidentSession
import IncidentStore

/// `crisis board`: every open incident on one screen, most urgent first, and any of them opened in place.
struct BoardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "Show every open incident on one live screen, most urgent first; Enter opens one, Esc comes back.",
        discussion: """
            Keys: ↑/↓ or j/k choose, Enter or a row's number opens the incident's split view, Esc (with nothing
            typed) or b on a wall comes back, /incident N opens any incident, /filter acme sev1 sev2 (or sev<=2)
            shows some customers or severities and is kept per person, ? shows the keys, q or Ctrl-C quits.
            'crisis dashboard' opens the board by itself when several incidents are open and none is named.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(name: .long, help: "The wall: look, never write (incidents opened from it are read-only too).") var readOnly = false
    @Flag(name: .long, help: "The most urgent countdown in block digits, readable across a room.") var big = false
    @Option(help: ArgumentHelp("Open incidents focused on this channel: technical or business.", valueName: "channel"),
            completion: ValueCompletion.channels)
    var channel: String?
    @Option(help: ArgumentHelp("Colour theme: a name from themes/ or a .toml path. Default: CRISIS_THEME, else default.",
                               valueName: "name"),
            completion: ValueCompletion.themes)
    var theme: String?
    @Flag(name: .long, help: "No terminal bell when a reminder arrives in an open incident.") var noBell = false

    func run() async throws {
        let focus = try DashboardCommand.focus(channel)
        do {
            try Dashboard.checkTerminal(for: "the board", pipe: "'crisis list'", file: "'crisis list --json'")
            let theme = try DashboardCommand.loadTheme(theme)
            let context = try await ConnectionWait(options: global, takesEntries: false, focus: focus).context()
            try await Self.show(context: context, readOnly: readOnly, big: big, bell: !noBell, theme: theme, focus: focus)
        } catch let error as DashboardError {
            throw CommandError(error.message)
        }
    }

    /// The board for `context`'s person, as `crisis board` and `crisis dashboard` (with several incidents open) show it.
    static func show(context: CommandContext, readOnly: Bool, big: Bool, bell: Bool, theme: Theme,
                     focus: PaneChannel) async throws {
        let environment = ProcessInfo.processInfo.environment
        let hooks = try HookRunner.standard()
        let courier = readOnly ? nil : try await CustomerCourier(servesAll: false)
        let firer = courier.map { ReminderFirer(session: context.session, program: "crisis board", hooks: hooks, courier: $0) }
        try await Board.run(BoardConfiguration(
            session: context.session, options: BoardOptions(readOnly: readOnly, big: big),
            dashboard: DashboardOptions(readOnly: readOnly, big: big, author: context.author, bell: bell,
                                        mailFrom: courier?.mail.from),
            theme: theme, focus: focus, filterFile: BoardFilterFile(author: context.author, environment: environment),
            history: ComposerHistoryFile(author: context.author, environment: environment), firer: firer))
    }
}
