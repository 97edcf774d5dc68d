/// One terminal cell: a grapheme and its style. A wide grapheme takes two cells; the right one is a
/// continuation with empty text, so the grid always knows what is under every column.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// The right half of a wide grapheme.
    public var isContinuation: Bool { text.isEmpty }

    public static let blank = Cell()
}
