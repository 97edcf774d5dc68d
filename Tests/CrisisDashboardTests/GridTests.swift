import CrisisDashboard
import Testing

/// The in-memory screen: widths, clipping, and wide characters that are never split.
@Suite struct GridTests {
    @Test func textIsPlacedByDisplayWidth() {
        var grid = Grid(width: 10, height: 1)
        let end = grid.put("a中b", at: Point(x: 1, y: 0))
        #expect(end == 5)
        #expect(grid.lines == [" a中b     "])
        #expect(grid[3, 0].isContinuation)
    }

    @Test func textIsClippedAtTheLimitAndAWideCharacterThatDoesNotFitBecomesASpace() {
        var grid = Grid(width: 6, height: 1)
        grid.put("abcd中", at: Point(x: 0, y: 0), style: Style(.alarm), limit: 5)
        #expect(grid.lines == ["abcd  "])
        grid.put("0123456789", at: Point(x: 3, y: 0))
        #expect(grid.lines == ["abc012"])
    }

    @Test func nothingIsWrittenOutsideTheGrid() {
        var grid = Grid(width: 3, height: 2)
        grid.put("xyz", at: Point(x: -1, y: 0))
        grid.put("never", at: Point(x: 0, y: 5))
        #expect(grid.lines == ["yz ", "   "])
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = Grid(width: 4, height: 1)
        grid.put("中文", at: Point(x: 0, y: 0))
        grid.put("x", at: Point(x: 1, y: 0))
        #expect(grid.lines == [" x文"])
        grid.put("y", at: Point(x: 2, y: 0))
        #expect(grid.lines == [" xy "])
    }

    @Test func textWrapBreaksAtSpacesByWidth() {
        #expect(TextWrap.wrap("the quick brown fox", firstWidth: 9, width: 10) == ["the quick", "brown fox"])
        #expect(TextWrap.wrap("中文中文中文", firstWidth: 5, width: 5) == ["中文", "中文", "中文"])
        #expect(TextWrap.wrap("abcdefghij", firstWidth: 4, width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextWrap.truncate("replication", width: 6) == "repli…")
    }

    @Test func blockDigitsAreFiveRowsTall() {
        let rows = BlockDigits.rows("+04:12")
        #expect(rows.count == 5)
        #expect(Set(rows.map(\.count)).count == 1)
        #expect(BlockDigits.width(of: "1") == 6)
    }
}
