/// Splits a typed line into words much as a shell would: spaces separate, quotes group, backslash escapes;
/// but an apostrophe in prose stays text (see `words`).
public enum CommandTokenizer {
    /// One word of a typed line, and whether any of it was quoted: a quoted option value ends where its
    /// closing quote does, as in a shell (`--by "Jo at Acme" all fine` gives `Jo at Acme`, then the text).
    public struct Word: Equatable, Sendable {
        public let text: String
        public let quoted: Bool

        public init(_ text: String, quoted: Bool = false) {
            self.text = text
            self.quoted = quoted
        }
    }

    public static func tokens(_ line: String) throws(CommandError) -> [String] {
        try words(line).map(\.text)
    }

    /// Lines typed in the composer are prose first: an apostrophe inside a word ("eu-2's", "don't"), one that
    /// does not end its word inside single quotes (`'it's late'`), and one left open at the end ("'tis") are
    /// the text's own, not quotes. Double quotes and backslashes work as in a shell, and an open double quote
    /// is an error.
    public static func words(_ line: String) throws(CommandError) -> [Word] {
        let characters = Array(line)
        var apostrophes: Set<Int> = []
        while true {
            switch split(characters, apostrophes: apostrophes) {
            case .words(let words):
                return words
            case .unclosed(let quote, _) where quote == "\"":
                throw CommandError("a \(quote) quote is not closed: close it, or put a backslash before it")
            case .unclosed(_, let opening):
                apostrophes.insert(opening)
            }
        }
    }

    private enum Split {
        case words([Word])
        /// A quote opened at this offset and never closed.
        case unclosed(Character, at: Int)
    }

    /// One pass over the line; `apostrophes` are offsets of single quotes to take as text.
    private static func split(_ characters: [Character], apostrophes: Set<Int>) -> Split {
        var words: [Word] = []
        var current = ""
        var inToken = false
        var quotedToken = false
        var quote: (character: Character, at: Int)?
        var escaping = false
        for (offset, character) in characters.enumerated() {
            if escaping {
                current.append(character)
                escaping = false
                continue
            }
            if let open = quote?.character {
                let endsWord = offset + 1 == characters.count || characters[offset + 1].isWhitespace
                if character == open && (open == "\"" || endsWord) {
                    quote = nil
                } else if character == "\\" && open == "\"" {
                    escaping = true
                } else {
                    current.append(character)
                }
                continue
            }
            switch character {
            case "\\":
                // An escaped character joins the word without making it quoted: `it\'s` is plain text.
                escaping = true
                inToken = true
            case "'" where apostrophes.contains(offset) || current.last.map({ $0.isLetter || $0.isNumber }) == true:
                current.append(character)
                inToken = true
            case "\"", "'":
                quote = (character, offset)
                inToken = true
                quotedToken = true
            case _ where character.isWhitespace:
                if inToken { words.append(Word(current, quoted: quotedToken)) }
                current = ""
                inToken = false
                quotedToken = false
            default:
                current.append(character)
                inToken = true
            }
        }
        if let quote { return .unclosed(quote.character, at: quote.at) }
        if escaping { current.append("\\") }
        if inToken { words.append(Word(current, quoted: quotedToken)) }
        return .words(words)
    }
}
