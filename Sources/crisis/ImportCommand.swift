import ArgumentParser
import Foundation
import IncidentModel
import IncidentStore

/// `crisis import`: incidents from a `crisis export` file into this store, keeping their numbers, times,
/// authors, identities and hashes (the usual way from one host's SQLite file to a team's PostgreSQL server).
/// Every chain in the file is verified before a single event is written; a broken or cut file imports nothing.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read incidents from a 'crisis export' file into this store, after verifying every hash chain in it.")

    @OptionGroup var global: GlobalOptions

    /// The largest incident number an import takes: PostgreSQL's and SQLite's counters go on from it.
    static let largestNumber = Int(Int32.max)

    @Argument(help: ArgumentHelp("The export file; - for standard input.", valueName: "file"))
    var file: String

    func run() async throws {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw CommandError("cannot read \(file): \((error as NSError).localizedDescription); nothing was imported")
            }
        }
        let name = file == "-" ? "standard input" : file
        let incidents: [[ChainLink]]
        do {
            incidents = try ChainExport.read(data)
        } catch let error as ChainExportError {
            throw CommandError("\(name) \(error.description); nothing was imported")
        }
        var heads: [String: ChainHead] = [:]
        for links in incidents {
            let incident = links[0].incident
            let report = ChainVerifier.verify(links, incident: incident)
            if let problem = report.firstBreak {
                throw CommandError("\(name): \(incident)'s chain is broken at event \(problem.sequence): \(problem.problem); nothing was imported")
            }
            // A number so large it leaves no room for the incidents opened after it is not an incident's.
            guard incident.number <= Self.largestNumber else {
                throw CommandError("\(name): \(incident) is not a number an incident can have (at most \(Self.largestNumber)); nothing was imported")
            }
            if heads[incident.description] != nil {
                throw CommandError("\(name) holds \(incident) twice; nothing was imported")
            }
            heads[incident.description] = report.head
        }
        let context = try await CommandContext(global, create: true)
        let existing = Set(try await context.store.incidents().map(\.id))
        if let taken = incidents.map({ $0[0].incident }).first(where: existing.contains) {
            throw StoreError.incidentExists(taken)
        }
        try await context.store.importChains(incidents)
        for links in incidents {
            // Read back and verified as the new store holds it: the same head, or the import says so.
            let incident = links[0].incident
            let stored = ChainVerifier.verify(try await context.store.chain(of: incident, after: 0), incident: incident)
            guard stored.isIntact, stored.head == heads[incident.description] else {
                throw CommandError("\(incident) was imported but does not read back with the head it was exported with: run 'crisis verify --incident \(incident)'")
            }
            Output.line("imported \(incident): \(links.count) event\(links.count == 1 ? "" : "s"), chain verified; head \(stored.head?.witness ?? "none"), as exported")
        }
    }
}
