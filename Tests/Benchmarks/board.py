#!/usr/bin/env python3
"""The commander's board on a year of incidents: a seeded store of N incidents and M events, and how fast crisis
lists them, draws the board, follows it and opens one incident from it.

1. Generates the store (the same seed, sizes and --now give the same database), for SQLite and PostgreSQL:
   N incidents (default 2,000) and M events in all (default 2,000,000) over the 365 days before --now. Most are
   closed (resolved, confirmed or not, closed, with briefings on a cadence and a follow-up or two); 10-15 are
   open, of every severity, some with their next update overdue, one without an owner. A few incidents have
   ~100,000 events (the biggest of them open), most have hundreds. Texts are random words.
   Payloads are never written by hand: the script first drives the real CLI through a template incident that
   uses every kind it generates, reads the rows back, and clones them (the same keys, the same JSON form, new
   texts and times). The first incident is opened by the binary itself, so the store's schema is the binary's;
   the rest is bulk-loaded (SQLite: one transaction, executemany; PostgreSQL: one COPY per table, with the
   server's stamping trigger off). Each row carries its hash-chain link (issue 17), computed here as crisis
   computes it (warroom.chain_hash). `crisis rebuild-summaries` runs (timed) once the log is in, then
   `crisis list --all --json`, `show` and `log` must fold the store as planned, and `crisis verify --all` (when
   the binary has it) must find every chain intact.
2. Measures, on each store (a measure reads "n/a (the binary has no X)" while the binary lacks a command):
   `crisis list`, `list --all --limit 50`, `list --since 30d --json` (median of
   10 runs); `crisis board` at 200x60 in a pty: first complete frame (every open incident's INC-<n> on screen)
   and peak resident memory; the board's CPU per event while 50 notes are posted to open incidents 0.2 s
   apart, less its idle CPU; opening the biggest open incident with `crisis dashboard --incident N`, and from
   the board (`/incident N` Enter, and the row's digit key), until its title shows.
3. Prints one Markdown table; with --write it also replaces its own section of Tests/Benchmarks/RESULTS.md
   (between the `board.py` markers; the rest of the file stays as it is).

Screens are read as warroom.py reads them: the pty's bytes go through a terminal emulator (pyte).

Usage (from the repository):
    python3 Tests/Benchmarks/board.py [--binary PATH] [--incidents 2000] [--events 2000000] [--seed 7]
        [--now ISO] [--stores sqlite,postgres] [--keep DIR [--reuse]] [--quick] [--no-measure]
        [--runs 10] [--timeout 120] [--write [--label TEXT]]
--quick is 200 incidents and 100,000 events; --keep DIR leaves the stores in DIR (the PostgreSQL server stopped,
its directory in DIR/postgres.txt) and --reuse measures them again without generating them.
Nothing here is part of `swift test`: a benchmark reports, tests check behaviour.
"""

import argparse
import dataclasses
import datetime
import json
import os
import platform
import random
import re
import select
import shlex
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCRATCH = os.path.join(ROOT, ".build-bench")
WORK = os.path.join(SCRATCH, "board")
RESULTS = os.path.join(ROOT, "Tests/Benchmarks/RESULTS.md")
BEGIN = "<!-- board.py: begin (written by Tests/Benchmarks/board.py, which replaces only this section) -->"
END = "<!-- board.py: end -->"
POSTGRES_SERVER = os.path.join(ROOT, ".ci/postgres-server")

sys.path.insert(0, HERE)
import warroom  # noqa: E402  (its pty terminal and /proc readers; importing it runs nothing)

SECOND, MINUTE, HOUR, DAY = 1000, 60_000, 3_600_000, 86_400_000
DEFAULT_CADENCE = {1: 20 * MINUTE, 2: 30 * MINUTE, 3: HOUR, 4: 4 * HOUR}   # crisis open's defaults by severity
MIN_EVENTS = 40          # the smallest incident: opening, a few entries, the tail that closes it
COLS, ROWS = 200, 60     # the commander's screen


def say(text):
    print(f"bench: {text}", file=sys.stderr, flush=True)


def ensure_pyte():
    """The terminal emulator, from Debian's package for Debian's Python or PyPI for one's own (as warroom.py)."""
    try:
        import pyte  # noqa: F401
        return
    except ImportError:
        pass
    if sys.executable.startswith(("/usr/bin/", "/bin/")):
        say("installing python3-pyte (a terminal emulator)")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
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


def iso(ms):
    """A time as crisis writes it in payloads: ISO 8601, UTC, always three digits of milliseconds."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms // 1000)) + f".{ms % 1000:03d}Z"


def parse_iso(text):
    return round(datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


# MARK: - The command line


def crisis_env(home, database, author="commander", now_ms=None):
    env = {"PATH": "/usr/bin:/bin", "HOME": home, "CRISIS_DB": database, "CRISIS_AUTHOR": author,
           "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC"}
    if now_ms is not None:
        env["CRISIS_NOW"] = iso(now_ms)   # SQLite stamps with the session's clock; PostgreSQL ignores it
    return env


def run(argv, env):
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{shlex.join(argv[1:4])} failed ({done.returncode}): {done.stderr.strip()[:500]}")
    return done.stdout


def help_text(crisis, verb):
    """`crisis VERB --help`, or None when the binary has no such command. The exit status alone does not tell:
    an unknown subcommand followed by --help prints the top-level help and exits 0; its own usage line does."""
    done = subprocess.run([crisis, verb, "--help"], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "TERM": "dumb"})
    if done.returncode != 0 or f"USAGE: crisis {verb}" not in done.stdout:
        return None
    return done.stdout


def has_option(help_output, option):
    return help_output is not None and re.search(rf"(^|[\s\[]){re.escape(option)}([\s\]<=,]|$)", help_output,
                                                 re.MULTILINE) is not None


class Missing(Exception):
    """A measure the binary cannot take yet: reported as n/a, not as a failure."""


def require(crisis, verb, *options):
    text = help_text(crisis, verb)
    if text is None:
        raise Missing(f"the binary has no `crisis {verb}`")
    for option in options:
        if not has_option(text, option):
            raise Missing(f"the binary has no `crisis {verb} {option}`")


# MARK: - The payloads the binary writes


TEMPLATE_SCRIPT = [
    # Every kind and every shape of payload the generator clones, written by the binary itself.
    ["open", "Template incident", "--severity", "1", "--customer", "Template Customer", "--owner", "Ana Lima",
     "--phone", "+1 555 0100", "--cadence", "45m"],
    ["role", "comms", "Marc Weber", "--phone", "+1 555 0101"],
    ["role", "tech", "Bob Stone"],
    ["frame", "restore checkout first"],
    ["impact", "all card payments fail"],
    ["note", "errors from the gateway since 13:58"],
    ["deadline", "confirm replication lag", "--in", "15m", "--owner", "bob"],
    ["deadline", "check the cdn", "--in", "20m"],
    ["deadline", "slip", "D1", "--in", "10m", "--why", "replica catching up"],
    ["deadline", "met", "D1", "--why", "lag was 40s"],
    ["deadline", "drop", "D2", "--why", "not the cdn"],
    ["deadline", "read the logs", "--in", "5m"],
    ["deadline", "met", "D3"],
    ["question", "did the customer change their cdn config today"],
    ["answer", "Q1", "no changes since friday"],
    ["brief", "we confirmed the failure and are rolling back", "--next", "30m", "--why", "the rollback takes 20m"],
    ["brief", "the rollback is under way"],
    ["workaround", "route traffic through the other region"],
    ["ask", "send a har file", "--why", "only their browser shows the error"],
    ["ask", "done", "A1"],
    ["park", "why did alerting not page anyone"],
    ["status", "identified"],
    ["status", "mitigated"],
    ["owner", "Bob Stone", "--phone", "+1 555 0102"],
    ["status", "resolved"],
    ["confirm", "--by", "Jo at Template Customer", "card payments work again"],
    ["follow-up", "1d", "call the cto"],
    ["follow-up", "done", "F1"],
    ["close"],
    ["open", "Second template", "--severity", "3", "--customer", "Template Customer"],
    ["status", "resolved"],
    ["close", "--unconfirmed", "--why", "the customer is unreachable"],
]
TEMPLATE_NOW = parse_iso("2026-01-05T10:00:00Z")


def encode(payload):
    """JSON as crisis writes it: keys sorted, no spaces, nothing escaped that need not be, slashes as they are."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class Payloads:
    """The JSON forms the binary itself wrote, by kind and set of keys. The generator only produces payloads of a
    form seen here, with values of the same types, so a change in the binary's format stops the run instead of
    loading a store the binary would read differently."""

    DATE_KEYS = {"dueAt", "nextUpdateAt", "until", "retryAt"}

    def __init__(self, rows):
        self.forms = {}
        for kind, payload in rows:
            data = json.loads(payload)
            if encode(data) != payload:
                raise RuntimeError(f"cannot reproduce the binary's JSON for '{kind}': {payload}")
            for name in self.DATE_KEYS & data.keys():
                if iso(parse_iso(data[name])) != data[name]:
                    raise RuntimeError(f"the binary writes times unlike {iso(0)}: {data[name]}")
            self.forms[(kind, frozenset(data))] = data
        self.checked = set()

    @classmethod
    def learn(cls, crisis, work):
        """Runs TEMPLATE_SCRIPT against a scratch SQLite file (the clock fixed, so its rows are the same every run)
        and reads back what was written."""
        home = os.path.join(work, "template")
        os.makedirs(home, exist_ok=True)
        database = os.path.join(home, "template.db")
        for step, argv in enumerate(TEMPLATE_SCRIPT):
            run([crisis, *argv], crisis_env(home, database, "ana", TEMPLATE_NOW + step * SECOND))
        with sqlite3.connect(database) as connection:
            rows = connection.execute("SELECT kind, payload FROM event ORDER BY incident, seq").fetchall()
        return cls(rows)

    def make(self, kind, fields):
        form = self.forms.get((kind, frozenset(fields) | {"kind"}))
        if form is None:
            raise RuntimeError(f"the template never wrote a '{kind}' with keys {sorted(fields)}: add it to "
                               f"TEMPLATE_SCRIPT (forms seen: {sorted(k for k in self.forms if k[0] == kind)})")
        if (kind, frozenset(fields)) not in self.checked:
            for name, value in fields.items():
                if type(value) is not type(form[name]):
                    raise RuntimeError(f"'{kind}'.{name}: the binary writes {form[name]!r}, not {value!r}")
            self.checked.add((kind, frozenset(fields)))
        return encode({**fields, "kind": kind})


