import Foundation
import IncidentModel

/// What can go wrong with a store, each said in one line that tells the user what to do.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case notADatabase(path: String)
    case notACrisisDatabase(path: String)
    case newerSchema(path: String)
    case missing(path: String)
    case readOnly(path: String)
    case diskFull(path: String)
    case busy(path: String, seconds: Double)
    case unknownIncident(IncidentID)
    case corrupt(String)
    case failed(String)
    case badAddress(String)
    /// A setting in the environment that cannot be used, said with what is accepted.
    case badSetting(String)
    case unreachable(address: String, reason: String)
    case authentication(address: String, reason: String)
    /// The server could not take the work just now (no connection left, a deadlock, a serialization
    /// failure, a lock it gave up on): nothing was recorded, and the same request can succeed a moment later.
    case transient(address: String, reason: String)
    /// The server has no connection left for this role (SQLSTATE 53300), in the server's `message`.
    /// `figures` says what this machine last saw of its limit and of crisis's share (`PostgresCapacity`).
    case serverFull(address: String, message: String, figures: String?)
    /// The store refused this entry itself (a check it fails, a value it cannot hold): sending it again
    /// would be refused again.
    case refused(String)
    /// An import found the incident's number taken: an imported incident keeps its number, which its chain
    /// heads name.
    case incidentExists(IncidentID)

    /// How to make room, for the limit the server's message names.
    private static func raiseTheLimit(_ message: String) -> String {
        if message.contains("for database") { return "raise the database's limit (ALTER DATABASE … CONNECTION LIMIT)" }
        if message.contains("for role") { return "raise the role's limit (ALTER ROLE … CONNECTION LIMIT)" }
        return "raise the limit (max_connections in postgresql.conf, then restart the server)"
    }

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            "cannot open the crisis database \(path): \(reason)"
        case .notADatabase(let path):
            "\(path) is not a crisis database (not an SQLite file): point --db or CRISIS_DB at a crisis database, or at a new file"
        case .notACrisisDatabase(let path):
            "\(path) is an SQLite database of another program, not a crisis database: use another file"
        case .newerSchema(let path):
            "\(path) was written by a newer crisis: upgrade crisis to use it"
        case .missing(let path):
            "no crisis database at \(path) yet: open an incident first with 'crisis open TITLE --severity N'"
        case .readOnly(let path):
            "cannot write to \(path): the file or its directory is read-only for you (a shared database needs group write permission on both)"
        case .diskFull(let path):
            "cannot write to \(path): the disk is full; nothing was recorded: free some space and try again"
        case let .busy(path, seconds):
            "\(path) stayed locked by another process for \(seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds))s: nothing was recorded; try again (CRISIS_BUSY_TIMEOUT sets how many seconds to wait)"
        case .unknownIncident(let id):
            "\(id) does not exist: see 'crisis list --all'"
        case .corrupt(let detail):
            "the crisis database is damaged: \(detail)"
        case .failed(let detail):
            "the crisis database failed: \(detail)"
        case .badAddress(let detail):
            detail
        case .badSetting(let detail):
            detail
        case let .unreachable(address, reason):
            "cannot reach the crisis database \(address): \(reason)"
        case let .authentication(address, reason):
            "cannot log in to \(address): \(reason)"
        case let .transient(address, reason):
            "\(address) could not take it just now: \(reason); nothing was recorded: try again"
        case let .serverFull(address, message, figures):
            "the PostgreSQL server \(address) is full: \(message)\(figures.map { " (\($0))" } ?? ""); close a terminal or \(Self.raiseTheLimit(message)); nothing was recorded"
        case .refused(let detail):
            "the crisis database refused the entry: \(detail)"
        case .incidentExists(let id):
            "\(id) already exists in this database: an imported incident keeps its number, which its chain heads name; import it into a database without \(id)"
        }
    }
}
