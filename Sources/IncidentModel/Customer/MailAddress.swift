import Foundation

/// One mail address, checked before it goes anywhere near a header or a sendmail command line: an ASCII
/// `local@domain` with an optional display name, as people write it.
///
///     try MailAddress(parsing: "Jane Doe <jane@acme.example>")   // name "Jane Doe", address jane@acme.example
///     try MailAddress(parsing: "jane@acme.example")              // no name
///
/// What is refused rather than repaired: control characters anywhere (CR and LF are how headers are
/// injected), spaces or a second `@` in the address, non-ASCII addresses (this sends without SMTPUTF8),
/// empty parts, dots at the ends of a part, and anything longer than SMTP carries.
public struct MailAddress: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// `jane@acme.example`
    public let address: String
    /// `Jane Doe`, or nil.
    public let displayName: String?

    /// What every refusal says is accepted.
    public static let accepted = "use name@example.com or Jane Doe <name@example.com> (ASCII, no spaces in the address)"

    public init(address: String, displayName: String? = nil) throws {
        try Self.check(address)
        if let displayName {
            guard !displayName.unicodeScalars.contains(where: Self.isControl) else {
                throw CommandError("the name '\(TerminalSafeText.sanitize(displayName))' holds a control character: \(Self.accepted)")
            }
        }
        self.address = address
        let name = displayName?.trimmingCharacters(in: .whitespaces) ?? ""
        self.displayName = name.isEmpty ? nil : name
    }

    /// Reads `Jane Doe <jane@acme.example>`, `"Doe, Jane" <jane@acme.example>`, `<jane@acme.example>` or
    /// `jane@acme.example`.
    public init(parsing text: String) throws {
        guard !text.unicodeScalars.contains(where: Self.isControl) else {
            throw CommandError("'\(TerminalSafeText.sanitize(text))' holds a control character: \(Self.accepted)")
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else {
            try self.init(address: trimmed)
            return
        }
        let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast())
                .replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
        }
        guard !name.contains("<"), !name.contains(">") else {
            throw CommandError("'\(TerminalSafeText.sanitize(text))' is not one mail address: \(Self.accepted)")
        }
        try self.init(address: address, displayName: name)
    }

    /// The part after the `@`, where this sender's Message-IDs live.
    public var domain: String { String(address[address.index(after: address.lastIndex(of: "@")!)...]) }

    /// `Jane Doe <jane@acme.example>` or `jane@acme.example`, as people read it (not header-encoded).
    public var description: String {
        displayName.map { "\($0) <\(address)>" } ?? address
    }

    // MARK: Checks

    /// Characters a dot-atom local part may hold (RFC 5322 atext) besides letters and digits.
    private static let atextSymbols = Set("!#$%&'*+-/=?^_`{|}~")

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    private static func check(_ address: String) throws {
        func refuse(_ why: String) -> CommandError {
            CommandError("'\(TerminalSafeText.sanitize(address))' is not a mail address (\(why)): \(accepted)")
        }
        guard !address.isEmpty else { throw refuse("it is empty") }
        guard !address.unicodeScalars.contains(where: isControl) else { throw refuse("a control character") }
        guard !address.contains(where: \.isWhitespace) else { throw refuse("a space") }
        guard address.allSatisfy(\.isASCII) else { throw refuse("not ASCII") }
        guard address.utf8.count <= 254 else { throw refuse("longer than 254 characters") }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw refuse(parts.count == 1 ? "no @" : "more than one @") }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, local.utf8.count <= 64 else { throw refuse("the part before @ is empty or too long") }
        guard local.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || atextSymbols.contains($0) }),
              !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else {
            throw refuse("the part before @ holds a character mail does not allow")
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard !domain.isEmpty, labels.allSatisfy({ label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }) else {
            throw refuse("the part after @ is not a host name")
        }
    }
}
