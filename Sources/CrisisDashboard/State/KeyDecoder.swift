/// What the terminal sent, one unit at a time: a character, or a key the terminal library already named.
public enum RawInput: Equatable, Sendable {
    case scalar(Unicode.Scalar)
    case key(Key)
}

/// Turns what the terminal sends into keys: control characters into named keys, scalars into whole
/// graphemes (an emoji with a skin tone is one character), and a bracketed paste (`ESC [200~ … ESC [201~`)
/// into one `.paste`, however many lines it has.
public struct KeyDecoder: Equatable, Sendable {
    private static let pasteStart: [Unicode.Scalar] = ["[", "2", "0", "0", "~"]
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
        for input in inputs {
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
                var consumed = false
                if case .scalar(let scalar) = input {
                    candidate.append(scalar)
                    consumed = true
                }
                if consumed && candidate == Self.pasteStart {
                    pendingEscape = nil
                    paste = []
                    continue
                }
                if consumed && Self.pasteStart.starts(with: candidate) {
                    pendingEscape = candidate
                    continue
                }
                // Not a paste after all: an Esc, then whatever followed it.
                pendingEscape = nil
                keys.append(.escape)
                keys.append(contentsOf: decode(candidate.map { .scalar($0) } + (consumed ? [] : [input])))
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
