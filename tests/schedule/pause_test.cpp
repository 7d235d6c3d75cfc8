// `pause`: the block in progress resumes on the first training day after the
// pause with the session it stopped at, keeping its weekly pattern; later
// sessions move by as many training days as fell in the pause (earlier ones,
// with `end`). See docs/schedule.md, "skip and pause".
#include <catch2/catch.hpp>

#include <random>

#include "tests/support/support.h"

using namespace std::chrono;
using meso::test::compile;
using meso::test::messages;

namespace {

sys_days date(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }

const std::string alex = R"(
athlete "Alex" {
  max squat 180 kg
  max bench-press 120 kg
  max deadlift 220 kg
  max press 80 kg
}
)";

// "Mon 2027-05-17 bench-press w2": a session's date, what it holds and its block week.
std::string line_of(const meso::scheduling::ProgramSchedule& p, const meso::scheduling::Session& s)
{
    std::string names;
    for (const auto& e : p.contents.at(s.content).exercises) names += (names.empty() ? "" : "+") + e.name;
    return std::string(meso::weekday_name(s.weekday())) + " " + meso::format_date(s.date) + " " + names + " w" + std::to_string(s.week);
}

std::vector<std::string> lines_of(const meso::scheduling::ProgramSchedule& p)
{
    std::vector<std::string> out;
    for (const auto& s : p.sessions) out.push_back(line_of(p, s));
    return out;
}

// The worked example of the issue: a Mon/Wed/Fri split for three weeks.
std::string split_program(const std::string& plan_line, const std::string& pauses)
{
    return alex + "program \"P\" {\n  " + plan_line + "\n" + pauses + R"(  3 weeks "Split" {
    sessions 18:00 for 60 min
    mon { squat 5x5 @ 70% +2.5% per week }
    wed { bench-press 5x5 @ 70% +2.5% per week }
    fri { deadlift 5x5 @ 70% +2.5% per week }
  }
}
)";
}

const meso::scheduling::ExercisePlan& only_exercise(const meso::scheduling::ProgramSchedule& p, std::size_t index)
{
    const auto& content = p.contents.at(p.sessions.at(index).content);
    REQUIRE(content.exercises.size() == 1);
    return content.exercises.front();
}

}  // namespace

TEST_CASE("a pause in a Mon/Wed/Fri split resumes on the next training day with the session it stopped at")
{
    auto c = compile(split_program("start 2027-05-03", "  pause 2027-05-12..2027-05-14 \"flu\"\n"));
    INFO(messages(c.diagnostics));
    REQUIRE(c.diagnostics.empty());
    const auto& p = c.program();
    CHECK(lines_of(p) == std::vector<std::string>{
                             "Mon 2027-05-03 squat w1",
                             "Wed 2027-05-05 bench-press w1",
                             "Fri 2027-05-07 deadlift w1",
                             "Mon 2027-05-10 squat w2",
                             "Mon 2027-05-17 bench-press w2",
                             "Wed 2027-05-19 deadlift w2",
                             "Fri 2027-05-21 squat w3",
                             "Mon 2027-05-24 bench-press w3",
                             "Wed 2027-05-26 deadlift w3",
                         });
    // progressions follow the block week: the bench press of week 2, done on a Monday, is 72.5% of 120 kg
    CHECK(*only_exercise(p, 4).sets[0].percent == 72.5);
    CHECK(*only_exercise(p, 4).sets[0].mass == 87.5);  // 87 kg, rounded to the 2.5 kg step
    CHECK(*only_exercise(p, 6).sets[0].percent == 75.0);
    // a moved session keeps its time and its place in the plan: the day of the block it had without the pause
    CHECK(p.sessions[4].start == minutes{18 * 60});
    CHECK(p.sessions[4].day == 9);  // Wed 2027-05-12 is day 9 of the block
    CHECK(p.blocks[0].planned_start == date(2027, 5, 3));
    CHECK(p.blocks[0].planned_start + days{p.sessions[4].day} == date(2027, 5, 12));
    CHECK(p.blocks[0].start == date(2027, 5, 3));
    CHECK(p.blocks[0].end == date(2027, 5, 28));  // the last session and the two rest days that followed it
    CHECK(p.start == date(2027, 5, 3));
    CHECK(p.end == date(2027, 5, 28));
}

