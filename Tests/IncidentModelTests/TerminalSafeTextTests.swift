import IncidentModel
import Testing

@Suite("Terminal-safe text")
struct TerminalSafeTextTests {
    /// No C0 control, DEL or C1 control, except line feeds when lines are kept.
    func isInert(_ text: String, keepingLines: Bool) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            if scalar == "\n" { return keepingLines }
            return scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value)
        }
    }

    @Test func escapeSequencesBecomeVisible() {
        #expect(TerminalSafeText.sanitize("\u{1B}[31mred\u{1B}[0m") == "␛[31mred␛[0m")
        #expect(TerminalSafeText.sanitize("\u{1B}[2J\u{1B}[H") == "␛[2J␛[H")
        // OSC 52 would write to the clipboard; OSC 0 would retitle the window.
        #expect(TerminalSafeText.sanitize("\u{1B}]52;c;cm0gLXJmIH4=\u{07}") == "␛]52;c;cm0gLXJmIH4=␇")
        #expect(TerminalSafeText.sanitize("\u{1B}]0;pwned\u{1B}\\") == "␛]0;pwned␛\\")
        #expect(TerminalSafeText.sanitize("bell\u{07}") == "bell␇")
        #expect(TerminalSafeText.sanitize("abc\u{08}\u{08}xyz") == "abc␈␈xyz")
        #expect(TerminalSafeText.sanitize("nul\u{0}") == "nul␀")
        #expect(TerminalSafeText.sanitize("del\u{7F}") == "del␡")
    }

    @Test func carriageReturns() {
        #expect(TerminalSafeText.sanitize("fake\rreal") == "fake␍real")
        #expect(TerminalSafeText.sanitize("a\r\nb", lines: .keep) == "a\nb")
        #expect(TerminalSafeText.sanitize("a\r\nb", lines: .fold) == "a↵ b")
        #expect(TerminalSafeText.sanitize("a\r\r\nb", lines: .keep) == "a␍\nb")
        #expect(TerminalSafeText.sanitize("a\n\nb", lines: .fold) == "a↵ ↵ b")
        #expect(TerminalSafeText.sanitize("end\r") == "end␍")
    }

    @Test func tabsBecomeSpaces() {
        #expect(TerminalSafeText.sanitize("a\tb") == "a    b")
    }

    @Test("C1 controls are named", arguments: Array(UInt32(0x80)...0x9F))
    func c1Controls(value: UInt32) {
        let scalar = Unicode.Scalar(value)!
        let hex = String(value, radix: 16, uppercase: true)
        #expect(TerminalSafeText.sanitize("a\(Character(scalar))b") == "a<U+00\(hex)>b")
    }

    @Test("bidi and invisible characters are named", arguments: [
        0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200B, 0x200E, 0x200F, 0x061C,
        0xFEFF, 0x2028, 0x2029,
    ] as [UInt32])
    func bidiAndInvisible(value: UInt32) {
        let scalar = Unicode.Scalar(value)!
        let hex = String(value, radix: 16, uppercase: true)
        let sanitized = TerminalSafeText.sanitize("x\(String(scalar))y")
        #expect(sanitized == "x<U+\(String(repeating: "0", count: 4 - hex.count))\(hex)>y")
        #expect(!TerminalSafeText.isSafe("x\(String(scalar))y"))
    }

    @Test func trojanSourceCannotReorderText() {
        let text = "access = \"user\u{202E} \u{2066}// admin\u{2069} \u{2066}\""
        let sanitized = TerminalSafeText.sanitize(text)
        #expect(sanitized.contains("<U+202E>"))
        #expect(!sanitized.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) })
    }

    @Test func ordinaryTextIsUntouched() {
        for text in ["plain", "Grüße, 東京 🚨 é (e\u{301})", "👩‍💻 on call", "a\nb"] {
            #expect(TerminalSafeText.sanitize(text, lines: .keep) == text)
            #expect(TerminalSafeText.isSafe(text))
        }
        #expect(!TerminalSafeText.isSafe("a\tb"))
        #expect(!TerminalSafeText.isSafe("\u{1B}[0m"))
    }

    @Test func noControlSurvivesAnyScalar() {
        var everything = ""
        for value in UInt32(0)..<0x3000 {
            if let scalar = Unicode.Scalar(value) { everything.unicodeScalars.append(scalar) }
        }
        everything += "\r\n\u{1B}\u{9B}\u{FFF9}\u{FFFB}"
        let kept = TerminalSafeText.sanitize(everything, lines: .keep)
        let folded = TerminalSafeText.sanitize(everything, lines: .fold)
        #expect(isInert(kept, keepingLines: true))
        #expect(isInert(folded, keepingLines: false))
        #expect(kept.contains("\n"))
        #expect(!folded.contains("\n"))
        #expect(TerminalSafeText.isSafe(kept), "sanitizing twice changes nothing more")
    }
}
