import ArgumentParser
import Foundation
import IncidentModel

/// `crisis subscribers`: who is sent the incident's updates, and what became of each update.
struct SubscribersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscribers",
        abstract: "List who is sent the incident's updates, and the receipts of every update.",
        discussion: "Add with 'crisis subscribe ADDRESS', remove with 'crisis unsubscribe ADDRESS'. A webhook's secret is never shown again.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let context = try await CommandContext(global)
        let incident = try await context.incident()
        let now = context.clock.now
        if json {
            Output.json(try EventCoding.makeEncoder(pretty: true).encode(SubscribersReport(incident: incident, now: now, display: context.display)))
            return
        }
        for line in SubscribersSheet(incident: incident, display: context.display, now: now).lines { Output.line(line) }
    }
}

/// `crisis subscribers --json`.
struct SubscribersReport: Encodable {
    struct Update: Encodable {
        let label: String
        let sequence: Int
        let occasion: CustomerNotice.Occasion
        let at: Date
        let receipts: [String]
        let delivered: Bool
    }

    let incident: IncidentID
    let subscribers: [Subscriber]
    let updates: [Update]

    init(incident: Incident, now: Date, display: TimeDisplay) {
        self.incident = incident.id
        subscribers = incident.activeSubscribers
        updates = incident.noticeEvents.map { notice in
            let summary = incident.deliverySummary(of: notice.sequence, now: now, display: display)
            return Update(label: incident.updateLabel(notice.sequence), sequence: notice.sequence, occasion: notice.occasion,
                          at: notice.at, receipts: summary.map(\.text),
                          delivered: !summary.isEmpty && summary.allSatisfy { $0.mark == .delivered || $0.mark == .superseded })
        }
    }
}

/// The text of `crisis subscribers`.
struct SubscribersSheet {
    let incident: Incident
    let display: TimeDisplay
    let now: Date

    var lines: [String] {
        let subscribers = incident.activeSubscribers
        guard !subscribers.isEmpty || !incident.deliveries.isEmpty else {
            return ["\(incident.id) has no subscribers: add one with crisis subscribe jane@acme.example --name 'Jane Doe'"]
        }
        var out = ["\(incident.id) is sent to \(subscribers.count) subscriber\(subscribers.count == 1 ? "" : "s"):"]
        let rows = subscribers.map { subscriber -> [String] in
            let subscription = subscriber.subscription
            return [subscription.label, subscription.channel.rawValue,
                    subscription.customer.map { "every \($0) incident" } ?? "this incident",
                    subscription.zone ?? "UTC",
                    "since \(display.absolute(subscriber.at, now: now)) by \(subscriber.author)"]
        }
        out += TextTable.render(header: ["contact", "by", "for", "zone", "added"], rows: rows).map { "  " + $0 }
        out.append("updates:")
        for notice in incident.noticeEvents {
            let head = "  \(incident.updateLabel(notice.sequence)) \(notice.occasion.rawValue) \(display.clock(notice.at))"
            let summary = incident.deliverySummary(of: notice.sequence, now: now, display: display)
            if summary.isEmpty {
                out.append(head + "  (sent to nobody)")
                continue
            }
            for (index, line) in summary.enumerated() {
                out.append((index == 0 ? head : String(repeating: " ", count: head.count)) + "  " + line.text)
            }
        }
        return out
    }
}
