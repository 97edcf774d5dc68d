/// How far along a subject is when it is reminded of. A promise goes through due soon, due, and overdue
/// again and again; a deadline and a question are reminded of once. Stages are ranked, so a stage at or
/// below one already recorded is never fired again, whatever the host's clock does afterwards.
public enum ReminderStage: Hashable, Sendable, Encodable {
    /// The promised update is close (the incident's lead time before it).
    case dueSoon
    /// The promised time has come.
    case due
    /// The promise is overdue; the repeat's number counts from 1.
    case overdue(Int)
    /// A diagnostic deadline has come.
    case deadlineDue
    /// A question has waited long enough for an answer.
    case questionOpen

    /// `due-soon`, `due`, `overdue-3`, `deadline-due`, `question-open`.
    public var name: String {
        switch self {
        case .dueSoon: "due-soon"
        case .due: "due"
        case .overdue(let repeatNumber): "overdue-\(repeatNumber)"
        case .deadlineDue: "deadline-due"
        case .questionOpen: "question-open"
        }
    }

    /// `due soon`, `15 min overdue`: the stage in a sentence. An overdue stage says how late it is, not its
    /// number: "repeat 3" read as the third reminder when only the second had come, and nested in the parentheses
    /// of the lines that quote it (found in review).
    public var phrase: String {
        switch self {
        case .dueSoon: "due soon"
        case .due: "due"
        case .overdue(let repeatNumber): "\(Int(Double(repeatNumber) * ReminderPolicy.overdueRepeat / 60)) min overdue"
        case .deadlineDue: "deadline due"
        case .questionOpen: "unanswered"
        }
    }

    public init?(name: String) {
        switch name {
        case "due-soon": self = .dueSoon
        case "due": self = .due
        case "deadline-due": self = .deadlineDue
        case "question-open": self = .questionOpen
        default:
            guard name.hasPrefix("overdue-"), let number = Int(name.dropFirst("overdue-".count)), number > 0 else {
                return nil
            }
            self = .overdue(number)
        }
    }

    /// Later stages rank higher.
    public var rank: Int {
        switch self {
        case .dueSoon: 0
        case .due: 1
        case .overdue(let repeatNumber): 1 + repeatNumber
        case .deadlineDue, .questionOpen: 1
        }
    }

    /// Stages that an acknowledgement silences together: every overdue repeat is one family.
    public var family: String {
        if case .overdue = self { return "overdue" }
        return name
    }

    /// The hook run when a reminder of this stage is recorded.
    public var hookName: String {
        switch self {
        case .dueSoon: "update-due-soon"
        case .due: "update-due"
        case .overdue: "update-overdue"
        case .deadlineDue: "deadline-due"
        case .questionOpen: "question-open"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
