import Foundation
import PostgresNIO

/// PostgreSQL's and the network's failures, said in one line each.
enum PostgresErrors {
    static func translate(_ error: any Error, address: PostgresAddress) -> any Error {
        if error is StoreError { return error }
        let name = address.displayName
        guard let error = error as? PSQLError else {
            return StoreError.unreachable(address: name, reason: describe(error))
        }
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            let message = error.serverInfo?[.message] ?? "server error"
            switch state {
            case "28P01", "28000":
                return StoreError.authentication(address: name, reason: "the server refused the password or the role (\(message)); the password comes from the URL, PGPASSWORD or ~/.pgpass")
            case "3D000":
                return StoreError.authentication(address: name, reason: "the database \(address.database) does not exist; create it with 'createdb \(address.database)'")
            case "42501":
                return StoreError.authentication(address: name, reason: "the role \(address.user) lacks a privilege: \(message)")
            case "P0002":
                return StoreError.failed(message)
            case "57P01", "57P02", "57P03":
                return StoreError.unreachable(address: name, reason: "the server is shutting down or starting up")
            default:
                return StoreError.failed("\(name): \(message) (SQLSTATE \(state))")
            }
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
        default:
            return StoreError.failed("\(name): \(error.code)")
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