TEST_CASE("with end, a pause moves the sessions before it earlier: the mirror image")
{
    auto c = compile(split_program("end 2027-05-23", "  pause 2027-05-12..2027-05-14\n"));
    INFO(messages(c.diagnostics));
    REQUIRE(c.diagnostics.empty());
    const auto& p = c.program();
    CHECK(lines_of(p) == std::vector<std::string>{
                             "Wed 2027-04-28 squat w1",
                             "Fri 2027-04-30 bench-press w1",
                             "Mon 2027-05-03 deadlift w1",
                             "Wed 2027-05-05 squat w2",
                             "Fri 2027-05-07 bench-press w2",
                             "Mon 2027-05-10 deadlift w2",
                             "Mon 2027-05-17 squat w3",
                             "Wed 2027-05-19 bench-press w3",
                             "Fri 2027-05-21 deadlift w3",
                         });
    CHECK(p.end == date(2027, 5, 23));
    CHECK(p.start == date(2027, 4, 28));
    CHECK(p.blocks[0].start == date(2027, 4, 28));
    CHECK(p.blocks[0].end == date(2027, 5, 23));
}

TEST_CASE("overlapping and adjacent pauses act as one pause")
{
    const auto one = compile(split_program("start 2027-05-03", "  pause 2027-05-12..2027-05-16\n"));
    const auto overlapping = compile(split_program("start 2027-05-03", "  pause 2027-05-12..2027-05-14\n  pause 2027-05-13..2027-05-16\n"));
    const auto adjacent = compile(split_program("start 2027-05-03", "  pause 2027-05-15..2027-05-16\n  pause 2027-05-12..2027-05-14\n"));
    INFO(messages(one.diagnostics) + messages(overlapping.diagnostics) + messages(adjacent.diagnostics));
    REQUIRE(one.diagnostics.empty());
    REQUIRE(overlapping.diagnostics.empty());
    REQUIRE(adjacent.diagnostics.size() == 1);  // the weekend alone moves nothing, and says so
    CHECK(lines_of(one.program()) == lines_of(overlapping.program()));
    CHECK(lines_of(one.program()) == lines_of(adjacent.program()));
    CHECK(one.program().end == overlapping.program().end);
    CHECK(one.program().end == adjacent.program().end);
    // Wed 12 and Fri 14 fell in the pause: week 2's Wednesday session resumes on Mon 17
    CHECK(lines_of(one.program())[4] == "Mon 2027-05-17 bench-press w2");
    CHECK(lines_of(one.program()).back() == "Wed 2027-05-26 deadlift w3");
}

TEST_CASE("a pause of whole weeks moves the sessions and the blocks after it by those weeks")
{
    const auto text = [&](const std::string& pause) {
        return alex + "program \"P\" {\n  start 2027-05-03\n" + pause + R"(  2 weeks "A" { days mon wed fri; squat 5x5 @ 70% }
  1 week "Rest" { method rest }
  2 weeks "C" { days tue thu; bench-press 5x5 @ 70% }
}
)";
    };
    auto plain = compile(text(""));
    auto paused = compile(text("  pause 2027-05-05..2027-05-18\n"));  // two weeks from a Wednesday
    INFO(messages(paused.diagnostics));
    REQUIRE(paused.diagnostics.empty());
    const auto& a = plain.program();
    const auto& b = paused.program();
    REQUIRE(a.sessions.size() == b.sessions.size());
    for (std::size_t i = 0; i < a.sessions.size(); ++i) {
        INFO(line_of(a, a.sessions[i]) << " / " << line_of(b, b.sessions[i]));
        CHECK(b.sessions[i].date == a.sessions[i].date + (a.sessions[i].date >= date(2027, 5, 5) ? days{14} : days{0}));
        CHECK(b.sessions[i].week == a.sessions[i].week);
    }
    REQUIRE(b.blocks.size() == 3);
    CHECK(b.blocks[0].start == date(2027, 5, 3));
    CHECK(b.blocks[0].end == a.blocks[0].end + days{14});
    for (std::size_t i = 1; i < 3; ++i) {
        CHECK(b.blocks[i].start == a.blocks[i].start + days{14});
        CHECK(b.blocks[i].end == a.blocks[i].end + days{14});
    }
}

