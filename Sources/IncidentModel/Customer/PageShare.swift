import Foundation

/// A customer's status page, shared (issue 15): who may read it is whoever holds the token behind
/// `tokenHash`. The token itself is never stored: it is printed once by `crisis share`, and the log keeps
/// its SHA-256 so a stolen database opens no page.
public struct PageShare: Equatable, Sendable, Codable {
    /// A short public name for this share (`s-3f9a61c2`), to revoke it without showing the token.
    public let id: String
    /// The customer whose incidents the page shows, as given to `open --customer`.
    public let customer: String
    /// Lower-case hex SHA-256 of the token.
    public let tokenHash: String
    /// Who it was given to, in the sharer's words ("ACME ops room"); optional.
    public let label: String?

    public init(id: String, customer: String, tokenHash: String, label: String?) {
        self.id = id
        self.customer = customer
        self.tokenHash = tokenHash
        self.label = label
    }

    /// Whether `customer` names the same customer as this share (names are matched without case, as
    /// `--customer` is everywhere).
    public func isFor(customer other: String) -> Bool {
        customer.lowercased() == other.lowercased()
    }
}
