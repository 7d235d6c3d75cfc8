#!/usr/bin/python3
"""clang-tidy over the engine, held to a baseline that only shrinks.

Runs clang-tidy (the checks of .clang-tidy) on every .cpp of grammar/ and
engine/ (the headers they include are checked through them; tests/ and
bench/ are not), several files at a time, and compares what it finds with
scripts/lint/tidy-baseline.txt, the findings of the code as it was when the
checks came in:

  - a function over a threshold (cognitive complexity over 40, more than 80
    lines) is listed with its score; a function not listed, or whose score
    grew, fails the check;
  - any other check is listed as a count per file; a count that grew fails.

A finding that got better (a lower score, a function under the threshold, a
lower count) is reported, not failed: lower the baseline to match, by hand
or with --update-baseline, which only ever lowers or removes lines.

Results are cached per file in BUILD/lint-cache/ by everything that can
change them (the file and every header of the repository it includes, the
compile command, .clang-tidy, clang-tidy's version): after an edit, only the
files that see it are analysed again. --no-cache runs everything.

  scripts/lint/tidy.py --build build [--jobs N] [--update-baseline] [FILE...]
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

import layering

SOURCE_ROOTS = ("grammar", "engine")
SOURCE_EXTENSIONS = (".cpp", ".cc", ".cxx")
# GCC's options that clang does not know (-Wno-maybe-uninitialized) are not
# clang-tidy's business, and neither are clang's own warnings: -Werror, set
# by the project's make targets, would turn them into errors here.
EXTRA_ARGS = ["--extra-arg=-Wno-unknown-warning-option", "--extra-arg=-Wno-error"]

FINDING = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<column>\d+): (?P<kind>warning|error): "
                     r"(?P<message>.*?)(?: \[(?P<check>[\w.,-]+)\])?$")
NOTE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<column>\d+): note: (?P<message>.*)$")
COMPLEXITY = re.compile(r"^(?:function '(?P<function>[^']+)'|(?P<lambda>lambda)) has cognitive complexity of "
                        r"(?P<score>\d+) \(threshold \d+\)$")
SIZE = re.compile(r"^function '(?P<function>[^']+)' exceeds recommended size/complexity thresholds$")
SIZE_NOTE = re.compile(r"^(?P<score>\d+) (?P<measure>lines|statements|branches|parameters|variables)\b.*"
                       r"\(threshold \d+\)$")

# The checks that measure a function: their findings are listed by function
# and score; every other check is counted per file.
COMPLEXITY_CHECK = "readability-function-cognitive-complexity"
SIZE_CHECK = "readability-function-size"
LAMBDA = "(lambda)"


class Finding:
    """One line of the baseline: in `file`, `check` found `subject` (a
    function, or "-" for a count per file) with `value` (score or count)."""

    def __init__(self, file, check, subject, value, lines=()):
        self.file, self.check, self.subject, self.value = file, check, subject, value
        self.lines = list(lines)  # where it was found (none for a line of the baseline)

    def key(self):
        return (self.file, self.check, self.subject)

    def measured(self):
        return self.subject != "-"


def relative(root, path):
    path = os.path.normpath(path if os.path.isabs(path) else os.path.join(root, path))
    return os.path.relpath(path, root).replace(os.sep, "/")


def name_of(function):
    """A function's name as one field of the baseline (`operator bool`)."""
    return function.replace(" ", "_")


def parse_output(root, text):
    """The findings in clang-tidy's output, and the errors (it could not
    analyse the file: a compile error). Notes are read for the score of
    readability-function-size; findings outside the repository are dropped."""
    findings = []  # (file, line, column, check, subject, value)
    errors = []
    size_finding = None
    for line in text.splitlines():
        match = FINDING.match(line)
        if match:
            size_finding = None
            file = relative(root, match["file"])
            where = (file, int(match["line"]), int(match["column"]))
            check = match["check"] or ""
            if match["kind"] == "error" or check.startswith("clang-diagnostic"):
                errors.append(line)
                continue
            if file.startswith("../"):
                continue
            if check == COMPLEXITY_CHECK:
                measure = COMPLEXITY.match(match["message"])
                if measure:
                    subject = name_of(measure["function"]) if measure["function"] else LAMBDA
                    findings.append(where + (check, subject, int(measure["score"])))
                    continue
            if check == SIZE_CHECK:
                measure = SIZE.match(match["message"])
                if measure:
                    size_finding = where + (name_of(measure["function"]),)
                    continue
            for one in check.split(","):
                findings.append(where + (one, "-", 1))
            continue
        match = NOTE.match(line)
        if match and size_finding:
            measure = SIZE_NOTE.match(match["message"])
            if measure:
                file, line_number, column, function = size_finding
                check = f"{SIZE_CHECK}:{measure['measure']}"
                findings.append((file, line_number, column, check, function, int(measure["score"])))
    return findings, errors


