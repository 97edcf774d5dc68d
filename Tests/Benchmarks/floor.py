#!/usr/bin/env python3
"""The floor under Enter-to-screen: how close crisis is to the least its parts can do, beside irssi.

Issue 12 asks crisis's SQLite Enter-to-screen median to be at most irssi's median plus the disk's paced fsync.
This script measures, in one run and with warroom.py's own harness (ptys, pyte, the same typing and pacing):

  - irssi through ngircd (the reference);
  - floor.c in three modes, two ncursesw programs in their own processes doing nothing but the job:
      relay   the line handed from one to the other through a FIFO (no store),
      normal  one INSERT into a one-table SQLite database in WAL mode, synchronous=NORMAL (no fsync),
      full    the same with synchronous=FULL, durable at commit as crisis is;
  - crisis on SQLite (two dashboards), when --binary is given or a release build is at hand;
  - the disk's paced fsync.

It prints one Markdown table, with the issue's target (irssi p50 + paced fsync) beside each median.
Nothing here is part of `swift test`.

Usage: python3 Tests/Benchmarks/floor.py [--samples N] [--binary PATH] [--rounds R]
With --rounds R each peer is measured R times, interleaved, and the samples pooled, so a slow minute of a
shared machine does not land on one peer alone.
"""

import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import warroom  # noqa: E402  (the harness: Terminal, measure_typing, irssi_pair, paced_fsync)

HERE = os.path.dirname(os.path.abspath(__file__))


def build_floor(work):
    binary = os.path.join(work, "floor")
    subprocess.run(["cc", "-O2", "-o", binary, os.path.join(HERE, "floor.c"), "-lsqlite3", "-lncursesw"],
                   check=True)
    return binary


def floor_pair(binary, peer, work, cols=120, rows=40):
    directory = tempfile.mkdtemp(prefix=f"floor-{peer}-", dir=work)
    database, fifo = os.path.join(directory, "floor.db"), os.path.join(directory, "announce")
    os.mkfifo(fifo)
    env = {"PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    mode = "full" if peer == "warm" else peer
    if peer == "warm":
        env["FLOOR_WARM"] = "1"
    # The reader first: it creates the table and holds the FIFO open for reading.
    reader = warroom.Terminal([binary, "reader", mode, database, fifo], env, cols, rows)
    reader.wait_for("floor reader ready")
    writer = warroom.Terminal([binary, "writer", mode, database, fifo], env, cols, rows)
    writer.wait_for("floor writer ready", others=[reader])
    return writer, reader


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=100, help="lines per peer and round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--binary", help="a crisis binary (release) to measure beside the floor")
    args = parser.parse_args()

    warroom.ensure_tools()
    for tool in ("cc",):
        if not shutil.which(tool):
            sys.exit(f"floor.py: {tool} is needed to build floor.c: apt-get install gcc libsqlite3-dev libncurses-dev")
    work = tempfile.mkdtemp(prefix="crisis-floor-")
    binary = build_floor(work)
    crisis = os.path.abspath(args.binary) if args.binary else None
    server, port = warroom.start_ngircd(work)
    samples = {}
    try:
        peers = ["irssi", "relay", "normal", "full", "warm"] + (["crisis"] if crisis else [])
        for round_number in range(args.rounds):
            for peer in peers:
                warroom.say(f"round {round_number + 1}: {peer}")
                if peer == "irssi":
                    # A directory per round: each pair joins with fresh nicks' homes.
                    directory = os.path.join(work, f"irc{round_number}")
                    os.makedirs(directory, exist_ok=True)
                    writer, watcher = warroom.irssi_pair(directory, port, 120, 40)
                elif peer == "crisis":
                    home = tempfile.mkdtemp(prefix="crisis-", dir=work)
                    database = os.path.join(home, "crisis.db")
                    warroom.open_incident(crisis, warroom.crisis_env(home, database, "alice"))
                    writer, watcher = warroom.crisis_pair(crisis, database, home, 120, 40)
                else:
                    writer, watcher = floor_pair(binary, peer, work)
                latencies, _ = warroom.measure_typing(writer, watcher, args.samples)
                samples.setdefault(peer, []).extend(latencies)
                writer.close()
                watcher.close()
        fsync_ms = warroom.paced_fsync(work)
    finally:
        server.terminate()
        shutil.rmtree(work, ignore_errors=True)

    p = warroom.percentile
    target = p(samples["irssi"], 50) + fsync_ms
    names = {
        "irssi": "irssi through ngircd",
        "relay": "floor: two ncursesw programs, the line through a FIFO (no store)",
        "normal": "floor: + one INSERT, SQLite WAL, synchronous=NORMAL (no fsync)",
        "full": "floor: + synchronous=FULL (durable at commit, as crisis)",
        "warm": "floor: the same, its WAL already grown (commits overwrite it in place)",
        "crisis": "crisis on SQLite, two dashboards",
    }
    print(f"\nMeasured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC on "
          f"{os.cpu_count()} cores, Linux {platform.release()}; {args.rounds} rounds x {args.samples} lines per "
          f"peer, interleaved; paced fsync {fsync_ms:.2f} ms; the issue's target (irssi p50 + paced fsync) "
          f"{target:.2f} ms.\n")
    print("| Enter to screen (ms) | p50 | p95 | p99 | p50 less the target |")
    print("|---|---|---|---|---|")
    for peer, values in samples.items():
        print(f"| {names[peer]} | {p(values, 50):.2f} | {p(values, 95):.2f} | {p(values, 99):.2f} | "
              f"{p(values, 50) - target:+.2f} |")
    # What irssi's own work (its screen, its parsing, the server's relay: irssi less the bare relay) would come
    # to on top of the durable floor: the least a program as lean as irssi could do with crisis's store.
    lean = p(samples["irssi"], 50) - p(samples["relay"], 50) + p(samples["full"], 50)
    print(f"| irssi's own work over the bare relay, added to the durable floor (computed) | {lean:.2f} | | | "
          f"{lean - target:+.2f} |")
    if "crisis" in samples:
        print(f"\ncrisis's own work over the durable floor: {p(samples['crisis'], 50) - p(samples['full'], 50):.2f} ms; "
              f"irssi's over the bare relay: {p(samples['irssi'], 50) - p(samples['relay'], 50):.2f} ms.")


if __name__ == "__main__":
    main()
