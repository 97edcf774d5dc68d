import Foundation
import Logging
import PostgresNIO

/// `crisis admin init`: the schema owned by an administrator's role, and everyone else left able to read the
/// log and call the functions that append to it, nothing more. The functions run as the owner
/// (`SECURITY DEFINER`, with a fixed `search_path`), stamp the server's time and the caller's `session_user`, and
/// link each event into its incident's hash chain; no other role can write, change, delete, truncate, drop or
/// disable a trigger.
public enum PostgresAdministration {
    /// The group role people and services are granted: read the tables, call `crisis_append` and `crisis_open`.
    public static let writerRole = "crisis_writer"

    /// The tables a writer reads.
    static let tables = ["crisis_incident", "crisis_event", "crisis_meta", "crisis_summary"]

    /// The summary is a cache readers bring up to date (`DigestCatchUp`): a writer may update these columns
    /// of it, never the log. A forged summary misleads a board until `crisis rebuild-summaries`; it cannot
    /// change an event.
    static let summaryColumns = "through_seq, is_open, customer, last_event_ms, next_follow_up_ms, digest"

    /// What a writer may call.
    static let writerFunctions = [
        "crisis_append(bigint, text, text, text, text)", "crisis_open(text, text[], text[])",
        "crisis_chain_hash(bigint, integer, bigint, text, text, text, text, text)", "crisis_netstring(text)",
    ]

    /// Creates or upgrades the schema as the connecting role, makes that role its owner, sets up the writer
    /// role and grants it to `grants` and to the schema's previous owners. Returns what it did, line by line.
    public static func initialize(_ address: PostgresAddress, grants: [String]) async throws -> [String] {
        let logger = PostgresSession.quietLogger
        let connection: PostgresConnection
        do {
            connection = try await PostgresTransport.connect(address, tls: try PostgresTransport.tls(for: address), id: 1,
                                                             logger: logger)
        } catch {
            throw PostgresErrors.translate(error, address: address)
        }
        do {
            let report = try await initialize(connection, logger: logger, address: address, grants: grants)
            try? await connection.close()
            return report
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            try? await connection.close()
            throw PostgresErrors.translate(error, address: address)
        }
    }

