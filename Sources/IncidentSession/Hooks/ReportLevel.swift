/// How much a line the reminder firer reports matters, for a log that is filtered by priority
/// (`journalctl -p warning`): done is `info`, tried again later is `warning`, given up or failed is `error`.
public enum ReportLevel: String, Sendable {
    case info, warning, error
}
