import ArgumentParser
import Foundation
import IncidentModel
import IncidentStore

struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Print the incident's log; with --follow, keep printing what others post.")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only this channel: technical or business.", valueName: "channel"),
            completion: ValueCompletion.channels)
    var channel: String?
    @Flag(help: "Print one JSON object per event (JSON Lines).") var json = false
    @Flag(help: "Keep running and print new events as they are appended.") var follow = false

    func run() async throws {
        var only: Channel?
        if let channel {
            guard let parsed = Channel(rawValue: channel.lowercased()), parsed != .incident else {
                throw CommandError("--channel '\(channel)' is not a channel: use technical or business")
            }
            only = parsed
        }
        let context = try await CommandContext(global)
        let id = try await context.incidentID()
        var incident: Incident?
        var lastSequence = 0
        let encoder = EventCoding.makeEncoder()

        func printNew() async throws {
            let events = try await context.store.events(of: id, after: lastSequence)
            for event in events {
                if incident == nil { incident = try Incident(events: [event]) } else { try incident!.apply(event) }
                lastSequence = event.sequence
                if let only, event.kind.channel != only { continue }
                if json {
                    Output.json(try encoder.encode(event))
                } else {
                    let text = EventDescription(incident: incident!, display: context.display).describe(event)
                    let time = context.display.clockWithSeconds(event.recordedAt)
                    let head = "\(time)  #\(event.sequence)  \(event.kind.channel.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  \(event.author): "
                    Output.line(head + text.replacingOccurrences(of: "\n", with: "\n" + String(repeating: " ", count: 12)))
                }
            }
            if !events.isEmpty { fflush(nil) }
        }

        guard follow else {
            try await printNew()
            return
        }
        // Subscribe before the first read, so nothing appended in between is missed.
        let changes = context.store.changes()
        try await printNew()
        for await _ in changes {
            try await printNew()
        }
    }
}
