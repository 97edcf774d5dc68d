import ArgumentParser
import Foundation
import IncidentModel

struct DebriefCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debrief",
        abstract: "Write the incident's retrospective: Markdown (default), JSON, or HTML with an SVG timeline.")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("markdown, json or html.", valueName: "format"), completion: ValueCompletion.debriefFormats)
    var format: String = DebriefFormat.markdown.rawValue
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() async throws {
        guard let chosen = DebriefFormat(named: format) else {
            throw CommandError("--format '\(format)' is not known: use \(DebriefFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let output {
            let directory = (output as NSString).deletingLastPathComponent
            var isDirectory: ObjCBool = false
            if !directory.isEmpty && !(FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue) {
                throw CommandError("cannot write \(output): the directory \(directory) does not exist")
            }
        }
        let context = try await CommandContext(global)
        let id = try await context.incidentID()
        let (events, integrity) = try await LogCheck.read(id, in: context.store)
        var debrief = try Debrief(events: events, now: context.clock.now, timeZone: context.display.timeZone)
        debrief.integrity = integrity
        let data: Data
        switch chosen {
        case .json:
            data = try EventCoding.makeEncoder(pretty: true).encode(debrief)
        case .html:
            data = Data(DebriefHTML(debrief: debrief, display: context.display).render().utf8)
        case .markdown:
            data = Data(DebriefMarkdown(debrief: debrief, display: context.display).render().utf8)
        }
        guard let output else {
            if chosen == .json { Output.json(data) } else { Output.line(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)) }
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw CommandError("cannot write \(output): \(error.localizedDescription)")
        }
        Output.warning("debrief written to \(output)")
    }
}

/// What `crisis debrief --format` writes.
enum DebriefFormat: String, CaseIterable {
    case markdown, json, html

    /// A name as typed, in any case; `md` is short for markdown.
    init?(named name: String) {
        let lowered = name.lowercased()
        self.init(rawValue: lowered == "md" ? "markdown" : lowered)
    }
}
