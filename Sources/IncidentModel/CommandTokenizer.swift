/// Splits a typed line into words the way a shell would: spaces separate, quotes group, backslash escapes.
public enum CommandTokenizer {
    public static func tokens(_ line: String) throws(CommandError) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inToken = false
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
                escaping = true
                inToken = true
            case "\"", "'":
                quote = character
                inToken = true
            case _ where character.isWhitespace:
                if inToken { tokens.append(current) }
                current = ""
                inToken = false
            default:
                current.append(character)
                inToken = true
            }
        }
        if let quote {
            throw CommandError("a \(quote) quote is not closed: close it, or put a backslash before it")
        }
        if escaping { current.append("\\") }
        if inToken { tokens.append(current) }
        return tokens
    }
}
