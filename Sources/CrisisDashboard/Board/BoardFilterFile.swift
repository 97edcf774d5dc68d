import Foundation

/// Where a person's board filter is kept between runs: one small JSON file per author under
/// `$XDG_CONFIG_HOME/crisis/board/` (else `~/.config/crisis/board/`). A missing or unreadable file is no filter.
public struct BoardFilterFile: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The file for `author`, or nil when neither `XDG_CONFIG_HOME` nor `HOME` says where settings go.
    public init?(author: String, environment: [String: String]) {
        let base: String
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            base = config
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = (home as NSString).appendingPathComponent(".config")
        } else {
            return nil
        }
        // Any author text becomes a safe file name: ASCII letters, digits, '-' and '_' kept, the rest spelled out.
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        let name = author.addingPercentEncoding(withAllowedCharacters: allowed) ?? "author"
        self.init(path: (base as NSString).appendingPathComponent("crisis/board/\(name).json"))
    }

    public func load() -> BoardFilter {
        guard let data = FileManager.default.contents(atPath: path),
              let filter = try? JSONDecoder().decode(BoardFilter.self, from: data) else { return BoardFilter() }
        return filter
    }

    /// Writes the filter whole (a new file renamed over the old), readable by its owner only. Returns why it
    /// could not, for the board's status line.
    public func save(_ filter: BoardFilter) -> String? {
        do {
            let directory = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let temporary = path + ".new"
            guard FileManager.default.createFile(atPath: temporary, contents: try encoder.encode(filter),
                                                 attributes: [.posixPermissions: 0o600]) else {
                return "the filter applies, but cannot be kept: \(directory) is not writable"
            }
            guard rename(temporary, path) == 0 else { return "the filter applies, but cannot be kept in \(path)" }
            return nil
        } catch {
            return "the filter applies, but cannot be kept: \(error.localizedDescription)"
        }
    }
}
