import Foundation

extension Command {
    /// The event this command appends to `incident`, with every time made absolute and every reference checked.
    /// Seen from `now` in `timeZone`, so "14:30" means the next 14:30 where the person typing it is.
    public func payload(for incident: Incident, now: Date, timeZone: TimeZone) throws(CommandError) -> EventPayload {
        try check(against: incident)
        switch self {
        case .acknowledge: return try Self.acknowledgement(of: incident, now: now)
        case .snooze(let length): return try Self.snoozing(incident, for: length, now: now)
        case .subscribe(let subscription): return try Self.subscribing(subscription, to: incident)
        case .unsubscribe(let address): return try Self.unsubscribing(address, from: incident)
        case let .undelivered(number, why): return try Self.explainingDelivery(of: number, why: why, in: incident)
        case .redeliver(let number): return try Self.redelivering(number, in: incident)
        default: break
        }
        let payload = try mapped(now: now, timeZone: timeZone, cadence: incident.cadence,
                                 confirmed: incident.confirmation != nil, hasOpenItems: !Self.openItems(of: incident).isEmpty)
        // A slip moves a deadline later: one moved earlier was counted as a slip all the same (found in review).
        if case let .deadlineSlipped(number, dueAt, _) = payload, let deadline = incident.deadline(number),
           dueAt <= deadline.dueAt {
            let display = TimeDisplay(timeZone: timeZone)
            throw CommandError("D\(number) is due \(display.absolute(deadline.dueAt, now: now)); \(display.absolute(dueAt, now: now)) is not later: a slip moves a deadline later (to bring it forward, drop it and set a new one)")
        }
        return payload
    }

    /// The event this command appends when the incident cannot be read (the store is out of reach and the entry
    /// goes to the outbox): times are resolved, but references cannot be checked, and commands whose meaning
    /// depends on the incident's state are refused.
    public func offlinePayload(now: Date, timeZone: TimeZone) throws(CommandError) -> EventPayload {
        switch self {
        case .open:
            throw CommandError("opening an incident needs the store, which is out of reach")
        case .confirm:
            throw CommandError("a confirmation needs the incident as it stands, which cannot be read while the store is out of reach")
        case .close:
            throw CommandError("closing needs the incident as it stands, which cannot be read while the store is out of reach")
        case .status(.closed):
            throw CommandError("closing needs the customer's confirmation: use 'close' once the store is back")
        case .brief(_, nil, _):
            throw CommandError("while the store is out of reach, a briefing needs --next: the incident's cadence cannot be read")
        case .acknowledge, .snooze:
            throw CommandError("a reminder can be answered only while the store can be read, to know which one stands")
        case .subscribe, .unsubscribe, .undelivered, .redeliver:
            throw CommandError("subscribers and deliveries need the incident as it stands, which cannot be read while the store is out of reach")
        default:
            return try mapped(now: now, timeZone: timeZone, cadence: nil, confirmed: false, hasOpenItems: false)
        }
    }

