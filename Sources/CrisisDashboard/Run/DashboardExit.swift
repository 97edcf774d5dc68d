/// How an incident's dashboard ended: the person quit, or went back to the board it was opened from.
enum DashboardExit: Equatable, Sendable {
    case quit
    case board
}
