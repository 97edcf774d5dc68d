import IncidentModel
import Testing

@Suite("Display width")
struct DisplayWidthTests {
    @Test func asciiIsOneCell() {
        #expect(DisplayWidth.of("a" as Character) == 1)
        #expect(DisplayWidth.of("hello, world") == 12)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test func cjkIsTwoCells() {
        #expect(DisplayWidth.of("東" as Character) == 2)
        #expect(DisplayWidth.of("東京") == 4)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("ｶﾀｶﾅ") == 4, "halfwidth katakana is narrow")
        #expect(DisplayWidth.of("ＡＢ") == 4, "fullwidth Latin is wide")
    }

    @Test func emojiIsTwoCells() {
        #expect(DisplayWidth.of("🚨" as Character) == 2)
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("👩‍💻") == 2, "a ZWJ sequence is one picture")
        #expect(DisplayWidth.of("❤️") == 2, "VS16 asks for emoji presentation")
        #expect(DisplayWidth.of("👍🏽") == 2)
        #expect(DisplayWidth.of("ok ✅") == 5)
    }

    @Test func combiningMarksTakeNoCell() {
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("\u{301}" as Unicode.Scalar) == 0)
        #expect(DisplayWidth.of("a\u{200B}b") == 2, "zero width space")
        #expect(DisplayWidth.of("Z\u{0351}\u{0358}\u{0362}") == 1)
    }

    @Test func controlsCountAsTheirVisibleSymbol() {
        #expect(DisplayWidth.of("\u{1B}" as Unicode.Scalar) == 1)
        #expect(DisplayWidth.of(TerminalSafeText.sanitize("a\u{1B}[0m")) == 5)
    }

    @Test func aFlagTakesTwoCells() {
        #expect(DisplayWidth.of("🇪🇺" as Character) == 2)
        #expect(DisplayWidth.of("EU 🇪🇺 ok") == 8)
    }
}
