import GRDB
import IncidentModel

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
        migrator.registerMigration("v2: a summary of each incident, kept as events are appended") { db in
            try db.execute(sql: """
                -- A cache of the fold for the board and the list (IncidentDigest as JSON, with the columns they
                -- filter on), never the truth: 'crisis rebuild-summaries' throws it away and folds the log again.
                -- head_seq is set by the trigger below in each event's own transaction, so a digest that lags
                -- the log (through_seq < head_seq) is always known, whoever wrote the event and however it ended.
                CREATE TABLE incident_summary (
                    incident INTEGER PRIMARY KEY REFERENCES incident(id),
                    head_seq INTEGER NOT NULL,
                    through_seq INTEGER NOT NULL DEFAULT 0,
                    is_open INTEGER NOT NULL DEFAULT 1,
                    customer TEXT,
                    last_event_at INTEGER NOT NULL DEFAULT 0,
                    next_follow_up_at INTEGER,
                    digest TEXT
                );
                CREATE INDEX incident_summary_open ON incident_summary(is_open, incident);
                CREATE INDEX incident_summary_stale ON incident_summary(incident) WHERE through_seq < head_seq;
                CREATE INDEX incident_summary_follow_up ON incident_summary(next_follow_up_at)
                    WHERE next_follow_up_at IS NOT NULL;
                CREATE INDEX incident_summary_activity ON incident_summary(last_event_at);
                CREATE TRIGGER event_summary_head AFTER INSERT ON event
                BEGIN
                    INSERT INTO incident_summary (incident, head_seq) VALUES (NEW.incident, NEW.seq)
                    ON CONFLICT (incident) DO UPDATE SET head_seq = MAX(head_seq, excluded.head_seq);
                END;
                -- A database from before: every incident starts stale, and its first reader folds it.
                INSERT INTO incident_summary (incident, head_seq) SELECT incident, MAX(seq) FROM event GROUP BY incident;
                """)
        }
        migrator.registerMigration("v3: who wrote each event as the host knows them, and a hash chain") { db in
            try db.execute(sql: """
                ALTER TABLE event ADD COLUMN os_user TEXT;
                ALTER TABLE event ADD COLUMN prev_hash TEXT;
                ALTER TABLE event ADD COLUMN hash TEXT;
                DROP TRIGGER event_no_update;
                """)
            try chainExistingEvents(db)
            try db.execute(sql: """
                CREATE TRIGGER event_no_update BEFORE UPDATE ON event
                BEGIN SELECT RAISE(ABORT, 'the crisis event log is append-only: UPDATE refused'); END;
                -- Every event carries its link; computing it (ChainHash) takes crisis, so a row written any other way
                -- is refused here, and if these triggers are dropped first, 'crisis verify' names the row.
                CREATE TRIGGER event_chained BEFORE INSERT ON event
                WHEN NEW.hash IS NULL OR length(NEW.hash) != 64 OR NEW.prev_hash IS NULL
                BEGIN SELECT RAISE(ABORT, 'crisis events are hash-chained: append them with crisis'); END;
                -- The payload is JSON of the event's own kind, whoever writes: a row every reader can read.
                CREATE TRIGGER event_payload_kind BEFORE INSERT ON event
                WHEN json_extract(NEW.payload, '$.kind') IS NOT NEW.kind
                BEGIN SELECT RAISE(ABORT, 'a crisis event''s payload must be JSON of its own kind'); END;
                """)
        }
        return migrator
    }

    /// Chains the events of a database from before version 3, incident by incident: the chain then starts with
    /// what the log held when it was upgraded. Who wrote those events is not known, and stays empty.
    private static func chainExistingEvents(_ db: Database) throws {
        let incidents = try Int.fetchAll(db, sql: "SELECT DISTINCT incident FROM event ORDER BY incident")
        let update = try db.makeStatement(sql: "UPDATE event SET prev_hash = ?, hash = ? WHERE incident = ? AND seq = ?")
        for number in incidents {
            let rows = try Row.fetchAll(db, sql: """
                SELECT seq, recorded_at, author, kind, payload FROM event WHERE incident = ? ORDER BY seq
                """, arguments: [number])
            var previous = ""
            for row in rows {
                let hash = ChainHash.of(incident: IncidentID(number), sequence: row[0], recordedMilliseconds: row[1],
                                        author: row[2], identity: "", kind: row[3], payload: row[4], previous: previous)
                try update.execute(arguments: [previous, hash, number, row[0] as Int])
                previous = hash
            }
        }
    }
}