    private static func initialize(_ connection: PostgresConnection, logger: Logger, address: PostgresAddress,
                                   grants: [String]) async throws -> [String] {
        var report: [String] = []
        // Every role to grant must exist before anything is created or changed.
        for role in grants where try await !exists(connection, logger, role: role) {
            throw StoreError.badSetting("there is no role '\(role.prefix(63))' on the server: create it first (CREATE ROLE \(role.prefix(63)) LOGIN PASSWORD '…'), or leave --grant \(role.prefix(63)) out; nothing was changed")
        }
        let before = try await PostgresIncidentStore.schemaVersion(connection, logger: logger)
        try await PostgresIncidentStore.migrate(connection, logger: logger)
        let events = try await single(connection, logger, "SELECT COUNT(*)::int8 FROM crisis_event", as: Int64.self)
        switch before {
        case nil:
            report.append("created the crisis schema, version \(PostgresSchema.currentVersion)")
        case PostgresSchema.currentVersion:
            report.append("the crisis schema is at version \(PostgresSchema.currentVersion) already (\(events) events)")
        case let version?:
            report.append("upgraded the crisis schema from version \(version) to \(PostgresSchema.currentVersion): \(events) events kept and hash-chained")
        }

        try await connection.query("BEGIN", logger: logger)
        try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLock))", logger: logger)
        let me = try await single(connection, logger, "SELECT current_user::text", as: String.self)
        let schema = try await PostgresIncidentStore.currentSchema(connection, logger: logger)

        // Everything crisis created, owned by whoever created it until now (often the team's own role).
        var previousOwners = Set<String>()
        var taken = 0
        let relations = try await connection.query("""
            SELECT quote_ident(c.relname), c.relkind::text, pg_get_userbyid(c.relowner)::text
            FROM pg_class c
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relname LIKE 'crisis\\_%' AND c.relkind IN ('r', 'S')
              AND pg_get_userbyid(c.relowner) <> current_user
            """, logger: logger)
        var alterations: [String] = []
        for try await (name, kind, owner) in relations.decode((String, String, String).self) {
            previousOwners.insert(owner)
            alterations.append("ALTER \(kind == "S" ? "SEQUENCE" : "TABLE") \(name) OWNER TO CURRENT_USER")
        }
        let functions = try await connection.query("""
            SELECT p.oid::regprocedure::text, pg_get_userbyid(p.proowner)::text
            FROM pg_proc p
            WHERE p.pronamespace = current_schema()::regnamespace AND p.proname LIKE 'crisis\\_%'
              AND pg_get_userbyid(p.proowner) <> current_user
            """, logger: logger)
        for try await (signature, owner) in functions.decode((String, String).self) {
            previousOwners.insert(owner)
            alterations.append("ALTER FUNCTION \(signature) OWNER TO CURRENT_USER")
        }
        // The schema's owner may drop anything in it, whoever owns the tables: PostgreSQL 15's public schema
        // belongs to the database's owner, often the team's role.
        let schemaOwner = try await single(connection, logger, """
            SELECT pg_get_userbyid(nspowner)::text FROM pg_namespace WHERE oid = current_schema()::regnamespace
            """, as: String.self)
        let databaseOwner = try await single(connection, logger, """
            SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = current_database()
            """, as: String.self)
        let effectiveSchemaOwner = schemaOwner == "pg_database_owner" ? databaseOwner : schemaOwner
        if effectiveSchemaOwner != me {
            previousOwners.insert(effectiveSchemaOwner)
            alterations.append("ALTER SCHEMA \(schema) OWNER TO CURRENT_USER")
        }
        for statement in alterations {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            taken += 1
        }
        report.append(taken == 0
            ? "\(me) owns the schema \(schema): its tables and functions"
            : "\(me) now owns the schema \(schema) and its crisis tables, sequences and functions (\(taken) objects, until now owned by \(previousOwners.sorted().joined(separator: ", ")))")

        let roleExists = try await exists(connection, logger, role: writerRole)
        if !roleExists {
            // Roles belong to the whole server: another database's init may create it this instant.
            try await connection.query(PostgresQuery(unsafeSQL: """
                DO $$ BEGIN CREATE ROLE \(writerRole) NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$
                """), logger: logger)
        }
        let tableList = tables.joined(separator: ", ")
        let allFunctions = try await connection.query("""
            SELECT p.oid::regprocedure::text FROM pg_proc p
            WHERE p.pronamespace = current_schema()::regnamespace AND p.proname LIKE 'crisis\\_%'
            """, logger: logger)
        var everyFunction: [String] = []
        for try await signature in allFunctions.decode(String.self) { everyFunction.append(signature) }
        // Whoever else was granted anything on the log (a service given INSERT by hand, say) loses it, and
        // nobody but the owner may create in the schema: before PostgreSQL 15 everyone could, and an operator
        // created there could run as the owner inside the functions below.
        let others = try await connection.query("""
            SELECT DISTINCT quote_ident(pg_get_userbyid(a.grantee))
            FROM pg_class c, aclexplode(c.relacl) a
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relname LIKE 'crisis\\_%'
              AND a.grantee <> 0 AND a.grantee <> c.relowner AND pg_get_userbyid(a.grantee) <> \(writerRole)
            UNION
            SELECT DISTINCT quote_ident(pg_get_userbyid(a.grantee))
            FROM pg_namespace n, aclexplode(n.nspacl) a
            WHERE n.oid = current_schema()::regnamespace AND a.privilege_type = 'CREATE'
              AND a.grantee <> 0 AND a.grantee <> n.nspowner
            """, logger: logger)
        var revokedFrom: [String] = []
        for try await role in others.decode(String.self) { revokedFrom.append(role) }
        var statements = [
            "REVOKE CREATE ON SCHEMA \(schema) FROM PUBLIC",
            "REVOKE ALL ON TABLE \(tableList) FROM PUBLIC",
            "GRANT USAGE ON SCHEMA \(schema) TO \(writerRole)",
            "GRANT SELECT ON TABLE \(tableList) TO \(writerRole)",
            "GRANT UPDATE (\(summaryColumns)) ON TABLE crisis_summary TO \(writerRole)",
        ]
        for role in revokedFrom {
            statements.append("REVOKE ALL ON TABLE \(tableList) FROM \(role)")
            statements.append("REVOKE CREATE ON SCHEMA \(schema) FROM \(role)")
        }
        statements += everyFunction.map { "REVOKE ALL ON FUNCTION \($0) FROM PUBLIC" }
        statements += writerFunctions.map { "GRANT EXECUTE ON FUNCTION \($0) TO \(writerRole)" }
        for statement in statements {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
        report.append("role \(writerRole) \(roleExists ? "exists" : "created (NOLOGIN)"): it may read the crisis tables, append through crisis_append and crisis_open, and keep the board's summaries current; nothing else")
        report.append("nobody but \(me) may create in the schema \(schema)"
            + (revokedFrom.isEmpty ? "" : "; privileges given by hand taken back from: \(revokedFrom.joined(separator: ", "))"))

        var granted: [String] = []
        for role in (previousOwners.subtracting([me]).sorted() + grants) where !granted.contains(role) {
            let quoted = try await single(connection, logger, "SELECT quote_ident(\(role))", as: String.self)
            try await connection.query(PostgresQuery(unsafeSQL: "GRANT \(writerRole) TO \(quoted)"), logger: logger)
            granted.append(role)
        }
        try await connection.query("COMMIT", logger: logger)
        if !granted.isEmpty {
            report.append("granted \(writerRole) to: \(granted.joined(separator: ", "))")
        }
        // A superuser, or a role that can become the owner, is not held back by any of this: say so.
        let unbounded = try await connection.query("""
            SELECT r.rolname::text FROM pg_roles r
            WHERE r.rolname = ANY(\(granted)) AND (r.rolsuper OR pg_has_role(r.oid, current_user, 'MEMBER'))
            """, logger: logger)
        for try await role in unbounded.decode(String.self) {
            report.append("note: \(role) is a superuser or can act as \(me): least privilege does not hold for \(role); give people roles of their own")
        }
        if databaseOwner != me {
            let database = try await single(connection, logger, "SELECT quote_ident(current_database())", as: String.self)
            report.append("note: the database \(database) is owned by \(databaseOwner), who could drop it whole; 'ALTER DATABASE \(database) OWNER TO \(me)' prevents that")
        }
        report.append("imports ('crisis import') and upgrades ('crisis admin init' again) take \(me); people and services connect as roles granted \(writerRole)")
        return report
    }

    private static func exists(_ connection: PostgresConnection, _ logger: Logger, role: String) async throws -> Bool {
        try await single(connection, logger, "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = \(role))", as: Bool.self)
    }

    private static func single<T: PostgresDecodable & Sendable>(_ connection: PostgresConnection, _ logger: Logger,
                                                      _ query: PostgresQuery, as type: T.Type) async throws -> T {
        let rows = try await connection.query(query, logger: logger)
        for try await value in rows.decode(T.self) { return value }
        throw StoreError.failed("the server answered '\(query.sql.prefix(60))' with nothing")
    }
}
