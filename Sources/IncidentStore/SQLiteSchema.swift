import GRDB

/// The tables of a crisis database and how they grow from version to version.
enum SQLiteSchema {
    /// `PRAGMA application_id`: 'CRIS'. Tells a crisis database from any other SQLite file.
    static let applicationID: Int32 = 0x4352_4953

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: incidents and their append-only event log") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: """
                CREATE TABLE incident (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE event (
                    incident INTEGER NOT NULL REFERENCES incident(id),
                    seq INTEGER NOT NULL CHECK (seq >= 1),
                    recorded_at INTEGER NOT NULL,
                    author TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    idempotency_key TEXT UNIQUE,
                    PRIMARY KEY (incident, seq)
                ) WITHOUT ROWID;
                CREATE INDEX event_by_kind ON event(incident, kind, seq);

                -- The log is the truth: nothing in it is ever changed or removed, whoever asks.
                CREATE TRIGGER event_no_update BEFORE UPDATE ON event
                BEGIN SELECT RAISE(ABORT, 'the crisis event log is append-only: UPDATE refused'); END;
                CREATE TRIGGER event_no_delete BEFORE DELETE ON event
                BEGIN SELECT RAISE(ABORT, 'the crisis event log is append-only: DELETE refused'); END;
                CREATE TRIGGER incident_no_delete BEFORE DELETE ON incident
                BEGIN SELECT RAISE(ABORT, 'crisis incidents are never deleted'); END;
                CREATE TRIGGER incident_no_update BEFORE UPDATE ON incident
                BEGIN SELECT RAISE(ABORT, 'crisis incidents are never changed'); END;
                -- Gapless even against a writer that bypasses crisis: the next number, and only that.
                CREATE TRIGGER event_gapless BEFORE INSERT ON event
                WHEN NEW.seq != (SELECT COALESCE(MAX(seq), 0) + 1 FROM event WHERE incident = NEW.incident)
                BEGIN SELECT RAISE(ABORT, 'crisis event sequence must be gapless'); END;
                """)
        }
        return migrator
    }
}
