#!/usr/bin/env python3
"""Two crisis binaries, interleaved: Enter-to-screen on SQLite and `crisis note` wall time, A and B in turns.

On a machine whose neighbours come and go, two whole warroom.py runs minutes apart compare the neighbours as much
as the binaries. Here the binaries take turns in short rounds (A B, then B A, ...), each round on a fresh SQLite
store with the same two dashboards (writer, read-only watcher) at 120x40 that warroom.py uses, so that both see
the same afternoon. Per binary: Enter-to-screen p50/p95/p99 over all rounds, the median of each round, and the
wall time of one `crisis note` process after another (p50/p99).

Usage (from the repository):
    python3 Tests/Benchmarks/typing_ab.py --binary LABEL=PATH --binary LABEL=PATH [--rounds 4] [--samples 50]
        [--notes 50]
Prints a Markdown table; writes nothing. Nothing here is part of `swift test`.
"""

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import warroom  # noqa: E402


def one_round(crisis, work, samples, notes, seed):
    database = os.path.join(work, "crisis.db")
    warroom.open_incident(crisis, warroom.crisis_env(work, database, "alice"))
    writer, watcher = warroom.crisis_pair(crisis, database, work, 120, 40)
    try:
        # Tokens differ from round to round so that no line is already on screen.
        latencies = []
        for i in range(samples):
            word = warroom.token(seed + i)
            writer.send(word.encode())
            writer.wait_for(word, others=[watcher])
            writer.quiet(0.02, others=[watcher])
            watcher.quiet(0.02, others=[writer])
            sent = time.perf_counter()
            writer.send(b"\r")
            arrived = watcher.wait_for(word, others=[writer])
            latencies.append((arrived - sent) * 1000)
            watcher.quiet(0.03, others=[writer])
            time.sleep(0.3)
    finally:
        writer.close()
        watcher.close()
    env = warroom.crisis_env(work, database, "alice")
    walls = []
    for i in range(notes):
        began = time.perf_counter()
        subprocess.run([crisis, "note", f"append {i}"], env=env, check=True, capture_output=True)
        walls.append((time.perf_counter() - began) * 1000)
    return latencies, walls


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", action="append", required=True, help="LABEL=PATH, twice")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--samples", type=int, default=50, help="lines typed per binary per round")
    parser.add_argument("--notes", type=int, default=50, help="`crisis note` processes per binary per round")
    args = parser.parse_args()
    binaries = [tuple(b.split("=", 1)) for b in args.binary]
    if len(binaries) != 2:
        parser.error("two --binary LABEL=PATH")
    warroom.ensure_tools()
    typed = {label: [] for label, _ in binaries}
    walls = {label: [] for label, _ in binaries}
    medians = {label: [] for label, _ in binaries}
    loads = []
    for r in range(args.rounds):
        order = binaries if r % 2 == 0 else binaries[::-1]
        for label, path in order:
            work = tempfile.mkdtemp(prefix="crisis-ab-")
            try:
                loads.append(os.getloadavg()[0])
                warroom.say(f"round {r + 1}: {label}")
                latencies, w = one_round(os.path.abspath(path), work, args.samples, args.notes, 1000 * r)
            finally:
                shutil.rmtree(work, ignore_errors=True)
            typed[label] += latencies
            walls[label] += w
            medians[label].append(statistics.median(latencies))
    loads.append(os.getloadavg()[0])
    p = warroom.percentile
    print(f"`{shlex.join(['python3', *sys.argv])}`; {args.rounds} rounds; 1-minute load average at the rounds' "
          f"starts {min(loads):.2f} to {max(loads):.2f} (mean {statistics.mean(loads):.2f})\n")
    print("| measure | " + " | ".join(label for label, _ in binaries) + " |")
    print("|---|" + "---|" * len(binaries))
    rows = [
        (f"Enter to screen p50 (ms), {args.rounds * args.samples} samples", lambda l: f"{p(typed[l], 50):.2f}"),
        ("Enter to screen p95 (ms)", lambda l: f"{p(typed[l], 95):.2f}"),
        ("Enter to screen p99 (ms)", lambda l: f"{p(typed[l], 99):.2f}"),
        ("Enter to screen, median of each round (ms)", lambda l: ", ".join(f"{m:.2f}" for m in medians[l])),
        (f"`crisis note` process wall time p50 (ms), {args.rounds * args.notes} runs", lambda l: f"{p(walls[l], 50):.1f}"),
        ("`crisis note` process wall time p99 (ms)", lambda l: f"{p(walls[l], 99):.1f}"),
    ]
    for name, value in rows:
        print(f"| {name} | " + " | ".join(value(label) for label, _ in binaries) + " |")


if __name__ == "__main__":
    main()
