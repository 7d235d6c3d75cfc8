#!/bin/bash
# The C++ of engine/, grammar/, tests/ and bench/ is laid out as .clang-format
# says (CONTRIBUTING.md, "Layout and editors"). Prints each file that is not,
# with clang-format's first differences, and exits 1; `git clang-format` (for
# what you changed) or `clang-format -i FILE` fixes it.
set -euo pipefail
cd "$(dirname "$0")/../.."
mapfile -t files < <(git ls-files 'engine/*.cpp' 'engine/*.h' 'grammar/*.cpp' 'grammar/*.h' \
                                  'tests/*.cpp' 'tests/*.h' 'bench/*.cpp' 'bench/*.h' | grep -v node_modules)
if ! clang-format --dry-run --Werror "${files[@]}" 2>/tmp/meso-format.$$; then
    grep -E '^[^ ].*: error:' /tmp/meso-format.$$ | cut -d: -f1 | sort -u | sed 's/$/: not laid out as .clang-format says: clang-format -i it/' >&2
    head -20 /tmp/meso-format.$$ >&2
    rm -f /tmp/meso-format.$$
    exit 1
fi
rm -f /tmp/meso-format.$$
echo "format: ${#files[@]} C++ files laid out as .clang-format says"
