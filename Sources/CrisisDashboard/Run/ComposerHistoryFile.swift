import Foundation
import IncidentStore

/// Where a person's composer history outlives the dashboard: one file per author under
/// `$XDG_STATE_HOME/crisis/history/` (else `~/.local/state/crisis/history/`), one JSON string per line so
/// an entry's own line breaks survive. Readable by its owner only: it holds what people typed.
public struct ComposerHistoryFile: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The file for `author`, or nil when neither `XDG_STATE_HOME` nor `HOME` says where state goes.
    public init?(author: String, environment: [String: String]) {
        guard let base = StateHome.directory(environment: environment) else { return nil }
        // An author may be any text; the file name keeps ASCII letters, digits, '-' and '_' and spells out
        // the rest, so no name can reach outside the folder.
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        let name = author.addingPercentEncoding(withAllowedCharacters: allowed) ?? "author"
        self.init(path: (base as NSString).appendingPathComponent("history/\(name).jsonl"))
    }

    /// The newest `limit` lines, oldest first; nothing when the file is missing or unreadable.
    public func load(limit: Int) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).suffix(limit).compactMap {
            try? decoder.decode(String.self, from: Data($0))
        }
    }

    /// Adds one line. Best effort: losing history must never stop a dashboard, so failures are ignored.
    /// Past twice `limit` lines the file is rewritten with the newest `limit`.
    public func append(_ line: String, limit: Int) {
        guard let encoded = try? JSONEncoder().encode(line) else { return }
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        let record = encoded + Data("\n".utf8)
        _ = record.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        compact(limit: limit)
    }

    private func compact(limit: Int) {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let lines = data.split(separator: UInt8(ascii: "\n"))
        guard lines.count > 2 * limit else { return }
        let kept = lines.suffix(limit).map { Data($0) + Data("\n".utf8) }.reduce(Data(), +)
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: kept, attributes: [.posixPermissions: 0o600]) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }
}
