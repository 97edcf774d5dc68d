import CrisisTestSupport
import Foundation
import IncidentModel
@testable import IncidentStore
import Testing

/// After `crisis admin init`, the people's roles (a person's own, and the team's role that created the schema)
/// can read the log and append through the server's functions, and nothing else: every way of rewriting it
/// that a SQL client offers is refused by the server itself.
///
/// Serialized, and the only tests that run it: roles belong to the whole server, and two inits granting the
/// same role at the same instant can collide in PostgreSQL's catalog.
@Suite(.serialized, .enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.unavailable)))
struct PostgresPrivilegeTests {
    @Test func aPersonAndTheTeamRoleMayOnlyReadAndAppend() async throws {
        let url = try PostgresTestServer.shared.get().freshDatabase()
        let admin = PostgresTestServer.administratorURL(of: url)
        // The team's role created the schema and wrote the first incident, as before least privilege.
        let team = try await StoreAddress.resolve(option: url, environment: [:]).open(create: true, environment: [:])
        let first = try await team.openIncident(author: "ic", payloads: [.opened(title: "Checkout fails", severity: .sev1, customer: "Acme", cadence: nil)])[0].incident
        let second = try await team.openIncident(author: "ic", payloads: [.opened(title: "Search slow", severity: .sev3, customer: nil, cadence: nil)])[0].incident
        for n in 1...3 { _ = try await team.append(EventDraft(incident: first, author: "ana", payload: .note(text: "note \(n)"))) }
        await team.close()

        let role = "crisis_t_alice_" + UUID().uuidString.prefix(8).lowercased()
        try PostgresTestServer.psql(admin, "CREATE ROLE \(role) LOGIN PASSWORD 'alice-secret'")
        // A service someone once let write the table directly, and everyone allowed to create in the schema.
        let service = "crisis_t_svc_" + UUID().uuidString.prefix(8).lowercased()
        try PostgresTestServer.psql(admin, "CREATE ROLE \(service) LOGIN PASSWORD 'svc-secret'")
        try PostgresTestServer.psql(admin, "GRANT INSERT, SELECT ON crisis_event TO \(service); GRANT CREATE ON SCHEMA public TO PUBLIC")
        let serviceURL = url.replacingOccurrences(of: "crisis:crisis@", with: "\(service):svc-secret@")
        let alice = url.replacingOccurrences(of: "crisis:crisis@", with: "\(role):alice-secret@")
        let report = try await PostgresAdministration.initialize(try PostgresAddress(parsing: admin, environment: [:]), grants: [role])
        #expect(report.contains { $0.contains("granted crisis_writer to: crisis, \(role)") }, "\(report)")
        #expect(report.contains { $0.contains("taken back from: \(service)") }, "\(report)")
        #expect(throws: (any Error).self, "the service's old INSERT is gone") {
            try PostgresTestServer.psql(serviceURL, "INSERT INTO crisis_event (incident, seq, recorded_at, author, role, kind, payload) VALUES (1, 9, now(), 'x', 'x', 'note', '{}')")
        }
        #expect(try PostgresTestServer.psql(admin, "SELECT has_schema_privilege('\(role)', 'public', 'CREATE')") == "f",
                "nobody but the owner creates in the schema (an operator there would run as the owner)")

        // Alice appends through crisis, under any name she likes; the server records her role.
        let store = try await StoreAddress.resolve(option: alice, environment: [:]).open(create: false, environment: [:])
        let posted = try await store.append(EventDraft(incident: first, author: "bob", payload: .note(text: "written by alice as bob")))
        #expect(posted.identity == role && posted.author == "bob" && posted.sequence == 5)
        // The append function gives each incident its own next number, whatever the caller would like.
        let other = try await store.append(EventDraft(incident: second, author: "alice", payload: .note(text: "second")))
        #expect(other.sequence == 2)
        // A key belongs to its incident, and a key taken by an entry of another kind is an error, not an answer.
        let keyed = try await store.append(EventDraft(incident: first, author: "alice", payload: .note(text: "keyed"), idempotencyKey: "k-1"))
        let again = try await store.append(EventDraft(incident: first, author: "alice", payload: .note(text: "keyed"), idempotencyKey: "k-1"))
        #expect(again == keyed, "a retry gets what it recorded")
        let elsewhere = try await store.append(EventDraft(incident: second, author: "alice", payload: .note(text: "keyed"), idempotencyKey: "k-1"))
        #expect(elsewhere.incident == second && elsewhere.sequence == 3, "another incident's key answers nothing here")
        await #expect(throws: StoreError.self) {
            _ = try await store.append(EventDraft(incident: first, author: "alice", payload: .status(.resolved), idempotencyKey: "k-1"))
        }
        #expect(ChainVerifier.verify(try await store.chain(of: first, after: 0), incident: first).isIntact)
        // The board's cache is readers' to keep up to date.
        #expect(try await store.digests(.open).total == 2)
        await store.close()

        let json = #"{"kind":"note","text":"forged"}"#
        let attacks = [
            "DELETE FROM crisis_event",
            "UPDATE crisis_event SET payload = '\(json)' WHERE seq = 2",
            "TRUNCATE crisis_event",
            "DROP TRIGGER crisis_event_stamp ON crisis_event",
            "ALTER TABLE crisis_event DISABLE TRIGGER USER",
            "DROP TABLE crisis_event",
            "INSERT INTO crisis_event (incident, seq, recorded_at, author, role, kind, payload, prev_hash, hash) VALUES (\(first.number), 6, '2001-01-01', 'forged', 'postgres', 'note', '\(json)', '', '')",
            "INSERT INTO crisis_incident (id) VALUES (99)",
            "DELETE FROM crisis_incident",
            "SELECT crisis_import(99, ARRAY[1], ARRAY[0::bigint], ARRAY['a'], ARRAY['a'], ARRAY['opened'], ARRAY['{}'], ARRAY['x'])",
            "CREATE OR REPLACE FUNCTION crisis_chain_hash(bigint, integer, bigint, text, text, text, text, text) RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$",
            "DROP FUNCTION crisis_append(bigint, text, text, text, text)",
            "ALTER TABLE crisis_event OWNER TO \(role)",
            "CREATE TABLE crisis_shadow (a int)",
            "UPDATE crisis_meta SET value = '2'",
        ]
        for (name, database) in [("alice", alice), ("the team role", url)] {
            for attack in attacks {
                #expect(throws: (any Error).self, "\(name) was allowed: \(attack)") {
                    try PostgresTestServer.psql(database, attack)
                }
            }
        }
        // Through the append function too, a payload must be JSON of its own kind.
        for payload in ["not json", #"{"kind":"status","status":"resolved"}"#] {
            #expect(throws: (any Error).self, "\(payload) was appended") {
                try PostgresTestServer.psql(alice, "SELECT * FROM crisis_append(\(first.number), 'alice', 'note', '\(payload)', NULL)")
            }
        }
        // Nothing changed: six events on the first incident, each linked.
        #expect(try PostgresTestServer.psql(admin, "SELECT COUNT(*) FROM crisis_event WHERE incident = \(first.number)") == "6")
        #expect(try PostgresTestServer.psql(admin, "SELECT string_agg(DISTINCT role::text, ',') FROM crisis_event WHERE author = 'bob'") == role)
    }

    @Test func aGrantToARoleThatDoesNotExistChangesNothing() async throws {
        let url = try PostgresTestServer.shared.get().freshDatabase()
        let admin = PostgresTestServer.administratorURL(of: url)
        await #expect(throws: StoreError.self) {
            _ = try await PostgresAdministration.initialize(try PostgresAddress(parsing: admin, environment: [:]), grants: ["nobody_by_that_name"])
        }
        #expect(try PostgresTestServer.psql(admin, "SELECT to_regclass('crisis_event') IS NULL") == "t",
                "the roles are looked at before anything is created")
    }

    @Test
    func adminInitUpgradesADatabaseOfVersion2WithoutLosingAnEvent() async throws {
        let url = try ChainUpgradeTests.postgresDatabaseOfVersion2()
        let admin = PostgresTestServer.administratorURL(of: url)
        let report = try await PostgresAdministration.initialize(try PostgresAddress(parsing: admin, environment: [:]), grants: [])
        #expect(report[0].contains("upgraded the crisis schema from version 2 to 3: 5 events kept"), "\(report)")
        #expect(report.contains { $0.contains("now owns the schema") && $0.contains("until now owned by crisis") }, "\(report)")
        #expect(report.contains { $0.contains("granted crisis_writer to: crisis") }, "\(report)")
        #expect(try PostgresTestServer.psql(url, "SELECT COUNT(*) FROM crisis_event") == "5")
        // The team's role still reads and appends, and no longer rewrites.
        let store = try await StoreAddress.resolve(option: url, environment: [:]).open(create: false, environment: [:])
        _ = try await store.append(EventDraft(incident: IncidentID(1), author: "ana", payload: .note(text: "after init")))
        let links = try await store.chain(of: IncidentID(1), after: 0)
        #expect(links.count == 6 && ChainVerifier.verify(links, incident: IncidentID(1)).isIntact)
        #expect(throws: (any Error).self) { try PostgresTestServer.psql(url, "DELETE FROM crisis_event") }
        await store.close()
    }
}
