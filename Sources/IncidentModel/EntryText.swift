/// The rules every piece of typed text obeys before it reaches the log.
public enum EntryText {
    /// 16 KiB of UTF-8: a long stack trace fits, a pasted log file does not.
    public static let maximumBytes = 16 * 1024

    /// The text, checked: not empty, not only white space, at most 16 KiB. `what` names it in the error.
    public static func validated(_ text: String, _ what: String) throws(CommandError) -> String {
        if text.allSatisfy({ $0.isWhitespace }) {
            throw CommandError("\(what) is empty: give the text to record")
        }
        let bytes = text.utf8.count
        if bytes > maximumBytes {
            throw CommandError("\(what) is \(bytes) bytes long: at most \(maximumBytes) bytes (16 KiB) are accepted")
        }
        return text
    }

    /// The text without white space or line breaks at either end: what `trimmingCharacters(in:
    /// .whitespacesAndNewlines)` gives, without Foundation's CharacterSet, which on Linux took ~30 µs of every
    /// line typed in a dashboard.
    public static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
              let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(text[first...last])
    }

    /// Same as `validated`, for optional text such as a reason: nil stays nil.
    public static func validatedIfPresent(_ text: String?, _ what: String) throws(CommandError) -> String? {
        guard let text else { return nil }
        return try validated(text, what)
    }
}
