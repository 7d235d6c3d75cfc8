#!/usr/bin/python3
"""No hand-written source file over 600 lines.

A file that long holds more than one idea; split it by what is inside (the
grammar by construct family, a stage by its passes) so that a reader finds
a construct by its file name. Read: the C++ of engine/, grammar/, tests/ and
bench/, and the scripts of scripts/ (Python, shell). Not read: what a tool
generates or a package manager downloads (node_modules/, build*/).

Known exceptions are listed in scripts/lint/sizes-allow.txt ("FILE LINES
# why", LINES its length when listed); the check fails on a file over the
limit that is not listed, on a listed file that grew, and on an entry whose
file is back under the limit, so the list only shrinks. A listed file that
shrank is reported, to lower its entry.
Run from anywhere: scripts/lint/sizes.py [--root DIR].
"""

import os
import sys

import allow_list
from allow_list import AllowList

LIMIT = 600
SCANNED_ROOTS = ("engine", "grammar", "tests", "bench", "scripts")
EXTENSIONS = (".h", ".hpp", ".hh", ".inc", ".ipp", ".cpp", ".cc", ".cxx", ".py", ".sh")
SKIPPED_FOLDERS = ("node_modules",)


def source_files(root):
    for top in SCANNED_ROOTS:
        for directory, subdirs, files in os.walk(os.path.join(root, top)):
            subdirs[:] = sorted(d for d in subdirs if d not in SKIPPED_FOLDERS and not d.startswith("build"))
            for name in sorted(files):
                if name.endswith(EXTENSIONS):
                    yield os.path.relpath(os.path.join(directory, name), root).replace(os.sep, "/")


def line_count(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return sum(1 for _ in f)


def check(root, allow_path):
    allow = AllowList(allow_path, fields=2, shown_as=os.path.relpath(allow_path, root))
    listed = {}
    for key, line in allow.entries.items():
        if key[1].isdigit():
            listed[key[0]] = (int(key[1]), line)
        else:
            allow.problems.append(f"{allow.where(line)}: expected a number of lines, found {key[1]}")
    problems = list(allow.problems)
    files = 0
    over = set()
    for path in source_files(root):
        files += 1
        lines = line_count(os.path.join(root, path))
        if lines <= LIMIT:
            continue
        over.add(path)
        if path not in listed:
            problems.append(f"{path}:{LIMIT + 1}:1: error: {lines} lines, over the limit of {LIMIT}: split the file "
                            f"by what is inside it (CONTRIBUTING.md, Layout)")
        elif lines > listed[path][0]:
            problems.append(f"{path}:{LIMIT + 1}:1: error: {lines} lines, more than the {listed[path][0]} of "
                            f"{allow.where(listed[path][1])}: a file over the limit only shrinks")
        elif lines < listed[path][0]:
            print(f"{allow.where(listed[path][1])}: note: {path} is down to {lines} lines: lower this line",
                  file=sys.stderr)
    for path, (_, line) in sorted(listed.items()):
        if path not in over:
            problems.append(f"{allow.where(line)}: error: {path} is no longer over {LIMIT} lines: delete this line "
                            f"(the list only shrinks)")
    return files, len(over), problems


def main(argv):
    return allow_list.run(argv, "sizes", f"No hand-written source file over {LIMIT} lines.", "sizes-allow.txt", check,
                          lambda files, allowed, shown: (f"sizes: {files} files of at most {LIMIT} lines; "
                                                         f"{allowed} known exception(s) left in {shown}"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
