import Foundation
@testable import IncidentModel
import Testing

/// Text payloads skip JSONDecoder when their JSON is in the encoder's plain form. The shortcut must agree
/// with JSONDecoder on everything it takes, and must leave everything else to it.
@Suite struct TextPayloadShortcutTests {
    static let texts = [
        "payment API returns 502 for eu-west", "", " ", "café, 東京, 👩🏽‍🚒, مرحبا", "a\u{7F}b", "slash / and {braces}",
        "quote \" inside", "back\\slash", "line\nbreak", "tab\there", "bell \u{07}", "\u{1B}[31mred", "\u{2028}",
        "ends with a backslash \\", String(repeating: "x", count: 10_000),
    ]
    static let kinds: [@Sendable (String) -> EventPayload] = [
        { .note(text: $0) }, { .question(text: $0) }, { .impact(text: $0) }, { .frame(text: $0) },
        { .workaround(text: $0) }, { .parked(text: $0) },
    ]

    @Test(arguments: texts)
    func agreesWithJSONDecoderOnEveryTextKind(text: String) throws {
        let decoder = EventCoding.makeDecoder()
        for make in Self.kinds {
            let json = try EventCoding.encode(make(text))
            let slow = try decoder.decode(EventPayload.self, from: Data(json.utf8))
            #expect(slow == make(text))
            if let fast = TextPayloadShortcut.decode(json) {
                #expect(fast == slow, "\(json)")
            }
            #expect(try EventCoding.decodePayload(json) == make(text))
        }
    }

    /// The shortcut writes exactly the bytes JSONEncoder writes, or leaves the payload to it: equal payloads
    /// must keep encoding to equal bytes, whichever wrote them.
    @Test(arguments: texts + ["</script>", "\u{2029}", "emoji ❤️ and flags 🇪🇺", "\u{FEFF}bom", "\u{0301} lone mark"])
    func writesWhatJSONEncoderWrites(text: String) throws {
        let encoder = EventCoding.makeEncoder()
        for make in Self.kinds {
            let slow = String(decoding: try encoder.encode(make(text)), as: UTF8.self)
            if let fast = TextPayloadShortcut.encode(make(text)) {
                #expect(fast == slow)
            }
            #expect(try EventCoding.encode(make(text)) == slow)
        }
        #expect(TextPayloadShortcut.encode(.note(text: "plain words")) != nil, "the shortcut must take plain text")
    }

    @Test func takesThePlainFormItself() {
        #expect(TextPayloadShortcut.decode(#"{"kind":"note","text":"eu-west is back"}"#) == .note(text: "eu-west is back"))
        #expect(TextPayloadShortcut.decode(#"{"kind":"parked","text":"café 東京"}"#) == .parked(text: "café 東京"))
        #expect(TextPayloadShortcut.decode(#"{"kind":"note","text":""}"#) == .note(text: ""))
    }

    @Test(arguments: [
        #"{"kind": "note", "text": "spaced"}"#,           // not the encoder's form
        #"{"text":"reversed","kind":"note"}"#,            // keys in another order
        #"{"kind":"note","text":"a\"b"}"#,                // escapes
        #"{"kind":"note","text":"a\u0041"}"#,
        #"{"kind":"note","text":"x","extra":1}"#,         // more than text
        #"{"kind":"briefing","text":"b"}"#,               // not a text-only kind
        #"{"kind":"nonsense","text":"b"}"#,
        #"{"kind":"note","text":"unterminated}"#,
        #"{"kind":"note","text":"a"b"}"#,                 // not JSON at all
        "{\"kind\":\"note\",\"text\":\"raw\u{01}control\"}",
        #"{"kind":"note"}"#, "", "{}", #"{"kind":"note","text":"#,
    ])
    func leavesEverythingElseToJSONDecoder(json: String) {
        #expect(TextPayloadShortcut.decode(json) == nil)
    }
}
