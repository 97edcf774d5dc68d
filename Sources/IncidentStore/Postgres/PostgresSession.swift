import Foundation
import Logging
import NIOCore
import PostgresNIO

/// One connection to the server, opened on first use and opened again after it drops.
/// Every failure comes out as a `StoreError` that says what to do.
actor PostgresSession {
    nonisolated let configuration: PostgresConnection.Configuration
    nonisolated let address: PostgresAddress
    private var connection: PostgresConnection?
    private var connecting: Task<PostgresConnection, any Error>?
    private var nextID = 1

    /// PostgresNIO logs to swift-log; crisis says what matters itself, in one line.
    static let quietLogger: Logger = {
        var logger = Logger(label: "crisis.postgres")
        logger.logLevel = .critical
        return logger
    }()

    init(configuration: PostgresConnection.Configuration, address: PostgresAddress) {
        self.configuration = configuration
        self.address = address
    }

    /// Runs `body` on the live connection. Queries from several tasks share it: PostgresNIO queues them.
    func run<T: Sendable>(_ body: @Sendable (PostgresConnection, Logger) async throws -> T) async throws -> T {
        let connection: PostgresConnection
        do {
            connection = try await live()
        } catch {
            throw PostgresErrors.translate(error, address: address)
        }
        do {
            return try await body(connection, Self.quietLogger)
        } catch {
            if connection.isClosed { await forget(connection) }
            throw PostgresErrors.translate(error, address: address)
        }
    }

    /// Lets go of a connection that was found closed. Only if it is still the current one: while `body` was
    /// awaited, another call may have found it closed too and opened a newer one, which must stay.
    private func forget(_ dropped: PostgresConnection) async {
        if connection === dropped { connection = nil }
        // PostgresNIO insists a connection is closed before it is released, even one its server dropped.
        try? await dropped.close()
    }

    private func live() async throws -> PostgresConnection {
        if let connection {
            if !connection.isClosed { return connection }
            await forget(connection)
        }
        // Looked at again: forgetting awaited, and another call may have connected meanwhile.
        if let connection, !connection.isClosed { return connection }
        if let connecting { return try await connecting.value }
        let id = nextID
        nextID += 1
        let configuration = self.configuration
        let task = Task {
            try await PostgresConnection.connect(configuration: configuration, id: id, logger: Self.quietLogger)
        }
        connecting = task
        defer { connecting = nil }
        let fresh = try await task.value
        connection = fresh
        return fresh
    }

    /// Closes the connection; PostgresNIO insists a connection is closed before it is released.
    func close() async {
        connecting?.cancel()
        if let connection { try? await connection.close() }
        connection = nil
    }
}
