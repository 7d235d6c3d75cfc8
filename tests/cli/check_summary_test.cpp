// `meso check` ends its text with one line that counts the findings
// (docs/commands.md, "meso check FILE..."): "2 warnings, 1 info in 1 file".
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "engine/report/report.h"
#include "tests/support/support.h"

using meso::Diagnostic;
using meso::Severity;
using meso::report::findings_summary;
using meso::test::run_meso;
using meso::test::write_file;

namespace {

std::vector<Diagnostic> findings(int errors, int warnings, int infos, int notes = 0)
{
    std::vector<Diagnostic> out;
    const auto add = [&](int n, Severity severity) {
        for (int i = 0; i < n; ++i) out.push_back({severity, {}, "m", {}, {}, {}, {}, {}});
    };
    add(errors, Severity::error);
    add(warnings, Severity::warning);
    add(infos, Severity::info);
    add(notes, Severity::note);
    return out;
}

// A program with no finding; one whose two sessions are too close (an error of
// std.general or std.bfr is not needed: an info is enough), one with a syntax error.
const std::string athlete = "athlete \"A\" {\n  max squat 100 kg\n}\n";
const std::string clean = athlete + "program \"P\" for \"A\" {\n  start 2027-01-04\n  timezone UTC\n"
                                    "  1 week \"B\" { days mon; squat 5x5 @ 70% rest 3 min }\n}\n";
const std::string no_max = "program \"P\" {\n  start 2027-01-04\n  timezone UTC\n  1 week \"B\" { days mon; squat 5x5 @ 20 kg }\n}\n";
const std::string broken = "program \"P\" {\n  start 2027-02-30\n}\n";

std::string last_line(const std::string& text)
{
    const auto end = text.size() - 1;
    const auto start = text.rfind('\n', end - 1);
    return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1));
}

}  // namespace

TEST_CASE("the summary counts each severity in the singular for one and the plural for many, and the files")
{
    CHECK(findings_summary({}, 1) == "no findings in 1 file");
    CHECK(findings_summary({}, 3) == "no findings in 3 files");
    CHECK(findings_summary(findings(1, 0, 0), 1) == "1 error in 1 file");
    CHECK(findings_summary(findings(2, 0, 0), 1) == "2 errors in 1 file");
    CHECK(findings_summary(findings(0, 1, 0), 1) == "1 warning in 1 file");
    CHECK(findings_summary(findings(0, 2, 1), 1) == "2 warnings, 1 info in 1 file");
    CHECK(findings_summary(findings(0, 0, 3), 2) == "3 infos in 2 files");
    CHECK(findings_summary(findings(1, 2, 0), 2) == "1 error, 2 warnings in 2 files");
    CHECK(findings_summary(findings(3, 1, 2, 1), 4) == "3 errors, 1 warning, 2 infos, 1 note in 4 files");
    CHECK(findings_summary(findings(0, 0, 0, 2), 1) == "2 notes in 1 file");
}

TEST_CASE("a finding an allow accepted is not counted, but the summary says how many there were")
{
    auto all = findings(0, 1, 0);
    auto accepted = findings(1, 1, 0);
    for (auto& d : accepted) d.suppressed_by = "cleared by the physio";
    all.insert(all.end(), accepted.begin(), accepted.end());
    CHECK(findings_summary(all, 1) == "1 warning in 1 file (2 suppressed by allow)");
    CHECK(findings_summary(accepted, 1) == "no findings in 1 file (2 suppressed by allow)");
}

TEST_CASE("meso check ends its text on standard error with the summary, clean files too, and never in JSON or SARIF")
{
    const auto dir = meso::test::temp_dir("check-summary");
    write_file(dir + "/clean.meso", clean);
    write_file(dir + "/no-max.meso", no_max);
    write_file(dir + "/broken.meso", broken);

    auto run = run_meso({"check", dir + "/clean.meso"});
    CHECK(run.exit_code == 0);
    CHECK(run.err == "no findings in 1 file\n");

    run = run_meso({"check", dir + "/clean.meso", dir + "/clean.meso", dir + "/clean.meso"});
    CHECK(run.err == "no findings in 3 files\n");

    run = run_meso({"check", dir + "/no-max.meso"});
    CHECK(run.exit_code == 0);
    CHECK(run.err.find(dir + "/no-max.meso:4:") == 0);
    CHECK(last_line(run.err) == "1 info in 1 file");

    run = run_meso({"check", dir + "/broken.meso", dir + "/no-max.meso"});
    CHECK(run.exit_code == 1);
    CHECK(last_line(run.err) == "1 error, 1 info in 2 files");

    // A file that cannot be read is no file checked.
    run = run_meso({"check", dir + "/clean.meso", dir + "/missing.meso"});
    CHECK(run.exit_code == 2);
    CHECK(run.err == "meso: error: cannot read '" + dir + "/missing.meso': No such file or directory\nno findings in 1 file\n");

    for (const std::string format : {"json", "sarif"}) {
        INFO(format);
        run = run_meso({"check", "--format", format, dir + "/broken.meso", dir + "/no-max.meso"});
        CHECK(run.exit_code == 1);
        CHECK(run.err.empty());
        CHECK_NOTHROW(nlohmann::json::parse(run.out));
    }
}

TEST_CASE("meso schedule and compile print no check summary: schedule keeps its count of the rules' findings")
{
    const auto dir = meso::test::temp_dir("schedule-summary");
    write_file(dir + "/clean.meso", clean);
    CHECK(run_meso({"schedule", dir + "/clean.meso"}).err.empty());
    CHECK(run_meso({"compile", dir + "/clean.meso"}).err.empty());
}
