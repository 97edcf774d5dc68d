import CrisisDashboard
import Testing

/// What the terminal sends, turned into keys.
@Suite struct KeyDecoderTests {
    private func scalars(_ text: String) -> [RawInput] { text.unicodeScalars.map { .scalar($0) } }

    @Test func controlCharactersAreNamedKeys() {
        var decoder = KeyDecoder()
        let keys = decoder.decode(scalars("a\r\t\u{7F}\u{01}\u{05}\u{15}\u{17}\u{0B}\u{03}"))
        #expect(keys == [.character("a"), .enter, .tab, .backspace, .control("a"), .control("e"), .control("u"),
                         .control("w"), .control("k"), .control("c")])
    }

    @Test func scalarsJoinIntoGraphemes() {
        var decoder = KeyDecoder()
        #expect(decoder.decode(scalars("👩‍💻é中")) == [.character("👩‍💻"), .character("é"), .character("中")])
    }

    @Test func aBracketedPasteIsOneKeyWithItsLineBreaks() {
        var decoder = KeyDecoder()
        let keys = decoder.decode(scalars("x\u{1B}[200~Dear team,\rwe see 502s.\u{1B}[201~y"))
        #expect(keys == [.character("x"), .paste("Dear team,\rwe see 502s."), .character("y")], "line ends are normalized when the paste is inserted")
    }

    @Test func aPasteMaySpanSeveralBatches() {
        var decoder = KeyDecoder()
        #expect(decoder.decode(scalars("\u{1B}[200~first ")).isEmpty)
        #expect(decoder.isInPaste)
        #expect(decoder.decode([.key(.enter)] + scalars("second\u{1B}[201~")) == [.paste("first \nsecond")])
    }

    @Test func aLoneEscapeIsTheEscapeKey() {
        var decoder = KeyDecoder()
        #expect(decoder.decode(scalars("\u{1B}")) == [.escape])
        #expect(decoder.decode(scalars("\u{1B}x")) == [.escape, .character("x")])
        #expect(decoder.decode(scalars("\u{1B}[2x")) == [.escape, .character("["), .character("2"), .character("x")])
    }

    @Test func namedKeysPassThrough() {
        var decoder = KeyDecoder()
        #expect(decoder.decode([.key(.left), .scalar("a"), .key(.pageUp)]) == [.left, .character("a"), .pageUp])
    }
}
