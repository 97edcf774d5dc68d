import IncidentModel
import Foundation

/// Writes one header field the way RFC 5322 and RFC 2047 want it: ASCII only, folded below 78 columns,
/// and never a raw CR or LF inside a value, whatever the value holds.
///
/// People's text is cleaned of controls before it gets here (`NoticeWording`); this is the second lock.
/// Text that is plain printable ASCII goes as it is, folded at spaces. Anything else (non-ASCII, a planted
/// `=?…?=`, a word too long to fold, a control that slipped through) goes as UTF-8 encoded words, which
/// can be cut anywhere between characters, so no line grows past the limit.
enum MailHeaderLine {
    /// The line length RFC 5322 recommends; the hard limit (998) is then never near.
    static let preferredLength = 78
    /// The longest word left unencoded: longer ones cannot be folded, so they are encoded and cut.
    static let longestPlainWord = 60

    /// `Name: value`, unstructured (Subject and the like), folded, lines joined with `\n`.
    static func unstructured(_ name: String, _ value: String) -> String {
        if isPlain(value) { return fold(name + ": " + value) }
        return name + ":" + encodedWords(value, firstLineUsed: name.count + 1).joined(separator: "\n")
    }

    /// `Name: Display Name <address>`: the name as a quoted string when it is plain ASCII, else encoded words.
    static func address(_ name: String, _ address: MailAddress) -> String {
        guard let displayName = address.displayName else { return name + ": " + address.address }
        if isPlain(displayName) {
            let quoted = "\"" + displayName.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"") + "\""
            return fold(name + ": " + quoted + " <" + address.address + ">")
        }
        return name + ":" + encodedWords(displayName, firstLineUsed: name.count + 1).joined(separator: "\n")
            + "\n <" + address.address + ">"
    }

    /// A value made by this code alone (ids, dates, MIME parameters): already ASCII, folded only if long.
    static func structured(_ name: String, _ value: String) -> String {
        precondition(value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }, "\(name) is made by crisis and must be ASCII")
        return fold(name + ": " + value)
    }

    // MARK: -

    /// Printable ASCII, no encoded word to be mistaken for ours, no word too long to fold.
    static func isPlain(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && !value.contains("=?")
            && value.split(separator: " ").allSatisfy { $0.count <= longestPlainWord }
            && !value.hasPrefix(" ") && !value.hasSuffix(" ")
    }

    /// Breaks a line before spaces so each piece fits; a fold is CRLF (here LF) followed by the space.
    static func fold(_ line: String) -> String {
        var lines: [String] = []
        var current = ""
        for (index, word) in line.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if index == 0 {
                current = String(word)
            } else if current.count + 1 + word.count > preferredLength && !current.allSatisfy({ $0 == " " }) {
                lines.append(current)
                current = " " + word
            } else {
                current += " " + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// `=?utf-8?b?…?=` words, each on a line of its own (the first after `firstLineUsed` columns), each whole
    /// UTF-8 characters, so a reader decodes every one alone and joins them. Base64 rather than Q: in a
    /// display name Q may carry very few characters, and base64 is valid in every place a word may stand.
    static func encodedWords(_ value: String, firstLineUsed: Int) -> [String] {
        // " =?utf-8?b?" + "?=" is 13 columns; base64 takes 4 for every 3 bytes.
        let overhead = 13
        var chunks: [Data] = []
        var chunk = Data()
        var room = bytesThatFit(preferredLength - firstLineUsed - overhead)
        for scalar in value.unicodeScalars {
            let bytes = Data(String(scalar).utf8)
            if chunk.count + bytes.count > room {
                chunks.append(chunk)
                chunk = Data()
                room = bytesThatFit(preferredLength - overhead)
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty || chunks.isEmpty { chunks.append(chunk) }
        return chunks.map { " =?utf-8?b?" + $0.base64EncodedString() + "?=" }
    }

    /// The bytes whose base64 fits in `columns`.
    private static func bytesThatFit(_ columns: Int) -> Int { max(4, columns / 4) * 3 }
}
