/// Most of a long incident's log is notes, and opening a dashboard on it decodes every one: JSONDecoder spent
/// most of the first frame's time at 100 000 events. The encoder writes a text-only payload in one exact
/// form, `{"kind":"note","text":"…"}` (keys sorted, nothing escaped unless it has to be), so a text without
/// a backslash or a control character is the bytes between the quotes. Anything else, or anything unsure,
/// returns nil and goes through JSONDecoder; a test checks both ways agree.
enum TextPayloadShortcut {
    private static func payload(_ kind: EventKind, text: String) -> EventPayload? {
        switch kind {
        case .note: .note(text: text)
        case .question: .question(text: text)
        case .impact: .impact(text: text)
        case .frame: .frame(text: text)
        case .workaround: .workaround(text: text)
        case .parked: .parked(text: text)
        default: nil
        }
    }

    /// A text-only payload in the form JSONEncoder writes it, when its text needs no escape; nil otherwise.
    /// Appending a note is what people do most, and JSONEncoder took a tenth of a millisecond of it.
    static func encode(_ payload: EventPayload) -> String? {
        let kind: EventKind
        let text: String
        switch payload {
        case .note(let written): (kind, text) = (.note, written)
        case .question(let written): (kind, text) = (.question, written)
        case .impact(let written): (kind, text) = (.impact, written)
        case .frame(let written): (kind, text) = (.frame, written)
        case .workaround(let written): (kind, text) = (.workaround, written)
        case .parked(let written): (kind, text) = (.parked, written)
        default: return nil
        }
        // Quotes, backslashes and control characters are escaped by the encoder; DEL and the two Unicode line
        // separators are left to it too, to be sure.
        guard text.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") && $0 != 0x7F }),
              !text.unicodeScalars.contains(where: { $0.value == 0x2028 || $0.value == 0x2029 }) else { return nil }
        return #"{"kind":""# + kind.rawValue + #"","text":""# + text + #""}"#
    }

    private static let opening = Array(#"{"kind":""#.utf8)
    private static let between = Array(#"","text":""#.utf8)
    private static let closing = Array(#""}"#.utf8)

    static func decode(_ json: String) -> EventPayload? {
        var json = json
        return json.withUTF8 { bytes -> EventPayload? in
            guard bytes.count > opening.count + between.count + closing.count,
                  bytes.starts(with: opening), bytes.suffix(closing.count).elementsEqual(closing) else { return nil }
            let kindStart = opening.count
            guard let kindEnd = bytes[kindStart...].firstIndex(of: UInt8(ascii: "\"")),
                  bytes[kindEnd...].starts(with: between) else { return nil }
            let kindName = String(decoding: UnsafeBufferPointer(rebasing: bytes[kindStart..<kindEnd]), as: UTF8.self)
            guard let kind = EventKind(rawValue: kindName) else { return nil }
            let textStart = kindEnd + between.count
            let textEnd = bytes.count - closing.count
            guard textStart <= textEnd else { return nil }
            let text = UnsafeBufferPointer(rebasing: bytes[textStart..<textEnd])
            // A quote, a backslash or a control character means escapes (or not this form at all).
            guard !text.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) else {
                return nil
            }
            // Cut at ASCII quotes from a String, so the bytes between are valid UTF-8.
            return payload(kind, text: String(decoding: text, as: UTF8.self))
        }
    }
}