TEST_CASE("the block after a paused block keeps its own weekdays and starts after the paused block's last session")
{
    auto c = compile(alex + R"(
program "P" {
  start 2027-05-03
  pause 2027-05-12..2027-05-14
  2 weeks "A" { mon { squat 5x5 @ 70% }; wed { bench-press 5x5 @ 70% }; fri { deadlift 5x5 @ 70% } }
  1 week "B" { tue { press 5x5 @ 70% }; thu { squat 3x3 @ 80% } }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE(c.diagnostics.empty());
    const auto& p = c.program();
    CHECK(lines_of(p) == std::vector<std::string>{
                             "Mon 2027-05-03 squat w1",
                             "Wed 2027-05-05 bench-press w1",
                             "Fri 2027-05-07 deadlift w1",
                             "Mon 2027-05-10 squat w2",
                             "Mon 2027-05-17 bench-press w2",
                             "Wed 2027-05-19 deadlift w2",
                             "Thu 2027-05-20 press w1",  // B's Tuesday session, on B's first weekday after A's last session
                             "Tue 2027-05-25 squat w1",
                         });
    REQUIRE(p.blocks.size() == 2);
    CHECK(p.blocks[0].end == date(2027, 5, 19));
    CHECK(p.blocks[1].start == date(2027, 5, 20));
    CHECK(p.blocks[1].end == date(2027, 5, 28));  // B's last session, then the three days that followed it
    CHECK(p.blocks[1].first_session == 6);
    CHECK(p.blocks[1].session_count == 2);
}

TEST_CASE("a pause across a block boundary moves the end of one block and the start of the next")
{
    auto c = compile(alex + R"(
program "P" {
  start 2027-05-03
  pause 2027-05-07..2027-05-11
  1 week "A" { days mon wed fri; squat 5x5 @ 70% }
  1 week "B" { days mon wed fri; bench-press 5x5 @ 70% }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE(c.diagnostics.empty());
    const auto& p = c.program();
    CHECK(lines_of(p) == std::vector<std::string>{
                             "Mon 2027-05-03 squat w1",
                             "Wed 2027-05-05 squat w1",
                             "Wed 2027-05-12 squat w1",
                             "Fri 2027-05-14 bench-press w1",
                             "Mon 2027-05-17 bench-press w1",
                             "Wed 2027-05-19 bench-press w1",
                         });
    CHECK(p.blocks[0].end == date(2027, 5, 13));
    CHECK(p.blocks[1].start == date(2027, 5, 14));
}

TEST_CASE("a skip next to a pause drops the session that the pause moved onto the skipped day")
{
    auto c = compile(split_program("start 2027-05-03", "  pause 2027-05-12..2027-05-14\n  skip 2027-05-17 \"holiday\"\n"));
    INFO(messages(c.diagnostics));
    REQUIRE(c.diagnostics.empty());
    CHECK(lines_of(c.program()) == std::vector<std::string>{
                                       "Mon 2027-05-03 squat w1",
                                       "Wed 2027-05-05 bench-press w1",
                                       "Fri 2027-05-07 deadlift w1",
                                       "Mon 2027-05-10 squat w2",
                                       "Wed 2027-05-19 deadlift w2",
                                       "Fri 2027-05-21 squat w3",
                                       "Mon 2027-05-24 bench-press w3",
                                       "Wed 2027-05-26 deadlift w3",
                                   });
}

TEST_CASE("a moved training day keeps the times of its own split")
{
    auto c = compile(alex + R"(
program "P" {
  start 2027-05-03
  pause 2027-05-05..2027-05-05
  1 week "A" {
    days mon wed fri
    mon { squat 5x5 @ 70% }
    wed { sessions 07:00, 17:00 for 45 min; bench-press 5x5 @ 70% }
    fri { deadlift 5x5 @ 70% }
  }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE(c.diagnostics.empty());
    const auto& p = c.program();
    REQUIRE(p.sessions.size() == 4);
    CHECK(line_of(p, p.sessions[1]) == "Fri 2027-05-07 bench-press w1");
    CHECK(p.sessions[1].start == minutes{7 * 60});
    CHECK(p.sessions[2].start == minutes{17 * 60});
    CHECK(p.sessions[2].session_of_day == 1);
    CHECK(p.sessions[2].length == minutes{45});
    CHECK(line_of(p, p.sessions[3]) == "Mon 2027-05-10 deadlift w1");
    CHECK(p.sessions[3].start == minutes{8 * 60});
}

// Property: for random programs and random pauses (1 to 20 days, anywhere,
// several, planned forward and backward) the sessions hold what they hold
// without the pauses, in the same order and block weeks; none falls in a
// pause; none moves against the direction of planning; blocks follow each
// other and hold their sessions.
TEST_CASE("generated pauses: the sessions hold the same contents in the same order as without them")
{
    std::mt19937 random(20270503);
    const char* names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    const char* lifts[] = {"squat", "bench-press", "deadlift", "press"};
    const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    const auto iso = [](sys_days d) { return meso::format_date(d); };
    int moved_programs = 0;
    for (int round = 0; round < 300; ++round) {
        const bool forward = round % 2 == 0;
        const sys_days anchor = date(2027, 3, 1) + days{pick(60)};
        std::string body;
        const int blocks = 1 + pick(3);
        for (int b = 0; b < blocks; ++b) {
            const bool in_days = pick(3) == 0;
            const int length = in_days ? 3 + pick(15) : 1 + pick(4);
            body += "  " + std::to_string(length) + (in_days ? " days" : " weeks") + " \"B" + std::to_string(b) + "\" {\n";
            // a split per training weekday, each with its own lift and a progression
            int split_days = 0;
            for (int d = 0; d < 7; ++d) {
                if (pick(3) != 0) continue;
                ++split_days;
                body += std::string("    ") + names[d] + " { " + lifts[pick(4)] + " " + std::to_string(1 + pick(5)) + "x5 @ " +
                        std::to_string(50 + pick(20)) + "% +1% per week }\n";
            }
            if (split_days == 0) body += "    wed { squat 3x5 @ 60% +1% per week }\n";
            if (pick(2) == 0) body += "    sessions 07:00, 17:30 for 45 min\n";
            if (pick(3) == 0) body += "    week 2 { days " + std::string(names[1 + pick(5)]) + " sat; squat 2x2 @ 80% }\n";
            body += "  }\n";
        }
        std::string pauses;
        const int count = 1 + pick(3);
        for (int k = 0; k < count; ++k) {
            const sys_days first = anchor + days{(forward ? 1 : -1) * (pick(70) - 10)};
            pauses += "  pause " + iso(first) + ".." + iso(first + days{pick(20)}) + "\n";
        }
        const std::string head = alex + "program \"G\" {\n  " + (forward ? "start " : "end ") + iso(anchor) + "\n";
        const std::string plain_text = head + body + "}\n";
        const std::string paused_text = head + pauses + body + "}\n";
        INFO(paused_text);
        auto plain = compile(plain_text);
        auto paused = compile(paused_text);
        INFO(messages(paused.diagnostics));
        REQUIRE_FALSE(meso::has_errors(plain.diagnostics));
        REQUIRE_FALSE(meso::has_errors(paused.diagnostics));
        const auto& a = plain.program();
        const auto& p = paused.program();
        const auto& ir_pauses = p.program->pauses;
        REQUIRE(a.sessions.size() == p.sessions.size());
        bool moved = false;
        for (std::size_t i = 0; i < a.sessions.size(); ++i) {
            const auto& x = a.sessions[i];
            const auto& y = p.sessions[i];
            INFO(i << ": " << line_of(a, x) << " / " << line_of(p, y));
            CHECK(a.contents[x.content].exercises.size() == p.contents[y.content].exercises.size());
            for (std::size_t e = 0; e < a.contents[x.content].exercises.size() && e < p.contents[y.content].exercises.size(); ++e) {
                const auto& ex = a.contents[x.content].exercises[e];
                const auto& ey = p.contents[y.content].exercises[e];
                CHECK(ex.name == ey.name);
                CHECK(ex.sets.size() == ey.sets.size());
                CHECK(ex.sets.front().percent == ey.sets.front().percent);
            }
            CHECK(y.block == x.block);
            CHECK(y.week == x.week);
            CHECK(y.day == x.day);
            CHECK(y.session_of_day == x.session_of_day);
            CHECK(y.start == x.start);
            CHECK(y.length == x.length);
            if (forward) CHECK(y.date >= x.date);
            else CHECK(y.date <= x.date);
            moved = moved || y.date != x.date;
            for (const auto& pause : ir_pauses) CHECK_FALSE((y.date >= pause.first && y.date <= pause.last));
            if (i > 0) {
                const auto& before = p.sessions[i - 1];
                CHECK((before.date < y.date || (before.date == y.date && before.start < y.start)));
                // a training day stays one day: its sessions are not split over two dates
                if (before.block == y.block && before.day == y.day) CHECK(before.date == y.date);
            }
        }
        moved_programs += moved ? 1 : 0;
        REQUIRE(p.blocks.size() == a.blocks.size());
        for (std::size_t b = 0; b < p.blocks.size(); ++b) {
            const auto& block = p.blocks[b];
            CHECK(block.planned_start == a.blocks[b].planned_start);
            CHECK(block.start <= block.end);
            CHECK((block.end - block.start).count() + 1 >= block.block->length_days);
            if (b > 0) CHECK(block.start == p.blocks[b - 1].end + days{1});
            CHECK(block.first_session == a.blocks[b].first_session);
            CHECK(block.session_count == a.blocks[b].session_count);
            for (std::uint32_t i = block.first_session; i < block.first_session + block.session_count; ++i) {
                CHECK(p.sessions[i].date >= block.start);
                CHECK(p.sessions[i].date <= block.end);
            }
        }
        if (forward) CHECK(p.start >= a.start);
        else CHECK(p.end <= a.end);
        CHECK(p.start == p.blocks.front().start);
        CHECK(p.end == p.blocks.back().end);
        // meso compile plans, then expands a program at a time: the same dates
        const auto plan = meso::scheduling::plan_schedule(paused.compilation->module);
        REQUIRE(plan.programs.size() == 1);
        CHECK(plan.programs[0].start == p.start);
        CHECK(plan.programs[0].end == p.end);
        CHECK(plan.programs[0].sessions == static_cast<long long>(p.sessions.size()));
        if (!p.sessions.empty()) {
            CHECK(plan.programs[0].first_session == p.sessions.front().date);
            CHECK(plan.programs[0].last_session == p.sessions.back().date);
        }
        std::vector<meso::Diagnostic> expanding;
        const auto one = meso::scheduling::schedule_program(plan.programs[0], expanding);
        CHECK(expanding.empty());
        REQUIRE(one.sessions.size() == p.sessions.size());
        for (std::size_t i = 0; i < one.sessions.size(); ++i) CHECK(one.sessions[i].date == p.sessions[i].date);
    }
    CHECK(moved_programs > 100);  // the pauses did fall on training days
}

// The same with a single weekly pattern: a pause moves the sessions along it
// by as many training days as fell in the pause, and one of whole weeks by
// those weeks.
TEST_CASE("generated pauses in a block of one weekly pattern move sessions by the training days that fell in them")
{
    std::mt19937 random(20270512);
    const char* names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    for (int round = 0; round < 200; ++round) {
        const bool forward = round % 2 == 0;
        std::bitset<7> pattern;
        std::string day_list;
        for (int d = 0; d < 7; ++d)
            if (pick(2) == 0) pattern.set(static_cast<std::size_t>(d)), day_list += std::string(" ") + names[d];
        if (pattern.none()) pattern.set(1), day_list = " mon";
        const sys_days anchor = date(2027, 3, 1) + days{pick(30)};
        const int pause_length = 1 + pick(20);
        const sys_days pause_first = anchor + days{(forward ? 1 : -1) * (5 + pick(30))};
        const sys_days pause_last = pause_first + days{pause_length - 1};
        const std::string head = alex + "program \"G\" {\n  " + (forward ? "start " : "end ") + meso::format_date(anchor) + "\n";
        const std::string block = "  8 weeks \"B\" { days" + day_list + "; squat 5x5 @ 60% +1% per week }\n}\n";
        const std::string pause = "  pause " + meso::format_date(pause_first) + ".." + meso::format_date(pause_last) + "\n";
        INFO(head + pause + block);
        auto plain = compile(head + block);
        auto paused = compile(head + pause + block);
        REQUIRE_FALSE(meso::has_errors(paused.diagnostics));
        const auto& a = plain.program();
        const auto& p = paused.program();
        // the dates the pattern trains on, outside the pause, in the direction of planning
        std::vector<sys_days> pattern_days;
        const sys_days from = forward ? a.start : a.end;
        for (int k = 0; pattern_days.size() < a.sessions.size() + 40; ++k) {
            const sys_days d = from + days{forward ? k : -k};
            if (pattern.test(weekday{d}.c_encoding())) pattern_days.push_back(d);
        }
        long long in_pause = 0;
        for (const auto d : pattern_days) in_pause += d >= pause_first && d <= pause_last ? 1 : 0;
        REQUIRE(a.sessions.size() == p.sessions.size());
        const std::size_t n = a.sessions.size();
        for (std::size_t k = 0; k < n; ++k) {
            // the k-th session in the direction of planning
            const std::size_t i = forward ? k : n - 1 - k;
            const auto original = std::find(pattern_days.begin(), pattern_days.end(), a.sessions[i].date) - pattern_days.begin();
            const bool before_pause = forward ? a.sessions[i].date < pause_first : a.sessions[i].date > pause_last;
            const auto expected = pattern_days.at(static_cast<std::size_t>(original + (before_pause ? 0 : in_pause)));
            INFO(meso::format_date(a.sessions[i].date) << " → " << meso::format_date(p.sessions[i].date));
            CHECK(p.sessions[i].date == expected);
            const bool within_plan = forward ? pause_first >= anchor : pause_last <= anchor;
            if (pause_length % 7 == 0 && within_plan && !before_pause)
                CHECK(p.sessions[i].date == a.sessions[i].date + days{forward ? pause_length : -pause_length});
        }
    }
}
