"""The allow-lists of scripts/lint: today's known exceptions to a check.

An allow-list holds one exception a line, its fields separated by blanks,
and a `#` comment that says why it is there and what removes it. A check
fails on a problem that is not in its list and on an entry that no longer
occurs, so that the list only ever shrinks and stays honest.
"""

import os


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
