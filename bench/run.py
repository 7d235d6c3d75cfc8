#!/usr/bin/python3
"""meso's benchmark, run by `make bench`.

    run.py BUILD_DIR [--quick]

1. Generates the inputs (bench/generate.py) at 1x, 10x and 100x.
2. Per input, in a fresh process each: build/meso_bench (parse, resolve,
   schedule, rules, ics emission, best of a few runs) and `meso compile
   FILE -o /dev/null` (end to end, and its peak resident memory).
3. Side by side on the same sessions: `meso compile` against Python's
   icalendar and the npm package `ics`, each building the VEVENTs from
   `meso schedule --format json` (bench/ical_python.py, bench/node/ics.js).
4. `meso check` of the flagship example against a process that does
   nothing (`true`).
5. Scaling: fails (exit 1) when a stage's time grows worse than linearly,
   that is when 10x the input takes more than 12x the time.

Writes the Markdown table to stdout and BUILD_DIR/bench/results.md.
"""
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALES = (1, 10, 100)
KINDS = ("years", "federation", "big")
# The side-by-side inputs: big enough that start-up costs do not decide,
# small enough that the slowest competitor finishes in well under a minute.
SIDE_BY_SIDE = ("years-10", "federation-10")
FLAGSHIP = ROOT / "examples" / "kaatsu-then-powerlifting.meso"
MAX_SESSIONS = "100000000"  # the 100x inputs hold more sessions than the default bound (1,000,000)
STAMP = "1798761600"  # SOURCE_DATE_EPOCH: 2027-01-01, the same bytes every run


def timed_child(argv, env=None, stdout=subprocess.DEVNULL, quiet=False):
    """Runs argv in a fresh process: (CPU seconds, user and system, peak RSS
    bytes, stdout text). CPU time, not wall time: the machine is shared, and
    a process waiting for a core has not been slow.
    quiet: its standard error goes to /dev/null too."""
    read, write = os.pipe() if stdout is subprocess.PIPE else (None, None)
    pid = os.fork()
    if pid == 0:  # the child: exactly argv, nothing of this script's memory counts
        try:
            if write is not None:
                os.dup2(write, 1)
            else:
                os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            if quiet:
                os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
            os.execvpe(str(argv[0]), [str(a) for a in argv], env if env is not None else os.environ)
        finally:
            os._exit(127)
    chunks = []
    if read is not None:
        os.close(write)
        with os.fdopen(read, "rb") as pipe:
            chunks.append(pipe.read())
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: {' '.join(map(str, argv))} failed (exit {os.waitstatus_to_exitcode(status)})")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, b"".join(chunks).decode()


