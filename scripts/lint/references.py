#!/usr/bin/python3
"""Comments point inside the repository, at docs/ for what a user reads.

A comment in the C++ sources (engine/, grammar/, tests/, bench/) that sends
the reader to a path outside the repository (`../shared/design/cli.md`,
`/work/...`, `~/...`) points at nothing in a clone or a release tarball;
the reference a reader can follow is the repository's docs/. A path that
starts with ../ is fine when it names something in the repository from the
file's folder.

Known exceptions are listed in scripts/lint/references-allow.txt
("FILE REFERENCE  # why"); the check fails on a reference not in the list
and on a list entry that no longer occurs, so the list only shrinks.
Run from anywhere: scripts/lint/references.py [--root DIR].
"""

import bisect
import os
import re
import sys

import allow_list
from allow_list import AllowList

SCANNED_ROOTS = ("engine", "grammar", "tests", "bench")
CPP_EXTENSIONS = (".h", ".hpp", ".hh", ".inc", ".ipp", ".cpp", ".cc", ".cxx")

# A path out of the repository: up from its top (../x), or absolute in a
# home or work directory (a path such as /usr/share/zoneinfo is the
# system's, not a document).
OUTSIDE = re.compile(r"(?<![\w./~-])((?:\.\./)+[\w.-][\w./-]*|/(?:work|home|root|tmp)/[\w./-]+|~/[\w./-]+)")


def comments(text):
    """Each comment of C++ source text as (offset, text); string and
    character literals (raw strings included) are skipped, so that a path
    in a string is not taken for a reference."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            yield i, text[i:end]
            i = end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            yield i, text[i:end]
            i = end
        elif c == '"':
            if i > 0 and text[i - 1] == "R" and _literal_prefix(text, i - 1):
                open_paren = text.find("(", i)
                delimiter = text[i + 1:open_paren] if open_paren >= 0 else ""
                end = text.find(")" + delimiter + '"', open_paren)
                i = n if open_paren < 0 or end < 0 else end + len(delimiter) + 2
            else:
                i = _end_of_quoted(text, i, '"')
        elif c == "'":
            # 1'000'000 is a number with digit separators, u8'x' a character.
            word = _word_before(text, i)
            if word and word not in ("u8", "u", "U", "L"):
                i += 1
            else:
                i = _end_of_quoted(text, i, "'")
        else:
            i += 1


def _word_before(text, i):
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "_"):
        j -= 1
    return text[j:i]


def _literal_prefix(text, r):
    """Whether the R at r starts a raw string literal (R, LR, uR, UR, u8R)."""
    return _word_before(text, r + 1) in ("R", "LR", "uR", "UR", "u8R")


def _end_of_quoted(text, i, quote):
    j = i + 1
    while j < len(text) and text[j] != quote and text[j] != "\n":
        j += 2 if text[j] == "\\" else 1
    return j + 1


def source_files(root):
    for top in SCANNED_ROOTS:
        for directory, subdirs, files in os.walk(os.path.join(root, top)):
            subdirs.sort()
            for name in sorted(files):
                if name.endswith(CPP_EXTENSIONS):
                    yield os.path.relpath(os.path.join(directory, name), root).replace(os.sep, "/")


def inside_repository(root, path, reference):
    if not reference.startswith("../"):
        return False
    target = os.path.normpath(os.path.join(os.path.dirname(path), reference.rstrip(".")))
    return not target.startswith("..") and os.path.exists(os.path.join(root, target))


def check(root, allow_path):
    allow = AllowList(allow_path, fields=2, shown_as=os.path.relpath(allow_path, root))
    problems = list(allow.problems)
    seen = set()
    files = 0
    for path in source_files(root):
        files += 1
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
            text = f.read()
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        for offset, comment in comments(text):
            for match in OUTSIDE.finditer(comment):
                reference = match.group(1).rstrip(".,;:)")
                if inside_repository(root, path, reference):
                    continue
                key = (path, reference)
                seen.add(key)
                if allow.allows(key):
                    continue
                at = offset + match.start(1)
                line = bisect.bisect_right(line_starts, at)
                column = at - line_starts[line - 1] + 1
                problems.append(f"{path}:{line}:{column}: error: the comment points at {reference}, outside the "
                                f"repository, where a clone or a release has nothing: point at the page of docs/ "
                                f"that says it (or at the file in the repository)")
    for line, key in allow.stale(seen):
        problems.append(f"{allow.where(line)}: error: {key[0]} no longer mentions {key[1]}: delete this line "
                        f"(the list only shrinks)")
    return files, len(seen), problems


def main(argv):
    return allow_list.run(argv, "references", "Comments point inside the repository.", "references-allow.txt", check,
                          lambda files, allowed, shown: (f"references: the comments of {files} files point inside the repository; "
                                    f"{allowed} known exception(s) left in {shown}"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
