/// Splits a typed line into words the way a shell would: spaces separate, quotes group, backslash escapes.
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

    public static func words(_ line: String) throws(CommandError) -> [Word] {
        var words: [Word] = []
        var current = ""
        var inToken = false
        var quotedToken = false
        var quote: Character?
        var escaping = false
        for character in line {
            if escaping {
                current.append(character)
                escaping = false
                continue
            }
            if let open = quote {
                if character == open {
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
            case "\"", "'":
                quote = character
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
        if let quote {
            throw CommandError("a \(quote) quote is not closed: close it, or put a backslash before it")
        }
        if escaping { current.append("\\") }
        if inToken { words.append(Word(current, quoted: quotedToken)) }
        return words
    }
}
