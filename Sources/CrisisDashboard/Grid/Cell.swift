/// One terminal cell: a grapheme and its style. A wide grapheme takes two cells; the right one is a
/// continuation with empty text, so the grid always knows what is under every column.
///
/// A cell is eight bytes of plain data, not a `String`: a frame is thousands of cells, made, compared with
/// the frame before and thrown away every time something changes on the screen, and with a string in each
/// that was most of what a dashboard cost per new entry (a reference count touched per cell, twice). A
/// grapheme of one scalar, which is nearly everything people type, is its scalar's value; the rare longer
/// one (an emoji with a skin tone, a letter with stacked marks) is numbered once in `GraphemeNumbers`.
public struct Cell: Equatable, Sendable {
    /// The scalar's value; 0 for a continuation; above the Unicode range, a grapheme's number.
    var code: UInt32
    public var style: Style

    public init(_ text: String = " ", style: Style = .plain) {
        self.code = GraphemeNumbers.code(for: text)
        self.style = style
    }

    init(code: UInt32, style: Style) {
        self.code = code
        self.style = style
    }

    /// The grapheme this cell shows; empty for a continuation.
    public var text: String {
        get { GraphemeNumbers.text(for: code) }
        set { code = GraphemeNumbers.code(for: newValue) }
    }

    /// The right half of a wide grapheme.
    public var isContinuation: Bool { code == 0 }

    /// A printable ASCII character, which the terminal shows as it is: no measuring, no simplifying.
    var isPrintableASCII: Bool { code >= 0x20 && code < 0x7F }

    public static let blank = Cell(code: 0x20, style: .plain)
}
