#!/usr/bin/env python3
"""crisis against an IRC war room, side by side on this machine.

Builds release binaries of crisis, installs and starts the peer (ngircd on loopback with two irssi clients,
from Debian's packages), and measures, in one run:

  1. Enter-to-screen latency: a line typed into one real dashboard (a pty) until it shows in a second
     dashboard's pty, 200 samples, on SQLite and PostgreSQL; the same for irssi through ngircd.
  2. Bytes written to the watching terminal per new entry, at 120x40 and 240x70.
  3. A dashboard opened on an incident of 100 000 events: time to the first complete frame, peak resident
     memory, and the CPU time each further event costs.
  4. Idle cost: CPU used over 60 s by an open dashboard with nothing posted, against an idle irssi.
  5. Append throughput of the command line: one writer, and 8 concurrent writer processes; and the wall time of
     each of the one writer's `crisis note` processes (p50, p99).
  6. The hash chain (issue 17), when the binary has `crisis verify`: its run time over the large incident, every
     link recomputed, in events per second.

Prints one Markdown table and writes it, with the machine it ran on, to Tests/Benchmarks/RESULTS.md.
Screens are read the way a person sees them: the byte stream is fed to a terminal emulator (pyte), and a
line counts as shown once it is on the emulated screen.

Usage (as root on Debian, from the repository):  python3 Tests/Benchmarks/warroom.py [--samples N] [--idle S]
    [--large N] [--binary PATH] [--no-write]
--no-write only prints the table: by default the script rewrites the whole of RESULTS.md with it (the sections
board.py and serve.py keep there too).
Nothing here is part of `swift test`: a benchmark reports, tests check behaviour.
"""

import argparse
import datetime
import fcntl
import hashlib
import json
import os
import platform
import pty
import random
import select
import shlex
import shutil
import socket
import sqlite3
import statistics
import string
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRATCH = os.path.join(ROOT, ".build-bench")


def say(text):
    print(f"bench: {text}", file=sys.stderr, flush=True)


def ensure_tools():
    """The peer and the terminal emulator come from Debian's packages (pyte from PyPI for a Python of one's
    own), installed when missing."""
    missing = [p for p, exe in (("ngircd", "/usr/sbin/ngircd"), ("irssi", "/usr/bin/irssi")) if not os.path.exists(exe)]
    if missing:
        say(f"installing {' '.join(missing)}")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=True, env=env)
    try:
        import pyte  # noqa: F401
    except ImportError:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        if sys.executable.startswith(("/usr/bin/", "/bin/")):
            # Debian's own Python takes Debian's package (pip refuses to touch it, PEP 668).
            say("installing python3-pyte (a terminal emulator)")
            subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "python3-pyte"],
                           check=True, env=env)
        else:
            say("installing pyte (a terminal emulator) from PyPI")
            subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pyte"], check=True)


