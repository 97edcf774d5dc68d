/// A command that cannot be carried out, with one line that says what was wrong and what is accepted.
public struct CommandError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String

    /// Messages quote what was typed (`unknown command '…'`), which may hold line breaks and controls: they are
    /// shown as visible symbols, so the message stays one line and safe for a terminal wherever it is printed.
    public init(_ message: String) {
        self.message = TerminalSafeText.sanitize(message, lines: .fold)
    }

    public var description: String { message }
}
