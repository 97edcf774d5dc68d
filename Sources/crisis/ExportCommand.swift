import ArgumentParser
import Foundation
import IncidentModel
import IncidentStore

/// `crisis export`: an incident's events exactly as stored, with their hash chain, as JSON Lines: for moving an
/// incident to another store (`crisis import`) or keeping it as evidence. The file's hashes let anyone check it.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write an incident's events and their hash chain as JSON Lines, for 'crisis import' or for the record.")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var range: IncidentRange

    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file (whole or not at all, readable by you alone: it holds webhook secrets too). Default: standard output.", valueName: "path"))
    var output: String?

    func validate() throws {
        try range.validate(with: global)
    }

    func run() async throws {
        let context = try await CommandContext(global)
        let incidents = try await range.incidents(context)
        var text = ""
        var events = 0
        var heads: [String] = []
        for incident in incidents {
            let links = try await context.store.chain(of: incident, after: 0)
            guard !links.isEmpty else { throw StoreError.unknownIncident(incident) }
            let report = ChainVerifier.verify(links, incident: incident)
            if let problem = report.firstBreak {
                Output.warning("\(incident)'s chain is broken at event \(problem.sequence) (\(problem.problem)); exported as it stands, and 'crisis import' will refuse it")
            }
            // Escaped as `log --json` is, so typed text never reaches a terminal as control sequences: the
            // strings decode the same, and so do their hashes.
            for line in try ChainExport.lines(of: links) { text += Output.terminalSafeJSON(Data(line.utf8)) }
            events += links.count
            if let head = report.head { heads.append(head.witness) }
        }
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        // The export holds everything the log holds, webhook signing secrets included (the hash covers them,
        // and the store an export is imported into signs with them): owner-only, and written whole or not at all.
        let temporary = output + ".crisis-export-\(getpid())"
        // Created owner-only from the first byte (O_EXCL: never someone else's file), written, synced, renamed.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CommandError("cannot write \(output): \(String(cString: strerror(errno))); nothing was written")
        }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            written += count
        }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced, rename(temporary, output) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CommandError("cannot write \(output): \(reason); nothing was written")
        }
        let named = heads.count == 1 ? "\(heads[0]) (\(events) events)" : "\(incidents.count) incidents (\(events) events)"
        Output.note("exported \(named) to \(output)")
    }
}