def build_release():
    say("building crisis in release mode (first time: several minutes)")
    subprocess.run(["swift", "build", "-c", "release", "--scratch-path", SCRATCH, "--product", "crisis"],
                   cwd=ROOT, check=True)
    out = subprocess.run(["swift", "build", "-c", "release", "--scratch-path", SCRATCH, "--show-bin-path"],
                         cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(out, "crisis")


# MARK: - The hash chain (issue 17)

CHAIN_VERSION = "crisis-chain-1"   # ChainHash.version
BULK_IDENTITY = "bulk"             # the os_user of rows this script (and board.py) loads into SQLite


def chain_hash(incident, seq, recorded_ms, author, identity, kind, payload, previous):
    """ChainHash.of: lowercase hex SHA-256 of netstrings (`<UTF-8 byte length>:<bytes>,`) of the version tag, the
    incident number, the sequence, recorded_at in ms, the author, the identity ("" when none), the kind, the
    payload as stored and the previous hash ("" for the first event)."""
    parts = []
    for field in (CHAIN_VERSION, str(incident), str(seq), str(recorded_ms), author, identity or "", kind, payload,
                  previous):
        data = field.encode("utf-8")
        parts.append(b"%d:%s," % (len(data), data))
    return hashlib.sha256(b"".join(parts)).hexdigest()


def sqlite_is_chained(connection):
    """Whether a SQLite store has the chain's columns (a binary from before issue 17 has none)."""
    return "hash" in {row[1] for row in connection.execute("PRAGMA table_info(event)")}


def sqlite_chain_head(connection, incident):
    """The hash of the incident's last event ("" when it has none), to link the next one to."""
    row = connection.execute("SELECT hash FROM event WHERE incident = ? ORDER BY seq DESC LIMIT 1",
                             (incident,)).fetchone()
    return (row[0] or "") if row else ""


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def cpu_seconds(pid):
    """User plus system CPU time of a process so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class Terminal:
    """A program in a pty of a given size, its output fed to an emulated screen."""

    def __init__(self, argv, env, cols, rows, cwd=None):
        import pyte
        self.cols, self.rows = cols, rows
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            if cwd:
                os.chdir(cwd)
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.bytes_read = 0
        self.pending = []

    def pump(self, timeout):
        """Reads whatever arrives within `timeout`; returns the time the last chunk arrived, or None."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            return None
        arrived = time.perf_counter()
        self.bytes_read += len(data)
        self.feed_pending()
        self.stream.feed(data)
        return arrived

    def drain(self):
        """Reads what is ready without emulating it yet, so a terminal being timed is never kept waiting while
        another one's output goes through the (slow, pure Python) emulator."""
        while select.select([self.fd], [], [], 0)[0]:
            try:
                data = os.read(self.fd, 1 << 16)
            except OSError:
                return
            if not data:
                return
            self.bytes_read += len(data)
            self.pending.append(data)

    def feed_pending(self):
        for data in self.pending:
            self.stream.feed(data)
        self.pending = []

    def text(self):
        self.feed_pending()
        return "\n".join(self.screen.display)

    def wait_for(self, piece, timeout=30.0, others=()):
        """Pumps this terminal (and drains `others`) until `piece` is on screen; returns when it arrived."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for other in others:
                other.drain()
            arrived = self.pump(0.005)
            if arrived is not None and piece in self.text():
                return arrived
        raise RuntimeError(f"never saw {piece!r}; the screen was:\n{self.text()}")

    def quiet(self, seconds, others=()):
        """Reads until nothing has arrived for `seconds`."""
        last = time.perf_counter()
        while time.perf_counter() - last < seconds:
            for other in others:
                other.pump(0)
            if self.pump(0.002) is not None:
                last = time.perf_counter()

    def send(self, data):
        os.write(self.fd, data)

    def close(self):
        try:
            os.kill(self.pid, 15)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)


def token(index):
    """A word nobody would type, unique per sample."""
    rng = random.Random(index)
    return "tk" + "".join(rng.choice(string.ascii_lowercase) for _ in range(8))


def percentile(values, p):
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def measure_typing(writer, watcher, samples, pause=0.3):
    """Types `samples` lines into `writer`; returns (latencies in ms, bytes the watcher received per line).
    Each line is typed first and the clock starts when Enter is pressed, once the writer shows what was typed:
    that is the moment a person sends, and it keeps irssi's paste detection (which holds back input arriving
    in one burst) out of the measure. Lines are paced `pause` apart, for both peers alike."""
    latencies, volumes = [], []
    for i in range(samples):
        word = token(i)
        writer.send(word.encode())
        writer.wait_for(word, others=[watcher])
        writer.quiet(0.02, others=[watcher])
        watcher.quiet(0.02, others=[writer])
        before = watcher.bytes_read
        sent = time.perf_counter()
        writer.send(b"\r")
        arrived = watcher.wait_for(word, others=[writer])
        latencies.append((arrived - sent) * 1000)
        watcher.quiet(0.03, others=[writer])
        volumes.append(watcher.bytes_read - before)
        time.sleep(pause)
    return latencies, volumes


def paced_fsync(directory, samples=40, pause=0.3):
    """What durability alone costs here: one 4 KiB write and fdatasync, paced like the typed lines (a disk
    that has been idle for a moment answers slower than one kept busy). Median, in ms."""
    path = os.path.join(directory, "fsync.probe")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    times = []
    try:
        for i in range(samples):
            os.pwrite(fd, os.urandom(4096), (i % 16) * 4096)
            began = time.perf_counter()
            os.fdatasync(fd)
            times.append((time.perf_counter() - began) * 1000)
            time.sleep(pause)
    finally:
        os.close(fd)
        os.unlink(path)
    return statistics.median(times)


def cpu_per_further_event(crisis, dashboard, env, seed, further=50):
    """CPU time (ms) the watching dashboard spends on each of `further` notes posted from the command line."""
    before = cpu_seconds(dashboard.pid)
    for i in range(further):
        subprocess.run([crisis, "note", f"further {token(seed + i)}"], env=env, check=True, capture_output=True)
        dashboard.wait_for(token(seed + i), timeout=30)
    return (cpu_seconds(dashboard.pid) - before) / further * 1000


def settle(terminal, quiet=0.5, limit=60.0):
    """Pumps `terminal` until its process has used no CPU for `quiet` seconds; returns (CPU ms used meanwhile,
    seconds it took)."""
    began, start = time.perf_counter(), cpu_seconds(terminal.pid)
    last_cpu, last_change = start, began
    while time.perf_counter() - began < limit:
        terminal.pump(0.05)
        now_cpu = cpu_seconds(terminal.pid)
        if now_cpu != last_cpu:
            last_cpu, last_change = now_cpu, time.perf_counter()
        elif time.perf_counter() - last_change >= quiet:
            break
    return (last_cpu - start) * 1000, last_change - began


def crisis_env(home, database, author):
    return {
        "PATH": "/usr/bin:/bin", "HOME": home, "CRISIS_DB": database, "CRISIS_AUTHOR": author,
        "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC",
    }


def open_incident(crisis, env, title="War room benchmark"):
    subprocess.run([crisis, "open", title, "--severity", "2", "--owner", "Ana", "--phone", "+1 555 0100"],
                   env=env, check=True, capture_output=True)


def crisis_pair(crisis, database, home, cols, rows):
    env_writer = crisis_env(home, database, "alice")
    env_watcher = crisis_env(home, database, "bob")
    writer = Terminal([crisis, "dashboard"], env_writer, cols, rows)
    watcher = Terminal([crisis, "dashboard", "--read-only"], env_watcher, cols, rows)
    writer.wait_for("NEXT UPDATE", others=[watcher])
    watcher.wait_for("NEXT UPDATE", others=[writer])
    return writer, watcher


def start_ngircd(directory):
    port = free_port()
    config = os.path.join(directory, "ngircd.conf")
    with open(config, "w") as f:
        f.write(f"""[Global]
