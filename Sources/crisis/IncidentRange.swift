import ArgumentParser
import IncidentModel

/// `--all` beside `--incident`, for the commands that read whole logs (`verify`, `export`): every incident, open
/// or closed, or else the one in use.
struct IncidentRange: ParsableArguments {
    @Flag(help: "Every incident, open or closed.") var all = false

    /// `--all` and `--incident` name different things: one or the other.
    func validate(with global: GlobalOptions) throws {
        if all && global.incident != nil {
            throw ValidationError("--all and --incident together: give one, or neither for the incident in use")
        }
    }

    /// The incidents asked for: every one with `--all`, else the one `--incident` (or the usual choice) names.
    func incidents(_ context: CommandContext) async throws -> [IncidentID] {
        all ? try await context.store.incidentNumbers() : [try await context.incidentID()]
    }
}
