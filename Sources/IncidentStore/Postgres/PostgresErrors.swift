import Foundation
import IncidentModel
import NIOCore
import PostgresNIO

/// PostgreSQL's and the network's failures, said in one line each, as the `StoreError` whose class
/// (`StoreErrorClass`) says what to do about them.
enum PostgresErrors {
    /// A failure of the driver or the network becomes a `StoreError`. Anything else (an error of crisis's
    /// own code, an answer that cannot be decoded) passes through unchanged: it is a bug, not an outage.
    /// `capacity` is what this machine last saw of the server's connections, said when the server is full.
    static func translate(_ error: any Error, address: PostgresAddress, capacity: PostgresCapacity? = nil) -> any Error {
        if error is StoreError { return error }
        let name = address.displayName
        switch error {
        case let error as PSQLError:
            return translate(error, address: address, capacity: capacity)
        // The network itself, should one escape the driver without a PSQLError around it.
        case is ChannelError, is IOError, is NIOConnectionError:
            return StoreError.unreachable(address: name, reason: describe(error))
        default:
            return error
        }
    }

    private static func translate(_ error: PSQLError, address: PostgresAddress, capacity: PostgresCapacity?) -> any Error {
        let name = address.displayName
        switch error.code {
        case .server:
            return storeError(sqlState: error.serverInfo?[.sqlState] ?? "",
                              message: error.serverInfo?[.message] ?? "server error", address: address, capacity: capacity)
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            return StoreError.unreachable(address: name, reason: error.underlying.map(describe) ?? "the connection was lost")
        case .sslUnsupported:
            return StoreError.unreachable(address: name, reason: "the server does not offer TLS, which sslmode=\(address.sslMode.rawValue) requires; use sslmode=prefer or disable")
        case .failedToAddSSLHandler:
            return StoreError.unreachable(address: name, reason: "TLS failed: \(error.underlying.map(describe) ?? "handshake failed")")
        case .authMechanismRequiresPassword:
            return StoreError.authentication(address: name, reason: "the server wants a password: put it in the URL, PGPASSWORD or ~/.pgpass")
        case .unsupportedAuthMechanism, .saslError:
            return StoreError.authentication(address: name, reason: "authentication failed (\(error.underlying.map(describe) ?? "\(error.code)"))")
        case .queryCancelled:
            return CancellationError()
        default:
            return StoreError.failed("\(name): \(error.code)")
        }
    }

    /// An error the server reported, by its SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html).
    static func storeError(sqlState state: String, message: String, address: PostgresAddress,
                           capacity: PostgresCapacity? = nil) -> StoreError {
        let name = address.displayName
        switch state {
        case "28P01", "28000":
            // A dashboard that logged in a minute ago and is refused now met a rotated password.
            return .authentication(address: name, reason: "the server refused the password of role \(address.user) (\(message)); the password comes from the URL, PGPASSWORD or ~/.pgpass: if it was just changed, nothing is lost, entries wait in the outbox until it is right again")
        case "3D000":
            return .authentication(address: name, reason: "the database \(address.database) does not exist; create it with 'createdb \(address.database)'")
        case "42501":
            return .authentication(address: name, reason: "the role \(address.user) lacks a privilege: \(message); the database's administrator grants it with 'crisis admin init --grant \(address.user)'")
        case "CR001":
            // crisis_import's own refusal: 'incident <n> exists'.
            if let number = message.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) {
                return .incidentExists(IncidentID(number))
            }
            return .refused(message)
        case "57P01", "57P02", "57P03":
            return .unreachable(address: name, reason: "the server is shutting down, starting up, or ended this connection")
        case "40P01":
            return .transient(address: name, reason: "a deadlock with another writer (\(message))")
        case "40001":
            return .transient(address: name, reason: "a conflict with another writer (\(message))")
        case "55P03":
            return .transient(address: name, reason: "a lock it could not take (\(message))")
        case "57014":
            return .transient(address: name, reason: "the statement took too long and was cancelled (\(message))")
        case "53300":
            // "sorry, too many clients already", or "remaining connection slots are reserved for …".
            return .serverFull(address: name, message: message, figures: capacity?.described(now: Date()))
        case "P0002":
            // crisis_append's own refusal: 'unknown incident <n>'.
            if let number = message.split(separator: " ").last.flatMap({ Int($0) }) {
                return .unknownIncident(IncidentID(number))
            }
            return .refused(message)
        case "P0001":
            // The log's own triggers: append-only, gapless.
            return .refused(message)
        default:
            switch state.prefix(2) {
            case "08":
                return .unreachable(address: name, reason: message)
            case "40":
                return .transient(address: name, reason: "\(message) (SQLSTATE \(state))")
            case "53":
                return .transient(address: name, reason: "the server is short of resources: \(message) (SQLSTATE \(state))")
            case "22", "23":
                return .refused("\(message) (SQLSTATE \(state))")
            case "XX":
                return .corrupt("\(name): \(message) (SQLSTATE \(state))")
            default:
                return .failed("\(name): \(message) (SQLSTATE \(state))")
            }
        }
    }

    private static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connection refused") || text.contains("Connection refused") || text.contains("ECONNREFUSED") {
            return "connection refused: is the server running and listening there?"
        }
        if text.contains("timeout") || text.contains("Timeout") || text.contains("timedOut") {
            return "no answer within 5 seconds"
        }
        if text.contains("NXDOMAIN") || text.contains("name resolution") || text.contains("resolve") || text.contains("Name or service") {
            return "the host name cannot be resolved"
        }
        return text.split(separator: "\n").first.map(String.init) ?? text
    }
}