    /// The rules that depend on the incident as it stands.
    private func check(against incident: Incident) throws(CommandError) {
        if !incident.isOpen {
            switch self {
            case .status, .followUp, .followUpDone, .park, .unsubscribe, .undelivered, .redeliver:
                break // Reopening, calling back, parking debrief items and settling deliveries go on after closing.
            default:
                throw CommandError("\(incident.id) is closed: reopen it with 'status investigating' before adding to it")
            }
        }
        func openDeadline(_ number: Int) throws(CommandError) {
            guard let deadline = incident.deadline(number) else {
                throw CommandError("D\(number) is not a deadline of \(incident.id): \(Self.known(incident.deadlines.map(\.label)))")
            }
            if let outcome = deadline.outcome {
                throw CommandError("D\(number) is already \(outcome.rawValue): set a new deadline instead")
            }
        }
        switch self {
        case .open:
            throw CommandError("open starts a new incident; it cannot be added to \(incident.id)")
        case .deadlineMet(let number, _), .deadlineDrop(let number, _), .deadlineSlip(let number, _, _):
            try openDeadline(number)
        case .answer(let number, _):
            guard let question = incident.question(number) else {
                throw CommandError("Q\(number) is not a question of \(incident.id): \(Self.known(incident.questions.map(\.label)))")
            }
            // A second answer replaced the first on every screen and mixed their times in the debrief (found
            // in review): what was answered stays answered.
            if let answer = question.answers.last {
                let said = answer.text.count > 60 ? answer.text.prefix(59) + "…" : Substring(answer.text)
                throw CommandError("Q\(number) is already answered by \(answer.author): \"\(said)\"; add to it with a note, or ask a new question")
            }
        case .askDone(let number):
            guard let request = incident.customerRequest(number) else {
                throw CommandError("A\(number) is not a request of \(incident.id): \(Self.known(incident.customerRequests.map(\.label)))")
            }
            guard request.isOpen else { throw CommandError("A\(number) is already done") }
        case .status(let status):
            if status == .closed {
                throw CommandError("closing needs the customer's confirmation: use 'close' (see 'confirm --by NAME')")
            }
            guard status != incident.status else {
                throw CommandError("\(incident.id) is already \(status): choose another of \(IncidentStatus.acceptedNames)")
            }
        case .confirm:
            guard incident.status == .resolved else {
                throw CommandError("\(incident.id) is \(incident.status): the customer confirms a fix, so set 'status resolved' first")
            }
        case let .close(unconfirmedWhy, openItemsWhy):
            let open = Self.openItems(of: incident)
            if incident.confirmation == nil && unconfirmedWhy == nil {
                let alsoOpen = open.isEmpty ? "" : " and still has \(open.joined(separator: ", "))"
                throw CommandError("\(incident.id) has no confirmation from the customer\(alsoOpen): record it with 'confirm --by NAME', or close with --unconfirmed --why TEXT")
            }
            if !open.isEmpty && unconfirmedWhy == nil && openItemsWhy == nil {
                let (them, they) = open.count == 1 ? ("it", "it stays") : ("them", "they stay")
                throw CommandError("\(incident.id) still has \(open.joined(separator: ", ")): settle \(them) (answer, deadline met|drop, ask done), or close with --why TEXT saying why \(they) open")
            }
            if open.isEmpty && unconfirmedWhy == nil && openItemsWhy != nil {
                throw CommandError("--why is for closing with questions, deadlines or requests still open, or with --unconfirmed: \(incident.id) has none open and is confirmed, so close needs no reason")
            }
        case .followUpDone(let number):
            guard let followUp = incident.followUp(number) else {
                throw CommandError("F\(number) is not a follow-up of \(incident.id): \(Self.known(incident.followUps.map(\.label)))")
            }
            guard followUp.isOpen else { throw CommandError("F\(number) is already done") }
        default:
            break
        }
    }

    /// The furthest a briefing may promise its next update: a week.
    public static let furthestPromise: TimeInterval = 7 * 86_400

    /// The payload, once the incident's state has had its say: only times are resolved here.
    private func mapped(now: Date, timeZone: TimeZone, cadence: TimeInterval?, confirmed: Bool,
                        hasOpenItems: Bool) throws(CommandError) -> EventPayload {
        func future(_ when: When, _ what: String) throws(CommandError) -> Date {
            let date = when.resolve(now: now, timeZone: timeZone)
            guard date > now else {
                throw CommandError("\(what) \(TimeDisplay(timeZone: timeZone).absolute(date, now: now)) is in the past: give a time still to come")
            }
            return Timestamp.truncated(date)
        }
        switch self {
        case .open:
            throw CommandError("open starts a new incident")
        case .note(let text):
            return .note(text: text)
        case let .brief(text, next, why):
            guard let due = try next.map({ w throws(CommandError) in try future(w, "the next update") })
                ?? cadence.map({ Timestamp.truncated(now.addingTimeInterval($0)) }) else {
                throw CommandError("a briefing needs --next: the incident's cadence is not known")
            }
            // The time goes to the customer at once (mail, webhook, page): a slip of the keyboard ("30h" for
            // "30m", "99999h") must not become a promise nobody meant.
            if due.timeIntervalSince(now) > Self.furthestPromise {
                throw CommandError("the next update \(TimeDisplay(timeZone: timeZone).absolute(due, now: now)) is more than \(Int(Self.furthestPromise / 86_400)) days away: the customer is promised it at once, so give a time within a week (30m, 4h, 14:30, or an ISO 8601 time)")
            }
            // Without --next the cadence is the reason, and saying so keeps every commitment explained.
            let reason = why ?? (next == nil ? cadence.map { "our regular \(DurationText.format($0)) update cadence" } : nil)
            return .briefing(text: text, nextUpdateAt: due, reason: reason)
        case let .deadline(text, due, owner):
            return .deadlineSet(text: text, dueAt: try future(due, "the deadline"), owner: owner)
        case let .deadlineMet(number, why):
            return .deadlineMet(deadline: number, note: why)
        case let .deadlineDrop(number, why):
            return .deadlineDropped(deadline: number, note: why)
        case let .deadlineSlip(number, due, why):
            return .deadlineSlipped(deadline: number, dueAt: try future(due, "the new time"), reason: why)
        case .question(let text):
            return .question(text: text)
        case let .answer(number, text):
            return .answer(question: number, text: text)
        case .impact(let text):
            return .impact(text: text)
        case .frame(let text):
            return .frame(text: text)
        case .workaround(let text):
            return .workaround(text: text)
        case let .ask(text, why):
            return .customerRequest(text: text, reason: why)
        case .askDone(let number):
            return .customerRequestDone(request: number)
        case let .owner(name, phone):
            return .owner(name: name, phone: phone)
        case let .role(role, name, phone):
            return .role(role, name: name, phone: phone)
        case .status(let status):
            return .status(status)
        case .park(let text):
            return .parked(text: text)
        case let .confirm(by, note):
            return .confirmed(by: by, note: note)
        case let .close(why, openItemsWhy):
            // On a confirmed incident, an --unconfirmed --why can only be answering for what is still open.
            let leftOpen = openItemsWhy ?? (confirmed && hasOpenItems ? why : nil)
            return .closed(unconfirmedReason: confirmed ? nil : why, openItemsReason: leftOpen)
        case let .followUp(due, text):
            return .followUp(dueAt: try future(due, "the follow-up"), text: text)
        case .followUpDone(let number):
            return .followUpDone(followUp: number)
        case .remind(let lead):
            return .reminderLead(lead)
        case .acknowledge, .snooze:
            throw CommandError("a reminder can be answered only against the incident as it stands")
        case .subscribe, .unsubscribe, .undelivered, .redeliver:
            throw CommandError("subscribers and deliveries are settled only against the incident as it stands")
        }
    }

