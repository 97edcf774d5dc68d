/// What to do about a failed store call, decided once for every front end and the outbox.
///
/// ```swift
/// switch StoreErrorClass(of: error) {
/// case .retryable: outbox.enqueue(draft)       // keep it, show "offline", try again later
/// case .permanent: tell(error)                 // this entry will never be taken: set it aside, say why
/// case .bug: report(error)                     // neither offline nor the entry's fault: an error to fix
/// }
/// ```
public enum StoreErrorClass: Sendable, Equatable {
    /// Nothing was recorded, and the same request can succeed later without anyone changing the entry: the
    /// store is out of reach, overloaded, locked, in a conflict, or refuses a password that was rotated.
    /// Keep the entry and try again.
    case retryable
    /// This entry, or this store as it is, will never take it: an incident that does not exist, a payload
    /// the store refuses, a database written by a newer crisis, a file that is not a crisis database.
    /// Sending it again is pointless; set it aside where a person can read it, with the reason.
    case permanent
    /// Not a failure the store or its driver is known to produce: a mistake in crisis itself, or an answer it
    /// cannot read. Never shown as "offline" and never retried in a loop: surfaced as an error.
    case bug

    /// The class of any error a store call threw.
    public init(of error: any Error) {
        switch error {
        case let error as StoreError: self = error.errorClass
        // Abandoned, not failed: the entry and the store are fine, and the work may be done again.
        case is CancellationError: self = .retryable
        default: self = .bug
        }
    }
}

extension StoreError {
    /// Whether to keep and retry, set aside, or report: see `StoreErrorClass`.
    public var errorClass: StoreErrorClass {
        switch self {
        // These pass, or a person fixes them outside crisis (the network, the server, a password, space),
        // and then the very same entry goes through.
        case .unreachable, .authentication, .transient, .serverFull, .busy, .diskFull:
            .retryable
        // A read-only file is an archived incident as often as a mistake in permissions: set aside, not lost.
        case .unknownIncident, .refused, .incidentExists, .newerSchema, .notADatabase, .notACrisisDatabase, .missing, .corrupt,
             .readOnly, .cannotOpen, .badAddress, .badSetting:
            .permanent
        // What the store said is not something crisis knows how to read.
        case .failed:
            .bug
        }
    }

    /// Worth keeping and trying again later: the store could not take it now, but nothing is wrong with it.
    public var isRetryable: Bool { errorClass == .retryable }

    /// Permanent for this entry alone (an incident that does not exist, a payload the database refuses), as
    /// opposed to permanent for the whole store (read-only, corrupt, newer, not a crisis database): only the
    /// first may set an entry aside while the ones behind it go on; the second would set aside every one.
    public var refusesOnlyThisEntry: Bool {
        switch self {
        case .unknownIncident, .refused: true
        default: false
        }
    }
}
