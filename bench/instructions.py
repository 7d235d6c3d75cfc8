"""Each stage's instructions, counted by callgrind (bench/run.py's check).

    count_stages(MESO_BENCH, FILE, OUT_DIR) -> {"parse": ..., "resolve": ...}

Runs `meso_bench FILE --once` (each stage exactly once) under
`valgrind --tool=callgrind` and reads, from its output file, the
instructions of each stage as the instructions of the calls that enter it:
a call from a function outside the stage's functions to one of them counts
with everything it runs (callgrind's inclusive cost of that call), a call
between two of them is not counted again. Instruction counts are the same on
an idle machine and on a busy one, which the times are not.

The stages, as meso_bench's timed laps cut them:
  parse     bench_parse: the file's parse, alone
  resolve   bench_resolve (reading, parsing with the standard library's
            modules, resolving) minus the file's parse
  clock changes  check_clock_changes
  rules     load_rules, check_clearances, check_program_rules, unused_clearances
  ics       bench_begin_calendar, bench_write_events, bench_end_calendar
  schedule  the rest of bench_compile_pass: planning, scheduling, letting
            each athlete's programs go, the pipeline's own bookkeeping and
            the ordering of the diagnostics
Functions are named by their last name, without namespace or arguments, so
that moving them into another namespace does not change what is counted.
"""
import os
import subprocess
import sys

STAGE_FUNCTIONS = {
    "parse": {"bench_parse"},
    "resolve_total": {"bench_resolve"},
    "pass": {"bench_compile_pass"},
    "clock changes": {"check_clock_changes"},
    "rules": {"load_rules", "check_clearances", "check_program_rules", "unused_clearances"},
    "ics": {"bench_begin_calendar", "bench_write_events", "bench_end_calendar"},
}


def short_name(function):
    """`meso::check_program_rules(meso::RuleBook const&, ...)` -> check_program_rules."""
    name = function.replace("(anonymous namespace)::", "")
    name = name.split("(", 1)[0]
    return name.rsplit("::", 1)[-1].strip()


def entry_costs(callgrind_out, sets):
    """{set name: instructions of the calls into the set from outside it}."""
    totals = {name: 0 for name in sets}
    caller = callee = None
    in_call = False
    with open(callgrind_out, encoding="utf-8", errors="replace") as f:
        for line in f:
            if in_call:  # the line after calls=: position, then the inclusive cost of the call
                in_call = False
                fields = line.split()
                cost = int(fields[1]) if len(fields) > 1 else 0
                for name, functions in sets.items():
                    if callee in functions and caller not in functions:
                        totals[name] += cost
                continue
            if line.startswith("fn="):
                caller = short_name(line[3:])
            elif line.startswith("cfn="):
                callee = short_name(line[4:])
            elif line.startswith("calls="):
                in_call = True
    return totals


def count_stages(meso_bench, path, out_dir, env=None):
    """The instructions of each stage of meso_bench --once on path."""
    out_file = os.path.join(out_dir, os.path.basename(str(path)) + ".callgrind")
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}", "--compress-strings=no", "--compress-pos=no",
               str(meso_bench), str(path), "--once"]
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    c = entry_costs(out_file, STAGE_FUNCTIONS)
    os.remove(out_file)
    missing = [name for name, n in c.items() if n == 0]
    if missing:  # a function renamed or inlined: a stage would count nothing
        sys.exit(f"bench: callgrind counted no instruction for {', '.join(missing)} on {path}: "
                 f"see STAGE_FUNCTIONS in bench/instructions.py")
    stages = {
        "parse": c["parse"],
        "resolve": c["resolve_total"] - c["parse"],
        "schedule": c["pass"] - c["clock changes"] - c["rules"] - c["ics"],
        "clock changes": c["clock changes"],
        "rules": c["rules"],
        "ics": c["ics"],
    }
    if min(stages.values()) <= 0:
        sys.exit(f"bench: the instruction counts of {path} do not add up: {stages}")
    return stages


if __name__ == "__main__":  # instructions.py MESO_BENCH FILE: one input's counts
    for stage, count in count_stages(sys.argv[1], sys.argv[2], "/tmp").items():
        print(f"{stage}: {count:,}")
