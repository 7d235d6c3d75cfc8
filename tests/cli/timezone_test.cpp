// Time zones and clock changes as the commands show them: the warnings of
// `meso check` for sessions a change of the clocks touches, what `meso
// compile` writes for them, the zone a program's times are in (and where it
// came from), and the machine's zone from TZ. Every run that could use the
// machine's zone pins TZ.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sstream>

#include "tests/support/support.h"

using meso::test::run_meso;

namespace {

// A program with sessions at `times` on the Sundays of two weeks from `start` (a Monday).
std::string night_program(const std::string& zone, const std::string& start, const std::string& times, const std::string& length = "60 min")
{
    return "athlete \"Alex\" {\n"                    // 1
           "  max squat 180 kg\n"                    // 2
           "}\n"                                     // 3
           "program \"Night owl\" for \"Alex\" {\n"  // 4
           "  start " +
           start + "\n"                                                                         // 5
           + (zone.empty() ? std::string("  # no timezone\n") : "  timezone " + zone + "\n") +  // 6
           "  2 weeks \"Nights\" {\n"                                                           // 7
           "    days sun\n"                                                                     // 8
           "    sessions " +
           times + " for " + length +
           "\n"                     // 9
           "    squat 5x5 @ 75%\n"  // 10
           "  }\n"
           "}\n";
}

std::string write_program(const std::string& name, const std::string& text)
{
    const auto dir = meso::test::temp_dir("timezone-" + name);
    const std::string path = dir + "/p.meso";
    meso::test::write_file(path, text);
    return path;
}

std::vector<std::string> unfolded_lines(const std::string& ics)
{
    std::vector<std::string> lines;
    std::istringstream in(ics);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty() && line[0] == ' ' && !lines.empty()) lines.back() += line.substr(1);
        else lines.push_back(line);
    }
    return lines;
}

// The DTSTART and DTEND lines of the events, in order.
std::vector<std::string> event_times(const std::string& ics)
{
    std::vector<std::string> out;
    bool in_event = false;
    for (const auto& line : unfolded_lines(ics)) {
        if (line == "BEGIN:VEVENT") in_event = true;
        if (line == "END:VEVENT") in_event = false;
        if (in_event && (line.rfind("DTSTART", 0) == 0 || line.rfind("DTEND", 0) == 0)) out.push_back(line);
    }
    return out;
}

std::string unfolded(const std::string& ics)
{
    std::string out;
    for (const auto& line : unfolded_lines(ics)) out += line + "\n";
    return out;
}

bool has_line(const std::string& text, const std::string& line)
{
    for (const auto& l : unfolded_lines(text))
        if (l == line) return true;
    return false;
}

const std::string epoch = "SOURCE_DATE_EPOCH=1798761600";

}  // namespace

// ---------------------------------------------------------------- clock changes in meso check

TEST_CASE("a start that does not exist is a warning at the sessions line naming the date, the zone and the change")
{
    const auto path = write_program("skipped", night_program("Europe/Berlin", "2027-03-22", "02:30"));
    const auto run = run_meso({"check", path});
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(run.err.find(path + ":9:5: warning: 02:30 does not exist on Sun 2027-03-28 in Europe/Berlin "
                              "(clocks go from 02:00 to 03:00); the session starts at 03:30\n") != std::string::npos);
    // The Sunday after has its 02:30, and no warning.
    CHECK(run.err.find("2027-04-04") == std::string::npos);
    // --strict makes it fail, as every warning.
    CHECK(run_meso({"check", "--strict", path}).exit_code == 1);
}

TEST_CASE("a start that happens twice is a warning, and the session starts at the first of the two")
{
    const auto path = write_program("repeated", night_program("America/New_York", "2027-11-01", "01:30"));
    const auto run = run_meso({"check", path});
    INFO(run.err);
    CHECK(run.err.find(path + ":9:5: warning: 01:30 happens twice on Sun 2027-11-07 in America/New_York "
                              "(clocks go back from 02:00 to 01:00); the session starts at the first 01:30, "
                              "before the clocks go back\n") != std::string::npos);
}

