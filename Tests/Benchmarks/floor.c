/*
 * The floor under crisis's Enter-to-screen time: the least any program built from crisis's required parts
 * (two ncursesw front ends in their own processes, sharing one SQLite store in WAL mode) can spend between a
 * person's Enter on one terminal and the line on another. Driven by floor.py through ptys, timed exactly as
 * warroom.py times crisis and irssi.
 *
 *   floor writer MODE DB FIFO   echoes what is typed; on Enter, stores the line and wakes the reader
 *   floor reader MODE DB FIFO   shows each stored line as it arrives
 *
 * MODE: "full"   one INSERT in a one-table database, committed with synchronous=FULL (durable, as crisis)
 *       "normal" the same, synchronous=NORMAL (no fsync at commit: not durable against power loss)
 *       "relay"  no store: the writer hands the line itself to the reader through the FIFO
 * With FLOOR_WARM set, the writer first grows the WAL (about 1,200 pages) and checkpoints it, so its commits
 * overwrite the WAL in place, as in a database that has been in use for a while.
 *
 * Each part does the least its job allows: no composer, no layout, no hash chain, no indexes, one prepared
 * statement each, and a FIFO byte as the announcement (cheaper than crisis's inotify watch).
 *
 * Build: cc -O2 -o floor floor.c -lsqlite3 -lncursesw
 */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <ncurses.h>
#include <poll.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void fail(const char *what, const char *why) {
    endwin();
    fprintf(stderr, "floor: %s: %s\n", what, why);
    exit(1);
}

static sqlite3 *open_store(const char *path, const char *mode) {
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK) fail("open", sqlite3_errmsg(db));
    char pragmas[256];
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA journal_mode=WAL; PRAGMA synchronous=%s; PRAGMA busy_timeout=10000;"
             "CREATE TABLE IF NOT EXISTS entry (id INTEGER PRIMARY KEY, text TEXT NOT NULL);",
             strcmp(mode, "full") == 0 ? "FULL" : "NORMAL");
    char *error = NULL;
    if (sqlite3_exec(db, pragmas, NULL, NULL, &error) != SQLITE_OK) fail("schema", error);
    return db;
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql) {
    sqlite3_stmt *statement;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL) != SQLITE_OK)
        fail(sql, sqlite3_errmsg(db));
    return statement;
}

static void step(sqlite3 *db, sqlite3_stmt *statement) {
    if (sqlite3_step(statement) != SQLITE_DONE) fail("step", sqlite3_errmsg(db));
    sqlite3_reset(statement);
}

static int writer(const char *mode, const char *path, const char *fifo) {
    int relay = strcmp(mode, "relay") == 0;
    sqlite3 *db = relay ? NULL : open_store(path, mode);
    sqlite3_stmt *begin = NULL, *insert = NULL, *commit = NULL;
    if (!relay) {
        begin = prepare(db, "BEGIN IMMEDIATE");
        insert = prepare(db, "INSERT INTO entry (text) VALUES (?)");
        commit = prepare(db, "COMMIT");
    }
    if (!relay && getenv("FLOOR_WARM")) {
        char *error = NULL;
        if (sqlite3_exec(db, "CREATE TABLE IF NOT EXISTS ballast (b BLOB); BEGIN;"
                         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200)"
                         " INSERT INTO ballast SELECT randomblob(3000) FROM n; DELETE FROM ballast; COMMIT;"
                         "PRAGMA wal_checkpoint(RESTART);", NULL, NULL, &error) != SQLITE_OK)
            fail("warm", error);
    }
    int announce = open(fifo, O_WRONLY);
    if (announce < 0) fail(fifo, strerror(errno));
    initscr(); raw(); noecho();
    mvaddstr(0, 0, "floor writer ready");
    move(2, 0);
    refresh();
    char line[512];
    size_t length = 0;
    for (;;) {
        int key = getch();
        if (key == 3 || key == ERR) break;
        if (key == '\r' || key == '\n') {
            if (relay) {
                unsigned char size = (unsigned char)length;
                if (write(announce, &size, 1) != 1 || write(announce, line, length) != (ssize_t)length)
                    fail("fifo", strerror(errno));
            } else {
                step(db, begin);
                sqlite3_bind_text(insert, 1, line, (int)length, SQLITE_STATIC);
                step(db, insert);
                step(db, commit);
                if (write(announce, "!", 1) != 1) fail("fifo", strerror(errno));
            }
            length = 0;
            move(2, 0);
            clrtoeol();
            refresh();
        } else if (key >= 32 && key < 127 && length < 255) {
            line[length++] = (char)key;
            addch(key);
            refresh();
        }
    }
    endwin();
    return 0;
}

static int reader(const char *mode, const char *path, const char *fifo) {
    int relay = strcmp(mode, "relay") == 0;
    sqlite3 *db = relay ? NULL : open_store(path, mode);
    sqlite3_stmt *select = relay ? NULL : prepare(db, "SELECT id, text FROM entry WHERE id > ? ORDER BY id");
    int announce = open(fifo, O_RDWR);  /* read-write: never sees end-of-file when a writer closes */
    if (announce < 0) fail(fifo, strerror(errno));
    initscr(); raw(); noecho(); nodelay(stdscr, TRUE);
    mvaddstr(0, 0, "floor reader ready");
    refresh();
    sqlite3_int64 last = 0;
    int row = 2;
    for (;;) {
        struct pollfd waits[2] = {{announce, POLLIN, 0}, {0, POLLIN, 0}};
        if (poll(waits, 2, -1) < 0 && errno != EINTR) fail("poll", strerror(errno));
        if (waits[1].revents) {
            int key = getch();
            if (key == 3) break;
        }
        if (!(waits[0].revents & POLLIN)) continue;
        char text[512];
        if (relay) {
            unsigned char size;
            if (read(announce, &size, 1) != 1 || read(announce, text, size) != size) fail("fifo", "short read");
            text[size] = 0;
            mvaddstr(row, 0, text);
            row = row >= LINES - 2 ? 2 : row + 1;
        } else {
            char drained[64];
            if (read(announce, drained, sizeof drained) < 0) fail("fifo", strerror(errno));
            sqlite3_bind_int64(select, 1, last);
            while (sqlite3_step(select) == SQLITE_ROW) {
                last = sqlite3_column_int64(select, 0);
                snprintf(text, sizeof text, "%s", (const char *)sqlite3_column_text(select, 1));
                mvaddstr(row, 0, text);
                row = row >= LINES - 2 ? 2 : row + 1;
            }
            sqlite3_reset(select);
        }
        refresh();
    }
    endwin();
    return 0;
}

int main(int argc, char **argv) {
    setlocale(LC_ALL, "");
    if (argc != 5 || (strcmp(argv[2], "full") && strcmp(argv[2], "normal") && strcmp(argv[2], "relay"))) {
        fprintf(stderr, "usage: floor writer|reader full|normal|relay DB FIFO\n");
        return 2;
    }
    if (strcmp(argv[1], "writer") == 0) return writer(argv[2], argv[3], argv[4]);
    if (strcmp(argv[1], "reader") == 0) return reader(argv[2], argv[3], argv[4]);
    fprintf(stderr, "floor: the role is writer or reader, not %s\n", argv[1]);
    return 2;
}
