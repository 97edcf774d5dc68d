/// What a verb's form prints once its event is recorded, declared with the form: `--help` says it, and the
/// command line and the composer's status line print it the same way (`EventDescription.confirmation`).
public enum VerbPrint: Sendable, Equatable {
    /// `INC-1 opened: SEV1 "Checkout fails"; first briefing due 14:38 CET (13:38Z), in 20:00`
    case opening
    /// `briefing posted to INC-1; next update due 14:40 CET (13:40Z), in 21:48`
    case briefing
    /// The new item's label, for scripts to keep: `Q1`, `W1`, `A1`.
    case label
    /// The new item's label and its time, counted down: `D1 due 14:33 CET (13:33Z), in 15:00`.
    case labelAndDue
    /// `D2 slipped to 14:50 CET (13:50Z), in 12:00 (slip 1)`
    case slip
    /// `webhook hooks.acme.example subscribed to INC-1's updates; signing secret (shown this once): whsec_…`
    case subscription
    /// The incident, the event's number and its one line, as `crisis log` shows it: `INC-1 #7: owner is now …`.
    case line

    /// One sentence for `--help`.
    public var help: String {
        switch self {
        case .opening: "Prints the new incident's id, INC-<n> (and on stderr when its first briefing is due)."
        case .briefing: "Prints when the next update is now due, in your zone and UTC, counted down."
        case .label: "Prints the new item's label, for scripts to keep."
        case .labelAndDue: "Prints the new item's label and its time, in your zone and UTC, counted down."
        case .slip: "Prints the new time, counted down, and how many times it has slipped."
        case .subscription: "Prints who is subscribed; for a webhook, its signing secret, this once and never again."
        case .line: "Prints the incident, the event's number and what was recorded, as crisis log shows it."
        }
    }
}