TEST_CASE("a session that runs across a clock change is a warning saying when it really ends")
{
    const auto path = write_program("across", night_program("America/New_York", "2027-03-08", "01:30"));
    const auto run = run_meso({"check", path});
    INFO(run.err);
    CHECK(run.err.find(path + ":9:5: warning: the session at 01:30 on Sun 2027-03-14 runs across a clock change in "
                              "America/New_York (clocks go from 02:00 to 03:00): it lasts 60 min and ends at 03:30, "
                              "not 02:30\n") != std::string::npos);
}

TEST_CASE("sessions at times no clock change touches get no warning, on the change's day too")
{
    const auto path = write_program("plain", night_program("Europe/Berlin", "2027-03-22", "03:00, 08:00"));
    const auto run = run_meso({"check", "--strict", "--no-default-rules", path});
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(run.err == "no findings in 1 file\n");
}

TEST_CASE("clock change warnings reach meso check's JSON and SARIF, and meso schedule")
{
    const auto path = write_program("formats", night_program("Europe/Berlin", "2027-03-22", "02:30"));
    const auto json_run = run_meso({"check", "--format", "json", path});
    REQUIRE(json_run.exit_code == 0);
    const auto findings = nlohmann::json::parse(json_run.out);
    bool found = false;
    for (const auto& f : findings) {
        if (f.at("message").get<std::string>().find("02:30 does not exist on Sun 2027-03-28") == std::string::npos) continue;
        found = true;
        CHECK(f.at("severity") == "warning");
        CHECK(f.at("line") == 9);
        CHECK(f.at("column") == 5);
        CHECK(f.at("rule").is_null());
    }
    CHECK(found);
    const auto sarif = run_meso({"check", "--format", "sarif", path});
    CHECK(sarif.out.find("02:30 does not exist on Sun 2027-03-28 in Europe/Berlin") != std::string::npos);
    const auto schedule = run_meso({"schedule", path});
    CHECK(schedule.exit_code == 0);
    CHECK(schedule.err.find("warning: 02:30 does not exist on Sun 2027-03-28") != std::string::npos);
}

TEST_CASE("the machine's zone is used for the clock change warnings of a program without a zone")
{
    const auto path = write_program("machine", night_program("", "2027-03-22", "02:30"));
    const auto berlin = run_meso({"check", path}, "TZ=Europe/Berlin");
    CHECK(berlin.err.find("02:30 does not exist on Sun 2027-03-28 in Europe/Berlin") != std::string::npos);
    const auto utc = run_meso({"check", path}, "TZ=UTC");
    CHECK(utc.err.find("does not exist") == std::string::npos);
    const auto option = run_meso({"check", "--timezone", "Europe/Berlin", path}, "TZ=UTC");
    CHECK(option.err.find("02:30 does not exist on Sun 2027-03-28 in Europe/Berlin") != std::string::npos);
}

// ---------------------------------------------------------------- what the calendar says

TEST_CASE("a session whose start does not exist is written as the instant RFC 5545 reads it at, and lasts its 60 minutes")
{
    const auto path = write_program("ics-skipped", night_program("Europe/Berlin", "2027-03-22", "02:30"));
    const auto run = run_meso({"compile", path, "--alarm", "15m"}, epoch);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto times = event_times(run.out);
    REQUIRE(times.size() == 4);
    // 02:30 read with the offset before the gap (+01:00) is 01:30 UTC, 03:30 CEST.
    CHECK(times[0] == "DTSTART:20270328T013000Z");
    CHECK(times[1] == "DTEND:20270328T023000Z");
    // A week later nothing is strange.
    CHECK(times[2] == "DTSTART;TZID=Europe/Berlin:20270404T023000");
    CHECK(times[3] == "DTEND;TZID=Europe/Berlin:20270404T033000");
    // The description says so too, and the reminder's time is the clock's.
    CHECK(unfolded(run.out).find("02:30 does not exist on Sun 2027-03-28 in Europe/Berlin (clocks go from 02:00 to 03:00)\\; "
                                 "the session starts at 03:30") != std::string::npos);
    CHECK(has_line(run.out, "DESCRIPTION:Nights: squat at 03:30"));
    CHECK(has_line(run.out, "DESCRIPTION:Nights: squat at 02:30"));  // the Sunday after
}