Name = warroom.bench
Info = crisis benchmark peer
Ports = {port}
Listen = 127.0.0.1
MotdPhrase = benchmark
ServerUID = nobody
ServerGID = nogroup
[Limits]
MaxConnectionsIP = 0
MaxPenaltyTime = 0
[Options]
PAM = no
Ident = no
DNS = no
[Channel]
Name = #warroom
""")
    server = subprocess.Popen(["/usr/sbin/ngircd", "-n", "-f", config], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server, port
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("ngircd did not start")


def irssi_client(directory, nick, port, cols, rows):
    home = os.path.join(directory, f"irssi-{nick}")
    os.makedirs(home, exist_ok=True)
    with open(os.path.join(home, "config"), "w") as f:
        f.write(f"""servers = ( {{ address = "127.0.0.1"; chatnet = "bench"; port = "{port}"; autoconnect = "yes"; }} );
chatnets = {{ bench = {{ type = "IRC"; cmdspeed = "1"; cmdmax = "1000"; }}; }};
settings = {{ core = {{ real_name = "{nick}"; user_name = "{nick}"; nick = "{nick}"; }}; }};
""")
    env = {"PATH": "/usr/bin:/bin", "HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    return Terminal(["/usr/bin/irssi", f"--home={home}"], env, cols, rows)


def irssi_pair(directory, port, cols, rows):
    """Two clients in #warroom, one after the other: each joins once its connection has settled."""
    clients = []
    for nick in ("alice", "bob"):
        client = irssi_client(directory, nick, port, cols, rows)
        client.wait_for("End of MOTD", others=clients)
        client.quiet(0.5, others=clients)
        for attempt in range(10):
            client.send(b"/join #warroom\r")
            try:
                client.wait_for("has joined #warroom", timeout=3, others=clients)
                break
            except RuntimeError:
                if attempt == 9:
                    raise
        clients.append(client)
    alice, bob = clients
    # The watcher sees the writer in the channel before anything is measured.
    bob.wait_for("alice", others=[alice])
    return alice, bob


