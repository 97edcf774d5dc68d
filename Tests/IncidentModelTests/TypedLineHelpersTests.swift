import Foundation
import IncidentModel
import Testing

/// The two helpers a typed line goes through on its way to the log, written without the Foundation calls that
/// cost a dashboard tens of microseconds a line: they must give what those calls gave.
@Suite("Typed-line helpers")
struct TypedLineHelpersTests {
    @Test(arguments: [
        "", " ", "\t\n\r\n ", "db-2 at 100%", "  db-2 at 100%  ", "\n\nfailover done\r\n", "\r\nCRLF\r\n",
        "\u{00A0}no-break\u{00A0}", "\u{3000}ideographic\u{3000}", "\u{2028}line separator\u{2029}",
        " inner  spaces\tand\ttabs stay ", "émoji 🚒 ", " e\u{0301} ", "\u{0085}next line\u{0085}",
    ])
    func trimmingMatchesFoundations(text: String) {
        #expect(EntryText.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func idempotencyKeysAreVersion4UUIDs() {
        var seen = Set<String>()
        for _ in 0..<2_000 {
            let key = RandomToken.uuid()
            let parsed = UUID(uuidString: key)
            #expect(parsed?.uuidString == key, "\(key) is a UUID in its usual spelling")
            let bytes = parsed.map { withUnsafeBytes(of: $0.uuid, Array.init) } ?? []
            #expect(bytes.count == 16 && bytes[6] >> 4 == 4, "version 4: \(key)")
            #expect(bytes.count == 16 && bytes[8] >> 6 == 0b10, "RFC 9562 variant: \(key)")
            seen.insert(key)
        }
        #expect(seen.count == 2_000, "no key repeats")
    }
}
