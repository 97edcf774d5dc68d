import Foundation

/// A lapse the dashboard flags so the room notices before the customer does.
public enum DisciplineFlag: Equatable, Sendable {
    /// SEV1/SEV2 with nobody accountable (behavior 11).
    case noOwner
    /// SEV1/SEV2 with nobody writing the briefings (behavior 5: the business channel needs its own person).
    case noCommsLead
    /// A question open for longer than `staleQuestionAfter` (behavior 6).
    case staleQuestion(number: Int, openFor: TimeInterval)
    /// The technical channel silent for longer than `quietAfter` (seed 002: punctuate silence).
    case quietChannel(for: TimeInterval)
    /// The promised update is late (seed 002: keep your word).
    case updateOverdue(by: TimeInterval)
    /// An update that did not reach a subscriber, until it does or someone says why on record (issue 14).
    case deliveryFailed(update: String, target: String)
    /// An update owed to subscribers that no process has begun to deliver for a while: no `crisis watch`, and
    /// no dashboard that can deliver it, is running (issue 14).
    case updateNotSent(update: String, for: TimeInterval)

    public static let staleQuestionAfter: TimeInterval = 30 * 60
    public static let quietAfter: TimeInterval = 15 * 60

    /// One short line for a flag strip: `Q2 unanswered 42m`.
    public var text: String {
        switch self {
        case .noOwner: "NO OWNER"
        case .noCommsLead: "NO COMMS LEAD"
        case let .staleQuestion(number, openFor): "Q\(number) unanswered \(Countdown.span(openFor))"
        case .quietChannel(let interval): "technical channel quiet \(Countdown.span(interval))"
        case .updateOverdue(let interval): "update overdue +\(Countdown.clock(Int(interval)))"
        case let .deliveryFailed(update, target): "\(update) NOT DELIVERED to \(target)"
        case let .updateNotSent(update, interval): "\(update) NOT SENT \(Countdown.span(interval)): is crisis watch running?"
        }
    }
}

extension Incident {
    /// What needs attention now. A closed incident raises nothing.
    public func disciplineFlags(now: Date) -> [DisciplineFlag] {
        guard isOpen else { return [] }
        var flags: [DisciplineFlag] = []
        if severity.requiresOwner && owner == nil { flags.append(.noOwner) }
        if severity.requiresOwner && lead(.comms) == nil { flags.append(.noCommsLead) }
        if let countdown = nextUpdateCountdown(now: now), countdown.isOverdue { flags.append(.updateOverdue(by: TimeInterval(countdown.overdueSeconds))) }
        for question in openQuestions {
            let openFor = now.timeIntervalSince(question.askedAt)
            if openFor > DisciplineFlag.staleQuestionAfter {
                flags.append(.staleQuestion(number: question.number, openFor: openFor))
            }
        }
        for notice in stalledNotices(now: now) {
            flags.append(.updateNotSent(update: updateLabel(notice.sequence), for: now.timeIntervalSince(notice.at)))
        }
        for track in unexplainedFailedDeliveries {
            flags.append(.deliveryFailed(update: updateLabel(track.notice), target: shownContact(track.target)))
        }
        let quiet = now.timeIntervalSince(lastTechnicalActivityAt)
        if quiet > DisciplineFlag.quietAfter { flags.append(.quietChannel(for: quiet)) }
        return flags
    }
}
