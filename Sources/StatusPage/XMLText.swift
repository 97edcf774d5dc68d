/// People's text made safe to write into XML 1.0, in element content or in a double- or single-quoted
/// attribute value: whatever was typed, the document stays well-formed and says the text as it was typed.
///
///     XMLText.escaped("a < b & \"c\"")  // "a &lt; b &amp; &quot;c&quot;"
///     XMLText.escaped("bell\u{7}")      // "bell\u{FFFD}"
public enum XMLText {
    /// What stands in for a character XML 1.0 cannot carry at all.
    static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Escapes the five markup characters and replaces every character XML 1.0 forbids with U+FFFD.
    ///
    /// Forbidden characters are replaced, not written as character references: `&#1;` is as ill-formed in
    /// XML 1.0 as the raw byte, and a strict parser refuses the whole feed for either. CR LF and a lone CR
    /// become LF, which is what a parser would make of them in element content anyway; written as they are,
    /// a CR would come back as a space (or vanish) in an attribute value.
    public static func escaped(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar {
            case "&": output.append(contentsOf: "&amp;".unicodeScalars)
            case "<": output.append(contentsOf: "&lt;".unicodeScalars)
            // Escaped too, though only `]]>` needs it: then no sequence of characters can end a section.
            case ">": output.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": output.append(contentsOf: "&quot;".unicodeScalars)
            case "'": output.append(contentsOf: "&apos;".unicodeScalars)
            case "\r":
                if pending == "\n" { continue } // CR LF: the LF that follows is the line break
                output.append("\n")
            default:
                output.append(isAllowed(scalar) ? scalar : replacement)
            }
        }
        return String(output)
    }

    /// XML 1.0's `Char` production: tab, LF, CR and everything from U+0020 on, less the surrogates (which a
    /// Swift string cannot hold) and U+FFFE and U+FFFF. C1 controls and other noncharacters are allowed,
    /// if discouraged, and every parser reads them, so they are kept: the text loses nothing it need not.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x00..<0x20: false
        case 0xFFFE, 0xFFFF: false
        default: true
        }
    }
}
