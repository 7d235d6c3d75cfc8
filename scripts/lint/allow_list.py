"""The allow-lists of scripts/lint: today's known exceptions to a check.

An allow-list holds one exception a line, its fields separated by blanks,
and a `#` comment that says why it is there and what removes it. A check
fails on a problem that is not in its list and on an entry that no longer
occurs, so that the list only ever shrinks and stays honest.
"""

import argparse
import os
import sys


class AllowList:
    def __init__(self, path, fields, shown_as=None):
        self.path = path
        self.shown_as = shown_as or os.path.relpath(path)
        self.entries = {}  # key (tuple of fields) -> line number
        self.problems = []  # malformed or repeated lines, located
        try:
            with open(path, encoding="utf-8") as f:
                lines = f.read().splitlines()
        except FileNotFoundError:
            lines = []
        for number, line in enumerate(lines, start=1):
            text = line.split("#", 1)[0].split()
            if not text:
                continue
            key = tuple(text)
            if len(key) != fields:
                self.problems.append(f"{self.where(number)}: expected {fields} fields, found {len(key)}: {line.strip()}")
            elif key in self.entries:
                self.problems.append(f"{self.where(number)}: repeats line {self.entries[key]}")
            else:
                self.entries[key] = number

    def where(self, line):
        return f"{self.shown_as}:{line}"

    def allows(self, key):
        return key in self.entries

    def stale(self, seen):
        """The entries whose exception no longer occurs, with their line numbers."""
        return sorted((line, key) for key, line in self.entries.items() if key not in seen)


def run(argv, name, description, allow_name, check, success):
    """The command line every check of scripts/lint shares: --root (the
    repository) and --allow (its allow-list, scripts/lint/ALLOW_NAME by
    default); `check(root, allow_path)` returns (files, allowed, problems),
    and `success(files, allowed, allow_shown)` words a clean run."""
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(here)), help="the repository")
    parser.add_argument("--allow", help=f"the allow-list (default: scripts/lint/{allow_name} in the repository)")
    args = parser.parse_args(argv)
    root = os.path.abspath(args.root)
    allow_path = args.allow or os.path.join(root, "scripts", "lint", allow_name)
    files, allowed, problems = check(root, allow_path)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{name}: {len(problems)} problem(s) in {files} files", file=sys.stderr)
        return 1
    print(success(files, allowed, os.path.relpath(allow_path, root)))
    return 0
