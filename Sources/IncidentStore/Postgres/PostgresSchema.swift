/// The tables and functions of a crisis database on PostgreSQL. Each statement runs on its own, in one
/// transaction under an advisory lock, so two first users cannot migrate at once.
enum PostgresSchema {
    /// Serializes migrations across every client: `pg_advisory_xact_lock(this)`.
    static let migrationLock: Int64 = 0x4352_4953_0001

    /// Notifications on this channel carry `incident:sequence` for every appended event.
    static let channel = "crisis_events"

    /// Version 1, statement by statement.
    static let version1: [String] = [
        """
        CREATE TABLE crisis_incident (
            id bigserial PRIMARY KEY,
            created_at timestamptz NOT NULL DEFAULT clock_timestamp()
        )
        """,
        """
        CREATE TABLE crisis_event (
            incident bigint NOT NULL REFERENCES crisis_incident(id),
            seq integer NOT NULL CHECK (seq >= 1),
            recorded_at timestamptz NOT NULL,
            author text NOT NULL,
            role name NOT NULL,
            kind text NOT NULL,
            payload text NOT NULL,
            idempotency_key text UNIQUE,
            PRIMARY KEY (incident, seq)
        )
        """,
        "CREATE INDEX crisis_event_by_kind ON crisis_event (incident, kind, seq)",
        // The log is the truth: nothing in it is changed or removed, whoever asks.
        """
        CREATE FUNCTION crisis_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the crisis event log is append-only: % refused', TG_OP USING ERRCODE = 'P0001';
        END $$
        """,
        """
        CREATE TRIGGER crisis_event_append_only BEFORE UPDATE OR DELETE ON crisis_event
        FOR EACH ROW EXECUTE FUNCTION crisis_refuse_change()
        """,
        "CREATE TRIGGER crisis_event_no_truncate BEFORE TRUNCATE ON crisis_event FOR EACH STATEMENT EXECUTE FUNCTION crisis_refuse_change()",
        """
        CREATE TRIGGER crisis_incident_append_only BEFORE UPDATE OR DELETE ON crisis_incident
        FOR EACH ROW EXECUTE FUNCTION crisis_refuse_change()
        """,
        // Whoever inserts, the server stamps the time and the role, and the sequence stays gapless:
        // a client can neither forge who wrote an event nor reorder the log with a skewed clock.
        """
        CREATE FUNCTION crisis_stamp_event() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            previous timestamptz;
            expected integer;
        BEGIN
            SELECT COALESCE(MAX(seq), 0) + 1, MAX(recorded_at) INTO expected, previous
                FROM crisis_event WHERE incident = NEW.incident;
            IF NEW.seq IS DISTINCT FROM expected THEN
                RAISE EXCEPTION 'crisis event sequence must be gapless: expected %, got %', expected, NEW.seq
                    USING ERRCODE = 'P0001';
            END IF;
            NEW.role := session_user;
            NEW.recorded_at := GREATEST(date_trunc('milliseconds', clock_timestamp()), COALESCE(previous, '-infinity'));
            RETURN NEW;
        END $$
        """,
        """
        CREATE TRIGGER crisis_event_stamp BEFORE INSERT ON crisis_event
        FOR EACH ROW EXECUTE FUNCTION crisis_stamp_event()
        """,
        // One round trip per append: lock the incident, take the next number, insert, notify, return.
        """
        CREATE FUNCTION crisis_append(p_incident bigint, p_author text, p_kind text, p_payload text, p_key text)
        RETURNS TABLE (seq integer, recorded_ms bigint, author text, payload text) LANGUAGE plpgsql AS $$
        DECLARE
            next_seq integer;
        BEGIN
            PERFORM 1 FROM crisis_incident i WHERE i.id = p_incident FOR UPDATE;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'unknown incident %', p_incident USING ERRCODE = 'P0002';
            END IF;
            IF p_key IS NOT NULL THEN
                RETURN QUERY SELECT e.seq, (extract(epoch FROM e.recorded_at) * 1000)::bigint, e.author, e.payload
                    FROM crisis_event e WHERE e.idempotency_key = p_key;
                IF FOUND THEN RETURN; END IF;
            END IF;
            SELECT COALESCE(MAX(e.seq), 0) + 1 INTO next_seq FROM crisis_event e WHERE e.incident = p_incident;
            INSERT INTO crisis_event (incident, seq, recorded_at, author, role, kind, payload, idempotency_key)
                VALUES (p_incident, next_seq, clock_timestamp(), p_author, session_user, p_kind, p_payload, p_key);
            PERFORM pg_notify('crisis_events', p_incident || ':' || next_seq);
            RETURN QUERY SELECT e.seq, (extract(epoch FROM e.recorded_at) * 1000)::bigint, e.author, e.payload
                FROM crisis_event e WHERE e.incident = p_incident AND e.seq = next_seq;
        END $$
        """,
        """
        CREATE FUNCTION crisis_open(p_author text, p_kinds text[], p_payloads text[])
        RETURNS TABLE (incident bigint, seq integer, recorded_ms bigint) LANGUAGE plpgsql AS $$
        DECLARE
            new_id bigint;
        BEGIN
            INSERT INTO crisis_incident DEFAULT VALUES RETURNING id INTO new_id;
            FOR i IN 1 .. array_length(p_kinds, 1) LOOP
                INSERT INTO crisis_event (incident, seq, recorded_at, author, role, kind, payload)
                    VALUES (new_id, i, clock_timestamp(), p_author, session_user, p_kinds[i], p_payloads[i]);
            END LOOP;
            PERFORM pg_notify('crisis_events', new_id || ':' || array_length(p_kinds, 1));
            RETURN QUERY SELECT e.incident, e.seq, (extract(epoch FROM e.recorded_at) * 1000)::bigint
                FROM crisis_event e WHERE e.incident = new_id ORDER BY e.seq;
        END $$
        """,
    ]

