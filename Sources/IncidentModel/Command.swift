import Foundation

/// Something a person asked for, parsed but not yet checked against the incident. The command line and the
/// dashboard's composer both produce these, through the same factories, so they accept the same things.
public enum Command: Equatable, Sendable {
    case open(OpenIncident)
    case note(String)
    case brief(text: String, next: When?, why: String?)
    case deadline(text: String, due: When, owner: String?)
    case deadlineMet(number: Int, why: String?)
    case deadlineDrop(number: Int, why: String?)
    case deadlineSlip(number: Int, due: When, why: String)
    case question(String)
    case answer(number: Int, text: String)
    case impact(String)
    case frame(String)
    case workaround(String)
    case ask(text: String, why: String)
    case askDone(number: Int)
    case owner(name: String, phone: String)
    case role(IncidentRole, name: String, phone: String?)
    case status(IncidentStatus)
    case park(String)
    case confirm(by: String, note: String?)
    /// `unconfirmedWhy` answers for a missing confirmation (and covers anything left open too);
    /// `openItemsWhy` answers for questions, deadlines or requests still open at a confirmed close.
    case close(unconfirmedWhy: String?, openItemsWhy: String? = nil)
    case followUp(due: When, text: String)
    case followUpDone(number: Int)
    /// `ack`: the newest standing reminder was seen.
    case acknowledge
    /// `snooze 10m`: no reminder of the newest standing reminder's subject for that long.
    case snooze(TimeInterval)
    /// `remind 5m` or `remind off`: how long before each promised update its first reminder goes.
    case remind(lead: TimeInterval?)
    /// `subscribe ADDRESS …`: a customer contact to send the updates to; a webhook without `--secret` gets one
    /// made when the command is resolved.
    case subscribe(Subscription)
    /// `unsubscribe ADDRESS`.
    case unsubscribe(address: String)
    /// `undelivered U4 TEXT`: why an update did not reach the customer, on record.
    case undelivered(update: Int, why: String)
    /// `redeliver U4`: send the update again where it failed, once the cause is fixed.
    case redeliver(update: Int)

    /// What `crisis open` needs.
    public struct OpenIncident: Equatable, Sendable {
        public let title: String
        public let severity: Severity
        public let customer: String?
        public let owner: (name: String, phone: String)?
        public let cadence: TimeInterval?
        /// `--remind`: the lead time of the first reminder before each promised update; nil means the default.
        public var remind: ReminderLead? = nil

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.title == rhs.title && lhs.severity == rhs.severity && lhs.customer == rhs.customer
                && lhs.owner?.name == rhs.owner?.name && lhs.owner?.phone == rhs.owner?.phone
                && lhs.cadence == rhs.cadence && lhs.remind == rhs.remind
        }
    }
}

// MARK: - Factories: the one place each verb's arguments are checked.

extension Command {
    public static func open(title: String, severity: Int?, customer: String?, owner: String?, phone: String?,
                            cadence: String?, remind: String? = nil) throws(CommandError) -> Command {
        let title = try EntryText.validated(title, "the title")
        guard let severity else {
            throw CommandError("open needs --severity: 1 (business down) to 4 (minor)")
        }
        guard let level = Severity(rawValue: severity) else {
            throw CommandError("severity \(severity) is not known: use 1, 2, 3 or 4")
        }
        let customer = try EntryText.validatedIfPresent(customer, "the customer")
        var ownerPair: (String, String)?
        switch (owner, phone) {
        case (nil, nil): ownerPair = nil
        case let (name?, phone?): ownerPair = try (EntryText.validated(name, "the owner's name"), validatedPhone(phone))
        case (_?, nil): throw CommandError("--owner needs --phone too: the customer must be able to reach the owner")
        case (nil, _?): throw CommandError("--phone needs --owner: whose phone is it?")
        }
        var cadenceSeconds: TimeInterval?
        if let cadence {
            guard let seconds = DurationText.parse(cadence) else {
                throw CommandError("cadence '\(cadence)' is not understood: use \(DurationText.accepted)")
            }
            cadenceSeconds = seconds
        }
        var request = OpenIncident(title: title, severity: level, customer: customer, owner: ownerPair,
                                   cadence: cadenceSeconds)
        if let remind, case .remind(let lead) = try Command.remind(remind) {
            request.remind = lead.map(ReminderLead.before) ?? .off
        }
        return .open(request)
    }

