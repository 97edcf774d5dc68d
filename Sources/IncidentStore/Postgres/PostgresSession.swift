import Foundation
import Logging
import NIOCore
import PostgresNIO

/// The process's one connection to the server: every read, write and `LISTEN` goes over it, so N open
/// terminals hold N of the server's `max_connections`, not 2N. It is opened on first use, and again after it
/// drops; while anyone follows the log it is kept open, listening, and reopened with a growing pause.
/// Every failure comes out as a `StoreError` that says what to do.
actor PostgresSession {
    nonisolated let address: PostgresAddress
    private let tls: PostgresConnection.Configuration.TLS
    private let capacityFile: PostgresCapacityFile
    /// Runs once on every connection just opened, before anyone else may use it (the schema check).
    private let prepare: @Sendable (PostgresConnection, Logger) async throws -> Void
    private var connection: PostgresConnection?
    /// The connection being opened, with the slots seen on it; every caller meanwhile waits for this one.
    private var connecting: Task<(PostgresConnection, PostgresCapacity?), any Error>?
    private var nextID = 1
    /// What this process last saw of the server's connection slots, for the message when it is full.
    private var capacity: PostgresCapacity?
    /// Everyone waiting for the log to change, and the one task that listens for them all.
    private var followers: [Int: AsyncStream<Void>.Continuation] = [:]
    private var nextFollower = 0
    private var listening: Task<Void, Never>?
    /// Set by `close()`: a connection still being opened then is closed as it arrives, not kept.
    private var closed = false
    /// Every connection opened and not yet closed here, the current one included: `close()` closes them all,
    /// whichever task last held one.
    private var open: [ObjectIdentifier: PostgresConnection] = [:]

    /// PostgresNIO logs to swift-log; crisis says what matters itself, in one line.
    static let quietLogger: Logger = {
        var logger = Logger(label: "crisis.postgres")
        logger.logLevel = .critical
        return logger
    }()

    init(address: PostgresAddress, environment: [String: String],
         prepare: @escaping @Sendable (PostgresConnection, Logger) async throws -> Void) throws {
        self.address = address
        tls = try PostgresTransport.tls(for: address)
        capacityFile = PostgresCapacityFile(address: address, environment: environment)
        self.prepare = prepare
    }

    /// Runs `body` on the live connection. Queries from several tasks share it: PostgresNIO queues them, and
    /// notifications arrive between them.
    func run<T: Sendable>(_ body: @Sendable (PostgresConnection, Logger) async throws -> T) async throws -> T {
        let connection: PostgresConnection
        do {
            connection = try await live()
        } catch {
            throw translate(error)
        }
        do {
            return try await body(connection, Self.quietLogger)
        } catch {
            if connection.isClosed { await forget(connection) }
            throw translate(error)
        }
    }

    private func translate(_ error: any Error) -> any Error {
        // The file is read only when this process has not connected yet: its figures are then all it has.
        PostgresErrors.translate(error, address: address, capacity: capacity ?? capacityFile.load())
    }

    /// Lets go of a connection that was found closed. Only if it is still the current one: while `body` was
    /// awaited, another call may have found it closed too and opened a newer one, which must stay.
    private func forget(_ dropped: PostgresConnection) async {
        if connection === dropped { connection = nil }
        open[ObjectIdentifier(dropped)] = nil
        // PostgresNIO insists a connection is closed before it is released, even one its server dropped.
        try? await dropped.close()
    }

    private func live() async throws -> PostgresConnection {
        if closed { throw CancellationError() }
        if let connection {
            if !connection.isClosed { return connection }
            await forget(connection)
        }
        // Looked at again: forgetting awaited, and another call may have connected meanwhile.
        if let connection, !connection.isClosed { return connection }
        if let connecting { return try await connecting.value.0 }
        let id = nextID
        nextID += 1
        let (address, tls, prepare) = (self.address, self.tls, self.prepare)
        let task = Task { () async throws -> (PostgresConnection, PostgresCapacity?) in
            let fresh = try await PostgresTransport.connect(address, tls: tls, id: id, logger: Self.quietLogger)
            do {
                // One after the other: PostgresNIO queues a query behind the one in flight until the server's
                // ReadyForQuery, so sending both "at once" saved no round trip (found in review).
                let capacity = try await PostgresCapacity.read(fresh, logger: Self.quietLogger, now: Date())
                try await prepare(fresh, Self.quietLogger)
                return (fresh, capacity)
            } catch {
                try? await fresh.close()
                throw error
            }
        }
        connecting = task
        defer { connecting = nil }
        let (fresh, seen) = try await task.value
        if closed {
            // Closed while this one was being opened (a follower's listener reconnecting as the process quits).
            try? await fresh.close()
            throw CancellationError()
        }
        if let seen {
            capacity = seen
            capacityFile.save(seen)
        }
        open[ObjectIdentifier(fresh)] = fresh
        connection = fresh
        return fresh
    }

    // MARK: - Following

    /// A signal on every notification of the log's channel, and once after every (re)connection and every
    /// loss, so a follower catches up on whatever was appended while it was away (a lost notification never
    /// loses an event) or finds the outage by reading. All of a process's followers share one `LISTEN`.
    nonisolated func changes() -> AsyncStream<Void> {
        AsyncStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            Task { await self.add(follower: continuation) }
        }
    }

    private func add(follower continuation: AsyncStream<Void>.Continuation) {
        let key = nextFollower
        nextFollower += 1
        followers[key] = continuation
        continuation.onTermination = { _ in Task { await self.remove(follower: key) } }
        if listening == nil {
            listening = Task { await self.listenWhileFollowed() }
        } else {
            // The listener is up (or trying): this follower's first look is now, as the others' was.
            continuation.yield()
        }
    }

    private func remove(follower key: Int) {
        followers[key] = nil
        if followers.isEmpty {
            listening?.cancel()
            listening = nil
        }
    }

    private func signalFollowers() {
        for (key, follower) in followers {
            if case .terminated = follower.yield() { remove(follower: key) }
        }
    }

    /// Listens on the process's connection for as long as anyone follows; when it drops (or cannot be had:
    /// the server is down, or full), says so and tries again after a pause that grows to 5 s, with some
    /// jitter so a room of terminals does not knock in step.
    private func listenWhileFollowed() async {
        var pause: UInt64 = 100_000_000
        while !Task.isCancelled {
            if let connection = try? await live() {
                pause = 100_000_000
                _ = try? await connection.listen(on: PostgresSchema.channel) { notifications in
                    self.signalFollowers()
                    for try await _ in notifications {
                        self.signalFollowers()
                    }
                }
                // Notifications end only with the connection (or the listening itself): one still said to be
                // open a moment more is closing, and is let go now, so the next look opens a fresh one.
                if !Task.isCancelled { await forget(connection) }
            }
            if Task.isCancelled { break }
            signalFollowers()
            try? await Task.sleep(nanoseconds: pause + UInt64.random(in: 0...(pause / 4)))
            pause = min(pause * 2, 5_000_000_000)
        }
    }

    /// Stops listening, ends every follower's signal and closes the connection for good (PostgresNIO insists
    /// a connection is closed before it is released); a call after it is cancelled.
    func close() async {
        closed = true
        let listener = listening
        listening = nil
        listener?.cancel()
        for follower in followers.values { follower.finish() }
        followers = [:]
        // The listener's UNLISTEN goes out before the connection closes: a close requested while it was still
        // on the wire left the connection open (seen under a loaded test run).
        await listener?.value
        connecting?.cancel()
        connection = nil
        let closing = open.values
        open = [:]
        for connection in closing { try? await connection.close() }
    }
}
