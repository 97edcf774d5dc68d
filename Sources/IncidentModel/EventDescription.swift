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
            return "\(text)\n→ next update \(display.absolute(next, now: at))" + (reason.map { " — \($0)" } ?? " (no reason given)")
        case let .deadlineSet(text, due, owner):
            let label = incident.deadlines.first { $0.sequence == event.sequence }?.label ?? "D?"
            return "\(label) due \(display.absolute(due, now: at)): \(text)" + (owner.map { " (owner \($0))" } ?? "")
        case let .deadlineMet(number, note):
            let late = incident.deadline(number)?.lateBy.map { " \(ReadableDuration.format($0)) late" } ?? ""
            return "D\(number) met\(late)" + (note.map { ": \($0)" } ?? "")
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
        case let .role(role, name, phone):
            // A handoff names who had it: the record shows the chain, not only its end.
            let earlier = incident.roleHandoffs.last { $0.role == role && $0.sequence < event.sequence }
            return "\(role.title) is now \(name)" + (phone.map { ", \($0)" } ?? "")
                + (earlier.map { " (was \($0.name))" } ?? "")
        case .status(let status):
            return "status → \(status)"
        case .parked(let text):
            return "parked for the debrief: \(text)"
        case let .confirmed(by, note):
            return "the customer confirmed the fix: \(by)" + (note.map { " — \($0)" } ?? "")
        case let .closed(reason, openItemsReason):
            let how = reason.map { "closed WITHOUT the customer's confirmation: \($0)" } ?? "closed, confirmed by the customer"
            return how + (openItemsReason.map { "; left open: \($0)" } ?? "")
        case let .followUp(due, text):
            let label = incident.followUps.first { $0.sequence == event.sequence }?.label ?? "F?"
            return "\(label) follow-up due \(display.absolute(due, now: at)): \(text)"
        case .followUpDone(let number):
            return "F\(number) follow-up done"
        case .reminder(let record):
            return "reminded \(record.recipient)" + (record.phone.map { " (\($0))" } ?? "") + ": "
                + subjectPhrase(record.subject, stage: record.stage, dueAt: record.dueAt, at: at)
        case let .reminderAcknowledged(subject, stage):
            return "acknowledged the reminder of \(subjectName(subject)) (\(stage.phrase))"
        case let .reminderSnoozed(subject, until):
            return "snoozed reminders of \(subjectName(subject)) until \(display.absolute(until, now: at))"
                + " (the promised time stays as it is)"
        case .reminderLead(let lead):
            return lead.map { "reminders now go \(DurationText.format($0)) before each promised update" }
                ?? "no early reminder before promised updates (due and overdue reminders still go)"
        case let .hookClaimed(hook, sequence, _):
            return "hook \(hook) ran for event #\(sequence)"
        case let .hookFailed(hook, status, detail):
            return "hook \(hook) failed (\(status))" + (detail.isEmpty ? "" : ": \(detail)")
        case .subscribed(let subscription):
            let scope = subscription.customer.map { "this incident and every later \($0) incident" } ?? "this incident"
            return "subscribed \(subscription.label) to the updates of \(scope)"
                + (subscription.zone.map { " (times in \($0))" } ?? "")
        case let .unsubscribed(address, customer):
            return "unsubscribed \(incident.shownContact(address))" + (customer.map { " from every incident of \($0)" } ?? "")
        case .pageShared(let share):
            return "shared the status page of \(share.customer) (\(share.id))" + (share.label.map { " with \($0)" } ?? "")
        case let .pageUnshared(customer, share):
            return share.map { "revoked share \($0) of the status page of \(customer)" }
                ?? "revoked every share of the status page of \(customer)"
        case .deliveryClaimed(let claim):
            return "sending \(incident.updateLabel(claim.notice)) to \(incident.shownContact(claim.target)) (attempt \(claim.attempt))"
        case .deliveryReceipt(let receipt):
            let label = incident.updateLabel(receipt.notice)
            switch receipt.outcome {
            case .delivered:
                return "✓ \(label) \(SubscriberAddress.deliveredVerb(receipt.target)) \(incident.receivingEnd(receipt.target)): \(receipt.detail)"
            case .retrying:
                return "✗ \(label) not yet \(SubscriberAddress.deliveredVerb(receipt.target)) \(incident.receivingEnd(receipt.target)): \(receipt.detail)"
                    + (receipt.retryAt.map { "; trying again \(display.absolute($0, now: at))" } ?? "")
            case .failed:
                return "✗ \(label) NOT \(SubscriberAddress.deliveredVerb(receipt.target)) \(incident.receivingEnd(receipt.target)): \(receipt.detail)"
            }
        case let .deliveryExplained(notice, text):
            return "\(incident.updateLabel(notice)) not delivered, on record: \(text)"
        case .deliveryRetried(let notice):
            return "\(incident.updateLabel(notice)) goes again to every subscriber it did not reach"
        }
    }

    /// `update to the customer due 14:35 CET (13:35Z), overdue 10 min`: what a reminder is about, as of `at`.
    public func subjectPhrase(_ subject: ReminderSubject, stage: ReminderStage, dueAt: Date?, at: Date) -> String {
        let when = dueAt.map { " \(display.absolute($0, now: at))" } ?? ""
        switch stage {
        case .dueSoon: return "\(subjectName(subject)) due\(when), in \(ReadableDuration.format(max(0, (dueAt ?? at).timeIntervalSince(at))))"
        case .due: return "\(subjectName(subject)) due now" + (dueAt == nil ? "" : ", at\(when)")
        case .overdue: return "\(subjectName(subject)) OVERDUE since\(when)"
        case .deadlineDue: return "\(subjectName(subject)) due\(when)"
        case .questionOpen: return "\(subjectName(subject)) unanswered for \(ReadableDuration.format(ReminderPolicy.questionWait))"
        }
    }

    /// `the update to the customer`, `D2 "check the pool"`, `Q3 "is eu-west on the old build?"`.
    public func subjectName(_ subject: ReminderSubject) -> String {
        switch subject {
        case .update: return "the update to the customer"
        case .deadline(let number, _):
            return "D\(number)" + (incident.deadline(number).map { " \"\($0.text)\"" } ?? "")
        case .question(let number):
            return "Q\(number)" + (incident.question(number).map { " \"\($0.text)\"" } ?? "")
        }
    }

    /// What a command says back after its event is appended, with every time absolute and counted down.
    /// When `command` gave a clock time (`--next 14:10`), the line also says which day and zone it was read in:
    /// `… — 14:10 taken as tomorrow in Europe/Berlin`, so a time that lands a day away is not missed.
    public func confirmation(_ event: Event, now: Date, command: Command? = nil) -> String {
        // A secret the person gave is theirs already: only one crisis made is printed, this once.
        let secretGiven = if case .subscribe(let given)? = command { given.secret != nil } else { false }
        let line = plainConfirmation(event, now: now, showingSecret: !secretGiven)
        guard let typed = command?.typedClockTime, let due = event.payload.dueAt else { return line }
        let clock = String(format: "%02d:%02d", typed.hour, typed.minute)
        return "\(line) — \(clock) taken as \(dayWord(due, now: now)) in \(display.timeZone.identifier)"
    }

    /// `today`, `tomorrow`, or the date, in the display's zone.
    private func dayWord(_ date: Date, now: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = display.timeZone
        let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: now),
                                           to: calendar.startOfDay(for: date)).day ?? 0
        switch days {
        case 0: return "today"
        case 1: return "tomorrow"
        default: return display.dayAndClock(date)
        }
    }

    /// What the form that made the event declared it prints (`VerbPrint`), for this event.
    private func plainConfirmation(_ event: Event, now: Date, showingSecret: Bool) -> String {
        switch VerbTable.form(making: event.kind)?.prints ?? .line {
        case .opening:
            return "\(incident.id) opened: \(incident.severity) \"\(incident.title)\"; first briefing due \(display.commitment(incident.nextUpdateDue, now: now))"
        case .briefing:
            guard let next = event.payload.dueAt else { break }
            let subscribers = incident.activeSubscribers.count
            return "briefing posted to \(incident.id); next update due \(display.commitment(next, now: now))"
                + (subscribers == 0 ? "" : "; going to \(subscribers) subscriber\(subscribers == 1 ? "" : "s")")
        case .label:
            if let label = label(of: event) { return label }
        case .labelAndDue:
            guard let label = label(of: event), let due = event.payload.dueAt else { break }
            return "\(label) due \(display.commitment(due, now: now))"
        case .slip:
            guard case let .deadlineSlipped(number, due, _) = event.payload else { break }
            let slips = incident.deadline(number)?.slips.count ?? 0
            return "D\(number) slipped to \(display.commitment(due, now: now)) (slip \(slips))"
        case .subscription:
            guard case .subscribed(let subscription) = event.payload else { break }
            let scope = subscription.customer.map { "\(incident.id) and every later \($0) incident" } ?? incident.id.description
            let line = "\(subscription.label) subscribed to the updates of \(scope)"
            guard let secret = subscription.secret else { return line }
            guard showingSecret else { return "\(line); deliveries are signed with the secret given" }
            return "\(line); signing secret (shown this once, keep it in the receiver): \(secret)"
        case .line:
            break
        }
        return "\(incident.id) #\(event.sequence): \(describe(event).split(separator: "\n").first.map(String.init) ?? "")"
    }

    /// The label the fold gave the item an event created: `D3`, `Q1`, `W2`, `A1`, `F1`.
    private func label(of event: Event) -> String? {
        switch event.payload {
        case .deadlineSet: incident.deadlines.first { $0.sequence == event.sequence }?.label
        case .question: incident.questions.first { $0.sequence == event.sequence }?.label
        case .workaround: incident.workarounds.first { $0.entry.sequence == event.sequence }?.label
        case .customerRequest: incident.customerRequests.first { $0.sequence == event.sequence }?.label
        case .followUp: incident.followUps.first { $0.sequence == event.sequence }?.label
        default: nil
        }
    }
}

extension EventPayload {
    /// The time an entry sets: a briefing's next update, a deadline's due time, a follow-up's.
    var dueAt: Date? {
        switch self {
        case .briefing(_, let next, _): next
        case .deadlineSet(_, let due, _), .deadlineSlipped(_, let due, _), .followUp(let due, _): due
        default: nil
        }
    }
}
