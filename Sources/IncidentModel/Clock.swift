import Foundation

/// Where "now" comes from. Everything that counts down takes one, so tests move time instead of sleeping.
public protocol IncidentClock: Sendable {
    var now: Date { get }
}

/// The wall clock.
public struct SystemClock: IncidentClock {
    public init() {}
    public var now: Date { Date() }
}

/// A clock that stands still until told to move: for tests and for replaying an incident.
public final class ManualClock: IncidentClock, @unchecked Sendable {
    // @unchecked: every access to `current` holds `lock`.
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date) {
        current = start
    }

    public var now: Date {
        lock.withLock { current }
    }

    public func advance(by interval: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(interval) }
    }

    public func set(_ date: Date) {
        lock.withLock { current = date }
    }
}
