import Foundation
import IncidentModel

/// Who posts: the name given, else `CRISIS_AUTHOR`, else the login name; checked once, for every front end.
public enum AuthorName {
    public static func resolve(option: String?, environment: [String: String]) throws(CommandError) -> String {
        if let option, option.allSatisfy(\.isWhitespace) {
            throw CommandError("--as is empty: give the name to post as")
        }
        let candidates = [option, environment["CRISIS_AUTHOR"], environment["USER"], environment["LOGNAME"],
                          ProcessInfo.processInfo.userName]
        guard let name = candidates.compactMap({ $0 }).first(where: { !$0.allSatisfy(\.isWhitespace) }) else {
            throw CommandError("who is posting? give --as NAME or set CRISIS_AUTHOR")
        }
        return try validated(name)
    }

    /// A name as given, refused when it could not be shown safely on every screen and in every record.
    public static func validated(_ name: String) throws(CommandError) -> String {
        guard !name.allSatisfy(\.isWhitespace), name.utf8.count <= 200, TerminalSafeText.isSafe(name),
              !name.contains("\n") else {
            throw CommandError("--as '\(name)' is not a usable name: at most 200 bytes of printable text")
        }
        return name
    }
}
