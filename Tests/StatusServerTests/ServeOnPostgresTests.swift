import AsyncHTTPClient
import CrisisTestSupport
import Foundation
import Testing

/// `crisis serve` for a team on several machines: it follows PostgreSQL once, over one LISTEN connection and
/// one for reading, however many browsers watch, and a briefing posted from another process reaches every one.
/// The streams are read from raw sockets: in CI, an HTTP client library's reader on this suite once saw its first
/// message only with the next change while raw readers of the same server had theirs at once.
@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.unavailable)))
struct ServeOnPostgresTests {
    @Test func manyStreamsShareTheServersOneConnectionAndAllGetTheBriefing() async throws {
        let database = try PostgresTestServer.shared.get().freshDatabase()
        let team = try ServedTeam(database: database)
        try team.openACMEIncident()
        let address = try team.shareACME()
        try team.serve()
        defer { team.stopServer() }
        let path = ServedTeam.path(of: address) + "events"
        let streams = try (0..<50).map { _ in try RawConnection(port: team.port) }
        for stream in streams { stream.send("GET \(path) HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n") }
        var opened = 0
        for stream in streams where await stream.received(seconds: 30, until: "event: page").text.contains("event: page") { opened += 1 }
        #expect(opened == 50)

        let name = try #require(database.split(separator: "/").last.map { String($0.split(separator: "?")[0]) })
        let serverPID = try #require(team.server?.pid)
        // The server's backends: connections to this database from a client that is still connected while no
        // crisis command runs (each command closes its connection before it exits).
        let connections = try PostgresTestServer.psql(database, "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(name)' AND pid <> pg_backend_pid()")
        #expect(Int(connections.trimmingCharacters(in: .whitespacesAndNewlines)) == 1,
                "one connection, listening and reading, for 50 streams (server pid \(serverPID)): \(connections)")

        try team.ok(["brief", "Payments recover across the EU.", "--next", "30m", "--incident", "INC-1"])
        var reached = 0
        for stream in streams where await stream.received(seconds: 30, until: "Payments recover across the EU.").text.contains("Payments recover") {
            reached += 1
        }
        #expect(reached == 50, "every stream got the briefing")
    }
}