TEST_CASE("a session whose start happens twice starts at the first one and lasts its length")
{
    const auto path = write_program("ics-repeated", night_program("America/New_York", "2027-11-01", "01:30"));
    const auto run = run_meso({"compile", path}, epoch);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto times = event_times(run.out);
    REQUIRE(times.size() == 4);
    // The first 01:30 is EDT (-04:00): 05:30 UTC.
    CHECK(times[0] == "DTSTART:20271107T053000Z");
    CHECK(times[1] == "DTEND:20271107T063000Z");
}

TEST_CASE("a session across a clock change keeps its local start and ends, in UTC, its length later")
{
    const auto path = write_program("ics-across", night_program("America/New_York", "2027-03-08", "01:30"));
    const auto run = run_meso({"compile", path}, epoch);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto times = event_times(run.out);
    REQUIRE(times.size() == 4);
    CHECK(times[0] == "DTSTART;TZID=America/New_York:20270314T013000");
    CHECK(times[1] == "DTEND:20270314T073000Z");  // 01:30 EST is 06:30 UTC
    CHECK(times[2] == "DTSTART;TZID=America/New_York:20270321T013000");
    CHECK(times[3] == "DTEND;TZID=America/New_York:20270321T023000");
}

TEST_CASE("a session ending where the clocks go back ends in UTC, without a warning, as its end is the plan's")
{
    // 00:30 EDT + 60 min is the first 01:30; a reader taking the local 01:30 as the second would add an hour.
    const auto path = write_program("ics-touch", night_program("America/New_York", "2027-11-01", "00:30"));
    const auto run = run_meso({"compile", path}, epoch);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(run.err.find("warning") == std::string::npos);
    const auto times = event_times(run.out);
    REQUIRE(times.size() == 4);
    CHECK(times[0] == "DTSTART;TZID=America/New_York:20271107T003000");
    CHECK(times[1] == "DTEND:20271107T053000Z");
}

// ---------------------------------------------------------------- the zone used, and where it came from

TEST_CASE("meso schedule's header and JSON name the zone of each program and where it came from")
{
    const auto own = write_program("shown-own", night_program("Europe/Berlin", "2027-01-04", "08:00"));
    const auto none = write_program("shown-none", night_program("", "2027-01-04", "08:00"));

    auto text = run_meso({"schedule", own}, "TZ=UTC");
    const std::string heading = "Night owl for Alex\n2027-01-04 to 2027-01-17, 2 sessions\n";
    CHECK(text.out.rfind(heading + "times in Europe/Berlin (the program's timezone)\n", 0) == 0);
    text = run_meso({"schedule", none}, "TZ=Asia/Tokyo");
    CHECK(text.out.rfind(heading + "times in Asia/Tokyo (from TZ)\n", 0) == 0);
    text = run_meso({"schedule", none, "--timezone", "America/New_York"}, "TZ=Asia/Tokyo");
    CHECK(text.out.rfind(heading + "times in America/New_York (from --timezone)\n", 0) == 0);

    auto program_json = [](const meso::test::Run& run) {
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        return nlohmann::json::parse(run.out).at("programs").at(0);
    };
    auto p = program_json(run_meso({"schedule", "--format", "json", own}, "TZ=UTC"));
    CHECK(p.at("timezone") == "Europe/Berlin");
    CHECK(p.at("timezone_source") == "program");
    p = program_json(run_meso({"schedule", "--format", "json", none}, "TZ=Asia/Tokyo"));
    CHECK(p.at("timezone") == "Asia/Tokyo");
    CHECK(p.at("timezone_source") == "TZ");
    p = program_json(run_meso({"schedule", "--format", "json", none, "--timezone", "America/New_York"}, "TZ=Asia/Tokyo"));
    CHECK(p.at("timezone") == "America/New_York");
    CHECK(p.at("timezone_source") == "--timezone");
    const auto floating = write_program("shown-floating", night_program("floating", "2027-01-04", "08:00"));
    p = program_json(run_meso({"schedule", "--format", "json", floating}, "TZ=UTC"));
    CHECK(p.at("timezone") == "floating");
    CHECK(p.at("timezone_source") == "program");
}

