import Foundation

/// A piece of text someone posted, with when and who: notes, impact assessments, frames,
/// workarounds and parking-lot items are all entries.
public struct Entry: Equatable, Sendable, Encodable {
    public let sequence: Int
    public let at: Date
    public let author: String
    public let text: String

    public init(sequence: Int, at: Date, author: String, text: String) {
        self.sequence = sequence
        self.at = at
        self.author = author
        self.text = text
    }
}
