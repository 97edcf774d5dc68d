import Foundation

/// A way to get the customer moving again while the real fix is worked on (seed 000, step 5).
public struct Workaround: Equatable, Sendable, Encodable {
    /// `W<number>`, counted in the order workarounds were recorded.
    public let number: Int
    public let entry: Entry

    public var label: String { "W\(number)" }
}
