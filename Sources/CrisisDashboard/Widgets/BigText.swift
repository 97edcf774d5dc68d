import Foundation

/// Text several rows tall for the wall screen, readable across a room: a 5x7 bitmap font of capitals,
/// digits and the signs a dashboard needs, drawn with full and half blocks so a pixel is one cell wide and
/// half a row tall (about square on a terminal) at the smallest scale.
public enum BigText {
    /// How large a pixel is: cells across, and half rows down.
    public struct Scale: Equatable, Sendable {
        public let across: Int
        public let halfRows: Int

        public init(across: Int, halfRows: Int) {
            self.across = across
            self.halfRows = halfRows
        }

        /// 5 cells by 4 rows a letter: the size of the wall's words.
        public static let small = Scale(across: 1, halfRows: 1)
        /// Twice that: the next update's countdown on a middling screen.
        public static let medium = Scale(across: 2, halfRows: 2)
        /// Three times: the countdown on a wall screen.
        public static let large = Scale(across: 3, halfRows: 3)
    }

    static let glyphHeight = 7

    /// Rows of `#` (ink) and `.` (paper). Widths vary: narrow signs take less room.
    private static let glyphs: [Character: [String]] = [
        "A": [".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"],
        "B": ["####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."],
        "C": [".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."],
        "D": ["####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."],
        "E": ["#####", "#....", "#....", "####.", "#....", "#....", "#####"],
        "F": ["#####", "#....", "#....", "####.", "#....", "#....", "#...."],
        "G": [".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"],
        "H": ["#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"],
        "I": [".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."],
        "J": ["..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##.."],
        "K": ["#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"],
        "L": ["#....", "#....", "#....", "#....", "#....", "#....", "#####"],
        "M": ["#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"],
        "N": ["#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#"],
        "O": [".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."],
        "P": ["####.", "#...#", "#...#", "####.", "#....", "#....", "#...."],
        "Q": [".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"],
        "R": ["####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"],
        "S": [".####", "#....", "#....", ".###.", "....#", "....#", "####."],
        "T": ["#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."],
        "U": ["#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."],
        "V": ["#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#.."],
        "W": ["#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#."],
        "X": ["#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"],
        "Y": ["#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."],
        "Z": ["#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"],
        "0": [".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."],
        "1": ["..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."],
        "2": [".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"],
        "3": ["#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."],
        "4": ["...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."],
        "5": ["#####", "#....", "####.", "....#", "....#", "#...#", ".###."],
        "6": ["..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."],
        "7": ["#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."],
        "8": [".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."],
        "9": [".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."],
        " ": ["...", "...", "...", "...", "...", "...", "..."],
        ":": ["..", "##", "##", "..", "##", "##", ".."],
        "+": [".....", "..#..", "..#..", "#####", "..#..", "..#..", "....."],
        "-": ["....", "....", "....", "####", "....", "....", "...."],
        "/": ["....#", "...#.", "...#.", "..#..", ".#...", ".#...", "#...."],
        "·": ["..", "..", "..", "##", "##", "..", ".."],
        ".": ["..", "..", "..", "..", "..", "##", "##"],
        ",": ["..", "..", "..", "..", "##", ".#", "#."],
        "(": ["..#", ".#.", "#..", "#..", "#..", ".#.", "..#"],
        ")": ["#..", ".#.", "..#", "..#", "..#", ".#.", "#.."],
        "!": ["#", "#", "#", "#", "#", ".", "#"],
        "?": [".###.", "#...#", "....#", "...#.", "..#..", ".....", "..#.."],
        "'": ["#", "#", ".", ".", ".", ".", "."],
        "%": ["##..#", "##..#", "...#.", "..#..", ".#...", "#..##", "#..##"],
        "&": [".##..", "#..#.", "#.#..", ".#...", "#.#.#", "#..#.", ".##.#"],
        "#": [".#.#.", ".#.#.", "#####", ".#.#.", "#####", ".#.#.", ".#.#."],
        "=": [".....", ".....", "#####", ".....", "#####", ".....", "....."],
        ">": ["#...", ".#..", "..#.", "...#", "..#.", ".#..", "#..."],
        "<": ["...#", "..#.", ".#..", "#...", ".#..", "..#.", "...#"],
        "@": [".###.", "#...#", "#.###", "#.#.#", "#.##.", "#....", ".####"],
        "_": [".....", ".....", ".....", ".....", ".....", ".....", "#####"],
    ]

    /// Letters as the font has them: capitals without accents, dashes and ellipses spelled with its signs.
    public static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: "…", with: "...")
            .replacingOccurrences(of: "—", with: "-")
            .replacingOccurrences(of: "–", with: "-")
            .folding(options: [.diacriticInsensitive], locale: nil)
            .uppercased()
    }

    /// Whether every character of `text` (once normalized) has a glyph.
    public static func canDraw(_ text: String) -> Bool {
        normalized(text).allSatisfy { glyphs[$0] != nil }
    }

    /// The rows `text` takes at `scale`.
    public static func height(at scale: Scale) -> Int {
        (glyphHeight * scale.halfRows + 1) / 2
    }

    /// The cells `text` takes across at `scale`; a pixel's width of paper separates letters.
    public static func width(of text: String, at scale: Scale) -> Int {
        let widths = normalized(text).compactMap { glyphs[$0]?.first?.count }
        guard !widths.isEmpty else { return 0 }
        return (widths.reduce(0, +) + widths.count - 1) * scale.across
    }

    /// The rows of `text` at `scale`, each `width(of:at:)` cells of blocks and spaces; characters without
    /// a glyph are left out (check `canDraw` first).
    public static func rows(_ text: String, at scale: Scale) -> [String] {
        // Pixel rows first, one string of ink per half row, then pairs of half rows folded into cells.
        var halfRows = Array(repeating: [Bool](), count: glyphHeight * scale.halfRows)
        var first = true
        for character in normalized(text) {
            guard let glyph = glyphs[character] else { continue }
            for (row, line) in glyph.enumerated() {
                var ink: [Bool] = first ? [] : Array(repeating: false, count: scale.across)
                for pixel in line { ink += Array(repeating: pixel == "#", count: scale.across) }
                for copy in 0..<scale.halfRows { halfRows[row * scale.halfRows + copy] += ink }
            }
            first = false
        }
        if halfRows.count % 2 == 1 { halfRows.append(Array(repeating: false, count: halfRows.first?.count ?? 0)) }
        return stride(from: 0, to: halfRows.count, by: 2).map { top in
            String(zip(halfRows[top], halfRows[top + 1]).map { upper, lower -> Character in
                switch (upper, lower) {
                case (true, true): "█"
                case (true, false): "▀"
                case (false, true): "▄"
                case (false, false): " "
                }
            })
        }
    }
}
