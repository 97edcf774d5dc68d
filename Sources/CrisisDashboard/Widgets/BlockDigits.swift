/// Countdown digits several rows tall, readable across a room: tty-clock's 3x5 bitmaps with every pixel
/// two cells wide.
public enum BlockDigits {
    public static let height = 5

    private static let glyphs: [Character: [String]] = [
        "0": ["###", "# #", "# #", "# #", "###"],
        "1": ["  #", "  #", "  #", "  #", "  #"],
        "2": ["###", "  #", "###", "#  ", "###"],
        "3": ["###", "  #", "###", "  #", "###"],
        "4": ["# #", "# #", "###", "  #", "  #"],
        "5": ["###", "#  ", "###", "  #", "###"],
        "6": ["###", "#  ", "###", "# #", "###"],
        "7": ["###", "  #", "  #", "  #", "  #"],
        "8": ["###", "# #", "###", "# #", "###"],
        "9": ["###", "# #", "###", "  #", "###"],
        ":": [" ", "#", " ", "#", " "],
        "+": ["   ", " # ", "###", " # ", "   "],
        "-": ["   ", "   ", "###", "   ", "   "],
    ]

    /// The rows of `text` in block digits; characters without a glyph are left out.
    public static func rows(_ text: String) -> [String] {
        var rows = Array(repeating: "", count: height)
        var first = true
        for character in text {
            guard let glyph = glyphs[character] else { continue }
            for index in 0..<height {
                if !first { rows[index] += "  " }
                rows[index] += glyph[index].map { $0 == "#" ? "██" : "  " }.joined()
            }
            first = false
        }
        return rows
    }

    /// The cells `text` takes across.
    public static func width(of text: String) -> Int {
        rows(text).first?.count ?? 0
    }
}
