/// Why the dashboard cannot start or had to stop, in one line.
public struct DashboardError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
