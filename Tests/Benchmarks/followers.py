#!/usr/bin/env python3
"""Followers of one incident on a PostgreSQL server with the default configuration (issue 18).

Starts a throw-away PostgreSQL server of its own (initdb and pg_ctl, as .ci/postgres-server does, but with the
server's DEFAULT configuration: max_connections 100, superuser_reserved_connections 3; nothing raised), opens
one incident with the binary, and for each count N of --counts (default 10, 45, 90):

  1. Starts N followers, a few at a time: a share (--dashboards-share, default 0.5) are `crisis dashboard
     --read-only --incident 1` in a pty of 120x40, the rest `crisis log --follow --incident 1` on a pipe.
     Each must show the existing log (a follow: the incident's opening line on its stdout; a dashboard: the
     incident's title on its emulated screen) within --start-timeout; one that exits, writes to stderr (a
     follow) or never shows it is reported as failed and stopped.
  2. Records the connections held: client backends of role crisis in pg_stat_activity (read as the postgres
     superuser; by application_name too), per terminal, and per kind from the followers' own sockets
     (/proc/PID/fd matched against /proc/net/tcp).
  3. One writer posts --notes notes with `crisis note`, started --pace seconds apart (start to start; never
     two at once), each carrying a marker word of its own. A note's commit time is its event's recordedAt as
     the server stamped it (read afterwards with `crisis log --json`: PostgreSQL's clock_timestamp() in the
     appending transaction, truncated to the millisecond, on this machine's clock), and each follower's receipt
     is time.time() when the marker first reached it: a follow, when the marker's bytes arrive on its stdout;
     a dashboard, when the chunk of bytes that puts the marker on its emulated screen arrives. Chunks are
     timestamped as they are read by one selector loop over every pipe and pty, and fed to the emulator
     (pyte) only once the writer is done, so emulating up to 45 screens takes no CPU from the followers and
     the server while they are timed. Per note: latency to the LAST follower (p50 and p99 over the notes)
     and to the median follower (p50). A note some follower has not received within --timeout (30 s) of
     its commit is lost.
  4. The server's cost: resident memory of all its processes (RSS summed, and PSS from
     /proc/PID/smaps_rollup, which shares shared_buffers out fairly) idle before the followers start and with
     them connected; its CPU time (utime+stime of every postgres process, plus what the postmaster reaped
     from backends that exited, such as the writer's) over the writing phase, as a percentage of one core.
     The followers' resident memory (median) is reported alongside.
  5. Stops the followers (SIGTERM, then SIGKILL after 5 s) and checks the server is back to no backend of
     role crisis.

With --ceiling, it then adds `crisis log --follow` followers one at a time (pg_stat_activity read after each)
until one is refused (it exits, writes to stderr or never shows the log). The ceiling reported is the most
terminals that leave at least one of role crisis's slots (max_connections less superuser_reserved_connections)
free for an administrator or the writer; it goes on to the refusal, and reports how many terminals showed the
log, the connections each holds (one short of the others is named, with its CPU), what the refused follower
does (alive, CPU, connections, lines on stderr) and what a refused dashboard shows, and how many connections
the server refuses a second meanwhile (its log's FATAL lines). It fills any slot left with idle psql sessions
of role crisis, runs one `crisis note` past the limit and quotes its stderr; checks that psql as the postgres
superuser still connects (on the slots the server reserves for superusers); posts one note as the superuser
while role crisis's slots are full, to see which followers still hear it and how late; then stops one full
follower and posts one more as role crisis.

Prints one Markdown table, the ceiling and the machine; with --write it also replaces its own section of
Tests/Benchmarks/RESULTS.md (between the `followers.py` markers; the rest of the file stays as it is).

Usage (from the repository, as root (the server then runs as the postgres user) or as a user who may run
initdb):
    python3 Tests/Benchmarks/followers.py --binary PATH [--counts 10,45,90] [--notes 60] [--pace 0.5]
        [--dashboards-share 0.5] [--ceiling] [--batch 3] [--start-timeout 30] [--timeout 30] [--observe 5]
        [--write [--label TEXT]]
Nothing here is part of `swift test`: a benchmark reports, tests check behaviour.
"""

import argparse
import datetime
import glob
import json
import os
import platform
import random
import re
import resource
import selectors
import shlex
import shutil
import signal
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RESULTS = os.path.join(ROOT, "Tests/Benchmarks/RESULTS.md")
BEGIN = "<!-- followers.py: begin (written by Tests/Benchmarks/followers.py, which replaces only this section) -->"
END = "<!-- followers.py: end -->"

sys.path.insert(0, HERE)
import warroom  # noqa: E402  (its pty terminal, percentile, crisis_env, open_incident; importing it runs nothing)

TITLE = "Follower benchmark"
COLS, ROWS = 120, 40
MARKER = re.compile(rb"fl\d+n\d{3}[a-z]{6}")
MARKER_TEXT = re.compile(r"fl\d+n\d{3}[a-z]{6}")
TICK = os.sysconf("SC_CLK_TCK")


def say(text):
    print(f"bench: {text}", file=sys.stderr, flush=True)


def marker(count, index):
    """A word nobody would type, unique per note and per count."""
    rng = random.Random(f"followers:{count}:{index}")
    return f"fl{count}n{index:03d}" + "".join(rng.choice(string.ascii_lowercase) for _ in range(6))


def percentile(values, p):
    return warroom.percentile(values, p) if values else float("nan")


def ms(seconds):
    return "-" if seconds is None or seconds != seconds else f"{seconds * 1000:.0f}"


# MARK: - /proc


def stat_fields(pid):
    """The fields of /proc/PID/stat after the command's name: [state, ppid, ...]; utime is [11], cutime [13]."""
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()


def proc_kb(pid, name, key):
    """The kB figure on the line starting with `key` of /proc/PID/NAME; None when the process (or the file) is gone."""
    try:
        with open(f"/proc/{pid}/{name}") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return None


def rss_kb(pid):
    return proc_kb(pid, "status", "VmRSS:") or 0


def pss_kb(pid):
    return proc_kb(pid, "smaps_rollup", "Pss:")