    /// The clock time typed for the command's time (`--next 14:10`, `--at 14:30`), if one was: it means the next
    /// such time in the zone of the person typing, which the confirmation says back.
    public var typedClockTime: (hour: Int, minute: Int)? {
        let typed: When? = switch self {
        case .brief(_, let next, _): next
        case .deadline(_, let due, _), .deadlineSlip(_, let due, _), .followUp(let due, _): due
        default: nil
        }
        guard case let .clock(hour, minute)? = typed else { return nil }
        return (hour, minute)
    }

    /// The events that open an incident: the opening itself, then the owner when one was named.
    public func openingPayloads() throws(CommandError) -> [EventPayload] {
        guard case .open(let request) = self else { throw CommandError("not an open command") }
        var payloads: [EventPayload] = [
            .opened(title: request.title, severity: request.severity, customer: request.customer,
                    cadence: request.cadence),
        ]
        if let owner = request.owner {
            payloads.append(.owner(name: owner.name, phone: owner.phone))
        }
        if let remind = request.remind {
            payloads.append(.reminderLead(remind.seconds))
        }
        return payloads
    }

    /// What a close would leave behind, named for a person: `question Q2 "Did the CDN change?" unanswered`.
    static func openItems(of incident: Incident) -> [String] {
        func quoted(_ text: String) -> String {
            let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            return "\"" + (line.count > 60 ? String(line.prefix(59)) + "…" : line) + "\""
        }
        return incident.openQuestions.map { "question \($0.label) \(quoted($0.text)) unanswered" }
            + incident.openDeadlines.map { "deadline \($0.label) \(quoted($0.text)) open" }
            + incident.openCustomerRequests.map { "request \($0.label) \(quoted($0.text)) not done" }
    }

    private static func known(_ labels: [String]) -> String {
        labels.isEmpty ? "there are none yet" : "known are " + labels.suffix(12).joined(separator: ", ")
    }
}

extension Command {
    /// `ack`: the newest standing reminder, acknowledged at its stage.
    static func acknowledgement(of incident: Incident, now: Date) throws(CommandError) -> EventPayload {
        guard let standing = incident.standingReminders(now: now).first else {
            throw CommandError("nothing to acknowledge: no reminder stands for \(incident.id)")
        }
        return .reminderAcknowledged(subject: standing.record.subject, stage: standing.record.stage)
    }

    /// `snooze 10m`: the newest standing reminder's subject, quiet until then. Before a promise is due a
    /// snooze may not outlast the time left (the reminder exists so the promise is kept); once overdue, an
    /// hour at most.
    static func snoozing(_ incident: Incident, for length: TimeInterval, now: Date) throws(CommandError) -> EventPayload {
        guard let standing = incident.standingReminders(now: now).first else {
            throw CommandError("nothing to snooze: no reminder stands for \(incident.id)")
        }
        let subject = standing.record.subject
        let due = standing.record.dueAt
        let left = due.timeIntervalSince(now)
        if left > 0, length > left {
            let most = (left / 60).rounded(.down) * 60
            let advice = most >= 60 ? "snooze \(DurationText.format(most)) at most, or act now" : "no time to snooze: act now"
            throw CommandError("a snooze of \(DurationText.format(length)) outlasts the time left: due in \(Countdown.span(left)); \(advice)")
        }
        if left <= 0, length > ReminderPolicy.longestSnooze {
            throw CommandError("a snooze of \(DurationText.format(length)) is too long for something already due: \(DurationText.format(ReminderPolicy.longestSnooze)) at most")
        }
        return .reminderSnoozed(subject: subject, until: now.addingTimeInterval(length))
    }
}
