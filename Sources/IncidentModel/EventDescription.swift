import Foundation

/// One readable line for each event, shared by `crisis log` and the dashboard so they say the same thing.
/// The text is raw: pass it through `TerminalSafeText` before it reaches a terminal.
public struct EventDescription: Sendable {
    public let incident: Incident
    public let display: TimeDisplay

    public init(incident: Incident, display: TimeDisplay) {
        self.incident = incident
        self.display = display
    }

    public func describe(_ event: Event) -> String {
        let at = event.recordedAt
        switch event.payload {
        case let .opened(title, severity, customer, cadence):
            var line = "opened \(severity) \"\(title)\""
            if let customer { line += " for \(customer)" }
            line += "; briefings every \(DurationText.format(cadence ?? severity.defaultCadence))"
            return line
        case .note(let text):
            return text
        case let .briefing(text, next, reason):
            return "\(text)\n  → next update \(display.absolute(next, now: at))" + (reason.map { " — \($0)" } ?? " (no reason given)")
        case let .deadlineSet(text, due, owner):
            let label = incident.deadlines.first { $0.sequence == event.sequence }?.label ?? "D?"
            return "\(label) due \(display.absolute(due, now: at)): \(text)" + (owner.map { " (owner \($0))" } ?? "")
        case let .deadlineMet(number, note):
            return "D\(number) met" + (note.map { ": \($0)" } ?? "")
        case let .deadlineDropped(number, note):
            return "D\(number) dropped" + (note.map { ": \($0)" } ?? "")
        case let .deadlineSlipped(number, due, reason):
            return "D\(number) slipped to \(display.absolute(due, now: at)): \(reason)"
        case .question(let text):
            let label = incident.questions.first { $0.sequence == event.sequence }?.label ?? "Q?"
            return "\(label)? \(text)"
        case let .answer(number, text):
            return "Q\(number) answered: \(text)"
        case .impact(let text):
            return "impact: \(text)"
        case .frame(let text):
            return "frame: \(text)"
        case .workaround(let text):
            let label = incident.workarounds.first { $0.entry.sequence == event.sequence }?.label ?? "W?"
            return "\(label) workaround: \(text)"
        case let .customerRequest(text, reason):
            let label = incident.customerRequests.first { $0.sequence == event.sequence }?.label ?? "A?"
            return "\(label) asked of the customer: \(text) — why: \(reason)"
        case .customerRequestDone(let number):
            return "A\(number) done by the customer"
        case let .owner(name, phone):
            return "owner is now \(name), \(phone)"
        case .status(let status):
            return "status → \(status)"
        case .parked(let text):
            return "parked for the debrief: \(text)"
        case let .confirmed(by, note):
            return "the customer confirmed the fix: \(by)" + (note.map { " — \($0)" } ?? "")
        case .closed(let reason):
            return reason.map { "closed WITHOUT the customer's confirmation: \($0)" } ?? "closed, confirmed by the customer"
        case let .followUp(due, text):
            let label = incident.followUps.first { $0.sequence == event.sequence }?.label ?? "F?"
            return "\(label) follow-up due \(display.absolute(due, now: at)): \(text)"
        case .followUpDone(let number):
            return "F\(number) follow-up done"
        }
    }

    /// What a command says back after its event is appended, with every time absolute and counted down.
    public func confirmation(_ event: Event, now: Date) -> String {
        switch event.payload {
        case .opened:
            return "\(incident.id) opened: \(incident.severity) \"\(incident.title)\"; first briefing due \(display.commitment(incident.nextUpdateDue, now: now))"
        case let .briefing(_, next, _):
            return "briefing posted to \(incident.id); next update due \(display.commitment(next, now: now))"
        case let .deadlineSet(_, due, _):
            let label = incident.deadlines.first { $0.sequence == event.sequence }?.label ?? "D?"
            return "\(label) due \(display.commitment(due, now: now))"
        case let .deadlineSlipped(number, due, _):
            let slips = incident.deadline(number)?.slips.count ?? 0
            return "D\(number) slipped to \(display.commitment(due, now: now)) (slip \(slips))"
        case .question:
            return incident.questions.first { $0.sequence == event.sequence }?.label ?? "Q?"
        case .workaround:
            return incident.workarounds.first { $0.entry.sequence == event.sequence }?.label ?? "W?"
        case .customerRequest:
            return incident.customerRequests.first { $0.sequence == event.sequence }?.label ?? "A?"
        case let .followUp(due, _):
            let label = incident.followUps.first { $0.sequence == event.sequence }?.label ?? "F?"
            return "\(label) due \(display.commitment(due, now: now))"
        default:
            return "\(incident.id) #\(event.sequence): \(describe(event).split(separator: "\n").first.map(String.init) ?? "")"
        }
    }
}
