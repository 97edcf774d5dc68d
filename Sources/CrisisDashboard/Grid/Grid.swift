import IncidentModel

/// The screen in memory: what every widget draws into, what tests look at, and what the backend shows.
/// Text is placed by display width (CJK and emoji take two cells) and clipped at the edges, so no
/// widget can write outside its area or split a wide character.
public struct Grid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should blink (the composer's insertion point), if anywhere.
    public var cursor: Point?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Writes `text` from `point` rightwards, at most up to column `limit` (exclusive; default the grid's
    /// edge). Returns the column after the last cell written. Line breaks and control characters must
    /// already be gone (`TerminalSafeText`); a wide grapheme that does not fit whole becomes a space.
    @discardableResult
    public mutating func put(_ text: String, at point: Point, style: Style = .plain, limit: Int? = nil) -> Int {
        let end = min(limit ?? width, width)
        guard point.y >= 0, point.y < height else { return point.x }
        // Most of what a screen shows is printable ASCII: one byte, one scalar, one cell, nothing to measure.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            var x = point.x
            for byte in text.utf8 {
                if x >= end { return end }
                if x >= 0 { set(Cell(code: UInt32(byte), style: style), width: 1, x: x, y: point.y) }
                x += 1
            }
            return x
        }
        var x = point.x
        for character in text {
            let cellWidth = DisplayWidth.of(character)
            if cellWidth == 0 {
                // A lone combining mark or invisible character joins the previous cell's grapheme.
                if x > 0, x - 1 < end, x - 1 >= point.x { append(character, toCellAt: x - 1, y: point.y) }
                continue
            }
            if x + cellWidth > end {
                if x < end, x >= 0 { set(Cell(code: 0x20, style: style), width: 1, x: x, y: point.y) }
                return end
            }
            if x >= 0 {
                set(Cell(String(character), style: style), width: cellWidth, x: x, y: point.y)
                if cellWidth == 2 { set(Cell(code: 0, style: style), width: 0, x: x + 1, y: point.y) }
            }
            x += cellWidth
        }
        return x
    }

    /// Paints every cell of `rect` with `style`, erasing what was there.
    public mutating func fill(_ rect: Rect, style: Style = .plain, with text: String = " ") {
        let filler = Cell(text, style: style)
        let fillerWidth = DisplayWidth.of(text)
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) {
                set(filler, width: fillerWidth, x: x, y: y)
            }
        }
    }

    /// Changes the style of the cells of `rect` but keeps their text.
    public mutating func restyle(_ rect: Rect, style: Style) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) {
                cells[y * width + x].style = style
            }
        }
    }

    /// The text of each row, wide graphemes once: what snapshot tests compare.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width { line += self[x, y].text }
            return line
        }
    }

    /// The text of each row with trailing spaces trimmed.
    public var trimmedLines: [String] {
        lines.map { line in
            var line = line
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// Puts `cell`, which is `cellWidth` cells wide (0 for a continuation), at (`x`, `y`).
    private mutating func set(_ cell: Cell, width cellWidth: Int, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let index = y * width + x
        // Overwriting half of a wide grapheme leaves the other half meaningless: blank it.
        if cells[index].isContinuation, x > 0, !cell.isContinuation {
            cells[index - 1] = Cell(code: 0x20, style: cells[index - 1].style)
        }
        if !cells[index].isContinuation, x + 1 < width, cells[index + 1].isContinuation, !cell.isContinuation,
           cellWidth < 2 {
            cells[index + 1] = Cell(code: 0x20, style: cells[index + 1].style)
        }
        cells[index] = cell
    }

    /// Marks and invisible characters kept on one cell: curses shows five scalars of a cell at most, and
    /// without a bound a line of thousands of marks on one letter would number every longer prefix.
    static let scalarsPerCell = 16

    private mutating func append(_ character: Character, toCellAt x: Int, y: Int) {
        var index = y * width + x
        if cells[index].isContinuation {
            guard x > 0 else { return }
            index -= 1
        }
        var text = cells[index].text
        guard text.unicodeScalars.count + character.unicodeScalars.count <= Self.scalarsPerCell else { return }
        text.append(character)
        cells[index].text = text
    }
}