# MARK: - The shape of the store


NOUNS = """
alert api app archive auth backlog backup balancer batch billing bucket build cache canary card cart cert
checkout cluster config connection consumer cpu cron customer dashboard database deadlock deploy disk dns
endpoint error eu-west export failover feed fix flag gateway graph handshake header health heap host image
import index ingest instance invoice job kafka kernel key lag latency leader limit link load lock log login
memory mesh message metric migration mobile monitor mount network node order outage packet page partition
patch payment peer pipeline pod pool primary probe proxy push queue quota rate read rebalance region release
replica request restart retry rollback route router scheduler schema search secret service session shard
signal snapshot socket spike ssl storage stream sync table tenant thread throttle ticket timeout token topic
traffic upload upstream user vendor volume vpn web webhook worker write zone
""".split()
WORDS = NOUNS + """
after again all also back before broken but by can cannot check confirm could degraded down during each
elevated every fails fixed for from going high is isolated it looks low more most not now ok once only over
partial recovered restarted rolled same seems since slow some stable still the then they timing up users
was we were while with without
""".split()
FIRST_NAMES = ["Ana", "Bob", "Dana", "Marc", "Li", "Omar", "Sven", "Yuki", "Priya", "Tom", "Eva", "Raj", "Ines",
               "Kofi", "Mia", "Paul", "Sara", "Jon", "Nia", "Leo"]
LAST_NAMES = ["Lima", "Stone", "Reyes", "Weber", "Chen", "Haddad", "Berg", "Sato", "Nair", "Kelly", "Novak",
              "Rao", "Silva", "Mensah", "Ito", "Frank", "Moreau", "Dahl", "Okafor", "Ruiz"]
AUTHORS = [name.lower() for name in FIRST_NAMES]
CUSTOMER_KINDS = ["Retail", "Bank", "Logistics", "Health", "Air", "Foods", "Energy", "Telecom", "Insurance",
                  "Media", "Travel", "Motors", "Games", "Labs", "Pharma", "Freight"]


def words(rng, low, high):
    return " ".join(rng.choices(WORDS, k=rng.randint(low, high)))


def person(rng):
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def phone(rng):
    return f"+1 555 {rng.randint(100, 9999):04d}"


def token(rng):
    """An idempotency key in the form crisis gives every posted event (an upper-case UUID), from the seed."""
    h = f"{rng.getrandbits(128):032X}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89AB'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


@dataclasses.dataclass
class Plan:
    """One incident as planned: how big, when, for whom, and how it stands at --now."""
    size: int
    giant: bool = False
    id: int = 0
    open_ms: int = 0
    end_ms: int = 0          # its last event
    severity: int = 3
    cadence_ms: int = 0
    explicit_cadence: bool = False
    customer: str = ""
    title: str = ""
    author: str = ""
    owner: tuple = None      # (name, phone)
    ownerless: bool = False  # the open incident nobody owns
    is_open: bool = False
    status: str = "closed"   # for open ones: where the incident stands
    overdue: bool = False    # open ones: the promised next update has passed at --now
    recent: bool = False     # closed in the last two weeks: its follow-ups may still be to do


def spread(rng, count, total):
    """`total` events over `count` incidents, at least MIN_EVENTS each, log-normally: most have hundreds, a tail
    has thousands."""
    weights = [rng.lognormvariate(0, 0.9) for _ in range(count)]
    extra = total - MIN_EVENTS * count
    scale = extra / sum(weights)
    sizes = [MIN_EVENTS + int(w * scale) for w in weights]
    for i in range(total - sum(sizes)):
        sizes[i % count] += 1
    return sizes


