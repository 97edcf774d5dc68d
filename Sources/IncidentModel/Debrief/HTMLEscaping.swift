/// Text from people is data in HTML and SVG too: nothing they typed becomes markup, and nothing reaches the
/// page that XML forbids (controls become visible symbols through `TerminalSafeText`).
public enum HTMLEscaping {
    /// For element content and quoted attribute values alike.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in TerminalSafeText.sanitize(text, lines: .keep).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Noncharacters are not allowed in XML; name them the way `TerminalSafeText` names the invisible.
            case "\u{FFFE}": out += "&lt;U+FFFE&gt;"
            case "\u{FFFF}": out += "&lt;U+FFFF&gt;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Element content where a line break the writer typed stays a line break.
    public static func escapeKeepingLines(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "\n", with: "<br>")
    }
}
