/// Text typed by people is data, never terminal control. Everything that reaches a terminal passes through
/// here: control characters become visible symbols, and characters that reorder or hide text are named.
public enum TerminalSafeText {
    /// Keep line breaks (multi-line entries), or show them as `↵` (one-line places like list rows).
    public enum Lines: Sendable {
        case keep, fold
    }

    public static func sanitize(_ text: String, lines: Lines = .fold) -> String {
        var output = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar.value {
            case 0x0D where pending?.value == 0x0A:
                continue // CR LF is one line break from a pasted e-mail
            case 0x0A:
                if lines == .keep { output.append(scalar) } else { output.append(contentsOf: "↵ ".unicodeScalars) }
            case 0x09:
                output.append(contentsOf: "    ".unicodeScalars)
            case 0x00..<0x20:
                // The Control Pictures block has a visible glyph for each C0 control: ESC shows as ␛.
                output.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F:
                output.append("␡")
            case 0x80..<0xA0, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069,
                 0x200B, 0x2060, 0xFEFF, 0x2028, 0x2029, 0xFFF9...0xFFFB:
                // C1 controls, bidirectional overrides and invisible characters are named, so an entry
                // cannot be made to read as something it does not say.
                output.append(contentsOf: name(scalar).unicodeScalars)
            default:
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// True when `sanitize` would change nothing: the text can go to a terminal as it is.
    public static func isSafe(_ text: String) -> Bool {
        sanitize(text, lines: .keep) == text
    }

    private static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }
}
