#!/usr/bin/env python3
"""crisis serve under a thousand browsers following one customer's live status page.

Builds a release crisis, opens an incident for customer ACME, shares its page, starts `crisis serve`, and
connects N (1000) Server-Sent Events clients to the page's `events` stream, all in one asyncio loop of raw
sockets (HTTP/1.1, chunked bodies decoded, SSE messages parsed). Then posts M (20) briefings from the command
line, a few seconds apart, each with a marker word of its own, and measures, on PostgreSQL (a throw-away
server from .ci/postgres-server, a database of its own for the run) and on SQLite:

  1. From the commit (the event's recordedAt, read back with `crisis log --json`: PostgreSQL stamps it in the
     appending transaction, SQLite's writer just before it commits) to each client's receipt of the page
     message holding the marker: per briefing until the LAST client has it, and per client.
  2. The same from the moment the `crisis brief` process returned (it may be negative: the server can be
     faster than the writer's exit).
  3. The server's resident memory before any client, with every client connected, after each briefing and
     at the end; its CPU time over --idle seconds with every client connected (the keep-alives) and over
     the posting phase; the connections it holds to PostgreSQL (its own sockets, matched
     against /proc/net/tcp, and pg_stat_activity for the database alongside).
  4. How many clients received every briefing; and whether a graceful stop (SIGTERM) with every stream
     still open ends the streams cleanly (the chunked body's last chunk) and exits within --grace seconds,
     and if not, how long the server takes to exit once the clients hang up.

The clients share the machine with the server: what the Python loop spends reading 1000 sockets is part of
the latency measured, and its CPU time over the posting phase is reported alongside.

Prints one Markdown table and writes it, with the machine it ran on, as its own section of
Tests/Benchmarks/RESULTS.md (between `serve.py` markers; the rest of the file is left as it is; warroom.py
rewrites the whole file, so run this one after it).

Usage (from the repository; root not needed):
    python3 Tests/Benchmarks/serve.py [--clients N] [--posts M] [--pause S] [--binary PATH] [--no-sqlite]
Nothing here is part of `swift test`: a benchmark reports, tests check behaviour.
"""

import argparse
import asyncio
import datetime
import json
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRATCH = os.path.join(ROOT, ".build-bench")
RESULTS = os.path.join(ROOT, "Tests/Benchmarks/RESULTS.md")
BEGIN = "<!-- serve.py: begin (written by Tests/Benchmarks/serve.py, which replaces only this section) -->"
END = "<!-- serve.py: end -->"
MARKER = re.compile(rb"bench-\d{2}-[a-z0-9]{6}")
LISTENING = re.compile(r"crisis serve: http://127\.0\.0\.1:(\d+) serves")


def say(text):
    print(f"bench: {text}", file=sys.stderr, flush=True)


def build_release():
    say("building crisis in release mode (first time: several minutes)")
    subprocess.run(["swift", "build", "-c", "release", "--scratch-path", SCRATCH, "--product", "crisis"],
                   cwd=ROOT, check=True)
    out = subprocess.run(["swift", "build", "-c", "release", "--scratch-path", SCRATCH, "--show-bin-path"],
                         cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(out, "crisis")


def allow_open_files(clients):
    """Every client is a socket of ours: raise the soft limit toward the hard one as far as they need."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = clients + 256
    if soft != resource.RLIM_INFINITY and soft < wanted:
        new = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (new, hard))
        soft = new
    if soft != resource.RLIM_INFINITY and soft < wanted:
        raise SystemExit(f"bench: {clients} clients need {wanted} open files; the hard limit is {hard}")


def cpu_seconds(pid):
    """User plus system CPU time of a process so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def status_mb(pid, key):
    """VmRSS or VmHWM of a process, in MB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def threads(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("Threads:"):
                return int(line.split()[1])
    return 0


def tcp_connections_to(pid, port):
    """How many established TCP connections process `pid` holds to 127.0.0.1:`port`: its socket inodes,
    looked up in the kernel's connection table."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    count = 0
    for table in (f"/proc/{pid}/net/tcp", f"/proc/{pid}/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    fields = line.split()
                    remote_port = int(fields[2].rsplit(":", 1)[1], 16)
                    if fields[3] == "01" and remote_port == port and fields[9] in inodes:
                        count += 1
        except FileNotFoundError:
            pass
    return count


def open_files(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def crisis_env(home, database, author="ana"):
    return {
        "PATH": "/usr/bin:/bin", "HOME": home, "CRISIS_DB": database, "CRISIS_AUTHOR": author,
        "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC",
    }


def run(argv, env):
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:2])} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