def postgres_database():
    out = subprocess.run([os.path.join(ROOT, ".ci/postgres-server"), "start"], check=True, capture_output=True,
                         text=True).stdout.split("\n")
    return out[0], out[1]


def large_incident(crisis, home, events):
    """An incident of `events` events: opened by crisis, the notes written in one transaction through SQLite
    itself, in the store's own schema (its triggers check every sequence number and, since issue 17, that every
    row carries its link: the rows are chained here as crisis chains them, with os_user 'bulk')."""
    database = os.path.join(home, "large.db")
    env = crisis_env(home, database, "alice")
    open_incident(crisis, env, "A long incident")
    connection = sqlite3.connect(database)
    start = int(time.time() * 1000) - events * 1000
    with connection:
        (first,) = connection.execute("SELECT MAX(seq) FROM event WHERE incident = 1").fetchone()
        chained = sqlite_is_chained(connection)
        previous = sqlite_chain_head(connection, 1) if chained else ""
        for seq in range(first + 1, events + 1):
            payload = json.dumps({"kind": "note", "text": f"note {seq} from the long incident"}, sort_keys=True,
                                 separators=(",", ":"))  # as crisis itself writes them
            if chained:
                link = chain_hash(1, seq, start + seq, "ana", BULK_IDENTITY, "note", payload, previous)
                connection.execute("INSERT INTO event (incident, seq, recorded_at, author, kind, payload, os_user, "
                                   "prev_hash, hash) VALUES (1, ?, ?, ?, 'note', ?, ?, ?, ?)",
                                   (seq, start + seq, "ana", payload, BULK_IDENTITY, previous, link))
                previous = link
            else:
                connection.execute("INSERT INTO event (incident, seq, recorded_at, author, kind, payload) VALUES (1, ?, ?, ?, 'note', ?)",
                                   (seq, start + seq, "ana", payload))
    connection.close()
    return database, env


def has_verb(crisis, verb):
    done = subprocess.run([crisis, verb, "--help"], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "TERM": "dumb"})
    return done.returncode == 0 and f"USAGE: crisis {verb}" in done.stdout