    /// Version 2: a summary of each incident for the board and the list. A cache of the fold (IncidentDigest as
    /// JSON, beside the columns queries filter on), never the truth: `crisis rebuild-summaries` folds it again.
    /// `head_seq` is kept by a trigger in each event's own transaction, so a digest that lags the log is always
    /// known, and the next reader folds in what it lacks.
    static let version2: [String] = [
        """
        CREATE TABLE crisis_summary (
            incident bigint PRIMARY KEY REFERENCES crisis_incident(id),
            head_seq integer NOT NULL,
            through_seq integer NOT NULL DEFAULT 0,
            is_open boolean NOT NULL DEFAULT true,
            customer text,
            last_event_ms bigint NOT NULL DEFAULT 0,
            next_follow_up_ms bigint,
            digest text
        )
        """,
        "CREATE INDEX crisis_summary_open ON crisis_summary (is_open, incident)",
        "CREATE INDEX crisis_summary_stale ON crisis_summary (incident) WHERE through_seq < head_seq",
        "CREATE INDEX crisis_summary_follow_up ON crisis_summary (next_follow_up_ms) WHERE next_follow_up_ms IS NOT NULL",
        "CREATE INDEX crisis_summary_activity ON crisis_summary (last_event_ms)",
        """
        CREATE FUNCTION crisis_summary_head() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO crisis_summary (incident, head_seq) VALUES (NEW.incident, NEW.seq)
            ON CONFLICT (incident) DO UPDATE SET head_seq = GREATEST(crisis_summary.head_seq, EXCLUDED.head_seq);
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER crisis_event_summary_head AFTER INSERT ON crisis_event
        FOR EACH ROW EXECUTE FUNCTION crisis_summary_head()
        """,
        "INSERT INTO crisis_summary (incident, head_seq) SELECT incident, MAX(seq) FROM crisis_event GROUP BY incident",
    ]

    /// The version this crisis writes and reads.
    static let currentVersion = 3

