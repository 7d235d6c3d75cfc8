#!/usr/bin/python3
"""Tests of the checks of `make lint` (scripts/lint/), on small made-up
repositories. Run: /usr/bin/python3 -m unittest discover -s scripts/lint"""

import os
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import layering  # noqa: E402
import references  # noqa: E402
import sizes  # noqa: E402
import tidy  # noqa: E402


class Repository:
    """A temporary repository of the given files (path -> text)."""

    def __init__(self, files):
        self.directory = tempfile.TemporaryDirectory()
        self.root = self.directory.name
        for path, text in files.items():
            self.write(path, text)

    def write(self, path, text):
        full = os.path.join(self.root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(textwrap.dedent(text))

    def path(self, relative):
        return os.path.join(self.root, relative)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.directory.cleanup()


def layering_problems(files, allow=""):
    with Repository(dict(files, **{"allow.txt": allow})) as repo:
        return layering.check(repo.root, repo.path("allow.txt"))[2]


def reference_problems(files, allow=""):
    with Repository(dict(files, **{"allow.txt": allow})) as repo:
        return references.check(repo.root, repo.path("allow.txt"))[2]


def size_problems(files, allow=""):
    with Repository(dict(files, **{"allow.txt": allow})) as repo:
        return sizes.check(repo.root, repo.path("allow.txt"))[2]


def lines(n):
    return "".join(f"int x{i};\n" for i in range(n))


class Layering(unittest.TestCase):
    def test_a_stage_that_includes_a_later_one_is_an_error_located_at_the_include(self):
        problems = layering_problems({
            "engine/emit/timezone.h": "#pragma once\n",
            "engine/resolve/resolve.cpp": '#include <map>\n\n  #include "engine/emit/timezone.h"\n',
        })
        self.assertEqual(len(problems), 1)
        self.assertTrue(problems[0].startswith("engine/resolve/resolve.cpp:3:3: error: engine/resolve (stage 2) "
                                               "includes engine/emit/timezone.h (engine/emit, stage 5)"),
                        problems[0])

    def test_a_stage_may_include_itself_an_earlier_stage_and_one_of_the_same_rank(self):
        self.assertEqual(layering_problems({
            "grammar/syntax.h": "#pragma once\n",
            "engine/ir/ir.h": '#include "grammar/syntax.h"\n',
            "engine/resolve/resolve.h": '#include "engine/ir/ir.h"\n#include "grammar/syntax.h"\n',
            "engine/resolve/resolve.cpp": '#include "engine/resolve/resolve.h"\n',
            "engine/cli/main.cpp": '#include "engine/resolve/resolve.h"\n#include "engine/emit/ical.h"\n',
            "engine/emit/ical.h": "#pragma once\n",
        }), [])

    def test_engine_base_includes_no_stage_not_even_the_grammar(self):
        problems = layering_problems({
            "grammar/source.h": "#pragma once\n",
            "engine/base/diagnostic.h": '#include "grammar/source.h"\n',
        })
        self.assertEqual(len(problems), 1)
        self.assertIn("engine/base (stage 0) includes grammar/source.h (grammar, stage 1)", problems[0])

    def test_the_grammar_may_include_engine_base_once_it_exists(self):
        self.assertEqual(layering_problems({
            "engine/base/source.h": "#pragma once\n",
            "grammar/parse.h": '#include "engine/base/source.h"\n',
        }), [])

    def test_tests_and_bench_may_include_anything(self):
        self.assertEqual(layering_problems({
            "engine/cli/commands.h": "#pragma once\n",
            "tests/cli/x_test.cpp": '#include "engine/cli/commands.h"\n',
            "bench/bench.cpp": '#include "engine/cli/commands.h"\n',
        }), [])

    def test_a_quoted_include_is_found_next_to_the_including_file_first(self):
        problems = layering_problems({
            "engine/emit/timezone.h": "#pragma once\n",
            "grammar/timezone.h": "#pragma once\n",
            "grammar/parse.cpp": '#include "timezone.h"\n',
            "engine/schedule/schedule.cpp": '#include "../emit/timezone.h"\n',
        })
        self.assertEqual(len(problems), 1)
        self.assertTrue(problems[0].startswith("engine/schedule/schedule.cpp:1:1: error:"), problems[0])

    def test_a_violation_in_the_allow_list_passes(self):
        self.assertEqual(layering_problems({
            "engine/emit/timezone.h": "#pragma once\n",
            "engine/resolve/resolve.cpp": '#include "engine/emit/timezone.h"\n',
        }, allow="# why\nengine/resolve/resolve.cpp  engine/emit/timezone.h  # until it moves\n"), [])

    def test_an_allow_list_entry_that_no_longer_occurs_is_an_error(self):
        problems = layering_problems({
            "engine/base/timezone.h": "#pragma once\n",
            "engine/resolve/resolve.cpp": '#include "engine/base/timezone.h"\n',
        }, allow="# why\nengine/resolve/resolve.cpp  engine/emit/timezone.h\n")
        self.assertEqual(problems, ["allow.txt:2: error: engine/resolve/resolve.cpp no longer includes "
                                    "engine/emit/timezone.h from a later stage: delete this line (the list only "
                                    "shrinks)"])

    def test_a_malformed_allow_list_line_is_an_error(self):
        problems = layering_problems({"grammar/a.h": ""}, allow="engine/resolve/resolve.cpp\n")
        self.assertEqual(problems, ["allow.txt:1: expected 2 fields, found 1: engine/resolve/resolve.cpp"])

    def test_a_file_in_a_folder_that_is_no_stage_is_an_error(self):
        problems = layering_problems({"engine/util/strings.h": "#pragma once\n"})
        self.assertEqual(len(problems), 1)
        self.assertIn("engine/util is not a stage of the pipeline: add it to STAGES", problems[0])



class References(unittest.TestCase):
    def test_a_comment_that_points_outside_the_repository_is_an_error_located_at_the_path(self):
        problems = reference_problems({"engine/cli/main.cpp": "int x;\n// meso. See ../shared/design/cli.md.\n"})
        self.assertEqual(len(problems), 1)
        self.assertTrue(problems[0].startswith("engine/cli/main.cpp:2:14: error: the comment points at "
                                               "../shared/design/cli.md, outside the repository"), problems[0])

    def test_block_comments_and_absolute_home_paths_count_too(self):
        problems = reference_problems({"grammar/a.h": "/* first\n   see /work/shared/x.md */\n"})
        self.assertEqual(len(problems), 1)
        self.assertTrue(problems[0].startswith("grammar/a.h:2:8:"), problems[0])

    def test_a_path_in_a_string_is_not_a_comment(self):
        self.assertEqual(reference_problems({"tests/a_test.cpp": textwrap.dedent('''\
            const char* a = "use \\"../lib.meso\\" // ../x.md";
            const char* b = R"meso(// ../y.md
            )meso";
            char c = '"'; int d = 1'000'000; // fine: docs/language.md
            ''')}), [])

    def test_a_digit_separator_does_not_hide_the_comment_after_it(self):
        problems = reference_problems({"engine/a.cpp": "long long n = 1'000'000;  // see ../shared/x.md\n"})
        self.assertEqual(len(problems), 1)
        self.assertTrue(problems[0].startswith("engine/a.cpp:1:34:"), problems[0])

    def test_a_relative_path_to_a_file_of_the_repository_is_fine(self):
        self.assertEqual(reference_problems({
            "docs/fmt.md": "",
            "engine/format/format.h": "// See ../../docs/fmt.md.\n",
        }), [])

    def test_a_system_path_is_not_a_reference(self):
        self.assertEqual(reference_problems({"engine/emit/timezone.cpp": "// /usr/share/zoneinfo\n"}), [])

    def test_an_allowed_reference_passes_and_a_stale_one_is_an_error(self):
        files = {"grammar/grammar.h": "// One rule per construct of ../shared/design/language.md\n"}
        self.assertEqual(reference_problems(files, allow="grammar/grammar.h ../shared/design/language.md\n"), [])
        problems = reference_problems({"grammar/grammar.h": "// docs/language.md\n"},
                                      allow="grammar/grammar.h ../shared/design/language.md\n")
        self.assertEqual(problems, ["allow.txt:1: error: grammar/grammar.h no longer mentions "
                                    "../shared/design/language.md: delete this line (the list only shrinks)"])


class Sizes(unittest.TestCase):
    def test_a_file_of_600_lines_passes_and_one_of_601_is_an_error_located_past_the_limit(self):
        self.assertEqual(size_problems({"engine/rules/check.cpp": lines(600)}), [])
        self.assertEqual(size_problems({"engine/rules/check.cpp": lines(601)}),
                         ["engine/rules/check.cpp:601:1: error: 601 lines, over the limit of 600: split the file "
                          "by what is inside it (CONTRIBUTING.md, Layout)"])

    def test_tests_and_scripts_count_but_downloaded_and_built_files_do_not(self):
        problems = size_problems({"tests/schedule/long_test.cpp": lines(700), "scripts/lint/long.py": lines(700),
                                  "tests/emit/node/node_modules/x/big.h": lines(900),
                                  "tests/build-x/generated.cpp": lines(900), "docs/long.h": lines(900)})
        self.assertEqual(sorted(p.split(":")[0] for p in problems), ["scripts/lint/long.py",
                                                                      "tests/schedule/long_test.cpp"])

    def test_a_listed_file_may_shrink_but_not_grow_and_leaves_the_list_under_the_limit(self):
        allow = "grammar/parse.cpp 700  # split by construct\n"
        self.assertEqual(size_problems({"grammar/parse.cpp": lines(650)}, allow), [])
        grew = size_problems({"grammar/parse.cpp": lines(701)}, allow)
        self.assertEqual(len(grew), 1)
        self.assertIn("701 lines, more than the 700 of allow.txt:1", grew[0])
        self.assertEqual(size_problems({"grammar/parse.cpp": lines(600)}, allow),
                         ["allow.txt:1: error: grammar/parse.cpp is no longer over 600 lines: delete this line "
                          "(the list only shrinks)"])

    def test_an_entry_without_a_number_of_lines_is_an_error(self):
        self.assertEqual(size_problems({}, "grammar/parse.cpp big\n"),
                         ["allow.txt:1: expected a number of lines, found big"])



CLANG_TIDY_OUTPUT = """\
/repo/engine/cli/compile.cpp:15:5: warning: function 'compile' exceeds recommended size/complexity thresholds [readability-function-size]
int compile(const std::string& file, const CompileOptions& options)
    ^
/repo/engine/cli/compile.cpp:15:5: note: 95 lines including whitespace and comments (threshold 80)
/repo/engine/cli/compile.cpp:15:5: warning: function 'compile' has cognitive complexity of 64 (threshold 40) [readability-function-cognitive-complexity]
/repo/engine/cli/compile.cpp:40:17: warning: lambda has cognitive complexity of 52 (threshold 40) [readability-function-cognitive-complexity]
/repo/engine/emit/ical.cpp:410:23: warning: performing an implicit widening conversion [bugprone-implicit-widening-of-multiplication-result]
/repo/engine/emit/ical.cpp:542:68: warning: performing an implicit widening conversion [bugprone-implicit-widening-of-multiplication-result]
/repo/engine/emit/ical.h:20:1: warning: constness of 'x' prevents automatic move [performance-no-automatic-move]
/usr/include/tao/pegtl/x.hpp:1:1: warning: something in a library [bugprone-branch-clone]
"""


def finding(file, check, subject, value):
    return tidy.Finding(file, check, subject, value)


class Tidy(unittest.TestCase):
    def current(self, text=CLANG_TIDY_OUTPUT):
        found, errors = tidy.parse_output("/repo", text)
        self.assertEqual(errors, [])
        return tidy.summarise(found)

    def test_clang_tidy_output_becomes_functions_with_scores_and_counts_per_file(self):
        rows = sorted((f.file, f.check, f.subject, f.value) for f in self.current())
        self.assertEqual(rows, [
            ("engine/cli/compile.cpp", "readability-function-cognitive-complexity", "(lambda)", 52),
            ("engine/cli/compile.cpp", "readability-function-cognitive-complexity", "compile", 64),
            ("engine/cli/compile.cpp", "readability-function-size:lines", "compile", 95),
            ("engine/emit/ical.cpp", "bugprone-implicit-widening-of-multiplication-result", "-", 2),
            ("engine/emit/ical.h", "performance-no-automatic-move", "-", 1),
        ])

    def test_a_header_finding_reported_by_two_files_counts_once(self):
        header = "/repo/engine/emit/ical.h:20:1: warning: constness [performance-no-automatic-move]\n"
        found = tidy.parse_output("/repo", header)[0] + tidy.parse_output("/repo", header)[0]
        self.assertEqual([f.value for f in tidy.summarise(found)], [1])

    def test_a_compile_error_is_an_error_not_a_finding(self):
        found, errors = tidy.parse_output("/repo", "/repo/grammar/parse.cpp:3:10: error: 'x.h' file not found "
                                                   "[clang-diagnostic-error]\n")
        self.assertEqual(found, [])
        self.assertEqual(len(errors), 1)

    def test_an_error_of_any_origin_is_an_error_not_a_finding(self):
        found, errors = tidy.parse_output("/repo", "/repo/engine/a.cpp:3:10: error: something went wrong\n")
        self.assertEqual((found, len(errors)), ([], 1))

    def test_findings_as_in_the_baseline_pass(self):
        self.assertEqual(tidy.compare(self.current(), self.current()), ([], []))

    def test_a_new_function_over_the_threshold_fails(self):
        baseline = [f for f in self.current() if f.subject != "compile"]
        failures, _ = tidy.compare(baseline, self.current())
        self.assertEqual(len(failures), 2)
        self.assertTrue(failures[0].startswith("engine/cli/compile.cpp:15: compile: cognitive complexity 64 "
                                               "(not in the baseline): a new finding"), failures[0])

    def test_a_score_that_grew_fails_and_one_that_fell_is_reported_to_lower_the_baseline(self):
        baseline = [finding("engine/cli/compile.cpp", "readability-function-cognitive-complexity", "compile", 60),
                    finding("engine/cli/compile.cpp", "readability-function-size:lines", "compile", 99)]
        current = [f for f in self.current() if f.subject == "compile"]
        failures, improvements = tidy.compare(baseline, current)
        self.assertEqual(len(failures), 1)
        self.assertIn("compile: cognitive complexity 64 (the baseline allows 60): it got worse", failures[0])
        self.assertEqual(improvements, ["engine/cli/compile.cpp: compile: 99 lines -> 95: lower it in the baseline "
                                        "[readability-function-size:lines]"])

    def test_a_function_under_the_threshold_now_is_an_improvement(self):
        baseline = self.current() + [finding("engine/rules/rules.cpp", "readability-function-cognitive-complexity",
                                             "evaluate", 60)]
        failures, improvements = tidy.compare(baseline, self.current())
        self.assertEqual(failures, [])
        self.assertEqual(len(improvements), 1)
        self.assertIn("evaluate: cognitive complexity 60 -> none", improvements[0])

    def test_a_count_that_grew_fails_with_where_each_finding_is(self):
        baseline = [f if f.subject != "-" or f.file != "engine/emit/ical.cpp" else
                    finding(f.file, f.check, "-", 1) for f in self.current()]
        failures, _ = tidy.compare(baseline, self.current())
        self.assertEqual(failures, ["engine/emit/ical.cpp:410: bugprone-implicit-widening-of-multiplication-result: "
                                    "2 finding(s) (lines 410, 542) (the baseline allows 1): it got worse: bring it "
                                    "back [bugprone-implicit-widening-of-multiplication-result]"])

    def test_functions_of_one_name_are_compared_as_a_group_highest_first(self):
        check = "readability-function-cognitive-complexity"
        baseline = [finding("grammar/parse.cpp", check, "apply", 50), finding("grammar/parse.cpp", check, "apply", 45)]
        same = [finding("grammar/parse.cpp", check, "apply", 45), finding("grammar/parse.cpp", check, "apply", 50)]
        self.assertEqual(tidy.compare(baseline, same), ([], []))
        third = same + [finding("grammar/parse.cpp", check, "apply", 41)]
        self.assertEqual(len(tidy.compare(baseline, third)[0]), 1)
        one_better = [finding("grammar/parse.cpp", check, "apply", 50)]
        failures, improvements = tidy.compare(baseline, one_better)
        self.assertEqual(failures, [])
        self.assertEqual(len(improvements), 1)

    def test_updating_the_baseline_lowers_and_removes_but_never_adds_or_raises(self):
        check = "readability-function-cognitive-complexity"
        baseline = [finding("a.cpp", check, "f", 50), finding("a.cpp", check, "g", 45), finding("a.cpp", check, "h", 41)]
        current = [finding("a.cpp", check, "f", 55), finding("a.cpp", check, "g", 42), finding("a.cpp", check, "k", 90)]
        rows = sorted((f.subject, f.value) for f in tidy.lowered(baseline, current))
        self.assertEqual(rows, [("f", 50), ("g", 42)])

    def test_a_file_is_cached_by_the_headers_it_includes_directly_or_not_and_no_other(self):
        with Repository({
            "grammar/source.h": "#pragma once\n",
            "grammar/syntax.h": '#include "grammar/source.h"\n#include <vector>\n',
            "grammar/grammar.h": "#pragma once\n",
            "grammar/parse.cpp": '#include "grammar/syntax.h"\n#include "grammar/grammar.h"\n',
            "engine/ir/ir.cpp": '#include "grammar/syntax.h"\n',
        }) as repo:
            self.assertEqual(tidy.included_files(repo.root, "grammar/parse.cpp"),
                             ["grammar/grammar.h", "grammar/source.h", "grammar/syntax.h"])
            self.assertEqual(tidy.included_files(repo.root, "engine/ir/ir.cpp"), ["grammar/source.h", "grammar/syntax.h"])

    def test_the_baseline_written_is_read_back_the_same(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "baseline.txt")
            tidy.write_baseline(path, self.current())
            read, problems = tidy.read_baseline(path)
            self.assertEqual(problems, [])
            self.assertEqual(tidy.compare(read, self.current()), ([], []))


if __name__ == "__main__":
    unittest.main()
