import CNcurses

/// What the backend writes for one grid cell, so that the terminal moves on by exactly the cells the grid
/// gave it. The grid measures whole graphemes (`DisplayWidth`: a family emoji, a thumbs-up with a skin tone
/// and a heart with VS16 are two cells); curses and terminals such as tmux measure each scalar with
/// `wcwidth` and join nothing, so the same grapheme may take one cell there, or six. Where the two disagree
/// the grapheme is simplified until they agree: its first scalar alone, padded with spaces. A scalar the
/// terminal cannot measure (a control character, an unassigned code point) never reaches it: `�` stands in.
/// This is what keeps the pane borders in one column whatever people type.
public enum TerminalCells {
    /// Curses keeps at most five scalars in a cell (`CCHARW_MAX`): a base and four combining marks.
    public static let scalarsPerCell = 5

    /// The text to write for `grapheme`, which the grid placed in `cells` cells (1 or 2), measured with
    /// `width` (the C library's `wcwidth`, as curses and the terminal measure). Empty for an empty cell.
    public static func text(_ grapheme: String, cells: Int,
                            width: (Unicode.Scalar) -> Int = systemWidth) -> String {
        let scalars = Array(grapheme.unicodeScalars)
        guard let first = scalars.first, cells > 0 else { return "" }
        let widths = scalars.map(width)
        if scalars.count <= scalarsPerCell, widths[0] > 0, widths.allSatisfy({ $0 >= 0 }),
           widths.reduce(0, +) == cells {
            return grapheme // A letter with its marks, a CJK character, a flag of two one-cell indicators.
        }
        var result = String.UnicodeScalarView()
        var used: Int
        switch widths[0] {
        case 1...cells:
            result.append(first)
            used = widths[0]
        case 0:
            // A mark with nothing to sit on: on a dotted circle, as Unicode shows it.
            result.append(width("\u{25CC}") == 1 ? "\u{25CC}" : " ")
            result.append(first)
            used = 1
        default:
            result.append(width("\u{FFFD}") == 1 ? "\u{FFFD}" : "?")
            used = 1
        }
        if used == cells || widths[0] == 0 {
            // Combining marks may follow, as many as curses keeps; joiners and presentation selectors may
            // not (they ask the terminal for a width curses does not know about).
            for (scalar, scalarWidth) in zip(scalars.dropFirst(), widths.dropFirst()) {
                guard scalarWidth == 0, result.count < scalarsPerCell else { break }
                if scalar.value == 0x200D || scalar.value == 0xFE0F || scalar.value == 0xFE0E { continue }
                result.append(scalar)
            }
        }
        if used < cells { result.append(contentsOf: String(repeating: " ", count: cells - used).unicodeScalars) }
        return String(result)
    }

    /// The cells the C library (and so curses and the terminal) gives one scalar; -1 when it cannot print it.
    public static func systemWidth(_ scalar: Unicode.Scalar) -> Int {
        Int(crisis_wcwidth(wchar_t(bitPattern: scalar.value)))
    }
}