# MARK: - PostgreSQL


class Postgres:
    """A throw-away server from .ci/postgres-server, and a database of its own for each run."""

    def __init__(self):
        out = subprocess.run([os.path.join(ROOT, ".ci/postgres-server"), "start"], check=True, capture_output=True,
                             text=True).stdout.split("\n")
        self.url, self.directory = out[0], out[1]
        self.port = urllib.parse.urlsplit(self.url).port

    def create_database(self, name):
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", self.url, "-c", f"CREATE DATABASE {name}"],
                       check=True, capture_output=True)
        parts = urllib.parse.urlsplit(self.url)
        return urllib.parse.urlunsplit(parts._replace(path="/" + name))

    def stop(self):
        subprocess.run([os.path.join(ROOT, ".ci/postgres-server"), "stop", self.directory], capture_output=True)
        shutil.rmtree(self.directory, ignore_errors=True)


async def backends(url):
    """Connections to the run's database other than this query's own, as PostgreSQL counts them."""
    proc = await asyncio.create_subprocess_exec(
        "psql", "-X", "-q", "-t", "-A", url, "-c",
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return int(out.strip() or -1)


# MARK: - The server


class Server:
    def __init__(self, crisis, env, work, name):
        self.log_path = os.path.join(work, f"serve-{name}.log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [crisis, "serve", "--listen", "127.0.0.1:0", "--max-connections", "5000"], env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.log, start_new_session=True)
        self.pid = self.process.pid
        self.port = None
        deadline = time.time() + 60
        while time.time() < deadline:
            with open(self.log_path) as f:
                found = LISTENING.search(f.read())
            if found:
                self.port = int(found.group(1))
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError(f"crisis serve did not start listening; its stderr:\n{self.text()}")

    def text(self):
        with open(self.log_path) as f:
            return f.read()

    def stop(self, timeout=20):
        """SIGTERM (a graceful stop), then SIGKILL if it lingers. Returns seconds to exit, or None if killed."""
        if self.process.poll() is not None:
            self.log.close()
            return 0.0
        began = time.perf_counter()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
            return time.perf_counter() - began
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return None
        finally:
            self.log.close()


# MARK: - The clients


class Watch:
    """What every client has seen: who has the first page, who has which marker, and when."""

    def __init__(self, clients):
        self.clients = clients
        self.first_pages = 0
        self.all_first = asyncio.Event()
        self.got = {}          # marker -> number of clients that have it
        self.complete = {}     # marker -> asyncio.Event set once every client has it
        self.lost = 0

    def expect(self, marker):
        self.got[marker] = 0
        self.complete[marker] = asyncio.Event()

    def first_page(self):
        self.first_pages += 1
        if self.first_pages == self.clients:
            self.all_first.set()

    def marker(self, marker):
        if marker in self.got:
            self.got[marker] += 1
            if self.got[marker] == self.clients:
                self.complete[marker].set()


class EventStream(asyncio.Protocol):
    """One browser on the page's events: a raw HTTP/1.1 GET, the chunked body decoded, SSE messages parsed."""

    def __init__(self, watch, host, port, path):
        self.watch = watch
        self.request = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n"
                        f"Cache-Control: no-cache\r\nUser-Agent: crisis-serve-bench\r\n\r\n").encode()
        self.raw = bytearray()       # what has not been decoded yet
        self.body = bytearray()      # decoded body not yet split into messages
        self.head = None
        self.chunked = False
        self.chunk_left = 0          # bytes of the current chunk still to come; -1: expecting a size line
        self.trailer_crlf = False
        self.ended_cleanly = False   # the last chunk (size 0) came
        self.status = None
        self.first_page_at = None
        self.seen = {}               # marker -> time.time() of receipt
        self.pages = 0
        self.ids = []
        self.keepalives = 0
        self.retry = None
        self.message_bytes = 0
        self.received = 0
        self.lost_at = None
        self.lost_error = None
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        transport.write(self.request)

    def connection_lost(self, exc):
        self.lost_at = time.time()
        self.lost_error = exc
        self.watch.lost += 1

    def data_received(self, data):
        now = time.time()
        self.received += len(data)
        self.raw += data
        if self.head is None:
            end = self.raw.find(b"\r\n\r\n")
            if end < 0:
                return
            self.head = bytes(self.raw[:end]).decode("latin-1")
            del self.raw[:end + 4]
            lines = self.head.split("\r\n")
            self.status = int(lines[0].split()[1])
            headers = {k.strip().lower(): v.strip() for k, _, v in (l.partition(":") for l in lines[1:])}
            self.chunked = headers.get("transfer-encoding", "").lower() == "chunked"
            self.chunk_left = -1
        if self.chunked:
            self.dechunk()
        else:
            self.body += self.raw
            self.raw.clear()
        self.messages(now)

    def dechunk(self):
        raw = self.raw
        while raw:
            if self.trailer_crlf:
                if len(raw) < 2:
                    return
                del raw[:2]
                self.trailer_crlf = False
                self.chunk_left = -1
            elif self.chunk_left == -1:
                end = raw.find(b"\r\n")
                if end < 0:
                    return
                size = int(bytes(raw[:end]).split(b";")[0], 16)
                del raw[:end + 2]
                if size == 0:
                    self.ended_cleanly = True
                    raw.clear()
                    return
                self.chunk_left = size
            else:
                take = min(self.chunk_left, len(raw))
                self.body += raw[:take]
                del raw[:take]
                self.chunk_left -= take
                if self.chunk_left == 0:
                    self.trailer_crlf = True

    def messages(self, now):
        body = self.body
        while True:
            end = body.find(b"\n\n")
            if end < 0:
                return
            block = bytes(body[:end])
            del body[:end + 2]
            event, data, ident = None, [], None
            for line in block.split(b"\n"):
                if line.startswith(b":"):
                    self.keepalives += 1
                    continue
                name, _, value = line.partition(b":")
                value = value[1:] if value.startswith(b" ") else value
                if name == b"event":
                    event = value
                elif name == b"data":
                    data.append(value)
                elif name == b"id":
                    ident = value
                elif name == b"retry":
                    self.retry = int(value)
            if event != b"page":
                continue
            payload = b"\n".join(data)
            self.pages += 1
            self.ids.append(ident.decode() if ident else None)
            self.message_bytes = len(block) + 2
            if self.first_page_at is None:
                self.first_page_at = now
                self.watch.first_page()
            for found in set(MARKER.findall(payload)):
                marker = found.decode()
                if marker not in self.seen:
                    self.seen[marker] = now
                    self.watch.marker(marker)


async def connect_all(watch, host, port, path, clients, parallel=64):
    """Opens `clients` streams, at most `parallel` connection attempts at a time."""
    loop = asyncio.get_running_loop()
    gate = asyncio.Semaphore(parallel)
    streams, failures = [], []

    async def one():
        async with gate:
            for attempt in range(3):
                try:
                    _, stream = await loop.create_connection(lambda: EventStream(watch, host, port, path), host, port)
                    streams.append(stream)
                    return
                except OSError as error:
                    if attempt == 2:
                        failures.append(repr(error))
                    await asyncio.sleep(0.2)

    await asyncio.gather(*(one() for _ in range(clients)))
    return streams, failures


async def post_briefing(crisis, env, text):
    """`crisis brief` as a person would run it; returns (time.time() it was started, when it returned)."""
    began = time.time()
    proc = await asyncio.create_subprocess_exec(
        crisis, "brief", text, "--next", "30m", env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    _, err = await proc.communicate()
    returned = time.time()
    if proc.returncode != 0:
        raise RuntimeError(f"crisis brief failed ({proc.returncode}): {err.decode().strip()}")
    return began, returned


def recorded_at(crisis, env, markers):
    """Each marker's event time as the store recorded it: `crisis log --json` (ISO 8601, milliseconds)."""
    found = {}
    for line in run([crisis, "log", "--json"], env).splitlines():
        if not line.strip():
            continue
        event = json.loads(line)
        for marker in markers:
            if marker in line and marker not in found:
                stamp = event["recordedAt"]
                found[marker] = datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
    return found


# MARK: - One run


async def follow_and_post(crisis, env, server, page_path, args, url, pg_port):
    """Everything that happens while clients are connected. Returns the raw observations."""
    out = {}
    watch = Watch(args.clients)
    pid = server.pid
    await asyncio.sleep(2)
    out["rss_idle"] = status_mb(pid, "VmRSS")
    out["fds_idle"] = open_files(pid)
    out["threads_idle"] = threads(pid)
    if pg_port:
        out["pg_own_idle"] = tcp_connections_to(pid, pg_port)
        out["pg_backends_idle"] = await backends(url)

    say(f"connecting {args.clients} clients")
    began = time.time()
    cpu_before_connect = cpu_seconds(pid)
    streams, failures = await connect_all(watch, "127.0.0.1", server.port, page_path + "events", args.clients)
    out["connect_failures"] = failures
    try:
        await asyncio.wait_for(watch.all_first.wait(), timeout=120)
    except asyncio.TimeoutError:
        pass
    out["first_pages"] = watch.first_pages
    out["connect_seconds"] = time.time() - began
    out["connect_cpu"] = cpu_seconds(pid) - cpu_before_connect
    statuses = {}
    for s in streams:
        statuses[s.status] = statuses.get(s.status, 0) + 1
    out["statuses"] = statuses
    say(f"{watch.first_pages} of {args.clients} clients have the first page after {out['connect_seconds']:.1f} s")
    await asyncio.sleep(2)
    out["rss_connected"] = status_mb(pid, "VmRSS")
    out["fds_connected"] = open_files(pid)
    out["threads_connected"] = threads(pid)
    if pg_port:
        out["pg_own_connected"] = tcp_connections_to(pid, pg_port)
        out["pg_backends_connected"] = await backends(url)

    # Idle with every client connected: what the keep-alives (every 15 s) cost.
    if args.idle > 0:
        say(f"idle for {args.idle:g} s with every client connected")
        idle_before = cpu_seconds(pid)
        await asyncio.sleep(args.idle)
        out["cpu_idle"] = cpu_seconds(pid) - idle_before

    # The briefings, one after another.
    rng = __import__("random").Random(os.getpid() ^ int(time.time()))
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    posts = []
    rss_after_post, pg_own_during = [], []
    cpu_before = cpu_seconds(pid)
    mine_before = resource.getrusage(resource.RUSAGE_SELF)
    phase_began = time.time()
    for i in range(args.posts):
        marker = f"bench-{i:02d}-" + "".join(rng.choice(alphabet) for _ in range(6))
        watch.expect(marker)
        started, returned = await post_briefing(
            crisis, env, f"Update {i + 1}: mitigation in progress, marker {marker}. Next update in 30 minutes.")
        try:
            await asyncio.wait_for(watch.complete[marker].wait(), timeout=args.timeout)
        except asyncio.TimeoutError:
            say(f"briefing {i + 1}: only {watch.got[marker]} of {args.clients} clients after {args.timeout:.0f} s")
        posts.append({"marker": marker, "started": started, "returned": returned, "got": watch.got[marker]})
        rss_after_post.append(status_mb(pid, "VmRSS"))
        if pg_port:
            pg_own_during.append(tcp_connections_to(pid, pg_port))
        if i + 1 < args.posts:
            await asyncio.sleep(args.pause)
    # A last moment for stragglers before the books close.
    await asyncio.sleep(1)
    phase_seconds = time.time() - phase_began
    out["cpu_posting"] = cpu_seconds(pid) - cpu_before
    mine_after = resource.getrusage(resource.RUSAGE_SELF)
    out["client_cpu_posting"] = (mine_after.ru_utime + mine_after.ru_stime) - (mine_before.ru_utime + mine_before.ru_stime)
    out["phase_seconds"] = phase_seconds
    out["posts"] = posts
    out["rss_after_post"] = rss_after_post
    out["rss_end"] = status_mb(pid, "VmRSS")
    out["hwm_end"] = status_mb(pid, "VmHWM")
    out["fds_end"] = open_files(pid)
    out["threads_end"] = threads(pid)
    if pg_port:
        out["pg_own_during"] = pg_own_during
        out["pg_own_end"] = tcp_connections_to(pid, pg_port)
        out["pg_backends_end"] = await backends(url)
    out["lost_before_stop"] = watch.lost
    out["grace"] = args.grace
    out["streams"] = streams

    # A graceful stop with every stream open: the server should end each body and exit. If it has not within
    # `--grace` seconds, the clients hang up, and the time it then takes to exit is noted instead.
    say("stopping the server (SIGTERM) with every stream open")
    process = server.process
    process.send_signal(signal.SIGTERM)
    began = time.perf_counter()
    while process.poll() is None and time.perf_counter() - began < args.grace:
        await asyncio.sleep(0.02)
    out["stop_seconds"] = time.perf_counter() - began if process.poll() is not None else None
    await asyncio.sleep(0.5)
    out["ended_cleanly"] = sum(1 for s in streams if s.ended_cleanly)
    out["closed_by_stop"] = sum(1 for s in streams if s.lost_at is not None)
    out["refused_during_stop"] = None
    if process.poll() is None:
        try:
            _, probe = await loop_connect_probe(server.port)
            out["refused_during_stop"] = not probe
        except OSError:
            out["refused_during_stop"] = True
        say(f"the server has not exited {args.grace:.0f} s after SIGTERM ({out['ended_cleanly']} streams ended): "
            "the clients hang up")
        for s in streams:
            if s.transport is not None:
                s.transport.abort()
        hung_up = time.perf_counter()
        while process.poll() is None and time.perf_counter() - hung_up < 30:
            await asyncio.sleep(0.05)
        out["exit_after_hangup"] = time.perf_counter() - hung_up if process.poll() is not None else None
    for s in streams:
        if s.transport is not None:
            s.transport.abort()
    await asyncio.sleep(0.2)
    return out


async def loop_connect_probe(port):
    """Whether a new connection is still accepted (and answered) while the server stops."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 2)
    writer.write(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    try:
        answer = await asyncio.wait_for(reader.read(64), 2)
    except asyncio.TimeoutError:
        answer = b""
    writer.close()
    return None, answer.startswith(b"HTTP/1.1 200")


def summarise(raw, commits, clients):
    """Latencies and counts from what the clients saw and when the store recorded each briefing."""
    streams = raw["streams"]
    last_from_commit, last_from_return, per_client_commit, per_client_return = [], [], [], []
    first_from_commit = []
    for post in raw["posts"]:
        marker = post["marker"]
        commit = commits.get(marker)
        times = [s.seen[marker] for s in streams if marker in s.seen]
        if not times or commit is None:
            continue
        last_from_commit.append((max(times) - commit) * 1000)
        first_from_commit.append((min(times) - commit) * 1000)
        last_from_return.append((max(times) - post["returned"]) * 1000)
        per_client_commit += [(t - commit) * 1000 for t in times]
        per_client_return += [(t - post["returned"]) * 1000 for t in times]
        post["commit_to_last"] = last_from_commit[-1]
        post["commit_to_first"] = first_from_commit[-1]
        post["brief_seconds"] = post["returned"] - post["started"]
        post["commit_after_start"] = commit - post["started"]
    markers = [p["marker"] for p in raw["posts"]]
    every = sum(1 for s in streams if all(m in s.seen for m in markers))
    pages_expected = 1 + len(markers)
    return {
        "last_p50": percentile(last_from_commit, 50), "last_p99": percentile(last_from_commit, 99),
        "last_max": max(last_from_commit, default=float("nan")),
        "first_p50": percentile(first_from_commit, 50),
        "client_p50": percentile(per_client_commit, 50), "client_p99": percentile(per_client_commit, 99),
        "return_last_p50": percentile(last_from_return, 50), "return_client_p50": percentile(per_client_return, 50),
        "brief_p50": statistics.median([p["brief_seconds"] for p in raw["posts"] if "brief_seconds" in p] or [float("nan")]),
        "every": every,
        "extra_pages": sum(1 for s in streams if s.pages > pages_expected),
        "fewer_pages": sum(1 for s in streams if s.pages < pages_expected),
        "page_counts": sorted({s.pages for s in streams}),
        "keepalives": statistics.median([s.keepalives for s in streams]) if streams else 0,
        "message_bytes": statistics.median([s.message_bytes for s in streams if s.message_bytes]) if streams else 0,
        "retry": sorted({s.retry for s in streams}, key=lambda r: (r is None, r)),
        "received_mb": sum(s.received for s in streams) / 1e6,
        "missing_commits": [m for m in markers if m not in commits],
        "clients": clients,
    }


def scenario(crisis, work, name, database, args, url=None, pg_port=None):
    """Opens, shares, serves and measures one store. Returns (raw observations, summary, server log)."""
    home = os.path.join(work, name)
    os.makedirs(home, exist_ok=True)
    env = crisis_env(home, database)
    say(f"{name}: opening an incident for ACME and sharing its page")
    run([crisis, "open", "Checkout failing for ACME", "--severity", "1", "--customer", "ACME", "--owner", "Ana",
         "--phone", "+1 555 0100"], env)
    address = run([crisis, "share", "--customer", "ACME"], env).strip().splitlines()[-1]
    page_path = urllib.parse.urlsplit(address).path
    if not re.fullmatch(r"/s/[A-Za-z0-9_-]{43}/", page_path):
        raise RuntimeError(f"crisis share printed an unexpected address: {address!r}")
    server = Server(crisis, env, work, name)
    say(f"{name}: crisis serve listens on port {server.port} (pid {server.pid})")
    try:
        raw = asyncio.run(follow_and_post(crisis, env, server, page_path, args, url, pg_port))
    finally:
        server.stop()
    commits = recorded_at(crisis, env, [p["marker"] for p in raw["posts"]])
    summary = summarise(raw, commits, args.clients)
    return raw, summary, server.text()


def log_findings(text):
    """The server's stderr, told apart: access-log lines by path and status, everything else verbatim."""
    access = re.compile(r"^\S+Z \S+ (GET|HEAD|POST|PUT|DELETE|OPTIONS) (\S+) (\d{3}) (\d+)ms$")
    counts, other = {}, []
    for line in text.splitlines():
        m = access.match(line)
        if m:
            key = f"{m.group(1)} {m.group(2)} {m.group(3)}"
            counts[key] = counts.get(key, 0) + 1
        elif line.strip():
            other.append(line)
    return counts, other


# MARK: - Report


def table(results, clients, posts, idle):
    names = [n for n in ("postgres", "sqlite") if n in results]
    heads = {"postgres": "crisis serve (PostgreSQL)", "sqlite": "crisis serve (SQLite)"}

    def row(label, fn):
        cells = []
        for n in names:
            try:
                cells.append(fn(*results[n]))
            except (KeyError, TypeError, ValueError):
                cells.append("-")
        return f"| {label} | {' | '.join(cells)} |"

    n = f"{clients:,}"
    lines = [f"| measure | {' | '.join(heads[x] for x in names)} |", "|---|" + "---|" * len(names)]
    lines += [
        row(f"Clients with the first page / connected", lambda r, s: f"{r['first_pages']} / {clients - len(r['connect_failures'])}"),
        row(f"{n} clients connected and given the page (s)", lambda r, s: f"{r['connect_seconds']:.2f}"),
        row(f"Commit to LAST client, p50 of {posts} briefings (ms)", lambda r, s: f"{s['last_p50']:.1f}"),
        row(f"Commit to LAST client, p99 of {posts} briefings (ms)", lambda r, s: f"{s['last_p99']:.1f}"),
        row("Commit to first client, p50 (ms)", lambda r, s: f"{s['first_p50']:.1f}"),
        row(f"Commit to each client, p50 of {clients * posts:,} receipts (ms)", lambda r, s: f"{s['client_p50']:.1f}"),
        row(f"Commit to each client, p99 of {clients * posts:,} receipts (ms)", lambda r, s: f"{s['client_p99']:.1f}"),
        row("`crisis brief` returned to LAST client, p50 (ms)", lambda r, s: f"{s['return_last_p50']:.1f}"),
        row("`crisis brief` run time, p50 (ms)", lambda r, s: f"{s['brief_p50'] * 1000:.0f}"),
        row(f"Clients that got all {posts} briefings", lambda r, s: f"{s['every']} of {clients}"),
        row("Last page message per client (bytes)", lambda r, s: f"{s['message_bytes']:.0f}"),
        row("Server resident memory, before any client (MB)", lambda r, s: f"{r['rss_idle']:.1f}"),
        row(f"Server resident memory, {n} clients (MB)", lambda r, s: f"{r['rss_connected']:.1f}"),
        row(f"Server resident memory, after {posts} briefings (MB)", lambda r, s: f"{r['rss_end']:.1f}"),
        row("Server CPU over the posting phase (s)", lambda r, s: f"{r['cpu_posting']:.2f} in {r['phase_seconds']:.0f} s"),
        row("Server CPU per briefing, all clients (ms)", lambda r, s: f"{r['cpu_posting'] / posts * 1000:.0f}"),
        row(f"Server CPU idle with {n} clients, over {idle:g} s (ms; keep-alives every 15 s)",
            lambda r, s: f"{r['cpu_idle'] * 1000:.0f}"),
        row("Benchmark clients' CPU over the posting phase (s)", lambda r, s: f"{r['client_cpu_posting']:.2f}"),
        row(f"Server's PostgreSQL connections, before any client / {n} clients / end", lambda r, s:
            f"{r['pg_own_idle']} / {r['pg_own_connected']} / {r['pg_own_end']}"),
        row("Server's PostgreSQL connections, most while posting", lambda r, s: f"{max(r['pg_own_during'])}"),
        row("Graceful stop (SIGTERM) with every stream open (s)", lambda r, s:
            f"none within {r['grace']:g} s" if r["stop_seconds"] is None else f"{r['stop_seconds']:.2f}"),
        row("Streams ended cleanly by that stop", lambda r, s: f"{r['ended_cleanly']} of {clients}"),
        row("Then, exit after the clients hung up (s)", lambda r, s:
            "-" if r["stop_seconds"] is not None else
            ("none within 30 s (killed)" if r["exit_after_hangup"] is None else f"{r['exit_after_hangup']:.1f}")),
    ]
    return "\n".join(lines)


def write_results(report, facts, notes):
    section = "\n".join([
        BEGIN,
        facts["heading"],
        "",
        f"Measured {facts['when']} on {facts['cpus']} cores ({facts['cpu']}), {facts['kernel']}; {facts['what']}, with",
        f"`{facts['command']}` (a release build of {facts['commit']}).",
        "",
        report,
        "",
        *notes,
        END,
    ])
    text = open(RESULTS).read() if os.path.exists(RESULTS) else ""
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    with open(RESULTS, "w") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=1000, help="SSE clients following the page")
    parser.add_argument("--posts", type=int, default=20, help="briefings posted one after another")
    parser.add_argument("--pause", type=float, default=3.0, help="seconds between briefings")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for every client per briefing")
    parser.add_argument("--idle", type=float, default=30.0, help="seconds idle with every client connected")
    parser.add_argument("--grace", type=float, default=10.0, help="seconds a graceful stop may take")
    parser.add_argument("--binary", help="use this crisis instead of building a release one (for a quick try)")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--no-results", action="store_true", help="print the table, leave RESULTS.md alone")
    args = parser.parse_args()

    # SIGTERM ends the run like Ctrl-C: every process started is stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    allow_open_files(args.clients)
    crisis = os.path.abspath(args.binary) if args.binary else build_release()
    work = tempfile.mkdtemp(prefix="crisis-serve-bench-")
    results, logs = {}, {}
    postgres = None
    try:
        say("starting PostgreSQL")
        postgres = Postgres()
        url = postgres.create_database(f"serve_bench_{os.getpid()}")
        results["postgres"] = scenario(crisis, work, "postgres", url, args, url=url, pg_port=postgres.port)[:2]
        logs["postgres"] = log_findings(open(os.path.join(work, "serve-postgres.log")).read())
        postgres.stop()
        postgres = None
        if not args.no_sqlite:
            database = os.path.join(work, "sqlite", "crisis.db")
            os.makedirs(os.path.dirname(database), exist_ok=True)
            results["sqlite"] = scenario(crisis, work, "sqlite", database, args)[:2]
            logs["sqlite"] = log_findings(open(os.path.join(work, "serve-sqlite.log")).read())
    finally:
        if postgres is not None:
            postgres.stop()
        shutil.rmtree(work, ignore_errors=True)

    report = table(results, args.clients, args.posts, args.idle)
    print(report)

    notes = []
    for name, (raw, s) in results.items():
        per_post = ", ".join(f"{p.get('commit_to_last', float('nan')):.0f}" for p in raw["posts"])
        rss = raw["rss_after_post"]
        counts, other = logs[name]
        say(f"{name}: commit to last client per briefing (ms): {per_post}")
        say(f"{name}: resident memory after each briefing (MB): {rss[0]:.1f} .. {rss[-1]:.1f} (peak VmHWM {raw['hwm_end']:.1f})")
        say(f"{name}: page messages per client: {s['page_counts']}, keep-alive comments per client (median) "
            f"{s['keepalives']}, retry {s['retry']}, HTTP statuses {raw['statuses']}, failed connects "
            f"{len(raw['connect_failures'])} {raw['connect_failures'][:3]}")
        say(f"{name}: open files idle/connected/end {raw['fds_idle']}/{raw['fds_connected']}/{raw['fds_end']}, "
            f"threads {raw['threads_idle']}/{raw['threads_connected']}/{raw['threads_end']}; streams closed before "
            f"the stop {raw['lost_before_stop']}, closed by it {raw['closed_by_stop']}; new connections refused "
            f"while stopping: {raw['refused_during_stop']}")
        if "pg_backends_idle" in raw:
            say(f"{name}: pg_stat_activity backends for the database (psql's own left out): idle "
                f"{raw['pg_backends_idle']}, connected {raw['pg_backends_connected']}, end {raw['pg_backends_end']}")
        say(f"{name}: server log: {counts}; other lines: {other[:10]}")
        if s["missing_commits"]:
            say(f"{name}: no recordedAt found for {s['missing_commits']}")
        notes.append(f"- {name}: commit to the last client per briefing (ms): {per_post}. Resident memory after each "
                     f"briefing {rss[0]:.1f} to {rss[-1]:.1f} MB. Page messages per client: "
                     f"{', '.join(map(str, s['page_counts']))} (1 + {args.posts} expected); "
                     f"{s['received_mb']:.1f} MB read by the clients in all.")

    if not args.no_results:
        cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip() or "?"
        command = "python3 Tests/Benchmarks/serve.py" + (f" --binary {args.binary}" if args.binary else "")
        if (args.clients, args.posts) != (1000, 20):
            command += f" --clients {args.clients} --posts {args.posts}"
        facts = {
            "heading": f"## crisis serve: {args.clients:,} browsers following one page",
            "when": f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC", "cpus": os.cpu_count(),
            "cpu": cpu, "kernel": f"{platform.system()} {platform.release()}",
            "what": f"{args.clients} SSE clients on one page, {args.posts} briefings {args.pause:g} s apart",
            "command": command, "commit": commit,
        }
        write_results(report, facts, notes)
        say(f"wrote {os.path.relpath(RESULTS, ROOT)}")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        say("interrupted: everything started was stopped")
        sys.exit(130)
