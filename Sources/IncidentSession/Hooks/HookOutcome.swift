/// How one run of a hook ended.
public enum HookOutcome: Equatable, Sendable {
    /// No executable of that name: nothing ran, nothing to record.
    case missing
    /// It ran and exited 0.
    case succeeded
    /// It did not finish well: `status` says how (`exit 3`, `killed after 10s`, `not executable`), `detail`
    /// is the first line of its error output, made safe for a terminal.
    case failed(status: String, detail: String)
}