    /// Version 3: a hash chain over each incident's events, computed by the server in the event's own
    /// transaction (the stamping trigger), so no client, crisis or not, writes an event without its link; and
    /// the functions people call run as the schema's owner (`SECURITY DEFINER`) with a fixed `search_path`,
    /// so `crisis admin init` can leave everyone else with nothing but reading and these functions.
    /// `schema` is where the tables are (the `current_schema()` of whoever migrates), quoted as an identifier.
    static func version3(schema: String) -> [String] {
        let path = "SET search_path = \(schema), pg_temp"
        return [
        "ALTER TABLE crisis_event ADD COLUMN prev_hash text, ADD COLUMN hash text",
        // A key names an entry within its incident: a key taken in one incident cannot answer for another's.
        """
        ALTER TABLE crisis_event DROP CONSTRAINT crisis_event_idempotency_key_key,
            ADD CONSTRAINT crisis_event_idempotency UNIQUE (incident, idempotency_key)
        """,
        // The canonical bytes of ChainHash, in SQL: the two must agree byte for byte.
        """
        CREATE FUNCTION crisis_netstring(p text) RETURNS text IMMUTABLE STRICT LANGUAGE sql \(path) AS $$
            SELECT octet_length(convert_to(p, 'UTF8'))::text || ':' || p || ','
        $$
        """,
        """
        CREATE FUNCTION crisis_chain_hash(p_incident bigint, p_seq integer, p_ms bigint, p_author text,
                                          p_identity text, p_kind text, p_payload text, p_prev text)
        RETURNS text IMMUTABLE LANGUAGE sql \(path) AS $$
            SELECT encode(sha256(convert_to(
                crisis_netstring('\(ChainHash.version)') || crisis_netstring(p_incident::text)
                || crisis_netstring(p_seq::text) || crisis_netstring(p_ms::text) || crisis_netstring(p_author)
                || crisis_netstring(COALESCE(p_identity, '')) || crisis_netstring(p_kind)
                || crisis_netstring(p_payload) || crisis_netstring(COALESCE(p_prev, '')), 'UTF8')), 'hex')
        $$
        """,
        // The events already there are chained as they stand: the chain starts with the log as it was upgraded.
        "ALTER TABLE crisis_event DISABLE TRIGGER crisis_event_append_only",
        """
        DO $$
        DECLARE
            r record;
            previous text := '';
            current_incident bigint := -1;
            link text;
        BEGIN
            FOR r IN SELECT incident, seq, (extract(epoch FROM recorded_at) * 1000)::bigint AS ms, author, role::text AS identity,
                            kind, payload
                     FROM crisis_event ORDER BY incident, seq LOOP
                IF r.incident <> current_incident THEN
                    previous := '';
                    current_incident := r.incident;
                END IF;
                link := crisis_chain_hash(r.incident, r.seq, r.ms, r.author, r.identity, r.kind, r.payload, previous);
                UPDATE crisis_event SET prev_hash = previous, hash = link WHERE incident = r.incident AND seq = r.seq;
                previous := link;
            END LOOP;
        END $$
        """,
        "ALTER TABLE crisis_event ENABLE TRIGGER crisis_event_append_only",
        "ALTER TABLE crisis_event ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL",
        // Whoever inserts, the server stamps the time and the role, keeps the sequence gapless and links the
        // event to the one before. Only crisis_import, which only the owner may call, keeps a time and an
        // identity given to it (an incident moved from another store), and even then the hash is the server's.
        """
        CREATE OR REPLACE FUNCTION crisis_stamp_event() RETURNS trigger LANGUAGE plpgsql \(path) AS $$
        DECLARE
            last_seq integer;
            previous_at timestamptz;
            previous_hash text;
        BEGIN
            SELECT e.seq, e.recorded_at, e.hash INTO last_seq, previous_at, previous_hash
                FROM crisis_event e WHERE e.incident = NEW.incident ORDER BY e.seq DESC LIMIT 1;
            IF NEW.seq IS DISTINCT FROM COALESCE(last_seq, 0) + 1 THEN
                RAISE EXCEPTION 'crisis event sequence must be gapless: expected %, got %', COALESCE(last_seq, 0) + 1, NEW.seq
                    USING ERRCODE = 'P0001';
            END IF;
            -- Whoever writes, the payload is JSON of the event's own kind: a row every reader can read.
            IF (NEW.payload::jsonb ->> 'kind') IS DISTINCT FROM NEW.kind THEN
                RAISE EXCEPTION 'a crisis event''s payload must be JSON of its own kind (%)', NEW.kind USING ERRCODE = 'P0001';
            END IF;
            IF current_setting('crisis.importing', true) IS DISTINCT FROM 'on' THEN
                NEW.role := session_user;
                NEW.recorded_at := GREATEST(date_trunc('milliseconds', clock_timestamp()), COALESCE(previous_at, '-infinity'));
            END IF;
            NEW.prev_hash := COALESCE(previous_hash, '');
            NEW.hash := crisis_chain_hash(NEW.incident, NEW.seq, (extract(epoch FROM NEW.recorded_at) * 1000)::bigint,
                                          NEW.author, NEW.role::text, NEW.kind, NEW.payload, NEW.prev_hash);
            RETURN NEW;
        END $$
        """,
        "DROP FUNCTION crisis_append(bigint, text, text, text, text)",
        """
        CREATE FUNCTION crisis_append(p_incident bigint, p_author text, p_kind text, p_payload text, p_key text)
        RETURNS TABLE (seq integer, recorded_ms bigint, author text, payload text, identity text, hash text)
        LANGUAGE plpgsql SECURITY DEFINER \(path) AS $$
        DECLARE
            next_seq integer;
            taken_by text;
        BEGIN
            PERFORM set_config('crisis.importing', 'off', true);
            PERFORM 1 FROM crisis_incident i WHERE i.id = p_incident FOR UPDATE;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'unknown incident %', p_incident USING ERRCODE = 'P0002';
            END IF;
            IF p_key IS NOT NULL THEN
                -- A retry gets the entry it recorded; a key taken by an entry of another kind is an error, never
                -- an answer that would pass for this entry.
                SELECT e.kind INTO taken_by FROM crisis_event e WHERE e.incident = p_incident AND e.idempotency_key = p_key;
                IF FOUND AND taken_by IS DISTINCT FROM p_kind THEN
                    RAISE EXCEPTION 'the key % is taken by a % entry of incident %', p_key, taken_by, p_incident
                        USING ERRCODE = 'P0001';
                END IF;
                RETURN QUERY SELECT e.seq, (extract(epoch FROM e.recorded_at) * 1000)::bigint, e.author, e.payload,
                                    e.role::text, e.hash
                    FROM crisis_event e WHERE e.incident = p_incident AND e.idempotency_key = p_key;
                IF FOUND THEN RETURN; END IF;
            END IF;
            SELECT COALESCE(MAX(e.seq), 0) + 1 INTO next_seq FROM crisis_event e WHERE e.incident = p_incident;
            INSERT INTO crisis_event (incident, seq, recorded_at, author, role, kind, payload, idempotency_key)
                VALUES (p_incident, next_seq, clock_timestamp(), p_author, session_user, p_kind, p_payload, p_key);
            PERFORM pg_notify('crisis_events', p_incident || ':' || next_seq);
            RETURN QUERY SELECT e.seq, (extract(epoch FROM e.recorded_at) * 1000)::bigint, e.author, e.payload,
                                e.role::text, e.hash
                FROM crisis_event e WHERE e.incident = p_incident AND e.seq = next_seq;
        END $$
        """,
        "DROP FUNCTION crisis_open(text, text[], text[])",
        """
        CREATE FUNCTION crisis_open(p_author text, p_kinds text[], p_payloads text[])
        RETURNS TABLE (incident bigint, seq integer, recorded_ms bigint, identity text, hash text)
        LANGUAGE plpgsql SECURITY DEFINER \(path) AS $$
        DECLARE
            new_id bigint;
        BEGIN
            PERFORM set_config('crisis.importing', 'off', true);
            INSERT INTO crisis_incident DEFAULT VALUES RETURNING id INTO new_id;
            FOR i IN 1 .. array_length(p_kinds, 1) LOOP
                INSERT INTO crisis_event (incident, seq, recorded_at, author, role, kind, payload)
                    VALUES (new_id, i, clock_timestamp(), p_author, session_user, p_kinds[i], p_payloads[i]);
            END LOOP;
            PERFORM pg_notify('crisis_events', new_id || ':' || array_length(p_kinds, 1));
            RETURN QUERY SELECT e.incident, e.seq, (extract(epoch FROM e.recorded_at) * 1000)::bigint, e.role::text, e.hash
                FROM crisis_event e WHERE e.incident = new_id ORDER BY e.seq;
        END $$
        """,
        // An incident moved from another store, whole, keeping its number, times and identities: the server
        // links every event itself and refuses the lot when one link differs from the one given.
        """
        CREATE FUNCTION crisis_import(p_incident bigint, p_seqs integer[], p_ms bigint[], p_authors text[],
                                      p_identities text[], p_kinds text[], p_payloads text[], p_hashes text[])
        RETURNS integer LANGUAGE plpgsql SECURITY DEFINER \(path) AS $$
        DECLARE
            link text;
        BEGIN
            -- A setting anyone may set, so it is trusted only here and turned off again below and at the start of
            -- crisis_append and crisis_open: after 'crisis admin init' nobody else may insert an event at all.
            PERFORM set_config('crisis.importing', 'on', true);
            IF EXISTS (SELECT 1 FROM crisis_incident WHERE id = p_incident) THEN
                RAISE EXCEPTION 'incident % exists', p_incident USING ERRCODE = 'CR001';
            END IF;
            INSERT INTO crisis_incident (id, created_at)
                VALUES (p_incident, 'epoch'::timestamptz + p_ms[1] * interval '1 millisecond');
            PERFORM setval(pg_get_serial_sequence('crisis_incident', 'id'), (SELECT MAX(id) FROM crisis_incident));
            FOR i IN 1 .. array_length(p_seqs, 1) LOOP
                INSERT INTO crisis_event (incident, seq, recorded_at, author, role, kind, payload)
                    VALUES (p_incident, p_seqs[i], 'epoch'::timestamptz + p_ms[i] * interval '1 millisecond', p_authors[i],
                            p_identities[i], p_kinds[i], p_payloads[i])
                    RETURNING crisis_event.hash INTO link;
                IF link IS DISTINCT FROM p_hashes[i] THEN
                    RAISE EXCEPTION 'event % of INC-% does not match its hash; nothing was imported', p_seqs[i], p_incident
                        USING ERRCODE = 'P0001';
                END IF;
            END LOOP;
            PERFORM set_config('crisis.importing', 'off', true);
            PERFORM pg_notify('crisis_events', p_incident || ':' || array_length(p_seqs, 1));
            RETURN array_length(p_seqs, 1);
        END $$
        """,
        "REVOKE EXECUTE ON FUNCTION crisis_import(bigint, integer[], bigint[], text[], text[], text[], text[], text[]) FROM PUBLIC",
        ]
    }
}