def spawn_time(argv, env):
    """(wall seconds, CPU seconds) of one run of argv started with posix_spawn
    (no fork of this script's memory), its output to /dev/null."""
    actions = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0), (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]
    started = time.perf_counter()
    pid = os.posix_spawn(str(argv[0]), [str(a) for a in argv], env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: {' '.join(map(str, argv))} failed (exit {os.waitstatus_to_exitcode(status)})")
    return elapsed, usage.ru_utime + usage.ru_stime


def best_child(argv, repeat, env=None):
    runs = [timed_child(argv, env, quiet=True) for _ in range(repeat)]
    return min(r[0] for r in runs), min(r[1] for r in runs)


def machine():
    model = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        total_kb = int(f.readline().split()[1])
    return f"{os.cpu_count()} cores ({model}), {total_kb / 1024 / 1024:.1f} GiB memory, {platform.platform()}"


def rate(count, seconds):
    return count / seconds if seconds > 0 else float("inf")


def human(value):
    if value >= 1e6:
        return f"{value / 1e6:.2f} M"
    if value >= 1e3:
        return f"{value / 1e3:.1f} k"
    return f"{value:.0f} "


def main():
    build = Path(sys.argv[1]).resolve()
    quick = "--quick" in sys.argv
    scales = SCALES[:2] if quick else SCALES
    meso, meso_bench = build / "meso", build / "meso_bench"
    work = build / "bench"
    inputs = work / "inputs"
    inputs.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH=STAMP, TZ="UTC")
    began = time.perf_counter()

    for scale in scales:
        subprocess.run([sys.executable, ROOT / "bench" / "generate.py", inputs, "--scale", str(scale)], check=True)

    # ---- per stage, per input: a fresh process each ----
    rows = {}
    for kind in KINDS:
        for scale in scales:
            name = f"{kind}-{scale}"
            path = inputs / f"{name}.meso"
            repeat = 3
            _, _, line = timed_child([meso_bench, path, "--repeat", repeat], env, stdout=subprocess.PIPE)
            r = {k: float(v) for k, v in (field.split("=") for field in line.split())}
            compile_s, compile_rss = best_child([meso, "compile", path, "-o", os.devnull, "--max-sessions", MAX_SESSIONS],
                                                repeat, env)
            r["compile_s"], r["compile_rss"] = compile_s, compile_rss
            r["resolve_only_s"] = max(r["resolve_s"] - r["parse_s"], 0.0)
            rows[name] = r
            print(f"bench: {name}: {int(r['sessions'])} sessions, {r['bytes'] / 1e6:.2f} MB, "
                  f"compile {compile_s:.3f} s, peak {compile_rss / 1e6:.0f} MB", file=sys.stderr)

    # ---- side by side on the same sessions ----
    side = []
    for name in SIDE_BY_SIDE:
        path = inputs / f"{name}.meso"
        schedule_json = work / f"{name}.schedule.json"
        with open(schedule_json, "w") as f:
            subprocess.run([meso, "schedule", path, "--format", "json"], check=True, stdout=f, env=env)
        meso_s, _ = best_child([meso, "compile", path, "-o", work / f"{name}.meso.ics"], 3, env)
        python_s, _, python_events = timed_child(
            ["/usr/bin/python3", ROOT / "bench" / "ical_python.py", schedule_json, work / f"{name}.icalendar.ics"], env,
            stdout=subprocess.PIPE)
        # ics writes UTC from local times in the process's zone: the programs' zone.
        node_env = dict(env, TZ="Europe/Berlin")
        node_s, _, node_events = timed_child(
            ["node", ROOT / "bench" / "node" / "ics.js", schedule_json, work / f"{name}.ics.ics"], node_env,
            stdout=subprocess.PIPE)
        sessions = int(rows[name]["sessions"])
        for who, events in (("icalendar", python_events), ("ics", node_events)):
            if int(events) != sessions:
                sys.exit(f"bench: {who} wrote {events.strip()} events for {name}, meso {sessions}")
        side.append((name, sessions, meso_s, python_s, node_s))

    # ---- meso check of the flagship against a process that does nothing ----
    runs = 200
    check_times, true_times = [], []
    true_path = "/bin/true"  # the program, not the shell's builtin
    for _ in range(runs):  # interleaved, so that a busy moment costs both alike
        check_times.append(spawn_time([meso, "check", FLAGSHIP], env))
        true_times.append(spawn_time([true_path], env))
    check_s, true_s = (statistics.median(t[0] for t in times) for times in (check_times, true_times))
    check_cpu, true_cpu = (statistics.median(t[1] for t in times) for times in (check_times, true_times))

    # ---- the table ----
    out = []
    out.append("# meso benchmark\n")
    out.append(f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    out.append(f"- machine: {machine()}")
    out.append("- command: `make bench` (bench/run.py); each input in a fresh process; times are CPU seconds (user + system), "
               "the best of 3 samples; one thread\n")
    out.append("## Per stage\n")
    out.append("Resolve excludes the parse; clock changes is the search for sessions that a change of clock moves "
               "(emit's check, timed apart from the schedule); compile is `meso compile FILE -o /dev/null` end to end "
               "(read, parse, resolve, schedule, rules, calendar), peak memory is that process's.\n")
    out.append("| input | MB | sessions | parse MB/s | resolve + schedule sessions/s | clock changes sessions/s | rules sessions/s "
               "| ics sessions/s | ics MB/s | compile sessions/s | compile MB/s | peak bytes/session |")
    out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for name, r in rows.items():
        sessions = r["sessions"]
        out.append(
            f"| {name} | {r['bytes'] / 1e6:.2f} | {int(sessions)} | {r['bytes'] / 1e6 / r['parse_s']:.1f} "
            f"| {human(rate(sessions, r['resolve_only_s'] + r['schedule_s']))} | {human(rate(sessions, r['clock_changes_s']))} "
            f"| {human(rate(sessions, r['rules_s']))} "
            f"| {human(rate(sessions, r['ics_s']))} | {r['ics_bytes'] / 1e6 / r['ics_s']:.1f} "
            f"| {human(rate(sessions, r['compile_s']))} | {r['bytes'] / 1e6 / r['compile_s']:.1f} "
            f"| {r['compile_rss'] / max(sessions, 1):.0f} |")

    out.append("\n## Against what users would use instead\n")
    out.append("Each builds one VEVENT per session (UID, DTSTAMP, DTSTART, DTEND, SUMMARY, DESCRIPTION, CATEGORIES). "
               "meso compile starts from the .meso file; the others from `meso schedule --format json` of it, "
               "made beforehand and not counted. CPU time (user + system) of the whole process, best of 3 for meso, "
               "one run for the others.\n")
    out.append("| input | sessions | meso compile | Python icalendar | npm ics | icalendar / meso | ics / meso |")
    out.append("|---|--:|--:|--:|--:|--:|--:|")
    for name, sessions, meso_s, python_s, node_s in side:
        out.append(f"| {name} | {sessions} | {meso_s:.3f} s | {python_s:.3f} s | {node_s:.3f} s "
                   f"| {python_s / meso_s:.1f}x | {node_s / meso_s:.1f}x |")

    out.append("\n## Start-up\n")
    out.append(f"`meso check {FLAGSHIP.relative_to(ROOT)}`: median of {runs} runs {check_s * 1000:.2f} ms; "
               f"`true`: {true_s * 1000:.2f} ms; ratio {check_s / true_s:.1f}x, "
               f"{(check_s - true_s) * 1000:.2f} ms more than a bare process start (wall time, medians). "
               f"CPU time (user + system), medians: {check_cpu * 1000:.2f} ms against {true_cpu * 1000:.2f} ms.\n")

    # ---- scaling: 10x the input may take at most 12x the time ----
    out.append("## Scaling\n")
    out.append("Time ratio between neighbouring scales against the ratio of their sizes (bytes for parse, "
               "sessions for the others); a stage fails when its time grows more than 1.2 times as fast as its input.\n")
    out.append("| input | stage | size ratio | time ratio | |")
    out.append("|---|---|--:|--:|---|")
    failures = []
    stages = (("parse", "parse_s", "bytes"), ("resolve + schedule", None, "sessions"), ("clock changes", "clock_changes_s", "sessions"),
              ("rules", "rules_s", "sessions"),
              ("ics", "ics_s", "sessions"), ("compile", "compile_s", "sessions"))
    for kind in KINDS:
        for small, large in zip(scales, scales[1:]):
            a, b = rows[f"{kind}-{small}"], rows[f"{kind}-{large}"]
            for stage, key, size in stages:
                ta = a[key] if key else a["resolve_only_s"] + a["schedule_s"]
                tb = b[key] if key else b["resolve_only_s"] + b["schedule_s"]
                size_ratio = b[size] / a[size]
                time_ratio = tb / ta if ta > 0 else 0.0
                bad = time_ratio > 1.2 * size_ratio
                if bad:
                    failures.append(f"{kind} {small}x -> {large}x {stage}: {size_ratio:.1f}x input took {time_ratio:.1f}x time")
                out.append(f"| {kind} {small}x → {large}x | {stage} | {size_ratio:.1f} | {time_ratio:.1f} "
                           f"| {'WORSE THAN LINEAR' if bad else 'ok'} |")
    out.append(f"\nThe benchmark took {time.perf_counter() - began:.0f} s.")
    text = "\n".join(out) + "\n"
    (work / "results.md").write_text(text)
    print(text)
    if failures:
        print("bench: worse than linear:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
