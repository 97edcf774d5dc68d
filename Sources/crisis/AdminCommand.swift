import ArgumentParser
import Foundation
import IncidentModel
import IncidentStore

/// `crisis admin`: what a database administrator runs, once, on a team's PostgreSQL server.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Set up a team's PostgreSQL database (run by its administrator).",
        subcommands: [AdminInitCommand.self])
}

/// `crisis admin init`: creates or upgrades the schema as the connecting role, which becomes its owner, and
/// leaves everyone else (the role crisis_writer and those granted it) able only to read and to append through
/// the server's functions. Run it again after upgrading crisis.
struct AdminInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or upgrade the schema as its owner, and let people only read and append (PostgreSQL).")

    @Option(name: .long, help: ArgumentHelp("The database, as the administrator's role: a postgres:// URL. Default: CRISIS_DB.", valueName: "url"))
    var db: String?

    @Option(name: .customLong("grant"), help: ArgumentHelp("A role that may read and append (a person's, or the team's). Repeat for several.", valueName: "role"))
    var grants: [String] = []

    func run() async throws {
        let address = try StoreAddress.resolve(option: db, environment: ProcessInfo.processInfo.environment)
        guard case .postgres(let server) = address else {
            throw CommandError("crisis admin init is for PostgreSQL (--db postgres://ADMIN@HOST/DB): an SQLite database's access is its file's permissions; see the README's 'What the log guarantees'")
        }
        Output.line("crisis admin init on \(server.displayName):")
        for line in try await PostgresAdministration.initialize(server, grants: grants) {
            Output.line("  " + line)
        }
    }
}