def plan_incidents(seed, incidents, events, now_ms):
    """Every incident's plan, numbered in the order they were opened (as crisis numbers them)."""
    if incidents < 1 or events < incidents * MIN_EVENTS + 1000:
        raise SystemExit(f"bench: {events} events are too few for {incidents} incidents "
                         f"(at least {MIN_EVENTS} each, plus the big ones)")
    rng = random.Random(f"board:{seed}:plan")
    giants = max(1, round(incidents / 500))
    giant_size = max(MIN_EVENTS, min(100_000, events // (5 * giants)))
    plans = [Plan(size=giant_size, giant=True) for _ in range(giants)]
    plans += [Plan(size=s) for s in spread(rng, incidents - giants, events - giants * giant_size)]

    customers = set()
    while len(customers) < 40:
        customers.add(f"{rng.choice(NOUNS).capitalize()} {rng.choice(CUSTOMER_KINDS)}")
    customers = sorted(customers)
    customer_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(customers))]   # a few customers often

    open_count = min(rng.randint(10, 15), max(1, incidents // 4))
    opened = [plans[0]] + rng.sample(plans[giants:], min(open_count - 1, incidents - giants))
    severities = ([1, 2, 3, 4] + rng.choices([1, 2, 2, 3, 3, 4], k=len(opened)))[:len(opened)]
    rng.shuffle(severities)
    standings = ["investigating", "identified", "monitoring", "mitigated"]
    overdue = set(map(id, rng.sample(opened, max(1, len(opened) // 3))))
    for index, plan in enumerate(opened):
        plan.is_open, plan.severity = True, severities[index]
        plan.status = standings[index % len(standings)]
        plan.overdue = id(plan) in overdue
    if len(opened) > 1:
        opened[1].ownerless, opened[1].severity = True, 1    # a regular one: the loud NO OWNER case

    for plan in plans:
        if not plan.is_open:
            plan.severity = rng.choices([1, 2, 3, 4], weights=[15, 35, 35, 15])[0]
        plan.explicit_cadence = rng.random() < 0.2
        plan.cadence_ms = (rng.choice([15, 45, 90, 120]) * MINUTE if plan.explicit_cadence
                           else DEFAULT_CADENCE[plan.severity])
        plan.customer = rng.choices(customers, weights=customer_weights)[0]
        plan.title = words(rng, 3, 6).capitalize()
        plan.author = rng.choice(AUTHORS)
        if not plan.ownerless:
            plan.owner = (person(rng), phone(rng))
        gap = rng.uniform(2, 4) if plan.giant else rng.uniform(15, 90)   # mean seconds between events
        duration = min(int(plan.size * gap * SECOND), 20 * DAY)
        if plan.is_open:
            duration = max(duration, 2 * plan.cadence_ms + 10 * MINUTE)
            quiet = rng.uniform(30, 120) if plan.overdue else rng.uniform(1, 15)
            plan.end_ms = now_ms - int(quiet * MINUTE)
            plan.open_ms = plan.end_ms - duration
        else:
            latest_end = now_ms - 2 * HOUR
            plan.open_ms = rng.randint(now_ms - 365 * DAY, latest_end - duration)
            plan.end_ms = plan.open_ms + duration
            plan.recent = plan.end_ms > now_ms - 14 * DAY
    plans.sort(key=lambda p: p.open_ms)
    for number, plan in enumerate(plans, start=1):
        plan.id = number
    return plans


def event_times(rng, plan):
    """`size` strictly increasing times from the opening to the end, in bursts and lulls (exponential gaps). The
    owner named at opening shares the opening's millisecond, as `crisis open --owner` writes them."""
    gaps = [rng.expovariate(1.0) for _ in range(plan.size - 1)]
    scale = (plan.end_ms - plan.open_ms - plan.size) / sum(gaps) if gaps else 0.0
    times, clock = [plan.open_ms], float(plan.open_ms)
    for gap in gaps:
        clock += 1 + gap * scale
        times.append(int(clock))
    if plan.owner and len(times) > 1:
        times[1] = times[0]
    return times


def opening_fields(plan):
    fields = {"title": plan.title, "severity": plan.severity, "customer": plan.customer}
    if plan.explicit_cadence:
        fields["cadence"] = plan.cadence_ms // SECOND
    return fields


def opening_argv(plan):
    """The `crisis open` that writes the plan's first events."""
    argv = ["open", plan.title, "--severity", str(plan.severity), "--customer", plan.customer]
    if plan.owner:
        argv += ["--owner", plan.owner[0], "--phone", plan.owner[1]]
    if plan.explicit_cadence:
        argv += ["--cadence", f"{plan.cadence_ms // MINUTE}m"]
    return argv


def status_path(rng, plan, body):
    """(body index, status) for the status changes of the body; the tail resolves closed ones."""
    target = plan.status if plan.is_open else rng.choice(["mitigated", "monitoring"])
    steps = {"investigating": [], "identified": ["identified"], "monitoring": ["identified", "monitoring"],
             "mitigated": ["identified", "mitigated"]}[target]
    marks = [0.25, 0.6] if len(steps) == 2 else [0.4]
    return [(int(body * mark), status) for mark, status in zip(marks, steps)]


class IncidentLog:
    """Writes one incident's events in order, keeping the numbered items (D<n>, Q<n>, A<n>, F<n>) straight so every
    reference points at an item that exists and is still open."""

    def __init__(self, plan, seed):
        self.plan = plan
        self.rng = random.Random(f"board:{seed}:incident:{plan.id}")
        self.times = event_times(self.rng, plan)
        team = self.rng.sample(AUTHORS, self.rng.randint(2, 5))
        self.team = team if plan.author in team else [plan.author] + team[1:]
        self.rows = []            # [seq, at, author, kind, fields, key]
        self.deadlines = {}       # open ones: number -> due
        self.deadline_count = 0
        self.questions, self.question_count = [], 0
        self.asks, self.ask_count = [], 0
        self.follow_ups = 0

    @property
    def now(self):
        return self.times[len(self.rows)]

    @property
    def pending(self):
        return len(self.deadlines) + len(self.questions) + len(self.asks)

    def post(self, kind, fields, key=True, author=None):
        seq = len(self.rows) + 1
        self.rows.append([seq, self.times[seq - 1], author or self.rng.choice(self.team), kind, fields,
                          token(self.rng) if key else None])

    def write(self):
        plan, rng = self.plan, self.rng
        self.post("opened", opening_fields(plan), key=False, author=plan.author)
        if plan.owner:
            self.post("owner", {"name": plan.owner[0], "phone": plan.owner[1]}, key=False, author=plan.author)
        tail = self.tail() if not plan.is_open else []
        early = self.early()
        body = plan.size - len(self.rows) - len(tail)
        path = status_path(rng, plan, body)
        brief_at = plan.open_ms + plan.cadence_ms - int(rng.uniform(0, 0.2) * plan.cadence_ms)
        for index in range(body):
            left = body - index
            if index < len(early):
                self.post(*early[index])
            elif not plan.is_open and left <= self.pending:
                self.settle_one()
            elif path and index >= path[0][0]:
                self.post("status", {"status": path.pop(0)[1]})
            elif self.now >= brief_at:
                brief_at = self.brief()
            else:
                self.anything(can_open_items=plan.is_open or left > self.pending + 1)
        for step in tail:
            step()
        if plan.is_open:
            self.promise_at_now()
        return self.rows

    def early(self):
        """Roles, the frame and the impact: what a well-run incident says in its first minutes."""
        rng, out = self.rng, []
        if self.plan.severity <= 2 and rng.random() < 0.6:
            out.append(("role", {"role": "comms", "name": person(rng), "phone": phone(rng)}))
        if self.plan.severity <= 2 and rng.random() < 0.4:
            out.append(("role", {"role": "tech", "name": person(rng)}))
        if rng.random() < 0.7:
            out.append(("frame", {"text": words(rng, 5, 12)}))
        if rng.random() < 0.7:
            out.append(("impact", {"text": words(rng, 6, 16)}))
        return out

    def tail(self):
        """How a closed incident ends: resolved, confirmed (mostly), a follow-up or two, closed, and the follow-ups
        done (those of the last two weeks maybe not yet: `crisis list` shows them due)."""
        rng, plan = self.rng, self.plan
        confirmed = rng.random() < 0.85
        steps = [lambda: self.post("status", {"status": "resolved"})]
        if confirmed:
            steps.append(lambda: self.post("customer-confirmed", {
                "by": f"{rng.choice(FIRST_NAMES)} at {plan.customer}", "note": words(rng, 3, 8)}))
        follow_ups = rng.choice([1, 1, 2])
        steps += [self.follow_up] * follow_ups
        steps.append(lambda: self.post("closed", {} if confirmed else {"unconfirmedReason": words(rng, 4, 10)}))
        for number in range(1, follow_ups + 1):
            if not plan.recent or rng.random() < 0.5:
                steps.append(lambda n=number: self.post("follow-up-done", {"followUp": n}))
        return steps

    def follow_up(self):
        self.follow_ups += 1
        due = self.now + self.rng.randint(1, 10) * DAY
        self.post("follow-up", {"dueAt": iso(due), "text": words(self.rng, 3, 8)})

    def brief(self):
        """A briefing on the cadence; returns when the next one will be posted (around the promised time, now and
        then late)."""
        rng, cadence, at = self.rng, self.plan.cadence_ms, self.now
        promised = at + int(cadence * rng.choices([1, 0.5, 2], weights=[80, 10, 10])[0])
        # Always a reason: without --why the binary writes one of its own ("our regular 45m update cadence").
        self.post("briefing", {"text": words(rng, 8, 25), "nextUpdateAt": iso(promised), "reason": words(rng, 4, 10)})
        late = int(rng.uniform(0, 0.5) * cadence) if rng.random() < 0.12 else 0
        return max(at + cadence // 4, promised - int(rng.uniform(0, 0.2) * cadence) + late)

    def settle_one(self):
        """Meets or drops a deadline, answers a question or marks a request done."""
        rng = self.rng
        choices = ([("deadline", n) for n in self.deadlines] + [("question", n) for n in self.questions]
                   + [("ask", n) for n in self.asks])
        what, number = rng.choice(choices)
        if what == "deadline":
            del self.deadlines[number]
            if rng.random() < 0.75:
                fields = {"deadline": number}
                if rng.random() < 0.7:
                    fields["note"] = words(rng, 3, 10)
                self.post("deadline-met", fields)
            else:
                self.post("deadline-dropped", {"deadline": number, "note": words(rng, 3, 10)})
        elif what == "question":
            self.questions.remove(number)
            self.post("answer", {"question": number, "text": words(rng, 4, 14)})
        else:
            self.asks.remove(number)
            self.post("customer-request-done", {"request": number})

    def anything(self, can_open_items):
        """The ordinary traffic: mostly notes, now and then a deadline, a question, a slip, a workaround."""
        rng = self.rng
        if self.pending and rng.random() < min(0.25, 0.03 * self.pending):
            return self.settle_one()
        kinds = {"note": 88, "impact": 0.4, "frame": 0.3, "workaround": 0.3, "parked": 0.4, "role": 0.05}
        if can_open_items:
            kinds.update({"deadline-set": 2.5, "question": 2, "customer-request": 0.4})
        if self.deadlines:
            kinds["deadline-slipped"] = 0.8
        if self.plan.owner:
            kinds["owner"] = 0.05
        kind = rng.choices(list(kinds), weights=list(kinds.values()))[0]
        if kind in ("note", "impact", "frame", "workaround", "parked"):
            self.post(kind, {"text": words(rng, 4, 20) if kind == "note" else words(rng, 4, 12)})
        elif kind == "role":
            self.post("role", {"role": "comms", "name": person(rng), "phone": phone(rng)})
        elif kind == "owner":
            self.post("owner", {"name": person(rng), "phone": phone(rng)})
        elif kind == "deadline-set":
            self.deadline_count += 1
            due = self.now + rng.choice([5, 10, 15, 20, 30, 45, 60]) * MINUTE
            self.deadlines[self.deadline_count] = due
            fields = {"text": words(rng, 3, 9), "dueAt": iso(due)}
            if rng.random() < 0.5:
                fields["owner"] = rng.choice(self.team)
            self.post("deadline-set", fields)
        elif kind == "deadline-slipped":
            number = rng.choice(list(self.deadlines))
            due = max(self.deadlines[number], self.now) + rng.choice([10, 15, 30]) * MINUTE
            self.deadlines[number] = due
            self.post("deadline-slipped", {"deadline": number, "dueAt": iso(due), "reason": words(rng, 3, 9)})
        elif kind == "question":
            self.question_count += 1
            self.questions.append(self.question_count)
            self.post("question", {"text": words(rng, 5, 14)})
        else:
            self.ask_count += 1
            self.asks.append(self.ask_count)
            self.post("customer-request", {"text": words(rng, 4, 10), "reason": words(rng, 4, 10)})

    def promise_at_now(self):
        """An open incident's last briefing promises a time just past --now (overdue ones) or still ahead."""
        rng, plan = self.rng, self.plan
        briefs = [row for row in self.rows if row[3] == "briefing"]
        if not briefs:   # a quiet open incident still briefed once: its last note becomes that briefing
            row = next(row for row in reversed(self.rows) if row[3] == "note")
            row[3], row[4] = "briefing", {"text": row[4]["text"], "nextUpdateAt": "", "reason": words(rng, 4, 10)}
            briefs = [row]
        last = briefs[-1]
        if plan.overdue:
            due = rng.randint(min(last[1] + 5 * MINUTE, plan.end_ms), plan.end_ms + 20 * MINUTE)
        else:
            due = plan.end_ms + int(rng.uniform(20, 40) * MINUTE)
        last[4]["nextUpdateAt"] = iso(due)


def incident_rows(plan, payloads, seed):
    """Rows (incident, seq, recorded_at ms, author, kind, payload, idempotency_key) of one incident."""
    for seq, at, author, kind, fields, key in IncidentLog(plan, seed).write():
        yield plan.id, seq, at, author, kind, payloads.make(kind, fields), key


def describe(plans):
    opened = [p for p in plans if p.is_open]
    sizes = sorted(p.size for p in plans)
    return (f"{len(plans)} incidents, {sum(sizes):,} events (median {statistics.median(sizes):.0f}, "
            f"largest {sizes[-1]:,}, {sum(1 for p in plans if p.giant)} of ~100k scale); "
            f"{len(opened)} open: {', '.join(f'INC-{p.id}' for p in opened)}; overdue "
            f"{', '.join(f'INC-{p.id}' for p in opened if p.overdue)}; no owner "
            f"{', '.join(f'INC-{p.id}' for p in opened if not p.owner) or '-'}")


# MARK: - Loading SQLite


class Progress:
    """Counts rows on their way into a store and says how far it got, every tenth."""

    def __init__(self, rows, total, label):
        self.rows, self.total, self.label, self.count = rows, total, label, 0
        self.began = time.perf_counter()

    def __iter__(self):
        step = max(1, self.total // 10)
        for row in self.rows:
            self.count += 1
            if self.count % step == 0:
                say(f"{self.label}: {self.count:,} of {self.total:,} events "
                    f"({time.perf_counter() - self.began:.0f} s)")
            yield row


def check_opening(written, expected, store):
    """The events `crisis open` wrote for incident 1 must be exactly the generator's: the format check."""
    if not written:
        raise RuntimeError(f"{store}: crisis open wrote no event")
    for got, want in zip(written, expected):
        if got != want:
            raise RuntimeError(f"{store}: the binary wrote {got!r} where the generator has {want!r}")


def chain_rows(rows, identity, heads):
    """Rows (incident, seq, recorded_at ms, author, kind, payload, key), in sequence order within each incident,
    with (identity, prev_hash, hash) appended: each hash computed from the one before, so 2,000,000 rows cost one
    SHA-256 each. `heads` gives the hash an incident's first row follows ("" when it starts the incident)."""
    chain_hash = warroom.chain_hash
    incident, previous = None, ""
    for row in rows:
        if row[0] != incident:
            incident, previous = row[0], heads.get(row[0], "")
        link = chain_hash(row[0], row[1], row[2], row[3], identity, row[4], row[5], previous)
        yield (*row, identity, previous, link)
        previous = link


def load_sqlite(crisis, path, home, plans, payloads, seed):
    """The binary opens incident 1 (so the file and schema are its own), Python's sqlite3 writes the rest in one
    transaction, in sequence order: the store's triggers check every row."""
    first = plans[0]
    run([crisis, *opening_argv(first)], crisis_env(home, path, first.author, first.open_ms))
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        written = connection.execute(
            "SELECT incident, seq, recorded_at, author, kind, payload, idempotency_key FROM event "
            "WHERE incident = 1 ORDER BY seq").fetchall()
        (created,) = connection.execute("SELECT created_at FROM incident WHERE id = 1").fetchone()
        first_rows = list(incident_rows(first, payloads, seed))
        check_opening(written, first_rows, "sqlite")
        if created != first.open_ms:
            raise RuntimeError(f"sqlite: incident 1 created at {created}, planned {first.open_ms}")

        def rows():
            yield from first_rows[len(written):]
            for plan in plans[1:]:
                yield from incident_rows(plan, payloads, seed)

        # Since issue 17 every row carries its link (the trigger event_chained refuses one without): the rows are
        # chained here as crisis chains them (warroom.chain_hash), incident by incident, with os_user 'bulk'.
        chained = warroom.sqlite_is_chained(connection)
        columns = "incident, seq, recorded_at, author, kind, payload, idempotency_key"
        if chained:
            columns += ", os_user, prev_hash, hash"
            loaded = chain_rows(rows(), warroom.BULK_IDENTITY, {1: warroom.sqlite_chain_head(connection, 1)})
        else:
            loaded = rows()
        total = sum(p.size for p in plans) - len(written)
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA cache_size = -262144")   # 256 MB: the key index takes random inserts
        connection.execute("BEGIN")
        connection.executemany("INSERT INTO incident (id, created_at) VALUES (?, ?)",
                               [(p.id, p.open_ms) for p in plans[1:]])
        connection.executemany(
            f"INSERT INTO event ({columns}) VALUES ({', '.join('?' * len(columns.split(',')))})",
            Progress(loaded, total, "sqlite"))
        connection.execute("COMMIT")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


# MARK: - Loading PostgreSQL


class Postgres:
    """A throw-away server from .ci/postgres-server: crisis connects as role crisis, the loader as the superuser
    (its password is in the server's directory)."""

    def __init__(self, url=None, directory=None):
        if url is None:
            out = subprocess.run([POSTGRES_SERVER, "start"], check=True, capture_output=True, text=True).stdout
            url, directory = out.split("\n")[:2]
        self.url, self.directory = url, directory
        self.port = urllib.parse.urlsplit(self.url).port
        with open(os.path.join(self.directory, "pwfile")) as f:
            password = f.read().strip()
        self.superuser = f"postgres://postgres:{password}@127.0.0.1:{self.port}/crisis"

    def query(self, sql):
        """Rows as lists of fields (separated by a control character no text of ours holds)."""
        done = subprocess.run(["psql", "-X", "-q", "-t", "-A", "-F", "\x1f", "-v", "ON_ERROR_STOP=1", self.superuser,
                               "-c", sql], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"psql: {done.stderr.strip()[:500]}")
        return [line.split("\x1f") for line in done.stdout.splitlines() if line]

    def stop(self, keep=False):
        subprocess.run([POSTGRES_SERVER, "stop", self.directory], capture_output=True)
        if not keep:
            shutil.rmtree(self.directory, ignore_errors=True)


def copy_field(value):
    """A field of COPY's text format."""
    if value is None:
        return r"\N"
    value = str(value)
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return value


# Insert triggers that only keep a running figure (an upsert per row: each of a 100,000-event incident's rows
# rewrites one row, whose versions pile up within the transaction, and the load takes the better part of an hour),
# by name, with the one statement that leaves the same result after the load.
SUMMING_TRIGGERS = {
    "crisis_event_summary_head":
        "INSERT INTO crisis_summary (incident, head_seq) SELECT incident, MAX(seq) FROM crisis_event GROUP BY incident "
        "ON CONFLICT (incident) DO UPDATE SET head_seq = GREATEST(crisis_summary.head_seq, EXCLUDED.head_seq);",
}


def load_postgres(crisis, postgres, home, plans, payloads, seed):
    """The binary opens incident 1 and creates the schema; then, as the superuser and in one transaction, the
    server's stamping trigger is off (it would write now() into every recorded_at), incident 1's opening gets its
    planned time, and one COPY per table loads the rest. A trigger that keeps a per-incident figure is off too
    and its result written in one statement after the COPY (SUMMING_TRIGGERS); any other insert trigger fires."""
    first = plans[0]
    run([crisis, *opening_argv(first)], crisis_env(home, postgres.url, first.author))
    written = postgres.query("SELECT seq, author, kind, payload, coalesce(idempotency_key, '') FROM crisis_event "
                             "WHERE incident = 1 ORDER BY seq")
    first_rows = list(incident_rows(first, payloads, seed))
    check_opening([(int(s), a, k, p, key or None) for s, a, k, p, key in written],
                  [(r[1], r[3], r[4], r[5], r[6]) for r in first_rows], "postgres")

    # Since issue 17 the stamping trigger (off for the load) also links each event to the one before; the rows are
    # chained here instead, as the server chains them (identity: the role column), incident 1's opening included,
    # whose times the load changes.
    chained = bool(postgres.query("SELECT 1 FROM information_schema.columns WHERE table_name = 'crisis_event' "
                                  "AND column_name = 'hash'"))
    opening_links, head_of_1 = [], ""
    if chained:
        roles = [role for (role,) in postgres.query("SELECT role FROM crisis_event WHERE incident = 1 ORDER BY seq")]
        for r, role in zip(first_rows[:len(written)], roles):
            link = warroom.chain_hash(r[0], r[1], r[2], r[3], role, r[4], r[5], head_of_1)
            opening_links.append((head_of_1, link))
            head_of_1 = link

    process = subprocess.Popen(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", postgres.superuser],
                               stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    triggers = [("crisis_event", "crisis_event_stamp"), ("crisis_event", "crisis_event_append_only"),
                ("crisis_incident", "crisis_incident_append_only")]
    replays = []
    for (name,) in postgres.query("SELECT tgname FROM pg_trigger WHERE tgrelid = 'crisis_event'::regclass "
                                  "AND NOT tgisinternal AND tgtype & 4 <> 0 ORDER BY tgname"):
        if name in SUMMING_TRIGGERS:
            triggers.append(("crisis_event", name))
            replays.append(SUMMING_TRIGGERS[name])
        elif name != "crisis_event_stamp":
            say(f"postgres: the insert trigger {name} stays on for the load (this script cannot replay it in one "
                f"statement): it fires for every row")
    head = ["BEGIN;"] + [f"ALTER TABLE {t} DISABLE TRIGGER {g};" for t, g in triggers]
    head.append(f"UPDATE crisis_incident SET created_at = '{iso(first.open_ms)}' WHERE id = 1;")
    if chained:
        head += [f"UPDATE crisis_event SET recorded_at = '{iso(r[2])}', prev_hash = '{previous}', hash = '{link}' "
                 f"WHERE incident = 1 AND seq = {r[1]};"
                 for r, (previous, link) in zip(first_rows[:len(written)], opening_links)]
    else:
        head += [f"UPDATE crisis_event SET recorded_at = '{iso(r[2])}' WHERE incident = 1 AND seq = {r[1]};"
                 for r in first_rows[:len(written)]]
    head.append("COPY crisis_incident (id, created_at) FROM STDIN;")
    head += [f"{p.id}\t{iso(p.open_ms)}" for p in plans[1:]]
    head += ["\\.", "COPY crisis_event (incident, seq, recorded_at, author, role, kind, payload, idempotency_key"
                    + (", prev_hash, hash" if chained else "") + ") FROM STDIN;"]
    tail = ["\\."] + [f"ALTER TABLE {t} ENABLE TRIGGER {g};" for t, g in triggers]
    tail += replays
    tail += ["SELECT setval(pg_get_serial_sequence('crisis_incident', 'id'), (SELECT max(id) FROM crisis_incident));",
             "COMMIT;", "ANALYZE crisis_incident;", "ANALYZE crisis_event;"]

    def rows():
        yield from first_rows[len(written):]
        for plan in plans[1:]:
            yield from incident_rows(plan, payloads, seed)

    total = sum(p.size for p in plans) - len(written)
    # The role every loaded row gets, and so the identity its link is computed with.
    loaded = chain_rows(rows(), "crisis", {1: head_of_1}) if chained else ((*row, None, None, None) for row in rows())
    try:
        process.stdin.write(("\n".join(head) + "\n").encode())
        batch = []
        for incident, seq, at, author, kind, payload, key, _, previous, link in Progress(loaded, total, "postgres"):
            links = f"\t{previous}\t{link}" if chained else ""
            batch.append(f"{incident}\t{seq}\t{iso(at)}\t{copy_field(author)}\tcrisis\t{kind}\t"
                         f"{copy_field(payload)}\t{copy_field(key)}{links}\n")
            if len(batch) >= 10_000:
                process.stdin.write("".join(batch).encode())
                batch.clear()
        process.stdin.write(("".join(batch) + "\n".join(tail) + "\n").encode())
        process.stdin.close()
    except BrokenPipeError:
        pass
    if process.wait() != 0:
        raise RuntimeError(f"postgres: loading failed: {process.stderr.read().decode().strip()[:2000]}")


# MARK: - Checking what was generated


def verify(crisis, env, plans, label, now_is_now):
    """crisis itself must fold the generated store: every incident listed with its planned number of events and
    standing (and, when the store's now is the clock's, whether its next update is overdue), and a few shown and
    logged in full."""
    every = ["--limit", "0"] if has_option(help_text(crisis, "list"), "--limit") else []   # not a page of them
    listed = json.loads(run([crisis, "list", "--all", "--json", *every], env))["incidents"]
    by_id = {int(item["id"].split("-")[1]): item for item in listed}
    if len(by_id) != len(plans):
        raise RuntimeError(f"{label}: crisis list --all shows {len(by_id)} incidents, {len(plans)} were generated")
    for plan in plans:
        item = by_id[plan.id]
        if item["events"] != plan.size:
            raise RuntimeError(f"{label}: INC-{plan.id} has {item['events']} events, {plan.size} were generated")
        if (item["status"] != "closed") != plan.is_open or (plan.is_open and item["status"] != plan.status):
            raise RuntimeError(f"{label}: INC-{plan.id} is {item['status']}, planned "
                               f"{plan.status if plan.is_open else 'closed'}")
        if now_is_now and plan.is_open and item["nextUpdate"].get("overdue") != plan.overdue:
            raise RuntimeError(f"{label}: INC-{plan.id}'s next update: {item['nextUpdate']}, planned overdue "
                               f"{plan.overdue}")
        if "owner" in item and plan.is_open and (item["owner"] is None) != plan.ownerless:
            raise RuntimeError(f"{label}: INC-{plan.id}'s owner is {item['owner']!r}, planned "
                               f"{'none' if plan.ownerless else plan.owner[0]}")
    opened = [p for p in plans if p.is_open]
    closed = [p for p in plans if not p.is_open]
    sample = {plans[0].id, biggest_open(plans).id, closed[len(closed) // 2].id,
              *(p.id for p in opened if not p.owner)}
    for number in sorted(sample):
        plan = plans[number - 1]
        shown = run([crisis, "show", "--incident", str(number), "--json"], env)
        if plan.title not in json.dumps(json.loads(shown), ensure_ascii=False):
            raise RuntimeError(f"{label}: crisis show INC-{number} does not show its title {plan.title!r}")
        if plan.size <= 20_000:
            logged = run([crisis, "log", "--incident", str(number), "--json"], env).splitlines()
            if len(logged) != plan.size:
                raise RuntimeError(f"{label}: crisis log INC-{number} printed {len(logged)} events of {plan.size}")
    say(f"{label}: crisis list --all, show and log fold the store (checked {', '.join(f'INC-{n}' for n in sorted(sample))})")


def verify_chains(crisis, env, plans, label):
    """`crisis verify --all` (when the binary has it): every incident's hash chain, as loaded, must be intact."""
    if help_text(crisis, "verify") is None:
        return
    began = time.perf_counter()
    done = subprocess.run([crisis, "verify", "--all"], env=env, capture_output=True, text=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("INC-")]   # and a summary line
    intact = [line for line in lines if "chain intact" in line]
    if done.returncode != 0 or len(intact) != len(plans) or len(lines) != len(plans):
        broken = [line for line in lines if "chain intact" not in line]
        raise RuntimeError(f"{label}: crisis verify --all ({done.returncode}): {len(intact)} of {len(plans)} chains "
                           f"intact; {' / '.join(broken[:3])} {done.stderr.strip()[:300]}")
    say(f"{label}: crisis verify --all: {len(intact)} chains intact, {sum(p.size for p in plans):,} events, "
        f"in {time.perf_counter() - began:.1f} s")


def biggest_open(plans):
    return max((p for p in plans if p.is_open), key=lambda p: p.size)


# MARK: - Measuring


class Screen(warroom.Terminal):
    """warroom.py's program in a pty, plus waiting on the whole screen, noticing an exit, reading without
    emulating (while a process's CPU is measured, the emulator must not compete with it for the two cores), and
    a close that keeps reading: a program stopped in the middle of a frame finishes writing it (and restores the
    terminal) before it exits, and would wait forever on a pty nobody reads."""

    def close(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.perf_counter() + 5
        while not self.exited() and time.perf_counter() < deadline:
            self.discard(0.02)
        if not self.exited():
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(self.fd)

    def exited(self):
        if getattr(self, "status", None) is not None:
            return True
        try:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            return True
        if pid:
            self.status = status
        return pid != 0

    def wait_until(self, test, timeout, what):
        """Pumps until `test(screen text)` holds; returns when the chunk that made it hold arrived."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            arrived = self.pump(0.005)
            if arrived is not None:
                if test(self.text()):
                    return arrived
            elif self.exited():
                raise RuntimeError(f"the process exited before {what}; its screen:\n{self.text().rstrip()}")
        raise RuntimeError(f"no {what} within {timeout:.0f} s; the screen was:\n{self.text().rstrip()}")

    def settle(self, quiet, limit=10.0):
        """Emulates what arrives until nothing has for `quiet` seconds (at most `limit`)."""
        began = last = time.perf_counter()
        while time.perf_counter() - last < quiet and time.perf_counter() - began < limit:
            if self.pump(0.01) is not None:
                last = time.perf_counter()

    def discard(self, seconds):
        """Reads and drops output for `seconds`, so the program never blocks on a full pty."""
        until = time.perf_counter() + seconds
        while True:
            left = until - time.perf_counter()
            if left <= 0:
                return
            if select.select([self.fd], [], [], min(left, 0.05))[0]:
                try:
                    self.bytes_read += len(os.read(self.fd, 1 << 16))
                except OSError:
                    time.sleep(min(left, 0.05))

    def discard_until_quiet(self, quiet, limit=10.0):
        began = last = time.perf_counter()
        while time.perf_counter() - last < quiet and time.perf_counter() - began < limit:
            if select.select([self.fd], [], [], 0.01)[0]:
                try:
                    os.read(self.fd, 1 << 16)
                    last = time.perf_counter()
                except OSError:
                    return


def shows_incident(text, number):
    return re.search(rf"INC-{number}(?!\d)", text) is not None


def title_piece(plan):
    """What of the title is sure to be on screen: its first words, at most 24 characters."""
    return plan.title[:24].rsplit(" ", 1)[0] if len(plan.title) > 24 else plan.title


DASHBOARD_MARKS = ("TECHNICAL", "BUSINESS", "NEXT UPDATE")


def timed_runs(argv, env, runs):
    """Wall times (ms) of `runs` runs; a command slower than 3 s gets 3 runs, not 10 (the figure says so)."""
    times = []
    for index in range(runs):
        began = time.perf_counter()
        done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append((time.perf_counter() - began) * 1000)
        if done.returncode != 0:
            raise RuntimeError(f"{shlex.join(argv[1:])} failed ({done.returncode}): {done.stderr.strip()[:300]}")
        if index == 0 and times[0] > 3000:
            runs = 3
        if len(times) >= runs:
            break
    return times


def rebuild_summaries(crisis, env, label):
    """`crisis rebuild-summaries`, timed: a bulk-loaded store has no summaries until it runs (the binary keeps
    them as it appends), so it runs right after loading, before anything reads the store."""
    if help_text(crisis, "rebuild-summaries") is None:
        return "n/a (the binary has no `crisis rebuild-summaries`)"
    began = time.perf_counter()
    run([crisis, "rebuild-summaries"], env)
    took = time.perf_counter() - began
    say(f"{label}: crisis rebuild-summaries took {took:.2f} s")
    return f"{took:.2f}"


def measure_list(crisis, env, args, runs):
    require(crisis, "list", *[a for a in args if a.startswith("--")])
    times = timed_runs([crisis, "list", *args], env, runs)
    cell = f"{statistics.median(times):.0f}"
    return cell if len(times) >= runs else f"{cell} (median of {len(times)}: over 3 s each)"


def rows_drawn(text, count):
    """A row per open incident: as many `INC-<digit>` on screen as there are open incidents, however cut."""
    return len(re.findall(r"INC-\d", text)) >= count


def shown_as(text, plan):
    """How the board writes the id on the incident's row (found by its title), when not as INC-<n>."""
    piece = title_piece(plan)
    for line in text.splitlines():
        if piece in line:
            found = re.search(r"INC-\S*", line)
            return found.group(0) if found else "no id"
    return "no row"


class BoardFrame:
    """A board spawned and drawn: when every row was there, when the frame counted as complete (every open
    incident's INC-<n> readable; None if it never was), the peak resident memory then, and why not complete."""

    def __init__(self, crisis, env, plans, timeout):
        opened = [p for p in plans if p.is_open]
        began = time.perf_counter()
        self.screen = Screen([crisis, "board"], env, COLS, ROWS)
        try:
            rows_at = self.screen.wait_until(lambda text: rows_drawn(text, len(opened)), timeout,
                                             "frame with a row per open incident")
            complete = lambda text: all(shows_incident(text, p.id) for p in opened)   # noqa: E731
            complete_at = rows_at if complete(self.screen.text()) else None
            if complete_at is None:   # drawn row by row, perhaps: a moment more
                try:
                    complete_at = self.screen.wait_until(complete, 2.0, "every open incident's id")
                except RuntimeError:
                    pass
            self.rss = warroom.peak_rss_mb(self.screen.pid)
        except BaseException:
            self.screen.close()
            raise
        self.rows_ms = (rows_at - began) * 1000
        self.complete_ms = None if complete_at is None else (complete_at - began) * 1000
        text = self.screen.text()
        cut = [(p.id, shown_as(text, p)) for p in opened if not shows_incident(text, p.id)]
        self.why = ("the board shows " + ", ".join(f"INC-{n} as '{how}'" for n, how in cut[:3])
                    + (f" and {len(cut) - 3} more" if len(cut) > 3 else "")) if cut else ""


def measure_board_frame(crisis, env, plans, timeout, runs=3):
    """Spawn to the first complete frame (median of `runs`) and the peak resident memory then. A board that
    never writes every open incident's id in full fails the measure, with the time its rows were drawn."""
    require(crisis, "board")
    frames = []
    for _ in range(runs):
        frame = BoardFrame(crisis, env, plans, timeout)
        frame.screen.close()
        frames.append(frame)
    memory = f"{max(f.rss for f in frames):.1f}"
    if any(f.complete_ms is None for f in frames):
        why = next(f.why for f in frames if f.complete_ms is None)
        return (f"failed: {why} (every row drawn after {statistics.median(f.rows_ms for f in frames):.0f} ms)",
                memory)
    times = [f.complete_ms for f in frames]
    return f"{statistics.median(times):.0f}" + (f" (of {', '.join(f'{t:.0f}' for t in times)})" if runs > 1 else ""), memory


def post_note(crisis, env, incident, text, board):
    """`crisis note --incident N TEXT` from another process, the board's output read meanwhile; its run time (s)."""
    started = time.perf_counter()
    note = subprocess.Popen([crisis, "note", "--incident", str(incident), text], env=dict(env, CRISIS_AUTHOR="poster"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while note.poll() is None:
        board.discard(0.005)
    error = note.stderr.read().decode().strip()
    note.stderr.close()
    if note.returncode != 0:
        raise RuntimeError(f"crisis note failed: {error[:300]}")
    return time.perf_counter() - started


def measure_board_cpu(crisis, env, plans, timeout, count=50, pace=0.2):
    """The board's CPU per event: its CPU while `count` notes are posted to the open incidents, one every `pace`
    seconds (or as soon as the last one returned), less its idle CPU over as long. The idle rate is measured first,
    over as long as the posting should take: `count` times the run time of a first note posted before it. Also
    returns the median run time of `crisis note` on this store."""
    require(crisis, "board")
    open_ids = [p.id for p in plans if p.is_open]
    board = BoardFrame(crisis, env, plans, timeout).screen
    try:
        first = post_note(crisis, env, open_ids[0], "board bench note, before the idle measure", board)
        board.discard_until_quiet(0.5, limit=3)
        cpu, began = warroom.cpu_seconds(board.pid), time.perf_counter()
        board.discard(count * max(pace, first))
        idle_rate = (warroom.cpu_seconds(board.pid) - cpu) / (time.perf_counter() - began)
        note_times = []
        cpu, began = warroom.cpu_seconds(board.pid), time.perf_counter()
        for index in range(count):
            started = time.perf_counter()
            took = post_note(crisis, env, open_ids[index % len(open_ids)], f"board bench note {index}", board)
            note_times.append(took * 1000)
            board.discard(started + pace - time.perf_counter())
        board.discard_until_quiet(0.5, limit=3)
        wall = time.perf_counter() - began
        used = warroom.cpu_seconds(board.pid) - cpu
    finally:
        board.close()
    per_event = (used - idle_rate * wall) / count * 1000
    return (f"{per_event:.2f}", f"{statistics.median(note_times):.0f}",
            f"board CPU {used * 1000:.0f} ms over {wall:.1f} s, idle {idle_rate * 1000:.1f} ms/s")


def measure_open_direct(crisis, env, plan, timeout):
    """`crisis dashboard --incident N`: ms from spawn to the first frame with its title, and its VmHWM then."""
    require(crisis, "dashboard")
    began = time.perf_counter()
    dashboard = Screen([crisis, "dashboard", "--incident", str(plan.id)], env, COLS, ROWS)
    try:
        piece = title_piece(plan)
        arrived = dashboard.wait_until(lambda text: piece in text, timeout, f"frame with INC-{plan.id}'s title")
        rss = warroom.peak_rss_mb(dashboard.pid)
    finally:
        dashboard.close()
    return f"{(arrived - began) * 1000:.0f}", f"{rss:.1f}"


def row_digit(text, plan):
    """The digit key the board shows on the incident's row (found by its INC-<n>, else by its title), or None."""
    piece = title_piece(plan)
    for line in text.splitlines():
        found = re.search(rf"INC-{plan.id}(?!\d)", line)
        if found is None and piece in line:   # its id cut short, its title still there
            found = re.search(r"INC-\S*", line)
        if found:
            digit = re.search(r"(?<![\w.:+\-])([1-9])(?![\w.:+\-])", line[:found.start()])
            return digit.group(1) if digit else None
    return None


def measure_open_from_board(crisis, env, plans, plan, timeout, by_digit):
    """From a board's first frame: `/incident N` Enter (or the row's digit key) until that incident's title shows
    with a dashboard's panes. Returns the ms from the key (and, for a digit, which key opened which incident)."""
    require(crisis, "board")
    opened_count = sum(1 for p in plans if p.is_open)
    board = BoardFrame(crisis, env, plans, timeout).screen
    try:
        board.settle(0.3, limit=3)
        screen = board.text()
        if by_digit:
            target = plan
            digit = row_digit(screen, plan)
            if digit is None:   # the biggest open incident is not on rows 1-9: take the incident on row 1
                for candidate in (p for p in plans if p.is_open):
                    if row_digit(screen, candidate) == "1":
                        target, digit = candidate, "1"
                        break
            if digit is None:
                raise Missing("the board shows no row digit next to an INC-<n>")
            key, label = digit.encode(), f"key {digit}: INC-{target.id}"
        else:
            target, command = plan, f"/incident {plan.id}"
            board.send(command.encode())
            try:
                board.wait_until(lambda text: command in text, 3, "echo of the typed command")
            except RuntimeError:
                pass   # a board that does not echo what is typed still gets the Enter
            board.settle(0.1, limit=2)
            key, label = b"\r", f"`{command}` Enter"
        piece = title_piece(target)
        marked = [mark for mark in DASHBOARD_MARKS if mark in screen]

        def opened(text):
            if piece not in text:
                return False
            if len(marked) < len(DASHBOARD_MARKS):   # the board has no dashboard panes: one must appear
                return any(mark in text and mark not in marked for mark in DASHBOARD_MARKS)
            return not rows_drawn(text, opened_count)   # else: the board's list gave way
        pressed = time.perf_counter()
        board.send(key)
        arrived = board.wait_until(opened, timeout, f"frame with INC-{target.id}'s title and panes")
    finally:
        board.close()
    took = f"{(arrived - pressed) * 1000:.0f}"
    return f"{took} ({label})" if by_digit else took


def measure_store(crisis, env, plans, args):
    """Every measure on one loaded store; a cell is a figure, "n/a (...)" or "failed: ...". Returns (cells, notes)."""
    cells, notes = {}, []
    big = biggest_open(plans)

    def attempt(keys, measure):
        keys = keys if isinstance(keys, tuple) else (keys,)
        try:
            values = measure()
            values = values if isinstance(values, tuple) else (values,)
            for key, value in zip(keys, values):
                cells[key] = value
            if len(values) > len(keys):
                notes.extend(values[len(keys):])
        except Missing as missing:
            for key in keys:
                cells[key] = f"n/a ({missing})"
        except Exception as error:   # one measure failing must not lose the others
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            say(f"{keys[0]} failed: {error}")
            for key in keys:
                cells[key] = f"failed: {first[:120]}"

    for key, list_args in (("list", []), ("list-all", ["--all", "--limit", "50"]),
                           ("list-since", ["--since", "30d", "--json"])):
        say(f"crisis list {' '.join(list_args)}")
        attempt(key, lambda a=list_args: measure_list(crisis, env, a, args.runs))
    say("board: first frame")
    attempt(("board-frame", "board-rss"), lambda: measure_board_frame(crisis, env, plans, args.timeout))
    say("board: CPU per posted note")
    attempt(("board-cpu", "note"), lambda: measure_board_cpu(crisis, env, plans, args.timeout))
    say(f"dashboard --incident {big.id}")
    attempt(("open-direct", "open-direct-rss"), lambda: measure_open_direct(crisis, env, big, args.timeout))
    say("board: /incident N")
    attempt("open-typed", lambda: measure_open_from_board(crisis, env, plans, big, args.timeout, by_digit=False))
    say("board: row digit")
    attempt("open-digit", lambda: measure_open_from_board(crisis, env, plans, big, args.timeout, by_digit=True))
    return cells, notes


# MARK: - Report


def table(results, plans, runs):
    stores = [s for s in ("sqlite", "postgres") if s in results]
    heads = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
    big = biggest_open(plans)

    def cell(store, key):
        return results[store].get(key, "-")

    rows = [
        ("Store generated and loaded (s)", "generated", "-"),
        ("Store size (MB)", "size", "-"),
        ("`crisis rebuild-summaries` (s)", "rebuild", "-"),
        (f"`crisis list`, median of {runs} (ms)", "list", "< 100"),
        (f"`crisis list --all --limit 50`, median of {runs} (ms)", "list-all", "< 100"),
        (f"`crisis list --since 30d --json`, median of {runs} (ms)", "list-since", "< 100"),
        (f"`crisis board` at {COLS}x{ROWS}: spawn to the first frame with all open incidents (ms)", "board-frame",
         "< 300"),
        ("`crisis board`: peak resident memory then (MB)", "board-rss", "< 150"),
        ("`crisis board`: CPU per event, 50 notes 0.2 s apart, less idle (ms)", "board-cpu", "< 5"),
        ("`crisis note` to an open incident, median of those 50 (ms)", "note", "-"),
        (f"`crisis dashboard --incident {big.id}` ({big.size:,} events): spawn to its title (ms)", "open-direct", "-"),
        ("that dashboard's peak resident memory (MB)", "open-direct-rss", "-"),
        (f"From the board, `/incident {big.id}` Enter to its title (ms)", "open-typed", "-"),
        ("From the board, the row's digit key to its title (ms)", "open-digit", "-"),
    ]
    lines = [f"| measure | {' | '.join(heads[s] for s in stores)} | target |",
             "|---|" + "---|" * len(stores) + "---|"]
    for label, key, target in rows:
        lines.append(f"| {label} | {' | '.join(cell(s, key) for s in stores)} | {target} |")
    return "\n".join(lines)


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    return f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}"


def write_results(report, heading, measured, command, notes):
    """Replaces this script's section of RESULTS.md (or appends it), leaving every other line as it is."""
    section = "\n".join([BEGIN, heading, "", measured, f"`{command}`.", "", report, "", *notes, END])
    text = open(RESULTS).read() if os.path.exists(RESULTS) else ""
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        text = before + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    with open(RESULTS, "w") as f:
        f.write(text)


# MARK: - Main


def store_size_mb(store, path, postgres=None):
    if store == "sqlite":
        return sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p)) / 1e6
    return int(postgres.query("SELECT pg_database_size('crisis')")[0][0]) / 1e6


def build_store(store, crisis, work, home, plans, payloads, args):
    """Generates and loads one store; returns (its CRISIS_DB, the PostgreSQL server or None, cells)."""
    began = time.perf_counter()
    postgres = None
    if store == "sqlite":
        database = os.path.join(work, "board.db")
        for stale in (database, database + "-wal", database + "-shm"):
            if os.path.exists(stale):
                os.unlink(stale)
        load_sqlite(crisis, database, home, plans, payloads, args.seed)
    else:
        say("starting PostgreSQL")
        postgres = Postgres()
        try:
            load_postgres(crisis, postgres, home, plans, payloads, args.seed)
        except BaseException:
            postgres.stop(keep=bool(args.keep))
            raise
        database = postgres.url
        with open(os.path.join(work, "postgres.txt"), "w") as f:
            f.write(f"{postgres.url}\n{postgres.directory}\n")
    took = time.perf_counter() - began
    size = store_size_mb(store, database, postgres)
    say(f"{store}: generated and loaded {args.events:,} events in {took:.1f} s; {size:.0f} MB")
    return database, postgres, {"generated": f"{took:.0f}", "size": f"{size:.0f}"}


def reused_store(store, work):
    """A store a run with the same --keep left: (its CRISIS_DB, the PostgreSQL server started again or None)."""
    if store == "sqlite":
        database = os.path.join(work, "board.db")
        if not os.path.exists(database):
            raise SystemExit(f"bench: --reuse: no {database}")
        return database, None
    try:
        with open(os.path.join(work, "postgres.txt")) as f:
            url, directory = f.read().split("\n")[:2]
    except FileNotFoundError:
        raise SystemExit(f"bench: --reuse: no PostgreSQL store kept in {work}")
    subprocess.run([POSTGRES_SERVER, "restart", directory], check=True, capture_output=True)
    return url, Postgres(url, directory)


def binary_description(crisis):
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "?"
    built = datetime.datetime.fromtimestamp(os.path.getmtime(crisis), datetime.timezone.utc)
    return f"`{os.path.relpath(crisis, ROOT)}` (built {built:%Y-%m-%d %H:%M} UTC; HEAD {commit})"


def main():
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--binary", help="use this crisis instead of building a release one")
    parser.add_argument("--incidents", type=int, help="incidents in the store (default 2000; --quick 200)")
    parser.add_argument("--events", type=int, help="events in all (default 2000000; --quick 100000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--now", help="the store's 'now', ISO 8601 (default: this minute); with the seed and the "
                                      "sizes it fixes the database")
    parser.add_argument("--stores", default="sqlite,postgres", help="sqlite, postgres or both")
    parser.add_argument("--keep", metavar="DIR", help="build the stores in DIR and leave them there")
    parser.add_argument("--reuse", action="store_true", help="measure the stores a run with the same --keep DIR "
                                                             "left, instead of generating them again")
    parser.add_argument("--quick", action="store_true", help="200 incidents, 100,000 events: for a try")
    parser.add_argument("--no-measure", action="store_true", help="generate, load and check the stores only")
    parser.add_argument("--runs", type=int, default=10, help="runs of each `crisis list`")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for a frame")
    parser.add_argument("--write", action="store_true", help="also write the table to Tests/Benchmarks/RESULTS.md")
    parser.add_argument("--label", help="what the binary is, for RESULTS.md (\"a release build of abc123\")")
    args = parser.parse_args()
    stores = [s.strip() for s in args.stores.split(",") if s.strip()]
    if not stores or set(stores) - {"sqlite", "postgres"}:
        parser.error("--stores takes sqlite, postgres or sqlite,postgres")
    if args.reuse and not args.keep:
        parser.error("--reuse needs the --keep DIR of the run that built the stores")

    # SIGTERM ends the run like Ctrl-C: the PostgreSQL server is stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    if not args.no_measure:
        ensure_pyte()
    crisis = os.path.abspath(args.binary) if args.binary else build_release()
    os.makedirs(WORK, exist_ok=True)
    work = os.path.abspath(args.keep) if args.keep else tempfile.mkdtemp(prefix="run-", dir=WORK)
    os.makedirs(work, exist_ok=True)
    home = os.path.join(work, "home")
    os.makedirs(home, exist_ok=True)
    shape_file = os.path.join(work, "store.json")
    if args.reuse:   # the stores' shape is the kept one, whatever the command line says
        with open(shape_file) as f:
            shape = json.load(f)
    else:
        shape = {"seed": args.seed, "incidents": args.incidents or (200 if args.quick else 2000),
                 "events": args.events or (100_000 if args.quick else 2_000_000),
                 "now": args.now or iso(int(time.time() // 60 * 60 * 1000))}
        with open(shape_file, "w") as f:
            json.dump(shape, f)
    args.seed, args.incidents, args.events = shape["seed"], shape["incidents"], shape["events"]
    now_ms = parse_iso(shape["now"])

    results, notes = {}, []
    postgres = None
    try:
        plans = plan_incidents(args.seed, args.incidents, args.events, now_ms)
        say(f"planned {describe(plans)}; now {iso(now_ms)}")
        if not args.reuse:
            say(f"learning the binary's payloads from a template incident ({len(TEMPLATE_SCRIPT)} commands)")
            payloads = Payloads.learn(crisis, work)
        for store in stores:
            if args.reuse:
                database, postgres = reused_store(store, work)
                results[store] = {"generated": "kept", "size": f"{store_size_mb(store, database, postgres):.0f}"}
            else:
                database, postgres, results[store] = build_store(store, crisis, work, home, plans, payloads, args)
            env = crisis_env(home, database)
            results[store]["rebuild"] = rebuild_summaries(crisis, env, store)
            if not args.reuse:   # a kept store has had notes and reminders added by the runs that measured it
                verify(crisis, env, plans, store, abs(time.time() * 1000 - now_ms) < 10 * MINUTE)
                verify_chains(crisis, env, plans, store)
            if not args.no_measure:
                cells, store_notes = measure_store(crisis, env, plans, args)
                results[store].update(cells)
                notes += [f"- {store}: {n}" for n in store_notes]
                say(f"{store}: " + "; ".join(f"{key} {value}" for key, value in results[store].items()))
            if postgres is not None:
                postgres.stop(keep=bool(args.keep))
                if args.keep:
                    say(f"postgres: kept in {postgres.directory}: `.ci/postgres-server restart {postgres.directory}`, "
                        f"then CRISIS_DB={postgres.url}")
                postgres = None
    finally:
        if postgres is not None:
            postgres.stop(keep=bool(args.keep))
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    report = table(results, plans, args.runs)
    print(report)
    for note in notes:
        say(note)
    if args.write:
        command = shlex.join(["python3", "Tests/Benchmarks/board.py", *sys.argv[1:]])
        when = f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"
        measured = (f"Measured {when} on {machine()}; seed {args.seed}, {describe(plans)}; the binary "
                    f"{binary_description(crisis)}{': ' + args.label if args.label else ''}, with")
        heading = f"## The commander's board: {args.incidents:,} incidents, {args.events:,} events"
        write_results(report, heading, measured, command, notes)
        say(f"wrote {os.path.relpath(RESULTS, ROOT)}")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        say("interrupted: everything started was stopped")
        sys.exit(130)
