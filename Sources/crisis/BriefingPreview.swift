import CustomerDelivery
import IncidentModel

/// `crisis brief --preview`: the message the incident's subscribers would receive for this briefing, exactly
/// as it would be built, and nothing posted or sent.
enum BriefingPreview {
    static func print(_ command: Command, options: GlobalOptions) async throws {
        let context = try await CommandContext(options)
        let incident = try await context.incident()
        let now = context.clock.now
        let payload = try command.payload(for: incident, now: now, timeZone: context.display.timeZone)
        guard let notice = incident.previewNotice(of: payload, by: context.author, at: now) else {
            throw CommandError("\(incident.id) cannot preview this briefing")
        }
        let from = try MailSettings.fromEnvironment().from
        for line in NoticePreview(notice, subscribers: incident.activeSubscribers.map(\.subscription), from: from).lines {
            Output.line(line)
        }
    }
}
