import ArgumentParser
import Foundation
import IncidentModel
import IncidentSession
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
    @Flag(help: "After each name, who wrote it as the store recorded them (OS user or database role), in brackets.") var who = false

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
        let encoder = EventCoding.makeEncoder()

        func print(_ events: [Event]) throws {
            for event in events {
                if incident == nil { incident = try Incident(events: [event]) } else { try incident!.apply(event) }
                if let only, event.kind.channel != only { continue }
                if json {
                    Output.json(try encoder.encode(event))
                } else {
                    let text = EventDescription(incident: incident!, display: context.display).describe(event)
                    let time = context.display.clockWithSeconds(event.recordedAt)
                    let head = "\(time)  #\(event.sequence)  \(event.kind.channel.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  \(event.author)\(who ? " [\(event.identity ?? "?")]" : ""): "
                    Output.line(head + text.replacingOccurrences(of: "\n", with: "\n" + String(repeating: " ", count: 12)))
                }
            }
            if !events.isEmpty { fflush(nil) }
        }

        guard follow else {
            try print(try await context.store.events(of: id, after: 0))
            return
        }
        // The session's follow: the whole log first, then what anyone appends, and a word on stderr when the
        // store goes away and comes back.
        for await update in try context.session.follow(id, after: 0) {
            switch update {
            case .events(let events): try print(events)
            case .connection(.offline(_, let reason), _): Output.warning("the store is out of reach (\(reason)): waiting for it")
            case .connection(.online, _): Output.warning("the store answers again")
            case .readFailed(let message): throw CommandError(message)
            }
        }
    }
}
