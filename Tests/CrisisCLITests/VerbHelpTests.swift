import CrisisTestSupport
import Foundation
import IncidentModel
import Testing

/// Every verb of the table is a command of `crisis`, and its `--help` is its declaration.
@Suite struct VerbHelpTests {
    @Test func theRootHelpNamesEveryVerbWithItsSummary() throws {
        let directory = try TemporaryDirectory()
        let help = try CrisisProcess(directory: directory.url).ok(["--help"])
        for verb in VerbTable.verbs {
            #expect(help.contains("  \(verb.names.joined(separator: ", ")) "), "\(verb.name) is missing from crisis --help")
            #expect(Self.fold(help).contains(Self.fold(verb.summary)), "\(verb.name)'s summary is missing")
        }
    }

    /// ArgumentParser wraps long lines, so texts are compared with their white space folded.
    private static func fold(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test(arguments: VerbTable.verbs.map(\.name))
    func aVerbsHelpIsItsDeclaration(name: String) throws {
        let directory = try TemporaryDirectory()
        let verb = try #require(VerbTable.verb(named: name))
        let help = try CrisisProcess(directory: directory.url).ok([name, "--help"])
        let folded = Self.fold(help)
        #expect(folded.contains(Self.fold(verb.summary)))
        for usage in verb.usage {
            #expect(folded.contains(Self.fold("crisis \(usage)")), "\(usage) is missing from \(help)")
        }
        for form in verb.forms {
            #expect(folded.contains(Self.fold("crisis \(verb.title(of: form)) \(form.example)")))
            #expect(folded.contains(Self.fold(form.prints.help)), "\(verb.name) --help does not say what it prints")
            for option in form.options {
                #expect(folded.contains(Self.fold(option.help)), "--\(option.name) is not explained in \(help)")
            }
        }
        for alias in verb.aliases {
            #expect(try CrisisProcess(directory: directory.url).ok([alias, "--help"]) == help)
        }
    }

    /// The command line reads a verb's words with the composer's grammar, each shell word as if quoted.
    @Test func eachShellWordIsQuoted() throws {
        let directory = try TemporaryDirectory()
        let crisis = CrisisProcess(directory: directory.url)
        try crisis.ok(at: "09:00", ["open", "Checkout down", "--severity", "3", "--customer", "Acme Corp"])
        try crisis.ok(at: "09:01", ["ask", "send a HAR", "--why", "only their browser", "shows it"])
        try crisis.ok(at: "09:02", ["note", "--", "--force was used"])
        try crisis.ok(at: "09:03", ["deadline", "20m", "check", "the", "lag"])
        let log = try crisis.ok(["log", "--json"])
        #expect(log.contains(#""reason":"only their browser""#) && log.contains(#""text":"send a HAR shows it""#), "\(log)")
        #expect(log.contains(#""text":"--force was used""#), "\(log)")
        #expect(log.contains(#""text":"check the lag""#), "\(log)")
        #expect(log.contains(#""customer":"Acme Corp""#), "\(log)")
    }
}