    public static func note(validating text: String) throws(CommandError) -> Command {
        .note(try EntryText.validated(text, "the note"))
    }

    public static func brief(_ text: String, next: String?, why: String?) throws(CommandError) -> Command {
        .brief(text: try EntryText.validated(text, "the briefing"),
               next: try next.map { raw throws(CommandError) in try when(raw, "--next") },
               why: try EntryText.validatedIfPresent(why, "the reason (--why)"))
    }

    public static func deadline(_ text: String, in duration: String?, at time: String?,
                                owner: String?) throws(CommandError) -> Command {
        .deadline(text: try EntryText.validated(text, "the deadline's step"),
                  due: try due(in: duration, at: time, what: "a deadline"),
                  owner: try EntryText.validatedIfPresent(owner, "the owner"))
    }

    public static func deadlineMet(_ reference: String, why: String?) throws(CommandError) -> Command {
        .deadlineMet(number: try ItemReference.deadline.number(reference),
                     why: try EntryText.validatedIfPresent(why, "the note (--why)"))
    }

    public static func deadlineDrop(_ reference: String, why: String?) throws(CommandError) -> Command {
        .deadlineDrop(number: try ItemReference.deadline.number(reference),
                      why: try EntryText.validatedIfPresent(why, "the reason (--why)"))
    }

    public static func deadlineSlip(_ reference: String, in duration: String?, at time: String?,
                                    why: String?) throws(CommandError) -> Command {
        let number = try ItemReference.deadline.number(reference)
        let due = try due(in: duration, at: time, what: "a deadline slip")
        guard let why else {
            throw CommandError("a slip needs --why: say why the deadline moves, it stays in the record")
        }
        return .deadlineSlip(number: number, due: due, why: try EntryText.validated(why, "the reason (--why)"))
    }

    public static func question(validating text: String) throws(CommandError) -> Command {
        .question(try EntryText.validated(text, "the question"))
    }

    public static func answer(_ reference: String, _ text: String) throws(CommandError) -> Command {
        .answer(number: try ItemReference.question.number(reference),
                text: try EntryText.validated(text, "the answer"))
    }

    public static func impact(validating text: String) throws(CommandError) -> Command {
        .impact(try EntryText.validated(text, "the impact assessment"))
    }

    public static func frame(validating text: String) throws(CommandError) -> Command {
        .frame(try EntryText.validated(text, "the frame"))
    }

    public static func workaround(validating text: String) throws(CommandError) -> Command {
        .workaround(try EntryText.validated(text, "the workaround"))
    }

    public static func ask(_ text: String, why: String?) throws(CommandError) -> Command {
        let text = try EntryText.validated(text, "the request")
        guard let why else {
            throw CommandError("a request of the customer needs --why: say why only they can do it (behavior 10)")
        }
        return .ask(text: text, why: try EntryText.validated(why, "the reason (--why)"))
    }

    public static func askDone(_ reference: String) throws(CommandError) -> Command {
        .askDone(number: try ItemReference.request.number(reference))
    }

    public static func owner(_ name: String, phone: String?) throws(CommandError) -> Command {
        let name = try EntryText.validated(name, "the owner's name")
        guard let phone else {
            throw CommandError("owner needs --phone: the customer must be able to reach the owner (behavior 11)")
        }
        return .owner(name: name, phone: try validatedPhone(phone))
    }

    /// A lead for one channel (behavior 5); the phone is optional, as the owner stays the one the customer calls.
    public static func role(_ role: String, _ name: String, phone: String?) throws(CommandError) -> Command {
        guard let kind = IncidentRole(typed: role) else {
            throw CommandError("'\(role)' is not a role: use \(IncidentRole.acceptedNames) (the owner is set with owner NAME --phone PHONE)")
        }
        let name = try EntryText.validated(name, "the \(kind.title)'s name")
        return .role(kind, name: name, phone: try phone.map(validatedPhone))
    }

