/// Reads what follows an ESC: a control sequence (`ESC [ params final`, ECMA-48 CSI) or a single shift
/// (`ESC O final`, SS3), as terminals send for keys the terminal library's table may not name: tmux sends
/// `ESC [1~` for Home whatever TERM says. Known keys are named; every other complete sequence is ignored,
/// so a key press never types `[1~` into the composer (issue 11's live run).
enum EscapeSequence {
    enum Reading: Equatable {
        /// More bytes are needed.
        case incomplete
        /// `ESC [200~`: a bracketed paste begins.
        case pasteStart
        case key(Key)
        /// A complete sequence with no meaning here.
        case ignored
        /// ESC followed by an ordinary character: the Esc key, then that character.
        case notASequence
    }

    /// `scalars` is what came after the ESC, so far.
    static func read(_ scalars: [Unicode.Scalar]) -> Reading {
        guard let introducer = scalars.first else { return .incomplete }
        switch introducer {
        case "[":
            return control(Array(scalars.dropFirst()))
        case "O":
            guard scalars.count >= 2 else { return .incomplete }
            return singleShift(scalars[1])
        default:
            return .notASequence
        }
    }

    /// CSI: parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, then one final byte 0x40–0x7E.
    private static func control(_ body: [Unicode.Scalar]) -> Reading {
        var parameters = ""
        for (index, scalar) in body.enumerated() {
            switch scalar.value {
            case 0x20...0x3F:
                parameters.unicodeScalars.append(scalar)
            case 0x40...0x7E:
                guard index == body.count - 1 else { return .ignored }
                return meaning(parameters: parameters, final: scalar)
            default:
                // Not a control sequence after all (a control character or text in the middle).
                return .notASequence
            }
        }
        // Bounded: a sequence that never ends is not one.
        return body.count > 32 ? .notASequence : .incomplete
    }

    private static func meaning(parameters: String, final: Unicode.Scalar) -> Reading {
        // `1;5C` is Ctrl-Right: the modifier after ';' changes nothing here, the key stays the key.
        let number = parameters.split(separator: ";").first.map(String.init) ?? ""
        switch final {
        case "A": return .key(.up)
        case "B": return .key(.down)
        case "C": return .key(.right)
        case "D": return .key(.left)
        case "H": return .key(.home)
        case "F": return .key(.end)
        case "Z": return .key(.backTab)
        case "~":
            switch number {
            case "200": return .pasteStart
            case "1", "7": return .key(.home)
            case "4", "8": return .key(.end)
            case "3": return .key(.delete)
            case "5": return .key(.pageUp)
            case "6": return .key(.pageDown)
            case "11", "12", "13", "14", "15": return .key(.function(Int(number)! - 10))
            case "17", "18", "19", "20", "21": return .key(.function(Int(number)! - 11))
            case "23", "24": return .key(.function(Int(number)! - 12))
            default: return .ignored
            }
        default:
            return .ignored
        }
    }

    private static func singleShift(_ final: Unicode.Scalar) -> Reading {
        switch final {
        case "A": .key(.up)
        case "B": .key(.down)
        case "C": .key(.right)
        case "D": .key(.left)
        case "H": .key(.home)
        case "F": .key(.end)
        case "M": .key(.enter)
        case "P": .key(.function(1))
        case "Q": .key(.function(2))
        case "R": .key(.function(3))
        case "S": .key(.function(4))
        default: .ignored
        }
    }
}