TEST_CASE("without TZ the machine's zone comes from /etc/localtime, and says so")
{
    const auto none = write_program("localtime", night_program("", "2027-01-04", "08:00"));
    const auto run = run_meso({"schedule", "--format", "json", none}, "env -u TZ");
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto p = nlohmann::json::parse(run.out).at("programs").at(0);
    // The machine's own zone, whichever it is; "default" (UTC) only on a machine without /etc/localtime.
    CHECK((p.at("timezone_source") == "/etc/localtime" || p.at("timezone_source") == "default"));
}

// ---------------------------------------------------------------- TZ

TEST_CASE("a TZ that names no zone is an error when the machine's zone is used, as a wrong --timezone is")
{
    const auto none = write_program("bad-tz", night_program("", "2027-01-04", "08:00"));
    for (const std::string command : {"check", "schedule", "compile"}) {
        INFO(command);
        const auto run = run_meso({command, none}, "TZ=Europe/Berln");
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        CHECK(run.err.find("meso: error: TZ='Europe/Berln': unknown time zone 'Europe/Berln'; "
                           "did you mean 'Europe/Berlin'?") != std::string::npos);
    }
    // --timezone stands in for the machine's zone: TZ is not used, so not an error.
    CHECK(run_meso({"compile", none, "--timezone", "Europe/Berlin"}, "TZ=Europe/Berln").exit_code == 0);
}

TEST_CASE("a TZ that names no zone is no error when every program names its own")
{
    const auto own = write_program("bad-tz-unused", night_program("Europe/Berlin", "2027-01-04", "08:00"));
    CHECK(run_meso({"check", own}, "TZ=Europe/Berln").exit_code == 0);
    CHECK(run_meso({"compile", own}, "TZ=Europe/Berln").exit_code == 0);
}

TEST_CASE("TZ=:Area/City and a path into the zoneinfo directory name the machine's zone")
{
    const auto none = write_program("colon-tz", night_program("", "2027-01-04", "08:00"));
    for (const std::string tz : {":Asia/Tokyo", "/usr/share/zoneinfo/Asia/Tokyo", ":/usr/share/zoneinfo/Asia/Tokyo"}) {
        INFO(tz);
        const auto run = run_meso({"compile", none}, epoch + " TZ=" + tz);
        CHECK(run.exit_code == 0);
        CHECK(has_line(run.out, "DTSTART;TZID=Asia/Tokyo:20270110T080000"));
    }
}

TEST_CASE("an unknown --timezone is refused by check and schedule too, with a suggestion")
{
    const auto none = write_program("bad-option", night_program("", "2027-01-04", "08:00"));
    for (const std::string command : {"check", "schedule"}) {
        const auto run = run_meso({command, none, "--timezone", "Europe/Berln"}, "TZ=UTC");
        CHECK(run.exit_code == 2);
        CHECK(run.err.find("meso: error: --timezone: unknown time zone 'Europe/Berln'; did you mean 'Europe/Berlin'?") !=
              std::string::npos);
    }
}

// ---------------------------------------------------------------- zones like EST