def cpu_seconds(pid):
    try:
        fields = stat_fields(pid)
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def sockets_to(port):
    """Inodes of the machine's established TCP connections to 127.0.0.1:`port`."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    fields = line.split()
                    if fields[3] == "01" and int(fields[2].rsplit(":", 1)[1], 16) == port:
                        inodes.add(fields[9])
        except FileNotFoundError:
            pass
    return inodes


def connections_held(pid, inodes):
    """How many of `inodes` process `pid` holds open."""
    count = 0
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            if target.startswith("socket:[") and target[8:-1] in inodes:
                count += 1
    except (FileNotFoundError, ProcessLookupError):
        pass
    return count


# MARK: - The server


class DefaultServer:
    """A throw-away PostgreSQL server with the default configuration: initdb as .ci/postgres-server runs it
    (scram authentication, role crisis/crisis, database crisis), started with only its port, socket directory
    and loopback address set."""

    def __init__(self):
        bins = glob.glob("/usr/lib/postgresql/*/bin")
        if not bins:
            raise SystemExit("bench: PostgreSQL is not installed (apt-get install postgresql)")
        self.bin = max(bins, key=lambda p: [int(x) for x in re.findall(r"\d+", p)])
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.directory = tempfile.mkdtemp(prefix="crisis-followers-pg.")
        self.port = warroom.free_port()
        self.password = f"admin-{self.port}"
        self.started = False
        with open(os.path.join(self.directory, "pwfile"), "w") as f:
            f.write(self.password + "\n")
        if self.as_owner:
            for path in (self.directory, os.path.join(self.directory, "pwfile")):
                shutil.chown(path, "postgres", "postgres")
        data = os.path.join(self.directory, "data")
        done = subprocess.run([*self.as_owner, f"{self.bin}/initdb", "-D", data, "-U", "postgres",
                               "--auth=scram-sha-256", f"--pwfile={self.directory}/pwfile", "-E", "UTF8",
                               "--locale=C.UTF-8"], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"initdb: {done.stdout}{done.stderr}")
        subprocess.run([*self.as_owner, f"{self.bin}/pg_ctl", "-D", data, "-l", f"{self.directory}/server.log",
                        "-w", "-t", "60", "-o", f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1",
                        "start"], check=True, capture_output=True)
        self.started = True
        self.url = f"postgres://crisis:crisis@127.0.0.1:{self.port}/crisis"
        self.superuser = f"postgres://postgres:{self.password}@127.0.0.1:{self.port}/postgres"
        self.superuser_crisis = f"postgres://postgres:{self.password}@127.0.0.1:{self.port}/crisis"
        self.query("CREATE ROLE crisis LOGIN PASSWORD 'crisis' CREATEDB")
        self.query("CREATE DATABASE crisis OWNER crisis")
        self.max_connections = int(self.query("SHOW max_connections")[0][0])
        self.reserved = int(self.query("SHOW superuser_reserved_connections")[0][0])
        self.version = self.query("SHOW server_version")[0][0]
        with open(os.path.join(data, "postmaster.pid")) as f:
            self.postmaster = int(f.readline())

    def query(self, sql, url=None):
        done = subprocess.run(["psql", "-X", "-q", "-t", "-A", "-F", "\x1f", "-v", "ON_ERROR_STOP=1",
                               url or self.superuser, "-c", sql], capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise RuntimeError(f"psql: {done.stderr.strip()[:500]}")
        return [line.split("\x1f") for line in done.stdout.splitlines() if line]

    def connections(self):
        """Client backends of role crisis, by application_name ("" when unset)."""
        rows = self.query("SELECT coalesce(application_name, ''), count(*) FROM pg_stat_activity "
                          "WHERE backend_type = 'client backend' AND usename = 'crisis' GROUP BY 1 ORDER BY 2 DESC")
        return {name: int(count) for name, count in rows}

    def processes(self):
        """The postmaster and every process it forked (backends and the server's own workers)."""
        pids = [self.postmaster]
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    if int(stat_fields(int(entry))[1]) == self.postmaster:
                        pids.append(int(entry))
                except (FileNotFoundError, ProcessLookupError, IndexError):
                    pass
        return pids

    def memory_mb(self):
        """(PSS, RSS) of all its processes, summed, in MB; PSS None where smaps_rollup cannot be read."""
        pids = self.processes()
        pss = [pss_kb(pid) for pid in pids]
        rss = sum(rss_kb(pid) for pid in pids)
        return (None if None in pss else sum(pss) / 1024), rss / 1024

    def cpu(self):
        """CPU seconds its processes have used: the living ones', and what the postmaster reaped from the
        backends that exited (cutime + cstime)."""
        total = 0.0
        for pid in self.processes():
            try:
                fields = stat_fields(pid)
            except (FileNotFoundError, ProcessLookupError):
                continue
            total += int(fields[11]) + int(fields[12])
            if pid == self.postmaster:
                total += int(fields[13]) + int(fields[14])
        return total / TICK

    def refusals(self):
        """How many connections the server has refused for want of a slot so far (its log's FATAL lines)."""
        try:
            with open(os.path.join(self.directory, "server.log"), errors="replace") as f:
                return sum(("too many clients already" in line or "connection slots are reserved" in line)
                           for line in f)
        except FileNotFoundError:
            return 0

    def stop(self):
        if self.started:
            data = os.path.join(self.directory, "data")
            done = subprocess.run([*self.as_owner, f"{self.bin}/pg_ctl", "-D", data, "-w", "-m", "fast", "stop"],
                                  capture_output=True)
            if done.returncode != 0:
                subprocess.run([*self.as_owner, f"{self.bin}/pg_ctl", "-D", data, "-w", "-m", "immediate", "stop"],
                               capture_output=True)
            self.started = False
        shutil.rmtree(self.directory, ignore_errors=True)


# MARK: - Followers


class Follower:
    """One terminal following the incident: `crisis log --follow` on pipes, or a read-only dashboard in a pty
    (warroom.Terminal, its screen emulated by pyte). What it prints is read by Pool's loop; every chunk is
    timestamped when read."""

    def __init__(self, number, kind, crisis, env):
        self.number, self.kind = number, kind
        self.started = time.time()
        self.ready_at = self.failure = self.returncode = None
        self.stderr = []          # (time, line) of a follow's stderr
        self.err_partial = b""
        self.head = b""           # a follow's stdout until it is ready
        self.tail = b""           # the last bytes read, so a marker split across reads is found
        self.raw_seen = {}        # marker -> arrival of its bytes
        self.screen_seen = {}     # marker -> arrival of the chunk that put it on the screen (dashboards)
        self.chunks = []          # (arrival, bytes) read but not emulated yet (dashboards)
        self.bytes = 0
        self.live = True          # a dashboard's bytes go through the emulator as they come (until it is ready)
        self.open_fds = set()
        if kind == "follow":
            self.proc = subprocess.Popen([crisis, "log", "--follow", "--incident", "1"], env=env,
                                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            self.pid = self.proc.pid
            self.fds = {self.proc.stdout.fileno(): "out", self.proc.stderr.fileno(): "err"}
        else:
            self.terminal = warroom.Terminal([crisis, "dashboard", "--read-only", "--incident", "1"], env, COLS, ROWS)
            self.pid = self.terminal.pid
            self.fds = {self.terminal.fd: "pty"}
        self.open_fds = set(self.fds)

    def receive(self, stream, data, now):
        self.bytes += len(data)
        if stream == "err":
            lines = (self.err_partial + data).split(b"\n")
            self.err_partial = lines.pop()
            self.stderr += [(now, line.decode("utf-8", "replace").strip()) for line in lines if line.strip()]
            return
        window = self.tail + data
        for found in MARKER.finditer(window):
            self.raw_seen.setdefault(found.group().decode(), now)
        self.tail = window[-24:]
        if stream == "out":
            if self.ready_at is None:
                self.head += data
                if TITLE.encode() in self.head:
                    self.ready_at = now
            return
        if self.live:
            self.terminal.stream.feed(data)
            if self.ready_at is None and any(TITLE in line for line in self.changed_lines()):
                self.ready_at = now
                self.live = False
                self.terminal.screen.dirty.clear()
        else:
            self.chunks.append((now, data))

    def changed_lines(self):
        screen = self.terminal.screen
        lines = ["".join(screen.buffer[y][x].data for x in range(screen.columns)) for y in sorted(screen.dirty)]
        screen.dirty.clear()
        return lines

    def emulate(self):
        """Feeds the pending chunks to the screen, one at a time, noting when each marker first shows."""
        for arrival, data in self.chunks:
            self.terminal.stream.feed(data)
            for line in self.changed_lines():
                for found in MARKER_TEXT.finditer(line):
                    self.screen_seen.setdefault(found.group(), arrival)
        self.chunks = []

    def receipt(self, word):
        return (self.raw_seen if self.kind == "follow" else self.screen_seen).get(word)

    def screen_text(self):
        if self.kind == "follow":
            return ""
        self.terminal.feed_pending()
        for _, data in self.chunks:
            self.terminal.stream.feed(data)
        self.chunks = []
        lines, wrapped = [], False
        for line in self.terminal.screen.display:   # a line that fills the width goes on in the next one
            text = line.rstrip()
            if wrapped and lines:
                lines[-1] += text
            elif text:
                lines.append(text)
            wrapped = len(text) >= self.terminal.cols
        return "\n".join(lines)

    def first_words(self):
        """What it said when it failed: a follow's first stderr line, a dashboard's screen."""
        if self.kind == "follow":
            if self.stderr:
                return self.stderr[0][1]
            return self.err_partial.decode("utf-8", "replace").strip()
        return " / ".join(self.screen_text().splitlines()[:6])

    def poll(self):
        if self.returncode is None:
            if self.kind == "follow":
                self.returncode = self.proc.poll()
            else:
                try:
                    pid, status = os.waitpid(self.pid, os.WNOHANG)
                except ChildProcessError:
                    pid, status = self.pid, 0
                if pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def signal(self, number):
        if self.poll() is None:
            try:
                os.kill(self.pid, number)
            except ProcessLookupError:
                pass


class Pool:
    """Every follower's pipes and ptys in one selector, read as data arrives so that no pipe fills."""

    def __init__(self):
        self.selector = selectors.DefaultSelector()
        self.followers = []

    def add(self, follower):
        self.followers.append(follower)
        for fd, stream in follower.fds.items():
            self.selector.register(fd, selectors.EVENT_READ, (follower, stream))

    def pump(self, timeout):
        if not self.selector.get_map():
            time.sleep(timeout)
            return
        for key, _ in self.selector.select(timeout):
            follower, stream = key.data
            try:
                data = os.read(key.fd, 1 << 16)
            except OSError:   # a pty whose process has gone: EIO
                data = b""
            if data:
                follower.receive(stream, data, time.time())
            else:
                self.selector.unregister(key.fd)
                follower.open_fds.discard(key.fd)

    def pump_for(self, seconds):
        until = time.time() + seconds
        while time.time() < until:
            self.pump(min(0.05, max(0.0, until - time.time())))

    def run_command(self, argv, env, timeout=60.0):
        """Runs a command to its end while pumping; returns (exit status or None on timeout, stdout, stderr,
        seconds)."""
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            began = time.time()
            proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
            while proc.poll() is None and time.time() - began < timeout:
                self.pump(0.02)
            took = time.time() - began
            if proc.poll() is None:
                proc.kill()
                proc.wait()
                code = None
            else:
                code = proc.returncode
            out.seek(0)
            err.seek(0)
            return code, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"), took

    def stop(self, followers=None, grace=5.0):
        """SIGTERM, SIGKILL after `grace` seconds, then every pipe and pty closed. Returns how many needed
        SIGKILL."""
        followers = list(self.followers if followers is None else followers)
        for f in followers:
            f.signal(signal.SIGTERM)
        until = time.time() + grace
        while time.time() < until and any(f.poll() is None for f in followers):
            self.pump(0.05)
        killed = 0
        for f in followers:
            if f.poll() is None:
                killed += 1
                f.signal(signal.SIGKILL)
        for f in followers:
            if f.kind == "follow":
                f.proc.wait()
            else:
                while f.poll() is None:
                    time.sleep(0.01)
            for fd in f.fds:
                if fd in f.open_fds:
                    self.selector.unregister(fd)
                    f.open_fds.discard(fd)
            if f.kind == "follow":
                f.proc.stdout.close()
                f.proc.stderr.close()
            else:
                try:
                    os.close(f.terminal.fd)
                except OSError:
                    pass
            if f in self.followers:
                self.followers.remove(f)
        return killed


def start_followers(pool, crisis, env_for, kinds, first, batch, timeout):
    """Starts followers of `kinds`, at most `batch` of them waiting for their first screen at a time. A follower
    that exits, writes to stderr (a follow) or shows no log within `timeout` fails and is stopped. Returns
    (started, failed)."""
    queue = list(enumerate(kinds, start=first))
    starting, started, failed = [], [], []
    while queue or starting:
        while queue and len(starting) < batch:
            number, kind = queue.pop(0)
            f = Follower(number, kind, crisis, env_for(number))
            pool.add(f)
            starting.append(f)
        pool.pump(0.05)
        now = time.time()
        for f in list(starting):
            if f.ready_at is not None:
                starting.remove(f)
                started.append(f)
                continue
            if f.poll() is not None or (f.kind == "follow" and f.stderr) or now - f.started > timeout:
                pool.pump(0.2)   # its last words, and whether it exits after them
                if f.poll() is not None:
                    f.failure = f"exited ({f.returncode}): {f.first_words()}"
                elif f.kind == "follow" and f.stderr:
                    f.failure = f"wrote to stderr and kept running: {f.first_words()}"
                else:
                    f.failure = f"no log after {timeout:g} s: {f.first_words()}"
            if f.failure:
                starting.remove(f)
                failed.append(f)
                say(f"follower {f.number} ({f.kind}) failed: {f.failure}")
                pool.stop([f])
    return started, failed


# MARK: - One count


class Writer(threading.Thread):
    """Posts one note per marker, `pace` seconds apart from start to start (one at a time)."""

    def __init__(self, crisis, env, words, pace):
        super().__init__(daemon=True)
        self.crisis, self.env, self.words, self.pace = crisis, env, words, pace
        self.posts = []
        self.began = self.finished = None

    def run(self):
        self.began = time.time()
        for index, word in enumerate(self.words):
            delay = self.began + index * self.pace - time.time()
            if delay > 0:
                time.sleep(delay)
            started = time.time()
            try:
                done = subprocess.run([self.crisis, "note", f"{word} paced note {index + 1} of {len(self.words)}",
                                       "--incident", "1"], env=self.env, capture_output=True, text=True, timeout=60)
                code, err = done.returncode, done.stderr.strip()
            except subprocess.TimeoutExpired:
                code, err = None, "timed out after 60 s"
            self.posts.append({"word": word, "start": started, "end": time.time(), "code": code, "err": err})
        self.finished = time.time()


def recorded_at(crisis, env):
    """Every marker's commit time: its event's recordedAt, from `crisis log --json`."""
    out = subprocess.run([crisis, "log", "--json", "--incident", "1"], env=env, capture_output=True, text=True,
                         check=True).stdout
    found = {}
    for line in out.splitlines():
        if not line.strip():
            continue
        event = json.loads(line)
        for word in MARKER_TEXT.findall(line):
            stamp = event["recordedAt"]
            found.setdefault(word, datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp())
    return found


def backends_gone(server, seconds=10.0):
    """Waits until the server has no backend of role crisis; returns how many are left."""
    until = time.time() + seconds
    while True:
        left = sum(server.connections().values())
        if left == 0 or time.time() > until:
            return left
        time.sleep(0.2)


def measure_count(crisis, server, work, count, args):
    """Everything for `count` followers; returns a dict of figures."""
    r = {"count": count}
    dashboards = round(count * args.dashboards_share)
    # Interleaved, so that both kinds start throughout.
    kinds = []
    for i in range(count):
        wanted = round((i + 1) * dashboards / count) if count else 0
        kinds.append("dashboard" if wanted > sum(k == "dashboard" for k in kinds) else "follow")
    home = os.path.join(work, f"home-{count}")
    os.makedirs(home, exist_ok=True)

    time.sleep(1)
    r["pss_idle"], r["rss_idle"] = server.memory_mb()
    pool = Pool()
    try:
        say(f"{count} followers: starting {kinds.count('follow')} follows and {kinds.count('dashboard')} "
            f"dashboards, {args.batch} at a time")
        began = time.time()
        started, failed = start_followers(pool, crisis, lambda n: warroom.crisis_env(home, server.url, f"viewer{n}"),
                                          kinds, 1, args.batch, args.start_timeout)
        r["start_seconds"] = time.time() - began
        r["started"], r["failed"] = started, failed
        r["kinds"] = {k: sum(f.kind == k for f in started) for k in ("follow", "dashboard")}
        say(f"{len(started)} of {count} followers show the log after {r['start_seconds']:.1f} s; {len(failed)} failed")
        pool.pump_for(2.0)
        r["by_name"] = server.connections()
        r["held"] = sum(r["by_name"].values())
        inodes = sockets_to(server.port)
        own = {k: [connections_held(f.pid, inodes) for f in started if f.kind == k] for k in ("follow", "dashboard")}
        r["own"] = own
        r["pss_connected"], r["rss_connected"] = server.memory_mb()
        rss = [rss_kb(f.pid) / 1024 for f in started]
        r["follower_rss"] = statistics.median(rss) if rss else float("nan")
        r["follower_rss_kind"] = {k: statistics.median([rss_kb(f.pid) / 1024 for f in started if f.kind == k])
                                  for k in ("follow", "dashboard") if any(f.kind == k for f in started)}
        say(f"held {r['held']} connections of role crisis ({r['by_name']}); server PSS {r['pss_connected']:.0f} MB")

        # The writing phase.
        words = [marker(count, i) for i in range(args.notes)]
        writer = Writer(crisis, warroom.crisis_env(home, server.url, "writer"), words, args.pace)
        followers_cpu = {f.pid: cpu_seconds(f.pid) for f in started}
        self_cpu = resource.getrusage(resource.RUSAGE_SELF)
        cpu0, wall0 = server.cpu(), time.time()
        writer.start()
        say(f"writing {args.notes} notes {args.pace:g} s apart")
        while writer.is_alive():
            pool.pump(0.05)
        cpu1, wall1 = server.cpu(), time.time()
        self_after = resource.getrusage(resource.RUSAGE_SELF)
        r["server_cpu"] = (cpu1 - cpu0) / (wall1 - wall0) * 100
        r["followers_cpu"] = sum(cpu_seconds(f.pid) - followers_cpu[f.pid] for f in started) / (wall1 - wall0) * 100
        r["bench_cpu"] = ((self_after.ru_utime + self_after.ru_stime) - (self_cpu.ru_utime + self_cpu.ru_stime)) \
            / (wall1 - wall0) * 100
        r["phase_seconds"] = wall1 - wall0
        posted = [p["word"] for p in writer.posts if p["code"] == 0]
        r["posts_failed"] = [p for p in writer.posts if p["code"] != 0]
        r["note_wall"] = statistics.median([p["end"] - p["start"] for p in writer.posts]) if writer.posts else None
        # Until every follower has every note, or --timeout after the last one returned.
        deadline = writer.finished + args.timeout
        while time.time() < deadline:
            pool.pump_for(0.5)
            for f in started:
                if f.kind == "dashboard":
                    f.emulate()
            if all(f.receipt(w) is not None for f in started for w in posted):
                break
        for f in started:
            if f.kind == "dashboard":
                f.emulate()
        commits = recorded_at(crisis, warroom.crisis_env(home, server.url, "writer"))
        r["alive_after"] = sum(f.poll() is None for f in started)
        r["late_stderr"] = [(f.number, line) for f in started for _, line in f.stderr]

        last, median, lost = [], [], []
        by_kind = {"follow": [], "dashboard": []}
        screen_minus_raw, raw_missing = [], 0
        for word in posted:
            commit = commits.get(word)
            if commit is None:
                lost.append(word)
                continue
            latencies = []
            for f in started:
                got = f.receipt(word)
                latencies.append(None if got is None or got - commit > args.timeout else got - commit)
                if f.kind == "dashboard" and got is not None:
                    if word in f.raw_seen:
                        screen_minus_raw.append(got - f.raw_seen[word])
                    else:
                        raw_missing += 1
            if not started or None in latencies:
                lost.append(word)
                continue
            last.append(max(latencies))
            median.append(statistics.median(latencies))
            for kind in by_kind:
                kind_latencies = [lat for f, lat in zip(started, latencies) if f.kind == kind]
                if kind_latencies:
                    by_kind[kind].append(max(kind_latencies))
        r["last"], r["median"], r["lost"], r["by_kind"] = last, median, lost, by_kind
        r["posted"] = len(posted)
        r["screen_minus_raw"] = statistics.median(screen_minus_raw) if screen_minus_raw else None
        r["raw_missing"] = raw_missing
        r["receipts_missing"] = {f.number: sum(f.receipt(w) is None for w in posted) for f in started
                                 if any(f.receipt(w) is None for w in posted)}
        say(f"{count} followers: commit to last follower p50 {ms(percentile(last, 50))} ms, "
            f"p99 {ms(percentile(last, 99))} ms; {len(lost)} of {len(posted)} notes lost; "
            f"server CPU {r['server_cpu']:.1f} % of a core")
    finally:
        r["killed"] = pool.stop()
    r["left_over"] = backends_gone(server)
    return r


# MARK: - The ceiling


def find_ceiling(crisis, server, work, args):
    """Adds follows one at a time until one is refused; then looks at the refused one, a refused dashboard,
    `crisis note` past the limit, the superuser, and whether every follow carried still hears a note."""
    c = {}
    home = os.path.join(work, "home-ceiling")
    os.makedirs(home, exist_ok=True)
    usable = server.max_connections - server.reserved
    pool = Pool()
    fillers = []
    try:
        carried, refused, steps = [], None, []
        say("ceiling: adding follows one at a time")
        for number in range(1, server.max_connections + 2):
            shown, refused = start_one_follow(pool, crisis, warroom.crisis_env(home, server.url, f"viewer{number}"),
                                              number, args.start_timeout)
            if refused is not None:
                break
            carried.append(shown)
            pool.pump_for(0.2)
            steps.append(sum(server.connections().values()))
            if number % 10 == 0:
                say(f"ceiling: {number} follows, {steps[-1]} connections")
        c["carried"], c["steps"] = len(carried), steps
        # The most terminals that leave at least one of role crisis's slots free (for the writer, or an
        # administrator who is not a superuser).
        c["with_slot"] = max([n for n, held in enumerate(steps, start=1) if held <= usable - 1], default=0)
        c["held_with_slot"] = steps[c["with_slot"] - 1] if c["with_slot"] else 0
        c["refused"] = refused.failure if refused else None
        c["refused_line"] = refused.first_words() if refused else None
        say(f"ceiling: {len(carried)} follows carried; the next: {c['refused']}")
        pool.pump_for(1.0)
        c["held"] = sum(server.connections().values())
        inodes = sockets_to(server.port)
        held_by = {f.number: connections_held(f.pid, inodes) for f in carried}
        c["per_follow"] = {n: list(held_by.values()).count(n) for n in sorted(set(held_by.values()))}
        most = max(held_by.values(), default=0)
        partial = [f for f in carried if held_by[f.number] < most]
        c["partial"] = [(f.number, held_by[f.number]) for f in partial]

        # What the refused follow does over a few seconds, and the ones carried meanwhile.
        if refused:
            cpu0, carried_cpu0, t0 = cpu_seconds(refused.pid), sum(cpu_seconds(f.pid) for f in carried), time.time()
            partial_cpu0 = {f.number: cpu_seconds(f.pid) for f in partial}
            lines0, refusals0 = len(refused.stderr), server.refusals()
            pool.pump_for(args.observe)
            took = time.time() - t0
            alive = refused.poll() is None
            c["refused_observed"] = {
                "seconds": took, "alive": alive, "returncode": refused.returncode,
                "cpu": (cpu_seconds(refused.pid) - cpu0) / took * 100 if alive else None,
                "stderr_lines": len(refused.stderr), "stderr_lines_during": len(refused.stderr) - lines0,
                "held": connections_held(refused.pid, sockets_to(server.port)) if alive else 0,
                "distinct": sorted({line for _, line in refused.stderr})[:5],
            }
            c["carried_cpu"] = (sum(cpu_seconds(f.pid) for f in carried) - carried_cpu0) / took * 100
            c["partial_cpu"] = {f.number: (cpu_seconds(f.pid) - partial_cpu0[f.number]) / took * 100 for f in partial}
            c["carried_stderr"] = [(f.number, line) for f in carried for _, line in f.stderr]
            c["held_with_refused"] = sum(server.connections().values())
            c["refusals_watched"] = (server.refusals() - refusals0) / took
            if alive:
                pool.stop([refused])

        # A dashboard past the limit.
        say("ceiling: a dashboard past the limit")
        board = Follower(0, "dashboard", crisis, warroom.crisis_env(home, server.url, "wall"))
        pool.add(board)
        board_began = time.time()
        pool.pump_for(args.observe)
        board_alive = board.poll() is None
        c["dashboard"] = {
            "alive": board_alive, "returncode": board.returncode, "ready": board.ready_at is not None,
            "cpu": cpu_seconds(board.pid) / (time.time() - board_began) * 100 if board_alive else None,
            "held": connections_held(board.pid, sockets_to(server.port)) if board_alive else 0,
            "screen": board.screen_text(),
        }
        pool.stop([board])

        # crisis note past the limit: first as things are, then with every slot left taken by idle psql sessions.
        note_env = warroom.crisis_env(home, server.url, "writer")
        code, _, err, took = pool.run_command([crisis, "note", "past the limit", "--incident", "1"], note_env)
        c["note_first"] = (code, err.strip(), took)
        if code == 0:
            say("ceiling: `crisis note` still found a slot; filling the slots left with idle psql sessions")
            base = sum(server.connections().values())
            for _ in range(server.max_connections):
                filler = subprocess.Popen(["psql", "-X", "-q", server.url], stdin=subprocess.PIPE,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                fillers.append(filler)
                until = time.time() + 5
                while time.time() < until and filler.poll() is None:
                    if sum(server.connections().values()) >= base + len(fillers):
                        break
                    pool.pump(0.05)
                if filler.poll() is not None:
                    c["filler_refusal"] = filler.stderr.read().decode("utf-8", "replace").strip()
                    fillers.remove(filler)
                    close_fillers([filler])
                    break
            c["fillers"] = len(fillers)
            code, _, err, took = pool.run_command([crisis, "note", "past the limit", "--incident", "1"], note_env)
        c["note"] = (code, err.strip(), took)
        c["held_full"] = sum(server.connections().values())
        # The administrator.
        try:
            rows = server.query("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")
            c["superuser"] = f"connects ({rows[0][0]} client backends, its own included)"
        except Exception as error:
            c["superuser"] = f"refused: {error}"
        close_fillers(fillers)
        fillers = []

        # While the slots are full: does every follow carried (those short of a connection too) hear a note
        # posted by the superuser, on a slot reserved for it?
        word = marker(0, 1)
        refusals0, began = server.refusals(), time.time()
        code, _, err, _ = pool.run_command([crisis, "note", f"{word} posted by the superuser", "--incident", "1"],
                                           warroom.crisis_env(home, server.superuser_crisis, "admin"))
        if code == 0:
            commit = recorded_at(crisis, warroom.crisis_env(home, server.superuser_crisis, "admin")).get(word)
            until = time.time() + args.timeout
            while time.time() < until and any(word not in f.raw_seen for f in carried):
                pool.pump(0.1)
            c["full_heard"] = {f.number: (f.raw_seen[word] - commit if word in f.raw_seen and commit else None)
                               for f in carried}
            c["full_missed"] = straggler_states([f for f in carried if word not in f.raw_seen], server)
            c["refusals_full"] = (server.refusals() - refusals0) / (time.time() - began)
            c["held_full_after"] = sum(server.connections().values())
        else:
            c["full_note"] = err.strip()

        # Does every follow carried still hear? One full follow stops (its slots free), then one note.
        full = [f for f in carried if f not in partial]
        if full:
            pool.stop([full[-1]])
            carried.remove(full[-1])
            until = time.time() + 10
            while time.time() < until and sum(server.connections().values()) > c["held"] - most:
                pool.pump(0.1)
            word = marker(0, 0)
            code, _, err, _ = pool.run_command([crisis, "note", f"{word} heard by all?", "--incident", "1"], note_env)
            if code == 0:
                until = time.time() + args.timeout
                while time.time() < until and any(word not in f.raw_seen for f in carried):
                    pool.pump(0.1)
                c["deaf"] = [f.number for f in carried if word not in f.raw_seen]
                c["deaf_states"] = straggler_states([f for f in carried if word not in f.raw_seen], server)
                c["heard"] = len(carried) - len(c["deaf"])
            else:
                c["deaf_note"] = err.strip()
            inodes = sockets_to(server.port)
            c["partial_after"] = [(f.number, connections_held(f.pid, inodes)) for f in partial]
    finally:
        close_fillers(fillers)
        c["killed"] = pool.stop()
    c["left_over"] = backends_gone(server)
    return c


def straggler_states(followers, server, seconds=1.0):
    """What each of `followers` is doing: alive or exit status, connections held, CPU over `seconds`, its stderr."""
    if not followers:
        return []
    before = {f.number: cpu_seconds(f.pid) for f in followers}
    time.sleep(seconds)
    inodes = sockets_to(server.port)
    out = []
    for f in followers:
        alive = f.poll() is None
        state = (f"{f.number}: " + (f"running, {connections_held(f.pid, inodes)} connection(s), "
                                    f"{(cpu_seconds(f.pid) - before[f.number]) / seconds * 100:.1f} % of a core"
                                    if alive else f"exited ({f.returncode})")
                 + f", {len(f.stderr)} line(s) on stderr")
        if f.stderr:
            state += f", the last `{f.stderr[-1][1]}`"
        out.append(state)
    return out


def close_fillers(fillers):
    for filler in fillers:
        try:
            filler.stdin.close()
        except OSError:
            pass
        try:
            filler.wait(timeout=5)
        except subprocess.TimeoutExpired:
            filler.kill()
            filler.wait()
        filler.stderr.close()


def start_one_follow(pool, crisis, env, number, timeout):
    """One follow: (it, None) once it shows the log, or (None, it) when refused; a refused one that keeps
    running is left so, to be watched."""
    f = Follower(number, "follow", crisis, env)
    pool.add(f)
    while True:
        pool.pump(0.05)
        if f.ready_at is not None:
            return f, None
        if f.poll() is not None or f.stderr or time.time() - f.started > timeout:
            pool.pump_for(0.5)   # its last words, and whether it exits after them
            if f.ready_at is not None:
                return f, None
            if f.poll() is not None:
                f.failure = f"exited ({f.returncode})"
            elif f.stderr:
                f.failure = "wrote to stderr and kept running"
            else:
                f.failure = f"no log after {timeout:g} s"
            return None, f


# MARK: - Report


def table(results):
    lines = ["| followers | terminals: follow + dashboard (failed to start) | connections held (role crisis) | "
             "connections per terminal | commit to last follower p50 / p99 (ms) | commit to median follower p50 (ms) "
             "| notes lost | server PSS / RSS idle → connected (MB) | server CPU while writing (% of a core) | "
             "crisis RSS per follower, median (MB) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        terminals = len(r["started"])
        per = f"{r['held'] / terminals:.2f}" if terminals else "-"
        pss = (lambda v: "?" if v is None else f"{v:.0f}")
        lines.append(
            f"| {r['count']} | {r['kinds']['follow']} + {r['kinds']['dashboard']} ({len(r['failed'])}) | {r['held']} | "
            f"{per} | {ms(percentile(r['last'], 50))} / {ms(percentile(r['last'], 99))} | "
            f"{ms(percentile(r['median'], 50))} | {len(r['lost'])} of {r['posted']} | "
            f"{pss(r['pss_idle'])} / {r['rss_idle']:.0f} → {pss(r['pss_connected'])} / {r['rss_connected']:.0f} | "
            f"{r['server_cpu']:.1f} | {r['follower_rss']:.0f} |")
    return "\n".join(lines)


def count_notes(r, args):
    own = r["own"]
    kinds = ", ".join(f"{k} {statistics.median(v):g} (min {min(v)}, max {max(v)})" for k, v in own.items() if v)
    names = ", ".join(f"{name or '(application_name unset)'}: {n}" for name, n in r["by_name"].items()) or "none"
    by_kind = "; ".join(f"commit to the last {k} p50 {ms(percentile(v, 50))} ms, p99 {ms(percentile(v, 99))} ms"
                        for k, v in r["by_kind"].items() if v)
    out = [f"- {r['count']} followers: started in {r['start_seconds']:.1f} s; connections by application_name: "
           f"{names}; per terminal from its own sockets (median): {kinds}. {by_kind}. Followers' CPU while writing "
           f"{r['followers_cpu']:.1f} % of a core in all, this script's {r['bench_cpu']:.1f} %; `crisis note` "
           f"wall time median {ms(r['note_wall'])} ms; writing phase {r['phase_seconds']:.1f} s. Follower RSS "
           f"median by kind: " + ", ".join(f"{k} {v:.0f} MB" for k, v in r["follower_rss_kind"].items()) + "."]
    if r["screen_minus_raw"] is not None or r["raw_missing"]:
        out.append(f"  Dashboards: a marker's screen arrival less its bytes' arrival, median "
                   f"{r['screen_minus_raw'] * 1000:.1f} ms; {r['raw_missing']} receipts on screen whose marker "
                   f"never came as one run of bytes.")
    if r["failed"]:
        reasons = {}
        for f in r["failed"]:
            reasons.setdefault(f"{f.kind}: {f.failure}", []).append(f.number)
        out.append("  Failed to start: " + "; ".join(f"{len(v)} × {k}" for k, v in reasons.items()))
    if r["posts_failed"]:
        out.append(f"  `crisis note` failed {len(r['posts_failed'])} times: {r['posts_failed'][0]['err']}")
    if r["lost"]:
        out.append(f"  Lost notes (some follower without it after {args.timeout:g} s): {len(r['lost'])}; receipts "
                   f"missing per follower: {r['receipts_missing']}")
    if r["late_stderr"]:
        out.append(f"  Lines on followers' stderr after the start: {len(r['late_stderr'])}, e.g. "
                   f"{r['late_stderr'][0][1]!r}")
    if r["alive_after"] != len(r["started"]):
        out.append(f"  {len(r['started']) - r['alive_after']} followers exited during the run.")
    if r["killed"] or r["left_over"]:
        out.append(f"  Stopping: {r['killed']} needed SIGKILL; {r['left_over']} backends of role crisis were left.")
    return out


def ceiling_lines(c, server):
    usable = server.max_connections - server.reserved
    per = ", ".join(f"{terminals} hold {held}" for held, terminals in sorted(c["per_follow"].items(), reverse=True))
    out = [f"**Ceiling: {c['with_slot']} terminals** (`crisis log --follow`) with one slot left for an "
           f"administrator: {c['held_with_slot']} of the {usable} connections role crisis may hold "
           f"(max_connections {server.max_connections} less superuser_reserved_connections {server.reserved}).",
           f"- Adding them one at a time, {c['carried']} showed the log, holding {c['held']} connections ({per}); "
           f"the next one was refused: {c['refused']}"
           + (f", saying `{c['refused_line']}`" if c.get("refused_line") else "") + "."]
    if c["partial"]:
        out.append(f"- Terminals holding fewer connections than the others (number, connections): {c['partial']}"
                   + (f"; their CPU while watched: " + ", ".join(f"{v:.1f} %" for v in c["partial_cpu"].values())
                      if c.get("partial_cpu") else "")
                   + (f"; after a full follow stopped and freed its slots: {c['partial_after']}"
                      if c.get("partial_after") else "") + ".")
    o = c.get("refused_observed")
    if o:
        if o["alive"]:
            out.append(f"- The refused follow, watched {o['seconds']:.0f} s: still running, {o['cpu']:.1f} % of a "
                       f"core, holding {o['held']} connection(s), {o['stderr_lines']} line(s) on stderr "
                       f"({o['stderr_lines_during']} while watched); distinct lines: "
                       + "; ".join(f"`{line}`" for line in o["distinct"]) + ".")
        else:
            out.append(f"- The refused follow exited ({o['returncode']}) with {o['stderr_lines']} line(s) on stderr.")
        out.append(f"- Meanwhile the {c['carried']} carried follows used {c['carried_cpu']:.1f} % of a core in all; "
                   f"{len(c['carried_stderr'])} line(s) on their stderr"
                   + (f" (e.g. `{c['carried_stderr'][0][1]}`)" if c["carried_stderr"] else "")
                   + f"; the server held {c['held_with_refused']} connections of role crisis and refused "
                   f"{c['refusals_watched']:.1f} connection(s) a second (its log's FATAL lines).")
    d = c["dashboard"]
    state = "running" if d["alive"] else f"exited ({d['returncode']})"
    screen = " ".join(d["screen"].split())
    out.append(f"- A dashboard past the limit: {state}"
               + (f", {d['cpu']:.1f} % of a core, {d['held']} connection(s)" if d["alive"] else "")
               + (", showed the log" if d["ready"] else "") + f"; its screen: `{screen[:400]}`.")
    if c["note_first"][0] == 0 and "fillers" in c:
        out.append(f"- `crisis note` right after the refusal still found a slot; {c['fillers']} idle psql "
                   f"session(s) of role crisis then took the rest"
                   + (f" (the next psql: `{c['filler_refusal']}`)" if c.get("filler_refusal") else "") + ".")
    code, err, took = c["note"]
    out.append(f"- `crisis note` past the limit ({c['held_full']} connections of role crisis held): exit "
               f"{code}, {took:.1f} s, stderr: `{err}`")
    out.append(f"- psql as the postgres superuser: {c['superuser']}.")
    if "full_heard" in c:
        heard = c["full_heard"]
        short = {n for n, _ in c["partial"]}
        full = [v for n, v in heard.items() if n not in short and v is not None]
        out.append(f"- A note posted as the superuser (on a reserved slot) while role crisis's slots were full: "
                   f"{sum(v is not None for v in heard.values())} of {len(heard)} follows received it; commit to "
                   f"the last of those with every connection {ms(max(full) if full else None)} ms"
                   + ("; those short of a connection: " + ", ".join(
                       f"{n}: {'never' if heard.get(n) is None else ms(heard[n]) + ' ms'}" for n in sorted(short))
                      if short else "")
                   + f"; the server refused {c['refusals_full']:.1f} connection(s) a second meanwhile, and role "
                   f"crisis then held {c['held_full_after']}.")
        if c["full_missed"]:
            out.append("  Those that missed it: " + "; ".join(c["full_missed"]) + ".")
    elif "full_note" in c:
        out.append(f"- A note posted as the superuser while full failed: `{c['full_note']}`.")
    if "heard" in c:
        out.append(f"- Then one full follow stopped and one note was posted: {c['heard']} of the "
                   f"{c['heard'] + len(c['deaf'])} follows left received it"
                   + (f"; not: {'; '.join(c['deaf_states'])}" if c["deaf"] else "") + ".")
    elif "deaf_note" in c:
        out.append(f"- Then one full follow stopped, but the note to check them failed: `{c['deaf_note']}`.")
    if c["killed"] or c["left_over"]:
        out.append(f"- Stopping: {c['killed']} needed SIGKILL; {c['left_over']} backends of role crisis were left.")
    return out


def machine(server):
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    return (f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}; PostgreSQL "
            f"{server.version} with its default configuration (max_connections {server.max_connections}, "
            f"superuser_reserved_connections {server.reserved})")


def write_results(section_lines):
    section = "\n".join([BEGIN, *section_lines, END])
    text = open(RESULTS).read() if os.path.exists(RESULTS) else ""
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        text = before + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    with open(RESULTS, "w") as f:
        f.write(text)


# MARK: - Main


def main():
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--binary", required=True, help="the crisis to measure (nothing is built)")
    parser.add_argument("--counts", default="10,45,90", help="follower counts, comma-separated")
    parser.add_argument("--notes", type=int, default=60, help="notes the writer posts per count")
    parser.add_argument("--pace", type=float, default=0.5, help="seconds from one note's start to the next's")
    parser.add_argument("--dashboards-share", type=float, default=0.5,
                        help="fraction of the followers that are read-only dashboards in a pty")
    parser.add_argument("--ceiling", action="store_true", help="also find how many terminals the server carries")
    parser.add_argument("--batch", type=int, default=3, help="followers starting at once")
    parser.add_argument("--start-timeout", type=float, default=30.0, help="seconds a follower has to show the log")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds after its commit a note counts as lost")
    parser.add_argument("--observe", type=float, default=5.0, help="seconds to watch a refused follower")
    parser.add_argument("--write", action="store_true", help="also write the report to Tests/Benchmarks/RESULTS.md")
    parser.add_argument("--label", help="what the binary is, for the report (\"a release build of abc123\")")
    args = parser.parse_args()
    counts = [int(c) for c in args.counts.split(",") if c.strip()]
    if not 0 <= args.dashboards_share <= 1:
        parser.error("--dashboards-share is a fraction from 0 to 1")
    crisis = os.path.abspath(args.binary)
    if not os.access(crisis, os.X_OK):
        parser.error(f"{crisis} is not an executable")

    # SIGTERM ends the run like Ctrl-C: every follower and the server are stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 4 * (max(counts + [100]) + 10) + 64
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard),
                                                    hard))
    work = tempfile.mkdtemp(prefix="crisis-followers-")
    server = None
    results, ceiling = [], None
    try:
        say("starting PostgreSQL with its default configuration")
        server = DefaultServer()
        say(f"PostgreSQL {server.version} on port {server.port}: max_connections {server.max_connections}, "
            f"superuser_reserved_connections {server.reserved}")
        warroom.open_incident(crisis, warroom.crisis_env(work, server.url, "alice"), TITLE)
        for count in counts:
            results.append(measure_count(crisis, server, work, count, args))
        if args.ceiling:
            ceiling = find_ceiling(crisis, server, work, args)
        about = machine(server)
        report_ceiling = ceiling_lines(ceiling, server) if ceiling else []
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)

    when = f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"
    command = shlex.join(["python3", "Tests/Benchmarks/followers.py", *sys.argv[1:]])
    lines = [
        "## Followers of one incident on a default PostgreSQL server (issue 18)",
        "",
        f"Measured {when} on {about}; the binary `{args.binary}`{': ' + args.label if args.label else ''}; "
        f"{args.notes} notes {args.pace:g} s apart per count; dashboards {COLS}x{ROWS} in ptys, their receipt "
        f"when the marker is on the emulated screen (pyte, fed after the writing phase with each chunk's arrival "
        f"time), follows' when its bytes arrive on stdout; with",
        f"`{command}`.",
        "",
        table(results),
        "",
    ]
    for r in results:
        lines += count_notes(r, args)
    if report_ceiling:
        lines += ["", *report_ceiling]
    print("\n".join(lines))
    if args.write:
        write_results(lines)
        say(f"wrote {os.path.relpath(RESULTS, ROOT)}")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        say("interrupted: everything started was stopped")
        sys.exit(130)