    public static func status(_ name: String) throws(CommandError) -> Command {
        guard let status = IncidentStatus(rawValue: name.lowercased()) else {
            throw CommandError("status '\(name)' is not known: use one of \(IncidentStatus.acceptedNames)")
        }
        return .status(status)
    }

    public static func park(validating text: String) throws(CommandError) -> Command {
        .park(try EntryText.validated(text, "the parking-lot item"))
    }

    public static func confirm(by: String?, note: String?) throws(CommandError) -> Command {
        guard let by else {
            throw CommandError("confirm needs --by NAME: who at the customer said it is fixed?")
        }
        let note = try note.flatMap { text throws(CommandError) in
            text.isEmpty ? nil : try EntryText.validated(text, "the note")
        }
        return .confirm(by: try EntryText.validated(by, "the customer's name (--by)"), note: note)
    }

    /// `--why` says why the customer's confirmation could not be had (with `--unconfirmed`), or why questions,
    /// deadlines or requests still open do not hold the close back; whether one is needed depends on the
    /// incident, so that is checked when the command meets it.
    public static func close(unconfirmed: Bool, why: String?) throws(CommandError) -> Command {
        switch (unconfirmed, why) {
        case (false, nil): return .close(unconfirmedWhy: nil)
        case (false, let why?):
            return .close(unconfirmedWhy: nil, openItemsWhy: try EntryText.validated(why, "the reason (--why)"))
        case (true, nil):
            throw CommandError("--unconfirmed needs --why: say why the customer's confirmation could not be had")
        case (true, let why?): return .close(unconfirmedWhy: try EntryText.validated(why, "the reason (--why)"))
        }
    }

    public static func followUp(_ when: String, _ text: String) throws(CommandError) -> Command {
        .followUp(due: try Self.when(when, "the follow-up time"), text: try EntryText.validated(text, "the follow-up"))
    }

    public static func followUpDone(_ reference: String) throws(CommandError) -> Command {
        .followUpDone(number: try ItemReference.followUp.number(reference))
    }

    public static func snooze(_ length: String) throws(CommandError) -> Command {
        guard let seconds = DurationText.parse(length), seconds > 0 else {
            throw CommandError("snooze '\(length)' is not a duration: use \(DurationText.accepted)")
        }
        return .snooze(seconds)
    }

    public static func remind(_ lead: String) throws(CommandError) -> Command {
        if lead.lowercased() == "off" { return .remind(lead: nil) }
        guard let seconds = DurationText.parse(lead), seconds > 0, seconds <= ReminderPolicy.longestLead else {
            throw CommandError("remind '\(lead)' is not understood: use off, or \(DurationText.accepted) up to \(DurationText.format(ReminderPolicy.longestLead))")
        }
        return .remind(lead: seconds)
    }

    // MARK: Shared checks

    static func when(_ raw: String, _ option: String) throws(CommandError) -> When {
        guard let when = When(parsing: raw) else {
            throw CommandError("\(option) '\(raw)' is not a time: use \(When.accepted)")
        }
        return when
    }

    static func due(in duration: String?, at time: String?, what: String) throws(CommandError) -> When {
        switch (duration, time) {
        case let (duration?, nil):
            guard let seconds = DurationText.parse(duration) else {
                throw CommandError("--in '\(duration)' is not a duration: use \(DurationText.accepted)")
            }
            return .after(seconds)
        case let (nil, time?):
            return try when(time, "--at")
        case (nil, nil):
            throw CommandError("\(what) needs a due time: --in DURATION (20m) or --at WHEN (14:30)")
        case (_?, _?):
            throw CommandError("\(what) takes --in or --at, not both")
        }
    }

    static func validatedPhone(_ phone: String) throws(CommandError) -> String {
        let phone = try EntryText.validated(phone, "the phone number")
        let digits = phone.filter(\.isASCIIDigit).count
        let allowed = phone.allSatisfy { $0.isASCIIDigit || " +-().".contains($0) || $0.lowercased() == "x" }
        guard digits >= 3, allowed, phone.count <= 40 else {
            throw CommandError("phone '\(phone)' is not a phone number: use digits with + - ( ) and spaces, like +1 555 0100")
        }
        return phone
    }
}
