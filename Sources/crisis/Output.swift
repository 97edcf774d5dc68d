import Foundation
import IncidentModel

/// Everything the command line prints goes through here, neutralized: typed text never reaches the
/// terminal as control sequences.
enum Output {
    static func line(_ text: String) {
        print(TerminalSafeText.sanitize(text, lines: .keep))
    }

    /// JSON with every character a terminal could act on written as a `\\uXXXX` escape: the encoder already
    /// escapes C0 controls; C1 controls, bidirectional overrides and invisible characters are escaped here.
    static func json(_ data: Data) {
        FileHandle.standardOutput.write(Data((terminalSafeJSON(data) + "\n").utf8))
    }

    /// JSON text with every character a terminal could act on escaped, which decodes to the very same strings.
    static func terminalSafeJSON(_ data: Data) -> String {
        var text = String.UnicodeScalarView()
        for scalar in String(decoding: data, as: UTF8.self).unicodeScalars {
            if TerminalSafeText.isSafe(String(scalar)) || scalar == "\n" {
                text.append(scalar)
            } else {
                // JSON's \u takes four digits: a scalar beyond them (a tag character) is written as its UTF-16 pair.
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16, uppercase: true)
                    text.append(contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).unicodeScalars)
                }
            }
        }
        return String(text)
    }

    /// What a person should read beside a result a script takes from stdout (`url=$(crisis share …)`).
    static func note(_ text: String) {
        FileHandle.standardError.write(Data("\(TerminalSafeText.sanitize(text))\n".utf8))
    }

    static func warning(_ text: String) {
        FileHandle.standardError.write(Data("crisis: \(TerminalSafeText.sanitize(text))\n".utf8))
    }

    /// An error line a person can read: a pasted megabyte (an argument, a path, a word list) that the message
    /// quotes is shortened to its start and its end with the count of what was left out, so the line stays
    /// one short line whatever was typed.
    static func shortened(_ message: String, longestWord: Int = 80, longestLine: Int = 1000) -> String {
        var words: [String] = []
        for word in message.split(separator: " ", omittingEmptySubsequences: false) {
            if word.count > longestWord {
                words.append("\(word.prefix(40))…[\(word.count - 52) characters left out]…\(word.suffix(12))")
            } else {
                words.append(String(word))
            }
        }
        let line = words.joined(separator: " ")
        guard line.count > longestLine else { return line }
        let tail = longestLine / 4
        return "\(line.prefix(longestLine - tail)) …[\(line.count - longestLine) characters left out]… \(line.suffix(tail))"
    }
}
