import ArgumentParser
import Foundation
import IncidentModel
import IncidentStore

/// `crisis`: the root of the command tree. Every verb is a thin mapping onto the incident model.
@main
struct CrisisCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crisis",
        abstract: "A terminal crisis dashboard: technical and business channels, counting down to the next promised update.",
        discussion: """
            Every command shares one store: --db PATH (or CRISIS_DB), by default ~/.local/share/crisis/crisis.db.
            The incident is the only open one unless --incident (or CRISIS_INCIDENT) names another.
            WHEN is a duration (20m, 1h30m, 90s), a clock time (14:30, the next one, local zone) or an ISO 8601 time.
            """,
        version: CrisisVersion.current,
        // Every verb of the table, then the commands that read rather than post.
        subcommands: VerbTable.all.map { $0.commandLineCommand } + [
            ListCommand.self, ShowCommand.self, LogCommand.self, LintCommand.self, DebriefCommand.self,
            DashboardCommand.self, BoardCommand.self, DemoCommand.self, WatchCommand.self, SubscribersCommand.self,
            ShareCommand.self, ServeCommand.self, RebuildSummariesCommand.self, VerifyCommand.self, ExportCommand.self,
            ImportCommand.self, AdminCommand.self,
        ]
    )

    /// Parses and runs like ArgumentParser's own `main`, but says a usage error in one line on stderr,
    /// so scripts and people see exactly what was wrong.
    static func main() async {
        let status = await runReportingErrors()
        // Connections to a server are closed before the process goes, whatever happened.
        await OpenStores.closeAll()
        Foundation.exit(status)
    }

    /// More words than any command takes: a verb reads its words as one list, which ArgumentParser builds in
    /// time that grows with the square of their number (two thousand words take seconds), so a script that
    /// forgot its quotes is stopped before parsing.
    static let mostWords = 256

    /// Runs the command; returns the exit status after saying any error in one line.
    private static func runReportingErrors() async -> Int32 {
        let words = CommandLine.arguments.count - 1
        if words > mostWords {
            return fail("\(words) unexpected arguments: no command takes more than \(mostWords) words; put a long text in quotes, as one word")
        }
        do {
            // The async parse: Tab's completions read the store, which is asynchronous.
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch let error as CommandError {
            return fail(error.message)
        } catch let error as StoreError {
            return fail(error.description)
        } catch let error as FoldError {
            return fail("the log cannot be read: \(error.description)")
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help, --version: the full text, on stdout.
                print(fullMessage(for: error))
                return 0
            }
            let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            return fail("\(message.replacingOccurrences(of: "Error: ", with: "")) (see 'crisis --help')", code: code.rawValue)
        }
    }

    static func fail(_ message: String, code: Int32 = 1) -> Int32 {
        FileHandle.standardError.write(Data("crisis: \(Output.shortened(TerminalSafeText.sanitize(message)))\n".utf8))
        return code == 0 ? 1 : code
    }
}
