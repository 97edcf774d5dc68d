import IncidentModel

/// Breaks text into lines that fit a width in terminal cells, at spaces where it can and inside a word
/// only when a word is longer than a line. Widths come from `DisplayWidth`, so CJK and emoji line up.
public enum TextWrap {
    /// Wraps one paragraph (no line breaks). The first line may be narrower (it follows a label).
    public static func wrap(_ text: String, firstWidth: Int, width: Int) -> [String] {
        guard width > 0, firstWidth > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var limit = firstWidth
        func flush() {
            while line.last == " " {
                line.removeLast()
                lineWidth -= 1
            }
            lines.append(line)
            line = ""
            lineWidth = 0
            limit = width
        }
        for word in words(text) {
            let wordWidth = DisplayWidth.of(word)
            if word == " " {
                if lineWidth > 0, lineWidth < limit {
                    line += " "
                    lineWidth += 1
                }
                continue
            }
            if lineWidth + wordWidth <= limit {
                line += word
                lineWidth += wordWidth
                continue
            }
            if lineWidth > 0 { flush() }
            // A word longer than a whole line is cut where it must be.
            for character in word {
                let w = DisplayWidth.of(character)
                if lineWidth + w > limit, lineWidth > 0 { flush() }
                line.append(character)
                lineWidth += w
            }
        }
        if lineWidth > 0 || lines.isEmpty { flush() }
        return lines
    }

    /// Cuts text to at most `width` cells, ending with `…` when something was cut.
    public static func truncate(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var result = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > width - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }

    /// Words and single spaces, in order.
    private static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text {
            if character == " " {
                if !current.isEmpty { result.append(current) }
                result.append(" ")
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
