import Foundation

extension Command {
    /// The event this command appends to `incident`, with every time made absolute and every reference checked.
    /// Seen from `now` in `timeZone`, so "14:30" means the next 14:30 where the person typing it is.
    public func payload(for incident: Incident, now: Date, timeZone: TimeZone) throws(CommandError) -> EventPayload {
        if !incident.isOpen {
            switch self {
            case .status, .followUp, .followUpDone, .park:
                break // Reopening, calling back and parking debrief items go on after closing.
            default:
                throw CommandError("\(incident.id) is closed: reopen it with 'status investigating' before adding to it")
            }
        }
        func future(_ when: When, _ what: String) throws(CommandError) -> Date {
            let date = when.resolve(now: now, timeZone: timeZone)
            guard date > now else {
                throw CommandError("\(what) \(TimeDisplay(timeZone: timeZone).absolute(date, now: now)) is in the past: give a time still to come")
            }
            return date
        }
        func openDeadline(_ number: Int) throws(CommandError) -> Deadline {
            guard let deadline = incident.deadline(number) else {
                throw CommandError("D\(number) is not a deadline of \(incident.id): \(Self.known(incident.deadlines.map(\.label)))")
            }
            if let outcome = deadline.outcome {
                throw CommandError("D\(number) is already \(outcome.rawValue): set a new deadline instead")
            }
            return deadline
        }

        switch self {
        case .open:
            throw CommandError("open starts a new incident; it cannot be added to \(incident.id)")
        case .note(let text):
            return .note(text: text)
        case let .brief(text, next, why):
            let due = try next.map { w throws(CommandError) in try future(w, "the next update") }
                ?? now.addingTimeInterval(incident.cadence)
            // Without --next the cadence is the reason, and saying so keeps every commitment explained.
            let reason = why ?? (next == nil ? "our regular \(DurationText.format(incident.cadence)) update cadence" : nil)
            return .briefing(text: text, nextUpdateAt: Timestamp.truncated(due), reason: reason)
        case let .deadline(text, due, owner):
            return .deadlineSet(text: text, dueAt: Timestamp.truncated(try future(due, "the deadline")), owner: owner)
        case let .deadlineMet(number, why):
            _ = try openDeadline(number)
            return .deadlineMet(deadline: number, note: why)
        case let .deadlineDrop(number, why):
            _ = try openDeadline(number)
            return .deadlineDropped(deadline: number, note: why)
        case let .deadlineSlip(number, due, why):
            _ = try openDeadline(number)
            return .deadlineSlipped(deadline: number, dueAt: Timestamp.truncated(try future(due, "the new time")),
                                    reason: why)
        case .question(let text):
            return .question(text: text)
        case let .answer(number, text):
            guard incident.question(number) != nil else {
                throw CommandError("Q\(number) is not a question of \(incident.id): \(Self.known(incident.questions.map(\.label)))")
            }
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
            guard let request = incident.customerRequest(number) else {
                throw CommandError("A\(number) is not a request of \(incident.id): \(Self.known(incident.customerRequests.map(\.label)))")
            }
            guard request.isOpen else { throw CommandError("A\(number) is already done") }
            return .customerRequestDone(request: number)
        case let .owner(name, phone):
            return .owner(name: name, phone: phone)
        case .status(let status):
            if status == .closed {
                throw CommandError("closing needs the customer's confirmation: use 'close' (see 'confirm --by NAME')")
            }
            guard status != incident.status else {
                throw CommandError("\(incident.id) is already \(status): choose another of \(IncidentStatus.acceptedNames)")
            }
            return .status(status)
        case .park(let text):
            return .parked(text: text)
        case let .confirm(by, note):
            guard incident.status == .resolved else {
                throw CommandError("\(incident.id) is \(incident.status): the customer confirms a fix, so set 'status resolved' first")
            }
            return .confirmed(by: by, note: note)
        case .close(let why):
            if incident.confirmation == nil && why == nil {
                throw CommandError("\(incident.id) has no confirmation from the customer: record it with 'confirm --by NAME', or close with --unconfirmed --why TEXT")
            }
            return .closed(unconfirmedReason: incident.confirmation == nil ? why : nil)
        case let .followUp(due, text):
            return .followUp(dueAt: Timestamp.truncated(try future(due, "the follow-up")), text: text)
        case .followUpDone(let number):
            guard let followUp = incident.followUp(number) else {
                throw CommandError("F\(number) is not a follow-up of \(incident.id): \(Self.known(incident.followUps.map(\.label)))")
            }
            guard followUp.isOpen else { throw CommandError("F\(number) is already done") }
            return .followUpDone(followUp: number)
        }
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
        return payloads
    }

    private static func known(_ labels: [String]) -> String {
        labels.isEmpty ? "there are none yet" : "known are " + labels.suffix(12).joined(separator: ", ")
    }
}
