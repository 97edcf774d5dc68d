import Foundation
import IncidentModel

/// Which store a `--db` value (or `CRISIS_DB`) names.
public enum StoreAddress: Equatable, Sendable {
    case sqlite(path: String)
    case postgres(PostgresAddress)

    /// The default SQLite file: `$XDG_DATA_HOME/crisis/crisis.db`, else `~/.local/share/crisis/crisis.db`.
    public static func defaultSQLitePath(environment: [String: String]) -> String {
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            dataHome = (home as NSString).appendingPathComponent(".local/share")
        }
        return (dataHome as NSString).appendingPathComponent("crisis/crisis.db")
    }

    /// Reads `--db`, then `CRISIS_DB`, then falls back to the default file.
    public static func resolve(option: String?, environment: [String: String]) throws -> StoreAddress {
        let raw = option ?? environment["CRISIS_DB"].flatMap { $0.isEmpty ? nil : $0 }
        guard let raw else { return .sqlite(path: defaultSQLitePath(environment: environment)) }
        if raw.contains("://") {
            let scheme = raw.components(separatedBy: "://")[0].lowercased()
            guard scheme == "postgres" || scheme == "postgresql" else {
                throw StoreError.badAddress("'\(scheme)://' is not a store crisis knows: give a file path or \(PostgresAddress.accepted)")
            }
            return .postgres(try PostgresAddress(parsing: raw, environment: environment))
        }
        let expanded = (raw as NSString).expandingTildeInPath
        return .sqlite(path: expanded)
    }

    public var displayName: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let address): address.displayName
        }
    }

    /// Opens the store. Only the default location's directory is created on demand: a path the user typed
    /// must already have its directory, so a typo does not scatter databases around.
    public func open(create: Bool, environment: [String: String],
                     clock: any IncidentClock = SystemClock()) async throws -> any IncidentStore {
        switch self {
        case .sqlite(let path):
            let isDefault = path == Self.defaultSQLitePath(environment: environment)
            try Self.checkCouldHoldDatabase(path, directoryMadeOnDemand: isDefault)
            if create && isDefault {
                let directory = (path as NSString).deletingLastPathComponent
                try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            return try SQLiteIncidentStore(path: path, create: create, clock: clock,
                                           busyTimeout: try SQLiteIncidentStore.busyTimeout(environment: environment))
        case .postgres(let address):
            // The server keeps the time: a client's clock (or CRISIS_NOW) cannot reorder a shared log.
            return try await PostgresIncidentStore.connect(address, environment: environment)
        }
    }

    /// Refuses a path where no database is and none could ever be made: its directory is missing (only the
    /// default location's is made on demand), is not a directory, or cannot be written. A path that could
    /// hold one is left to the store, which says "no crisis database here yet", naming the path.
    static func checkCouldHoldDatabase(_ path: String, directoryMadeOnDemand: Bool) throws {
        let fileManager = FileManager.default
        guard !fileManager.fileExists(atPath: path) else { return }
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty else { return }
        let advice = "point --db or CRISIS_DB at a file in a directory you can write"
        // The directory, or for the default location the nearest folder above it that exists.
        var existing = directory
        while !fileManager.fileExists(atPath: existing) {
            guard directoryMadeOnDemand, existing != "/" else {
                throw StoreError.cannotOpen(path: path, reason: "the directory \(directory) does not exist: create it, or \(advice)")
            }
            existing = (existing as NSString).deletingLastPathComponent
        }
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: existing, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreError.cannotOpen(path: path, reason: "\(existing) is not a directory: \(advice)")
        }
        guard fileManager.isWritableFile(atPath: existing) else {
            throw StoreError.cannotOpen(path: path, reason: "there is no database there, and \(existing) is not writable for you, so none can be made: \(advice)")
        }
    }
}
