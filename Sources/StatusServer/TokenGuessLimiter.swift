import Foundation

/// Turns away an address that keeps presenting wrong tokens: after `allowed` misses within `window`, every
/// page request from it is refused until the window has passed, so guessing a 256-bit token by brute force is
/// not merely hopeless but slow, while everyone else is served as usual.
public actor TokenGuessLimiter {
    public let allowed: Int
    public let window: TimeInterval
    /// Addresses remembered at most: a flood from many addresses cannot grow this without bound.
    public let capacity: Int
    private var misses: [String: [Date]] = [:]

    public init(allowed: Int = 20, window: TimeInterval = 60, capacity: Int = 10_000) {
        self.allowed = allowed
        self.window = window
        self.capacity = capacity
    }

    /// Whether `address` may try a token now.
    public func mayTry(_ address: String, now: Date) -> Bool {
        recent(address, now: now).count < allowed
    }

    /// Counts a wrong token from `address`; true when this miss is the one that shuts it out (to be logged once).
    public func missed(_ address: String, now: Date) -> Bool {
        var times = recent(address, now: now)
        times.append(now)
        if misses[address] == nil, misses.count >= capacity { forgetOldest() }
        misses[address] = times
        return times.count == allowed
    }

    private func recent(_ address: String, now: Date) -> [Date] {
        (misses[address] ?? []).filter { now.timeIntervalSince($0) < window }
    }

    private func forgetOldest() {
        guard let oldest = misses.min(by: { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) }) else { return }
        misses[oldest.key] = nil
    }
}
