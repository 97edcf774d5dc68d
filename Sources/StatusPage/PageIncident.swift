import Foundation
import IncidentModel

/// One incident as its customer sees it: what we told them, update by update, and where it stands as of
/// the last thing we told them. Made only from `CustomerNotice`s (the business channel alone), so nothing
/// rendered from it can carry a note, deadline, question, reminder or who typed what.
public struct PageIncident: Equatable, Sendable {
    public let id: IncidentID
    public let title: String
    /// Only to map onto Statuspage's `impact` (sev1 critical … sev4 minor).
    public let severity: Severity
    public let openedAt: Date
    /// When the closure was posted; nil while open.
    public let closedAt: Date?
    /// Every notice, oldest first: the opening, each briefing, the closure.
    public let updates: [CustomerNotice]
    /// Promises kept out of those settled ("updates on time 7/8").
    public let updatesOnTime: (kept: Int, settled: Int)

    public init?(_ incident: Incident, now: Date) {
        let notices = incident.noticeEvents.compactMap { CustomerNotice(notice: $0.sequence, in: incident) }
        guard !notices.isEmpty else { return nil }
        id = incident.id
        title = incident.title
        severity = incident.severity
        openedAt = incident.openedAt
        // Closed only if the newest notice is the closure: a reopened incident's old closure is history.
        closedAt = notices.last?.occasion == .closed ? notices.last?.postedAt : nil
        updates = notices
        updatesOnTime = incident.updatesOnTime(now: now)
    }

    public static func == (lhs: PageIncident, rhs: PageIncident) -> Bool {
        lhs.id == rhs.id && lhs.title == rhs.title && lhs.severity == rhs.severity && lhs.openedAt == rhs.openedAt
            && lhs.closedAt == rhs.closedAt && lhs.updates == rhs.updates
            && lhs.updatesOnTime.kept == rhs.updatesOnTime.kept && lhs.updatesOnTime.settled == rhs.updatesOnTime.settled
    }

    public var isOpen: Bool { closedAt == nil }

    /// The newest notice: where the incident stands as far as the customer was told.
    public var latest: CustomerNotice { updates[updates.count - 1] }

    /// When we promised to speak next; nil once closed.
    public var nextUpdateAt: Date? { isOpen ? latest.nextUpdateAt : nil }

    /// Why then, as the account manager gave it with the promise (behavior 9); nil once closed or when none was
    /// given.
    public var nextUpdateReason: String? {
        guard isOpen, let reason = latest.nextUpdateReason, !reason.isEmpty else { return nil }
        return reason
    }

    /// When the last thing happened on the page: the newest notice.
    public var updatedAt: Date { latest.postedAt }

    /// How long it lasted, for a past incident.
    public var duration: TimeInterval? { closedAt.map { $0.timeIntervalSince(openedAt) } }

    /// How late our next update is at `now`, or nil if it is not late (or none is owed).
    public func overdue(at now: Date) -> TimeInterval? {
        guard let next = nextUpdateAt, now > next else { return nil }
        return now.timeIntervalSince(next)
    }
}
