import IncidentModel

/// The composer's text and cursor, with the editing keys people expect from a shell line.
/// Positions count graphemes, so a CJK character or an emoji is one step of the cursor however wide it is.
public struct LineEditor: Equatable, Sendable {
    public private(set) var characters: [Character] = []
    /// Between 0 and `characters.count`.
    public private(set) var cursor: Int = 0

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    public mutating func insert(_ text: String) {
        let new = Array(text)
        characters.insert(contentsOf: new, at: cursor)
        cursor += new.count
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = characters.count }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Ctrl-U: everything before the cursor.
    public mutating func killToStart() {
        characters.removeSubrange(0..<cursor)
        cursor = 0
    }

    /// Ctrl-K: everything from the cursor on.
    public mutating func killToEnd() {
        characters.removeSubrange(cursor...)
    }

    /// Ctrl-W: the word before the cursor and the spaces after it, as in a shell.
    public mutating func killWordBackward() {
        var start = cursor
        while start > 0, characters[start - 1].isWhitespace { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    public mutating func replace(with text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    /// How the text looks on one line: line breaks and controls made visible, as the terminal will show it.
    public var displayText: String {
        characters.map { TerminalSafeText.sanitize(String($0)) }.joined()
    }

    /// The column of the cursor within `displayText`.
    public var displayCursorColumn: Int {
        characters[..<cursor].reduce(0) { $0 + DisplayWidth.of(TerminalSafeText.sanitize(String($1))) }
    }
}
