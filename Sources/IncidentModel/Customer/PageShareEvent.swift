import Foundation

/// A share given or taken back, as the fold records it.
public struct PageShareEvent: Equatable, Sendable, Encodable {
    public enum Change: Equatable, Sendable, Encodable {
        case granted(PageShare)
        /// Every share of `customer`, or only the one named `share`.
        case revoked(customer: String, share: String?)
    }

    public let sequence: Int
    public let at: Date
    public let author: String
    public let change: Change
}
