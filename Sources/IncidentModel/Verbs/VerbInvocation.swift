/// A verb as it was used: the command it makes, and the flags given with it, which a front end may act on
/// beyond the command itself (`brief --strict`).
public struct VerbInvocation: Sendable {
    public let command: Command
    public let flags: Set<String>

    /// Whether `flag` was given.
    public func has(_ flag: VerbOption) -> Bool {
        flags.contains(flag.name)
    }
}
