/// The line at the bottom where people write: what it is asking for, the text so far, and the history
/// of what was posted from it (Up/Down).
public struct Composer: Equatable, Sendable {
    /// What Enter will do with the text.
    public enum Mode: Equatable, Sendable {
        /// Post to the focused channel, or run a `/verb` line.
        case entry
        /// A briefing is written; now the time of the next update (a WHEN, default the cadence).
        case briefingNextUpdate(text: String)
        /// The time is given; now the reason for that time (behavior 9).
        case briefingReason(text: String, next: String)
    }

    /// A new question starts with nothing offered.
    public var mode: Mode = .entry {
        didSet { offered = false }
    }
    public var editor = LineEditor()
    /// The editor holds an offered answer (the cadence, for the next update) that nobody has touched yet:
    /// Enter takes it, and the first character typed replaces it, as with a selected default. Without this a
    /// person typing their own time got it appended to the offer ("30m45m", refused).
    public private(set) var offered = false
    public private(set) var history: [String] = []
    /// Which history line Up/Down is showing, or nil while editing a fresh line.
    public private(set) var historyIndex: Int?
    /// The fresh line put aside while browsing history.
    private var draft: String = ""

    public static let historyLimit = 200

    public init() {}

    /// Puts `answer` in the editor as an offer the first typed character replaces.
    public mutating func offer(_ answer: String) {
        editor.replace(with: answer)
        offered = true
    }

    /// A key that types or deletes: an untouched offer goes first, whole.
    public mutating func typeOverOffer() {
        guard offered else { return }
        editor.replace(with: "")
        offered = false
    }

    /// A key that moves or edits in place: the offer becomes ordinary text to edit.
    public mutating func keepOffer() {
        offered = false
    }

    /// Starts from lines posted in earlier sessions (the newest last).
    public mutating func restore(history lines: [String]) {
        history = Array(lines.suffix(Self.historyLimit))
        historyIndex = nil
    }

    public mutating func remember(_ line: String) {
        if history.last != line { history.append(line) }
        if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
        historyIndex = nil
        draft = ""
    }

    public mutating func historyBack() {
        guard !history.isEmpty else { return }
        if let index = historyIndex {
            historyIndex = max(0, index - 1)
        } else {
            draft = editor.text
            historyIndex = history.count - 1
        }
        editor.replace(with: history[historyIndex!])
    }

    public mutating func historyForward() {
        guard let index = historyIndex else { return }
        if index + 1 < history.count {
            historyIndex = index + 1
            editor.replace(with: history[index + 1])
        } else {
            historyIndex = nil
            editor.replace(with: draft)
        }
    }

    /// Leaves history browsing: the line shown becomes the line being edited.
    public mutating func stopBrowsingHistory() {
        historyIndex = nil
    }
}
