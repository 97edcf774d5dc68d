import Synchronization

/// Numbers for graphemes longer than one scalar, so that a `Cell` stays plain data. Each distinct grapheme
/// gets one number for the life of the process and keeps it, so cells of any two frames compare by number.
/// The table holds only graphemes that were drawn, which are already in the log in memory many times over.
enum GraphemeNumbers {
    /// Numbers start above the last Unicode scalar, so a number is never mistaken for a scalar.
    private static let firstNumber: UInt32 = 0x11_0000

    private struct Table {
        var numbers: [String: UInt32] = [:]
        var graphemes: [String] = []
    }

    private static let table = Mutex(Table())

    /// The code a cell stores for `text`: 0 for empty text, the scalar's value for one scalar, else a number.
    static func code(for text: String) -> UInt32 {
        let scalars = text.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.index(after: scalars.startIndex) == scalars.endIndex { return first.value }
        return table.withLock { table in
            if let number = table.numbers[text] { return number }
            let number = firstNumber + UInt32(table.graphemes.count)
            table.graphemes.append(text)
            table.numbers[text] = number
            return number
        }
    }

    /// The text behind a cell's code.
    static func text(for code: UInt32) -> String {
        if code == 0 { return "" }
        if code < firstNumber, let scalar = Unicode.Scalar(code) { return String(Character(scalar)) }
        return table.withLock { table in
            let index = Int(code - firstNumber)
            return index < table.graphemes.count ? table.graphemes[index] : "\u{FFFD}"
        }
    }
}
