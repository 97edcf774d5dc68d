/// The version `crisis --version` prints and the man page names: the one place it is written.
/// Raise it with every release tag (`git tag v<version>`).
enum CrisisVersion {
    static let current = "0.11.0"
}
