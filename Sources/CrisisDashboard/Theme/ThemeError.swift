/// A theme that cannot be used, said in one line with the file and line at fault.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
