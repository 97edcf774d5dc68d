/// The name of what an event records, as stored and as shown in `--json` output.
public enum EventKind: String, Sendable, Codable, CaseIterable {
    case opened
    case note
    case briefing
    case deadlineSet = "deadline-set"
    case deadlineMet = "deadline-met"
    case deadlineDropped = "deadline-dropped"
    case deadlineSlipped = "deadline-slipped"
    case question
    case answer
    case impact
    case frame
    case workaround
    case customerRequest = "customer-request"
    case customerRequestDone = "customer-request-done"
    case owner
    case role
    case status
    case parked
    case confirmed = "customer-confirmed"
    case closed
    case followUp = "follow-up"
    case followUpDone = "follow-up-done"
    case reminder
    case reminderAcknowledged = "reminder-acknowledged"
    case reminderSnoozed = "reminder-snoozed"
    case reminderLead = "reminder-lead"
    case hookClaimed = "hook-claimed"
    case hookFailed = "hook-failed"
    case subscribed
    case unsubscribed
    case deliveryClaimed = "delivery-claimed"
    case deliveryReceipt = "delivery"
    case deliveryExplained = "delivery-explained"
    case deliveryRetried = "delivery-retried"
    case pageShared = "page-shared"
    case pageUnshared = "page-unshared"

    /// Which of the two channels (behavior 5) the event belongs to.
    public var channel: Channel {
        switch self {
        case .note, .deadlineSet, .deadlineMet, .deadlineDropped, .deadlineSlipped,
             .question, .answer, .workaround, .frame:
            .technical
        case .briefing, .impact, .customerRequest, .customerRequestDone, .confirmed, .followUp, .followUpDone,
             .subscribed, .unsubscribed, .deliveryReceipt, .deliveryExplained, .deliveryRetried, .pageShared, .pageUnshared:
            .business
        case .opened, .owner, .role, .status, .parked, .closed, .reminder, .reminderAcknowledged, .reminderSnoozed,
             .reminderLead, .hookClaimed, .hookFailed, .deliveryClaimed:
            .incident
        }
    }
}

/// The technical channel is detailed and fluid; the business channel is periodic roll-up (behavior 5).
/// `incident` events (opening, owner, status, parking lot) concern everyone.
public enum Channel: String, Sendable, Codable, CaseIterable {
    case technical, business, incident
}
