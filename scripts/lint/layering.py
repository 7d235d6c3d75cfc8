#!/usr/bin/python3
"""The pipeline's layering, read from the #include lines.

Each stage is a folder (CONTRIBUTING.md, "Layout"); a file may
include its own stage and earlier ones, never a later one, so that the
pipeline runs one way: engine/base/ (stage 0) is under everything and
includes no stage, the grammar knows nothing of resolve, and so on up to
the command line. tests/ and bench/ may include anything and are not read.

A violation known today is listed in scripts/lint/layering-allow.txt
("INCLUDING-FILE INCLUDED-FILE  # why"); the check fails on a violation not
in the list and on a list entry that no longer occurs, so the list only
shrinks. Run from anywhere: scripts/lint/layering.py [--root DIR].
"""

import os
import re
import sys

import allow_list
from allow_list import AllowList

# The stages in pipeline order: a folder and its rank. Folders of the same
# rank may include each other. A folder that does not exist yet (engine/base,
# engine/pipeline) is known already, so that moving files there needs no
# change here.
STAGES = [
    ("engine/base", 0),
    ("grammar", 1),
    ("engine/ir", 2),
    ("engine/resolve", 2),
    ("engine/schedule", 3),
    ("engine/stats", 3),
    ("engine/rules", 4),
    ("engine/report", 5),
    ("engine/emit", 5),
    ("engine/format", 5),
    ("engine/evidence", 5),
    ("engine/view", 5),
    ("engine/pipeline", 6),
    ("engine/lsp", 7),
    ("engine/cli", 8),
]
# Every C++ file under these folders must be in a stage.
CHECKED_ROOTS = ("engine", "grammar")
CPP_EXTENSIONS = (".h", ".hpp", ".hh", ".inc", ".ipp", ".cpp", ".cc", ".cxx")

INCLUDE = re.compile(r'^(\s*)#\s*include\s*([<"])([^>"]+)[>"]')


def stage_of(path):
    """The (folder, rank) of a repository-relative path, or None."""
    best = None
    for folder, rank in STAGES:
        if path == folder or path.startswith(folder + "/"):
            if best is None or len(folder) > len(best[0]):
                best = (folder, rank)
    return best


def under_checked_root(path):
    return any(path == r or path.startswith(r + "/") for r in CHECKED_ROOTS)


def pipeline_order():
    by_rank = {}
    for folder, rank in STAGES:
        by_rank.setdefault(rank, []).append(folder)
    return " < ".join(" + ".join(by_rank[r]) + f" ({r})" for r in sorted(by_rank))


def source_files(root):
    for top in CHECKED_ROOTS:
        for directory, subdirs, files in os.walk(os.path.join(root, top)):
            subdirs.sort()
            for name in sorted(files):
                if name.endswith(CPP_EXTENSIONS):
                    yield os.path.relpath(os.path.join(directory, name), root).replace(os.sep, "/")


def included_path(root, including, delimiter, written):
    """The repository-relative path an #include names, as the compiler finds it
    (a quoted name next to the including file first, then from the top of the
    repository, which is the include directory), or None outside the repository."""
    candidates = []
    if delimiter == '"':
        candidates.append(os.path.join(os.path.dirname(including), written))
    candidates.append(written)
    for candidate in candidates:
        if os.path.exists(os.path.join(root, candidate)):
            path = os.path.normpath(candidate).replace(os.sep, "/")
            return None if path.startswith("../") else path
    # Not there (yet): judged by its name, as it is written from the top.
    path = os.path.normpath(written).replace(os.sep, "/")
    return None if path.startswith("../") else path


def check(root, allow_path):
    allow = AllowList(allow_path, fields=2, shown_as=os.path.relpath(allow_path, root))
    problems = list(allow.problems)
    seen = set()
    files = 0
    for path in source_files(root):
        files += 1
        own = stage_of(path)
        if own is None:
            problems.append(f"{path}:1:1: error: {os.path.dirname(path)} is not a stage of the pipeline: "
                            f"add it to STAGES in scripts/lint/layering.py at its place ({pipeline_order()})")
            continue
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
        for number, line in enumerate(lines, start=1):
            match = INCLUDE.match(line)
            if not match:
                continue
            indent, delimiter, written = match.groups()
            target = included_path(root, path, delimiter, written)
            if target is None:
                continue
            theirs = stage_of(target)
            if theirs is None:
                if under_checked_root(target):
                    problems.append(f"{path}:{number}:{len(indent) + 1}: error: includes {target}, which is in no stage: "
                                    f"add {os.path.dirname(target)} to STAGES in scripts/lint/layering.py")
                continue
            if theirs[1] <= own[1]:
                continue
            key = (path, target)
            seen.add(key)
            if allow.allows(key):
                continue
            problems.append(
                f"{path}:{number}:{len(indent) + 1}: error: {own[0]} (stage {own[1]}) includes {target} "
                f"({theirs[0]}, stage {theirs[1]}), a later stage; a stage includes only its own and earlier ones: "
                f"{pipeline_order()}. Move what both need down a stage (engine/base/ is under all of them) "
                f"or pass it in from the caller")
    for line, key in allow.stale(seen):
        problems.append(f"{allow.where(line)}: error: {key[0]} no longer includes {key[1]} from a later stage: "
                        f"delete this line (the list only shrinks)")
    return files, len(seen), problems


def main(argv):
    return allow_list.run(argv, "layering", "No stage of the pipeline includes a later one.", "layering-allow.txt", check,
                          lambda files, allowed, shown: (f"layering: {files} files follow {pipeline_order()}; {allowed} known exception(s) left in {shown}"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