def summarise(findings):
    """Findings, each reported once (a header's are reported by every file
    that includes it), as baseline lines: one per measured function, one
    count per other check and file."""
    unique = sorted(set(findings))
    result = []
    counts = {}
    for file, line, _column, check, subject, value in unique:
        if subject == "-":
            counts.setdefault((file, check), []).append(line)
        else:
            result.append(Finding(file, check, subject, value, [line]))
    for (file, check), lines in counts.items():
        result.append(Finding(file, check, "-", len(lines), lines))
    return result


def read_baseline(path):
    findings = []
    problems = []
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        return findings, problems
    for number, line in enumerate(lines, start=1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if len(fields) != 4 or not fields[3].isdigit():
            problems.append(f"{path}:{number}: expected FILE CHECK FUNCTION-OR-DASH NUMBER: {line.strip()}")
            continue
        findings.append(Finding(fields[0], fields[1], fields[2], int(fields[3])))
    return findings, problems


BASELINE_HEAD = """\
# What clang-tidy (.clang-tidy) finds in today's code and `make lint`
# tolerates (scripts/lint/tidy.py). It fails on anything not here and on
# anything worse than here; it reports what got better, to be lowered here.
# This file only shrinks: a new finding is fixed, not added (a function that
# moved to another file moves its line, and the diff shows it).
#
# FILE  CHECK  FUNCTION (or - for a count of the check in the file)  SCORE-OR-COUNT
"""


def write_baseline(path, findings):
    rows = sorted((f.file, f.check, f.subject, str(f.value)) for f in findings)
    widths = [max([len(r[i]) for r in rows] + [1]) for i in range(3)]
    with open(path, "w", encoding="utf-8") as out:
        out.write(BASELINE_HEAD)
        for row in rows:
            out.write("  ".join(row[i].ljust(widths[i]) for i in range(3)) + "  " + row[3] + "\n")


def describe(check, subject, values):
    shown = ", ".join(str(v) for v in values)
    if check == COMPLEXITY_CHECK:
        return f"{subject}: cognitive complexity {shown}"
    if check.startswith(SIZE_CHECK + ":"):
        return f"{subject}: {shown} {check.split(':', 1)[1]}"
    return f"{check}: {shown} finding(s)"


def compare(baseline, current):
    """(failures, improvements) as messages. Functions of one name in one
    file (overloads, lambdas) are compared as a group, highest scores
    paired: the group fails when it has more members over the threshold or
    one of them scores higher than the baseline allows."""
    def group(findings):
        groups = {}
        for f in findings:
            groups.setdefault(f.key(), []).append(f)
        for members in groups.values():
            members.sort(key=lambda f: -f.value)
        return groups

    was, now = group(baseline), group(current)
    failures, improvements = [], []
    for key in sorted(set(was) | set(now)):
        file, check, subject = key
        before = [f.value for f in was.get(key, [])]
        after = [f.value for f in now.get(key, [])]
        lines = sorted(line for f in now.get(key, []) for line in f.lines)
        where = f"{file}:{lines[0]}" if lines else file
        if len(lines) > 1:
            subject_lines = f" (lines {', '.join(map(str, lines))})"
        else:
            subject_lines = ""
        allowed = f"the baseline allows {', '.join(map(str, before))}" if before else "not in the baseline"
        worse = len(after) > len(before) or any(a > b for a, b in zip(after, before))
        if worse:
            hint = "a new finding: fix it" if not before else "it got worse: bring it back"
            if subject != "-" and check == COMPLEXITY_CHECK:
                hint += " (split the function; a helper per case or per step)"
            elif check.startswith(SIZE_CHECK):
                hint += " (split the function into steps that fit a screen)"
            failures.append(f"{where}: {describe(check, subject, after)}{subject_lines} ({allowed}): {hint} [{check}]")
        elif after != before:
            now_text = ", ".join(map(str, after)) if after else "none"
            improvements.append(f"{file}: {describe(check, subject, before)} -> {now_text}: lower it in the "
                                f"baseline [{check}]")
    return failures, improvements


def lowered(baseline, current):
    """The baseline with every improvement applied and nothing added or raised."""
    now = {}
    for f in current:
        now.setdefault(f.key(), []).append(f.value)
    result = []
    by_key = {}
    for f in baseline:
        by_key.setdefault(f.key(), []).append(f)
    for key, members in by_key.items():
        allowed = sorted((f.value for f in members), reverse=True)
        found = sorted(now.get(key, []), reverse=True)
        for i, value in enumerate(allowed):
            if i < len(found):
                result.append(Finding(key[0], key[1], key[2], min(value, found[i])))
    return result


def source_files(root):
    for top in SOURCE_ROOTS:
        for directory, subdirs, files in os.walk(os.path.join(root, top)):
            subdirs.sort()
            for name in sorted(files):
                if name.endswith(SOURCE_EXTENSIONS):
                    yield relative(root, os.path.join(directory, name))


def included_files(root, path):
    """The repository's files that `path` includes, directly or not (read
    from the #include lines as scripts/lint/layering.py reads them)."""
    seen, todo = set(), [path]
    while todo:
        current = todo.pop()
        try:
            with open(os.path.join(root, current), encoding="utf-8", errors="replace") as f:
                lines = f.read().splitlines()
        except OSError:
            continue
        for line in lines:
            match = layering.INCLUDE.match(line)
            if not match:
                continue
            target = layering.included_path(root, current, match.group(2), match.group(3))
            if target and target not in seen and os.path.isfile(os.path.join(root, target)):
                seen.add(target)
                todo.append(target)
    return sorted(seen)


def run_clang_tidy(clang_tidy, build, header_filter, root, path):
    """clang-tidy on one file: (output, exit status, CPU seconds, wall seconds)."""
    start = time.monotonic()
    command = [clang_tidy, "-p", build, "--quiet", "--header-filter=" + header_filter] + EXTRA_ARGS + [path]
    process = subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read().decode("utf-8", errors="replace")
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return output, process.returncode, usage.ru_utime + usage.ru_stime, time.monotonic() - start


def format_seconds(seconds):
    minutes, seconds = divmod(int(round(seconds)), 60)
    return f"{minutes}m{seconds:02d}s"


def main(argv):
    sys.stdout.reconfigure(line_buffering=True)  # in order with what goes to stderr
    here = os.path.dirname(os.path.abspath(__file__))
    default_root = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description="clang-tidy on the engine, against a baseline that only shrinks.")
    parser.add_argument("--root", default=default_root, help="the repository")
    parser.add_argument("--build", default="build", help="the build directory with compile_commands.json")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="files analysed at once")
    parser.add_argument("--baseline", help="default: scripts/lint/tidy-baseline.txt")
    parser.add_argument("--clang-tidy", default=os.environ.get("CLANG_TIDY", "clang-tidy"))
    parser.add_argument("--update-baseline", action="store_true",
                        help="lower the baseline to what is found now (never adds or raises a line)")
    parser.add_argument("--rewrite-baseline", action="store_true",
                        help="write the baseline from scratch, as found now: only when a check is added to "
                             ".clang-tidy (review every line of the diff)")
    parser.add_argument("--no-cache", action="store_true", help="analyse every file again")
    parser.add_argument("files", nargs="*", help="only these .cpp files (compared with their lines of the baseline)")
    args = parser.parse_args(argv)

    root = os.path.abspath(args.root)
    build = os.path.abspath(os.path.join(root, args.build) if not os.path.isabs(args.build) else args.build)
    baseline_path = args.baseline or os.path.join(root, "scripts", "lint", "tidy-baseline.txt")
    shown_baseline = relative(root, baseline_path)

    clang_tidy = shutil.which(args.clang_tidy)
    if not clang_tidy:
        print(f"tidy: {args.clang_tidy} is not installed: run scripts/setup (Debian package clang-tidy)", file=sys.stderr)
        return 2
    database = os.path.join(build, "compile_commands.json")
    try:
        with open(database, encoding="utf-8") as f:
            commands = {relative(root, os.path.join(e["directory"], e["file"])): e for e in json.load(f)}
    except FileNotFoundError:
        print(f"tidy: {relative(root, database)} is missing: configure the build first "
              f"(cmake -S . -B {relative(root, build)}; make lint does)", file=sys.stderr)
        return 2

    files = [relative(root, f) for f in args.files] if args.files else list(source_files(root))
    missing = [f for f in files if f not in commands]
    if missing:
        print(f"tidy: not in {relative(root, database)}: {', '.join(missing)}; run cmake -S . -B "
              f"{relative(root, build)} again (make lint does)", file=sys.stderr)
        return 2

    version = subprocess.run([clang_tidy, "--version"], capture_output=True, text=True).stdout
    with open(os.path.join(root, ".clang-tidy"), "rb") as f:
        config = f.read()
    header_filter = "^" + re.escape(root + os.sep) + "(" + "|".join(SOURCE_ROOTS) + ")/"
    cache = os.path.join(build, "lint-cache", "tidy")
    os.makedirs(cache, exist_ok=True)

    def cache_key(path):
        digest = hashlib.sha256()
        for part in (version, config.decode("utf-8", "replace"), header_filter, " ".join(EXTRA_ARGS),
                     json.dumps(commands[path], sort_keys=True)):
            digest.update(part.encode() + b"\0")
        for file in [path] + included_files(root, path):
            digest.update(file.encode() + b"\0")
            with open(os.path.join(root, file), "rb") as f:
                digest.update(f.read() + b"\0")
        return os.path.join(cache, digest.hexdigest() + ".txt")

    # The slowest files first (the grammar's PEGTL templates), so that the
    # last ones to finish are short.
    files.sort(key=lambda f: -os.path.getsize(os.path.join(root, f)))
    started = time.monotonic()
    outputs, errors, cpu, cached = {}, [], 0.0, 0
    todo = []
    for path in files:
        key = cache_key(path)
        if not args.no_cache and os.path.exists(key):
            with open(key, encoding="utf-8") as f:
                outputs[path] = f.read()
            cached += 1
        else:
            todo.append((path, key))
    print(f"tidy: {len(files)} files, {len(todo)} to analyse with {args.jobs} job(s), {cached} from the cache",
          flush=True)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(run_clang_tidy, clang_tidy, build, header_filter, root, path): (path, key)
                   for path, key in todo}
        for future in concurrent.futures.as_completed(futures):
            path, key = futures[future]
            output, status, seconds, wall = future.result()
            cpu += seconds
            print(f"tidy: {path} ({format_seconds(wall)})", flush=True)
            # Paths relative to the repository, so that the cache does not
            # depend on where the clone is.
            output = output.replace(root + os.sep, "")
            _, file_errors = parse_output(root, output)
            if status != 0 or file_errors:
                errors.append(f"{path}: clang-tidy could not analyse it (exit status {status}):\n"
                              + "\n".join(file_errors or output.splitlines()[-20:]))
                continue
            outputs[path] = output
            with open(key + ".tmp", "w", encoding="utf-8") as f:
                f.write(output)
            os.replace(key + ".tmp", key)
    wall = time.monotonic() - started

    found = []
    for path in files:
        if path in outputs:
            found += parse_output(root, outputs[path])[0]
    current = summarise(found)
    baseline, problems = read_baseline(baseline_path)
    if args.files:
        # Only the lines of the files analysed (and of the headers they include).
        touched = {f.file for f in current} | set(files)
        baseline = [f for f in baseline if f.file in touched]
    failures, improvements = compare(baseline, current)

    for problem in problems + errors:
        print(problem, file=sys.stderr)
    if args.rewrite_baseline and not errors:
        if args.files:
            print("tidy: --rewrite-baseline needs every file (no FILE arguments)", file=sys.stderr)
            return 2
        write_baseline(baseline_path, current)
        print(f"tidy: {shown_baseline} rewritten: {len(current)} line(s); review the diff line by line")
        return 0
    for failure in failures:
        print(f"{failure}", file=sys.stderr)
    if improvements:
        print(f"tidy: better than {shown_baseline} (lower it: edit those lines, or "
              f"scripts/lint/tidy.py --update-baseline):")
        for improvement in improvements:
            print(f"  {improvement}")
    if args.update_baseline and not errors and not problems:
        if args.files:
            print("tidy: --update-baseline needs every file (no FILE arguments)", file=sys.stderr)
            return 2
        new = lowered(baseline, current)
        write_baseline(baseline_path, new)
        print(f"tidy: {shown_baseline} lowered ({len(baseline)} -> {len(new)} lines); "
              f"what got worse is not added: {len(failures)} finding(s) to fix")

    timing = f"{format_seconds(wall)} wall, {format_seconds(cpu)} CPU in clang-tidy"
    if problems or errors or failures:
        print(f"tidy: {len(failures)} finding(s) over {shown_baseline}, {len(errors)} file(s) not analysed ({timing})",
              file=sys.stderr)
        return 1
    print(f"tidy: nothing over {shown_baseline} ({len(current)} known finding(s) left; {timing})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
