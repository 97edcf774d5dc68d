import Foundation

/// What the customer is owed next, as of a moment: a promised update with its countdown, or nothing,
/// because the incident was resolved (and no briefing since promised another update) or closed.
/// A screen that counts down past resolution tells the room a lie (issue 11, bug 1).
public enum NextUpdate: Equatable, Sendable {
    /// A promise stands: the countdown runs.
    case promised(due: Date, reason: String?, countdown: Countdown)
    /// Resolved at this moment, and no briefing after it promised a further update.
    case resolved(at: Date)
    /// Closed at this moment: nothing more is owed.
    case closed(at: Date)

    /// The countdown, while a promise stands.
    public var countdown: Countdown? {
        if case .promised(_, _, let countdown) = self { return countdown }
        return nil
    }

    public var isOverdue: Bool { countdown?.isOverdue ?? false }

    /// One line for a sheet or a screen: `14:35, in 12:03`, `resolved 14:10 · no further updates promised`.
    public func summary(_ display: TimeDisplay, now: Date) -> String {
        switch self {
        case let .promised(due, _, countdown):
            "\(display.absolute(due, now: now)), \(countdown.display)"
        case .resolved(let at):
            "resolved \(display.absolute(at, now: now)) · no further updates promised"
        case .closed(let at):
            "closed \(display.absolute(at, now: now)) · no further updates owed"
        }
    }
}

/// What decides what the customer is owed next, as an incident and its digest both know it: the promise
/// standing, and when the incident was resolved or closed. One implementation of the rules for both.
public protocol UpdateObligation {
    var openedAt: Date { get }
    /// When the customer was promised the next update, and why then.
    var nextUpdateDue: Date { get }
    var nextUpdateReason: String? { get }
    /// When the last briefing was given, if any was.
    var lastBriefingAt: Date? { get }
    /// When the incident last became resolved, while it still is.
    var resolvedAt: Date? { get }
    /// When the incident was closed, while it still is.
    var closedAt: Date? { get }
    /// When it became resolved, when it was then closed straight from resolved (while it is closed).
    var resolvedBeforeClosingAt: Date? { get }
}

extension UpdateObligation {
    /// When the duty to brief ended: at closing, or at resolution unless a briefing after it promised more.
    /// Nil while a promise stands.
    public var promisesEndedAt: Date? {
        if let closedAt {
            // Closed straight from resolved: nothing was owed from the resolution on (unless a briefing after it
            // promised more), so a promise falling between the two was not missed (found in review: closing
            // after the promised time turned 1/1 into 1/2).
            if let resolved = resolvedBeforeClosingAt, !(lastBriefingAt.map { $0 >= resolved } ?? false) {
                return resolved
            }
            return closedAt
        }
        guard let resolvedAt else { return nil }
        if let lastBriefingAt, lastBriefingAt >= resolvedAt { return nil }
        return resolvedAt
    }

    /// What the customer is owed next, as of `now`.
    public func nextUpdate(now: Date) -> NextUpdate {
        if let closedAt { return .closed(at: closedAt) }
        if let ended = promisesEndedAt { return .resolved(at: ended) }
        return .promised(due: nextUpdateDue, reason: nextUpdateReason, countdown: Countdown(target: nextUpdateDue, now: now))
    }

    /// `open 1h05m`, or `closed after 1h12m` once closed: a closed incident's age stops at its closing.
    public func ageText(now: Date) -> String {
        if let closedAt { return "closed after " + Countdown.span(closedAt.timeIntervalSince(openedAt)) }
        return "open " + Countdown.span(now.timeIntervalSince(openedAt))
    }
}

extension Incident: UpdateObligation {
    /// When the incident last became resolved, while it still is.
    public var resolvedAt: Date? {
        status == .resolved ? statusHistory.last(where: { $0.status == .resolved })?.at : nil
    }

    /// When the incident was closed, while it still is.
    public var closedAt: Date? {
        status == .closed ? statusHistory.last(where: { $0.status == .closed })?.at : nil
    }

    public var lastBriefingAt: Date? { briefings.last?.at }

    public var resolvedBeforeClosingAt: Date? { status == .closed ? lastClosedFromResolvedAt : nil }

    /// When it became resolved, if its last closing came straight from resolved, whatever it is now (as the
    /// board's digest keeps it).
    public var lastClosedFromResolvedAt: Date? {
        guard let closing = statusHistory.lastIndex(where: { $0.status == .closed }),
              closing > 0, statusHistory[closing - 1].status == .resolved else { return nil }
        return statusHistory[closing - 1].at
    }
}