def time_verify(crisis, database, env, runs=3):
    """Median wall time (s) of `crisis verify --incident 1` over `database`, whose chain must be intact."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        done = subprocess.run([crisis, "verify", "--incident", "1", "--db", database], env=env, capture_output=True,
                              text=True)
        times.append(time.perf_counter() - began)
        if done.returncode != 0 or "chain intact" not in done.stdout:
            raise RuntimeError(f"crisis verify ({done.returncode}): {done.stdout}{done.stderr}")
    return statistics.median(times), done.stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--idle", type=float, default=60.0, help="seconds of idle measurement")
    parser.add_argument("--large", type=int, default=100_000, help="events in the large incident")
    parser.add_argument("--binary", help="use this crisis instead of building a release one (for a quick try)")
    parser.add_argument("--no-write", action="store_true", help="print the table only; leave RESULTS.md as it is")
    args = parser.parse_args()

    ensure_tools()
    crisis = os.path.abspath(args.binary) if args.binary else build_release()
    work = tempfile.mkdtemp(prefix="crisis-bench-")
    rows = []
    cleanup = []
    try:
        # 1 and 2: Enter to screen, and bytes per entry, at 120x40.
        results = {}
        sqlite_db = os.path.join(work, "crisis.db")
        open_incident(crisis, crisis_env(work, sqlite_db, "alice"))
        writer, watcher = crisis_pair(crisis, sqlite_db, work, 120, 40)
        say("crisis on SQLite: typing")
        results["sqlite"] = measure_typing(writer, watcher, args.samples)
        writer.close(); watcher.close()

        pg_url, pg_dir = postgres_database()
        cleanup.append(lambda: subprocess.run([os.path.join(ROOT, ".ci/postgres-server"), "stop", pg_dir]))
        open_incident(crisis, crisis_env(work, pg_url, "alice"))
        writer, watcher = crisis_pair(crisis, pg_url, work, 120, 40)
        say("crisis on PostgreSQL: typing")
        results["postgres"] = measure_typing(writer, watcher, args.samples)
        writer.close(); watcher.close()

        server, port = start_ngircd(work)
        cleanup.append(server.terminate)
        alice, bob = irssi_pair(work, port, 120, 40)
        say("irssi through ngircd: typing")
        results["irssi"] = measure_typing(alice, bob, args.samples)
        alice.close(); bob.close()

        for name in ("sqlite", "postgres", "irssi"):
            lat = results[name][0]
            results[name] = {"p50": percentile(lat, 50), "p95": percentile(lat, 95), "p99": percentile(lat, 99),
                             "bytes120": statistics.median(results[name][1])}

        # Bytes per entry at 240x70.
        writer, watcher = crisis_pair(crisis, sqlite_db, work, 240, 70)
        results["sqlite"]["bytes240"] = statistics.median(measure_typing(writer, watcher, 30)[1])
        writer.close(); watcher.close()
        alice, bob = irssi_pair(work, port, 240, 70)
        results["irssi"]["bytes240"] = statistics.median(measure_typing(alice, bob, 30)[1])

        # 4: idle cost, side by side (irssi pair still open).
        writer, watcher = crisis_pair(crisis, sqlite_db, work, 120, 40)
        say(f"idle for {args.idle:.0f} s")
        start = {t: cpu_seconds(t.pid) for t in (watcher, bob)}
        until = time.perf_counter() + args.idle
        while time.perf_counter() < until:
            for t in (writer, watcher, alice, bob):
                t.pump(0.05)
        idle = {t: (cpu_seconds(t.pid) - start[t]) / args.idle * 100 for t in (watcher, bob)}
        for t in (writer, watcher, alice, bob):
            t.close()

        say("the disk's own fsync, paced like the typing")
        fsync_ms = paced_fsync(work)

        # 3: the large incident.
        say(f"an incident of {args.large} events")
        database, env = large_incident(crisis, work, args.large)
        opened = time.perf_counter()
        big = Terminal([crisis, "dashboard", "--read-only"], env, 120, 40)
        big.wait_for(f"note {args.large} from the long incident", timeout=120)
        first_frame = (time.perf_counter() - opened) * 1000
        rss = peak_rss_mb(big.pid)
        # What the dashboard still does after its first frame (since issue 17: checking the whole chain, off the
        # screen's thread), until its CPU stays flat, so that it is not counted in the further events' cost.
        settle_cpu, settle_s = settle(big)
        rss_settled = peak_rss_mb(big.pid)
        per_event = cpu_per_further_event(crisis, big, env, 10_000)
        big.close()
        # 6: the chain's own cost: crisis verify recomputes every link of the large incident.
        verify_s = verify_small_s = None
        if has_verb(crisis, "verify"):
            say("crisis verify over the large incident")
            verify_s, verified = time_verify(crisis, database, env)
            say(verified)
            verify_small_s, _ = time_verify(crisis, sqlite_db, crisis_env(work, sqlite_db, "alice"))
        with sqlite3.connect(database) as connection:
            (large_events,) = connection.execute("SELECT MAX(seq) FROM event WHERE incident = 1").fetchone()
        # The same on the small incident of the typing runs: what a further event costs without the log.
        small_env = crisis_env(work, sqlite_db, "carol")
        small = Terminal([crisis, "dashboard", "--read-only"], small_env, 120, 40)
        small.wait_for("NEXT UPDATE")
        with sqlite3.connect(sqlite_db) as connection:
            (small_events,) = connection.execute("SELECT MAX(seq) FROM event WHERE incident = 1").fetchone()
        per_event_small = cpu_per_further_event(crisis, small, small_env, 20_000)
        small.close()

        # 5: append throughput through the command line.
        env = crisis_env(work, os.path.join(work, "append.db"), "alice")
        open_incident(crisis, env)
        count = 200
        note_ms = []
        began = time.perf_counter()
        for i in range(count):
            started = time.perf_counter()
            subprocess.run([crisis, "note", f"append {i}"], env=env, check=True, capture_output=True)
            note_ms.append((time.perf_counter() - started) * 1000)
        one_writer = count / (time.perf_counter() - began)
        script = f'for i in $(seq 1 {count // 8}); do "{crisis}" note "w$$ $i" >/dev/null || exit 1; done'
        began = time.perf_counter()
        procs = [subprocess.Popen(["/bin/sh", "-c", script], env=env) for _ in range(8)]
        for p in procs:
            p.wait()
        eight_writers = (count // 8 * 8) / (time.perf_counter() - began)

        s, p, i = results["sqlite"], results["postgres"], results["irssi"]

        def ratio(a, b):
            return f"{a / b:.2f}x" if b else "-"

        rows = [
            ("Enter to screen p50 (ms)", f"{s['p50']:.2f}", f"{p['p50']:.2f}", f"{i['p50']:.2f}", ratio(s['p50'], i['p50'])),
            ("Enter to screen p95 (ms)", f"{s['p95']:.2f}", f"{p['p95']:.2f}", f"{i['p95']:.2f}", ratio(s['p95'], i['p95'])),
            ("Enter to screen p99 (ms)", f"{s['p99']:.2f}", f"{p['p99']:.2f}", f"{i['p99']:.2f}", ratio(s['p99'], i['p99'])),
            ("of which the disk's fsync of 4 KiB alone, paced alike (ms)", f"{fsync_ms:.2f}", "-", "-", "-"),
            ("Bytes to the watcher per entry, 120x40", f"{s['bytes120']:.0f}", f"{p['bytes120']:.0f}", f"{i['bytes120']:.0f}", ratio(s['bytes120'], i['bytes120'])),
            ("Bytes to the watcher per entry, 240x70", f"{s['bytes240']:.0f}", "-", f"{i['bytes240']:.0f}", ratio(s['bytes240'], i['bytes240'])),
            ("Idle CPU over %.0f s (%% of a core)" % args.idle, f"{idle[watcher]:.3f}", "-", f"{idle[bob]:.3f}", ratio(idle[watcher], idle[bob])),
            (f"First frame at {args.large} events (ms)", f"{first_frame:.0f}", "-", "-", "-"),
            (f"Peak resident memory at {args.large} events (MB)", f"{rss:.1f}", "-", "-", "-"),
            ("CPU after that first frame until idle (ms)", f"{settle_cpu:.0f} in {settle_s:.2f} s", "-", "-", "-"),
            ("Peak resident memory once idle (MB)", f"{rss_settled:.1f}", "-", "-", "-"),
            ("CPU per further event at that size (ms)", f"{per_event:.2f}", "-", "-", "-"),
            (f"CPU per further event at {small_events} events (ms)", f"{per_event_small:.2f}", "-", "-", "-"),
            ("Appends/s, one `crisis note` process after another", f"{one_writer:.0f}", "-", "-", "-"),
            ("Appends/s, 8 concurrent writer processes", f"{eight_writers:.0f}", "-", "-", "-"),
            ("`crisis note` process wall time p50, one writer (ms)", f"{percentile(note_ms, 50):.1f}", "-", "-", "-"),
            ("`crisis note` process wall time p99, one writer (ms)", f"{percentile(note_ms, 99):.1f}", "-", "-", "-"),
        ]
        if verify_s is not None:
            rows += [
                (f"`crisis verify` of {large_events} events, median of 3 (ms)", f"{verify_s * 1000:.0f}", "-", "-", "-"),
                (f"`crisis verify` of {small_events} events, median of 3 (ms)", f"{verify_small_s * 1000:.0f}", "-", "-", "-"),
                ("Links recomputed per second by `crisis verify`, less the small run", 
                 f"{(large_events - small_events) / max(verify_s - verify_small_s, 1e-9):,.0f}", "-", "-", "-"),
            ]
    finally:
        for step in cleanup:
            try:
                step()
            except Exception:
                pass
        shutil.rmtree(work, ignore_errors=True)

    table = ["| measure | crisis (SQLite) | crisis (PostgreSQL) | irssi + ngircd | crisis ÷ irssi |",
             "|---|---|---|---|---|"] + [f"| {' | '.join(r)} |" for r in rows]
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    machine = (f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores "
               f"({cpu}), {platform.system()} {platform.release()}; {args.samples} samples")
    report = "\n".join(table)
    print(f"Measured {machine}, with `{shlex.join(['python3', *sys.argv])}`.\n")
    print(report)
    if args.no_write:
        return
    with open(os.path.join(ROOT, "Tests/Benchmarks/RESULTS.md"), "w") as f:
        f.write("# War-room benchmark\n\n")
        f.write(f"Measured {machine}, with `python3 Tests/Benchmarks/warroom.py`.\n\n{report}\n")


if __name__ == "__main__":
    main()
