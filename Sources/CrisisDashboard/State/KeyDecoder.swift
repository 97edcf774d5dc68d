/// What the terminal sent, one unit at a time: a character, or a key the terminal library already named.
public enum RawInput: Equatable, Sendable {
    case scalar(Unicode.Scalar)
    case key(Key)
}

/// Turns what the terminal sends into keys: control characters into named keys, scalars into whole
/// graphemes (an emoji with a skin tone is one character), escape sequences the terminal library left
/// unnamed (`ESC [1~` for Home under tmux) into keys or nothing, never into typed text, and a bracketed
/// paste (`ESC [200~ … ESC [201~`) into one `.paste`, however many lines it has.
public struct KeyDecoder: Equatable, Sendable {
    private static let pasteEnd: [Unicode.Scalar] = ["\u{1B}", "[", "2", "0", "1", "~"]

    /// Inside a paste: the text so far.
    private var paste: [Unicode.Scalar]?
    /// Scalars after an ESC that may still turn out to be the start of a paste.
    private var pendingEscape: [Unicode.Scalar]?

    public init() {}

    public var isInPaste: Bool { paste != nil }

    /// Decodes one batch (everything the terminal had ready). A lone ESC at the end of a batch is the Esc
    /// key: the terminal library already waited for the rest of a sequence.
    public mutating func decode(_ inputs: [RawInput]) -> [Key] {
        var keys: [Key] = []
        var text = String.UnicodeScalarView()
        func flushText() {
            for character in String(text) { keys.append(.character(character)) }
            text.removeAll()
        }
        // Scalars that turned out not to belong to an escape sequence go back to the front, to be read again.
        var queue = inputs
        var next = 0
        while next < queue.count {
            let input = queue[next]
            next += 1
            if var collected = paste {
                switch input {
                case .scalar(let scalar): collected.append(scalar)
                case .key(.enter): collected.append("\n")
                case .key(.tab): collected.append("\t")
                case .key: break
                }
                if collected.count >= Self.pasteEnd.count, Array(collected.suffix(Self.pasteEnd.count)) == Self.pasteEnd {
                    collected.removeLast(Self.pasteEnd.count)
                    var view = String.UnicodeScalarView()
                    view.append(contentsOf: collected)
                    keys.append(.paste(String(view)))
                    paste = nil
                } else {
                    paste = collected
                }
                continue
            }
            if let pending = pendingEscape {
                var candidate = pending
                guard case .scalar(let scalar) = input else {
                    // A named key cuts the sequence short: an Esc, what followed it, then that key.
                    pendingEscape = nil
                    keys.append(.escape)
                    queue.insert(contentsOf: candidate.map { .scalar($0) } + [input], at: next)
                    continue
                }
                candidate.append(scalar)
                switch EscapeSequence.read(candidate) {
                case .incomplete:
                    pendingEscape = candidate
                case .pasteStart:
                    pendingEscape = nil
                    paste = []
                case .key(let key):
                    pendingEscape = nil
                    keys.append(key)
                case .ignored:
                    // A sequence the terminal sent that means nothing here (focus reports, modified keys we
                    // do not use): never typed as text.
                    pendingEscape = nil
                case .notASequence:
                    // Esc, then a key typed after it (Alt+key arrives this way).
                    pendingEscape = nil
                    flushText()
                    keys.append(.escape)
                    queue.insert(contentsOf: candidate.map { .scalar($0) }, at: next)
                }
                continue
            }
            switch input {
            case .key(let key):
                flushText()
                keys.append(key)
            case .scalar(let scalar):
                if let key = Self.controlKey(scalar) {
                    flushText()
                    if key == .escape {
                        pendingEscape = []
                    } else {
                        keys.append(key)
                    }
                } else {
                    text.append(scalar)
                }
            }
        }
        flushText()
        if let pending = pendingEscape {
            // The batch ended inside what could have been a paste marker: it was typed, not pasted.
            pendingEscape = nil
            keys.append(.escape)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: pending)
            for character in String(view) { keys.append(.character(character)) }
        }
        return keys
    }

    /// The key a control character stands for, or nil for printable text.
    static func controlKey(_ scalar: Unicode.Scalar) -> Key? {
        switch scalar.value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x01...0x1A:
            return .control(Character(Unicode.Scalar(scalar.value + 0x60)!))
        case 0x00..<0x20:
            return .control("?")
        default:
            return nil
        }
    }
}