TEST_CASE("EST, which has no daylight saving where New York has it, is a warning suggesting America/New_York")
{
    const auto path = write_program("est", night_program("EST", "2027-01-04", "08:00"));
    const auto run = run_meso({"check", path});
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(run.err.find(path + ":6:12: warning: time zone 'EST' is UTC-05:00 all year, without daylight saving time; "
                              "did you mean 'America/New_York'?\n") != std::string::npos);
}

TEST_CASE("MST suggests America/Denver and names America/Phoenix for Arizona")
{
    const auto path = write_program("mst", night_program("MST", "2027-01-04", "08:00"));
    const auto run = run_meso({"check", path});
    CHECK(run.err.find("warning: time zone 'MST' is UTC-07:00 all year, without daylight saving time; did you mean "
                       "'America/Denver'? (in Arizona, which keeps UTC-07:00 all year, say 'America/Phoenix')") != std::string::npos);
}

TEST_CASE("zones that change their clocks as their place does, and places without summer time, get no warning")
{
    for (const std::string zone : {"EST5EDT", "PST8PDT", "HST", "America/New_York", "America/Phoenix", "UTC", "Etc/GMT+5"}) {
        INFO(zone);
        const auto path = write_program("no-warning", night_program(zone, "2027-01-04", "08:00"));
        const auto run = run_meso({"check", "--strict", "--no-default-rules", path});
        CHECK(run.exit_code == 0);
        CHECK(run.err == "no findings in 1 file\n");
    }
}

TEST_CASE("EST from --timezone or TZ is a warning at each program that uses it")
{
    const auto path = write_program("est-default", night_program("", "2027-01-04", "08:00"));
    const auto option = run_meso({"check", path, "--timezone", "EST"}, "TZ=UTC");
    CHECK(option.err.find(path + ":4:1: warning: this program's times are in EST, from --timezone, and time zone 'EST' is "
                                 "UTC-05:00 all year, without daylight saving time; did you mean 'America/New_York'?") !=
          std::string::npos);
    const auto tz = run_meso({"check", path}, "TZ=EST");
    CHECK(tz.err.find(path + ":4:1: warning: this program's times are in EST, from TZ, and time zone 'EST' is") != std::string::npos);
}

TEST_CASE("an abbreviation that is no zone of the database suggests the zone of its place, not the nearest spelling")
{
    const auto path = write_program("pst", night_program("PST", "2027-01-04", "08:00"));
    const auto run = run_meso({"check", path});
    CHECK(run.exit_code == 1);
    CHECK(run.err.find(path + ":6:12: error: unknown time zone 'PST'; did you mean 'America/Los_Angeles'?") != std::string::npos);
}

// ---------------------------------------------------------------- X-WR-TIMEZONE

TEST_CASE("X-WR-TIMEZONE is left out when a program of the calendar is floating")
{
    const auto dir = meso::test::temp_dir("x-wr-timezone");
    const std::string zoned = night_program("Europe/Berlin", "2027-01-04", "08:00");
    std::string floating = night_program("floating", "2027-01-04", "08:00");
    floating = floating.substr(floating.find("program"));  // the same athlete
    const auto replace = floating.find("Night owl");
    floating.replace(replace, 9, "Anywhere");
    meso::test::write_file(dir + "/both.meso", zoned + floating);
    meso::test::write_file(dir + "/zoned.meso", zoned);
    const auto both = run_meso({"compile", dir + "/both.meso"}, epoch);
    INFO(both.err);
    REQUIRE(both.exit_code == 0);
    CHECK(both.out.find("X-WR-TIMEZONE") == std::string::npos);
    CHECK(has_line(both.out, "DTSTART:20270110T080000"));  // the floating program's
    const auto one = run_meso({"compile", dir + "/zoned.meso"}, epoch);
    CHECK(has_line(one.out, "X-WR-TIMEZONE:Europe/Berlin"));
}
