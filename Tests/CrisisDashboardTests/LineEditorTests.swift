import CrisisDashboard
import Testing

/// The composer's editing keys, as people know them from a shell.
@Suite struct LineEditorTests {
    @Test func leftRightHomeEndMoveByGrapheme() {
        var editor = LineEditor("a中👩‍💻b")
        #expect(editor.cursor == 4)
        editor.moveLeft()
        editor.moveLeft()
        #expect(editor.cursor == 2)
        #expect(editor.displayCursorColumn == 3, "a (1) + 中 (2)")
        editor.moveHome()
        #expect(editor.cursor == 0)
        editor.moveLeft()
        #expect(editor.cursor == 0)
        editor.moveEnd()
        editor.moveRight()
        #expect(editor.cursor == 4)
    }

    @Test func backspaceAndDeleteRemoveWholeCharacters() {
        var editor = LineEditor("ab🚀c")
        editor.moveLeft()
        editor.deleteBackward()
        #expect(editor.text == "abc")
        editor.moveHome()
        editor.deleteForward()
        #expect(editor.text == "bc")
        editor.moveEnd()
        editor.deleteForward()
        #expect(editor.text == "bc")
    }

    @Test func ctrlUKillsToTheStartAndCtrlKToTheEnd() {
        var editor = LineEditor("hello world")
        for _ in 0..<5 { editor.moveLeft() }
        editor.killToEnd()
        #expect(editor.text == "hello ")
        editor.insert("there")
        editor.moveLeft()
        editor.killToStart()
        #expect(editor.text == "e")
        #expect(editor.cursor == 0)
    }

    @Test func ctrlWKillsTheWordBeforeTheCursor() {
        var editor = LineEditor("check the  lag  ")
        editor.killWordBackward()
        #expect(editor.text == "check the  ")
        editor.killWordBackward()
        #expect(editor.text == "check ")
    }

    @Test func insertingInTheMiddleKeepsTheCursorAfterTheInsertedText() {
        var editor = LineEditor("ac")
        editor.moveLeft()
        editor.insert("b中")
        #expect(editor.text == "ab中c")
        #expect(editor.cursor == 3)
    }

    @Test func lineBreaksShowAsVisibleMarksOnTheOneLineComposer() {
        let editor = LineEditor("one\ntwo\u{1B}")
        #expect(editor.displayText == "one↵ two␛")
    }
}
