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
        #expect(decoder.decode(scalars("\u{1B}[")) == [.escape, .character("[")], "cut short by the batch's end: typed")
    }

    /// Issue 11's live run: under tmux, Home and End arrive as `ESC [1~` and `ESC [4~`, which the terminal
    /// library's table for TERM=xterm-256color does not name, and `[1~[4~` was typed into an answer.
    @Test func escapeSequencesAreKeysOrNothingNeverText() {
        var decoder = KeyDecoder()
        #expect(decoder.decode(scalars("\u{1B}[1~\u{1B}[4~/answer")) == [.home, .end] + "/answer".map { .character($0) })
        #expect(decoder.decode(scalars("\u{1B}[5~\u{1B}[6~\u{1B}[3~\u{1B}[H\u{1B}[F\u{1B}[Z"))
            == [.pageUp, .pageDown, .delete, .home, .end, .backTab])
        #expect(decoder.decode(scalars("\u{1B}OP\u{1B}[11~\u{1B}[24~\u{1B}OH\u{1B}[1;5C")) == [.function(1), .function(1), .function(12), .home, .right])
        // Unknown but complete sequences (focus reports, a device answer, a modified key) are dropped.
        #expect(decoder.decode(scalars("a\u{1B}[I\u{1B}[?1;2c\u{1B}[2xb")) == [.character("a"), .character("b")])
        // Alt+x and Esc then Esc then Home.
        #expect(decoder.decode(scalars("\u{1B}x\u{1B}\u{1B}[1~")) == [.escape, .character("x"), .escape, .home])
    }

    @Test func namedKeysPassThrough() {
        var decoder = KeyDecoder()
        #expect(decoder.decode([.key(.left), .scalar("a"), .key(.pageUp)]) == [.left, .character("a"), .pageUp])
    }
}
