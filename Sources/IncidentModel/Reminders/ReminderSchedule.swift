import Foundation

/// Which reminders are due, worked out from the log alone, so every process that looks (every dashboard,
/// `crisis watch`) computes the same ones and the store's idempotency key keeps exactly one.
extension Incident {
    /// One subject that can be reminded of, as of `now`: what it is, when it is due, and whose move it is.
    public struct ReminderTarget: Equatable, Sendable {
        public let subject: ReminderSubject
        public let dueAt: Date
        public let recipient: String
        public let phone: String?
        /// The stage it has reached at `now`, if any.
        public let stage: ReminderStage?
        /// When that stage fell due.
        public let stageAt: Date?
    }

    /// Every subject that can be reminded of now: the promised update while a promise stands, each open
    /// deadline, each open question. Nothing once the incident is resolved or closed.
    public func reminderTargets(now: Date) -> [ReminderTarget] {
        guard status != .resolved, status != .closed else { return [] }
        var targets: [ReminderTarget] = []
        if case let .promised(due, _, _) = nextUpdate(now: now) {
            let promise = briefings.last
            let stage = Self.updateStage(due: due, promisedAt: promise?.at ?? openedAt, lead: reminderLead, now: now)
            let contact = updateContact
            targets.append(ReminderTarget(subject: .update(promisedBy: promise?.sequence ?? 1), dueAt: due,
                                          recipient: contact.name, phone: contact.phone,
                                          stage: stage?.stage, stageAt: stage?.at))
        }
        for deadline in openDeadlines {
            let contact = deadline.owner.map { name in (name, phone(of: name)) } ?? technicalContact
            let reached = now >= deadline.dueAt
            targets.append(ReminderTarget(subject: .deadline(number: deadline.number, dueAt: deadline.dueAt),
                                          dueAt: deadline.dueAt, recipient: contact.0, phone: contact.1,
                                          stage: reached ? .deadlineDue : nil, stageAt: reached ? deadline.dueAt : nil))
        }
        for question in openQuestions {
            let due = question.askedAt.addingTimeInterval(ReminderPolicy.questionWait)
            let contact = technicalContact
            let reached = now >= due
            targets.append(ReminderTarget(subject: .question(number: question.number), dueAt: due,
                                          recipient: contact.name, phone: contact.phone,
                                          stage: reached ? .questionOpen : nil, stageAt: reached ? due : nil))
        }
        return targets
    }

    /// The reminders whose time has come and that nobody has recorded yet: for each subject only the latest
    /// stage it has reached (after the host's clock jumps ahead, the current state is what people need), never
    /// a stage recorded already or ranked below one recorded before `now`, never during a snooze, and no
    /// further overdue repeats once someone acknowledged one.
    public func dueReminders(now: Date) -> [PlannedReminder] {
        reminderTargets(now: now).compactMap { target in
            guard let stage = target.stage, let stageAt = target.stageAt else { return nil }
            let recorded = reminders.filter { $0.record.subject == target.subject }
            if recorded.contains(where: { $0.record.stage == stage }) { return nil }
            // A later stage recorded in this clock's past supersedes this one. One recorded in its future was
            // fired by a clock that ran ahead (and has since been set right): it holds nothing back, or the
            // real stages would be lost; the store's key still keeps each stage once.
            let settled = recorded.filter { $0.at <= now }
            if let highest = settled.map(\.record.stage.rank).max(), stage.rank <= highest { return nil }
            if isSnoozed(target.subject, now: now) { return nil }
            if isAcknowledged(target.subject, family: stage.family) { return nil }
            return PlannedReminder(incident: id, subject: target.subject, stage: stage, dueAt: target.dueAt,
                                   firesAt: stageAt, recipient: target.recipient, phone: target.phone)
        }
    }

    /// The reminders that still stand, newest first: their subject still open, not acknowledged since, not
    /// snoozed. What every dashboard's banner shows, and what `/ack` and `/snooze` answer.
    public func standingReminders(now: Date) -> [LoggedReminder] {
        let live = Set(reminderTargets(now: now).map(\.subject))
        var newestPerSubject: [ReminderSubject: LoggedReminder] = [:]
        for reminder in reminders where live.contains(reminder.record.subject) {
            newestPerSubject[reminder.record.subject] = reminder
        }
        return newestPerSubject.values
            .filter { reminder in
                !isSnoozed(reminder.record.subject, now: now)
                    && !reminderResponses.contains { response in
                        guard response.subject == reminder.record.subject, response.sequence > reminder.sequence,
                              case .acknowledged(let stage) = response.kind else { return false }
                        return stage.family == reminder.record.stage.family
                    }
            }
            .sorted { $0.sequence > $1.sequence }
    }

    /// Whether a snooze of `subject` still runs at `now`.
    public func isSnoozed(_ subject: ReminderSubject, now: Date) -> Bool {
        reminderResponses.contains { response in
            guard response.subject == subject, case .snoozed(let until) = response.kind else { return false }
            return until > now
        }
    }

    private func isAcknowledged(_ subject: ReminderSubject, family: String) -> Bool {
        reminderResponses.contains { response in
            guard response.subject == subject, case .acknowledged(let stage) = response.kind else { return false }
            return stage.family == family
        }
    }

    /// The stage a promise has reached: due soon within the lead time (unless the promise itself was made
    /// inside it: whoever just wrote the briefing knows), due at the time, then overdue again and again.
    static func updateStage(due: Date, promisedAt: Date, lead: TimeInterval?,
                            now: Date) -> (stage: ReminderStage, at: Date)? {
        let late = now.timeIntervalSince(due)
        if late >= ReminderPolicy.overdueRepeat {
            let repeatNumber = Int((late / ReminderPolicy.overdueRepeat).rounded(.down))
            return (.overdue(repeatNumber), due.addingTimeInterval(Double(repeatNumber) * ReminderPolicy.overdueRepeat))
        }
        if late >= 0 { return (.due, due) }
        if let lead, lead > 0 {
            let soon = due.addingTimeInterval(-lead)
            if now >= soon, promisedAt < soon { return (.dueSoon, soon) }
        }
        return nil
    }

    /// Who writes the next update: the communications lead, else the owner, else whoever opened.
    public var updateContact: (name: String, phone: String?) {
        if let lead = lead(.comms) { return (lead.name, lead.phone ?? phone(of: lead.name)) }
        if let owner { return (owner.name, owner.phone) }
        return (openedBy, nil)
    }

    /// Who answers questions: the technical lead, else the owner, else whoever opened.
    public var technicalContact: (name: String, phone: String?) {
        if let lead = lead(.tech) { return (lead.name, lead.phone ?? phone(of: lead.name)) }
        if let owner { return (owner.name, owner.phone) }
        return (openedBy, nil)
    }

    /// A phone for `name` if the log has one: as a lead, or as the owner.
    private func phone(of name: String) -> String? {
        if let handoff = roleHandoffs.last(where: { $0.name == name && $0.phone != nil }) { return handoff.phone }
        return owners.last { $0.name == name }?.phone
    }
}
