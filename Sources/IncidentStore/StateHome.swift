import Foundation

/// Where crisis keeps what belongs to one person on one machine (the outbox, the composer's history):
/// `$XDG_STATE_HOME/crisis`, else `~/.local/state/crisis`, as the XDG base directory spec says.
public enum StateHome {
    /// Nil when neither `XDG_STATE_HOME` nor `HOME` is an absolute path.
    public static func directory(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return (state as NSString).appendingPathComponent("crisis")
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return (home as NSString).appendingPathComponent(".local/state/crisis")
        }
        return nil
    }
}
