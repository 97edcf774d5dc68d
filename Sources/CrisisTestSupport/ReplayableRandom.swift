import Foundation

/// Random choices that a failing run can replay: the seed comes from `CRISIS_TEST_SEED`, or is drawn and
/// printed with the line that replays it. What depends on timing (when a process reaches a point) still
/// varies between runs; the choices themselves (where to kill, which bytes) do not.
public struct ReplayableRandom: RandomNumberGenerator {
    public let seed: UInt64
    private var state: UInt64

    /// `test` names the test in the printed line.
    public init(_ test: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        seed = environment["CRISIS_TEST_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64.max)
        state = seed
        print("\(test): random seed \(seed); replay with CRISIS_TEST_SEED=\(seed)")
    }

    /// SplitMix64: small, fast, and the same numbers on every platform.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
