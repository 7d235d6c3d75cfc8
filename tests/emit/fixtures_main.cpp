// ical_fixtures DIR: writes calendars made from hand-built schedules into DIR,
// each NAME.ics with NAME.expect.json saying what a reader must find in it
// (its events by UID with their local start and zone, texts that must come
// through exactly, and instants known independently of any code). The
// checks under tests/emit/ read them with parsers nobody on the team wrote.
#include <fstream>
#include <iostream>
#include <set>

#include <nlohmann/json.hpp>

#include "engine/emit/ical.h"
#include "tests/emit/builder.h"

using namespace meso;
using namespace meso::test;
using nlohmann::json;

namespace {

std::string iso_local(const scheduling::Session& s)
{
    const std::chrono::year_month_day ymd{s.date};
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:00", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(s.start.count() / 60), static_cast<int>(s.start.count() % 60));
    return buffer;
}

bool write(const std::string& dir, const std::string& name, const Fixture& f, const emit::CalendarOptions& options, json expect)
{
    std::ofstream ics(dir + "/" + name + ".ics", std::ios::binary);
    const auto result = emit::write_calendar(ics, f.schedules, options);
    if (!result.diagnostics.empty() || !ics) {
        std::cerr << name << ": " << (result.diagnostics.empty() ? "write failed" : result.diagnostics[0].message) << "\n";
        return false;
    }
    expect["events"] = json::array();
    std::set<std::string> athletes;
    for (const auto& program : f.schedules) athletes.insert(program.athlete);
    for (const auto& program : f.schedules) {
        std::string zone = program.program->timezone.empty() ? options.default_timezone : program.program->timezone;
        for (const auto& session : program.sessions) {
            const auto& block = program.blocks[session.block];
            std::string summary = athletes.size() > 1 ? program.athlete + " — " + block.name : block.name;
            const auto& content = program.contents[session.content];
            for (std::size_t i = 0; i < content.exercises.size(); ++i) summary += (i == 0 ? ": " : ", ") + content.exercises[i].name;
            expect["events"].push_back({{"uid", emit::session_uid(program, session)},
                                        {"local", iso_local(session)},
                                        {"zone", zone == "floating" ? json(nullptr) : json(zone)},
                                        {"minutes", session.length.count()},
                                        {"summary", summary}});
        }
    }
    std::ofstream(dir + "/" + name + ".expect.json") << expect.dump(2) << "\n";
    return true;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: ical_fixtures DIR\n";
        return 2;
    }
    const std::string dir = argv[1];
    emit::CalendarOptions options;
    options.stamp = std::chrono::sys_seconds{std::chrono::seconds{1798761600}};
    bool ok = true;

    {  // Berlin across the spring change, unicode everywhere, a 300-character note, a coach, an alarm.
        Fixture f;
        auto& p = f.program("Frühjahr – Kraft & Ausdauer; Block 1, \"A\"", "Europe/Berlin");
        p.coach = ir::Coach{"Lee, Sam", "sam@example.org", {}};
        std::string note = "Ŝtrength; ";
        while (note.size() < 300) note += "Knie über Zehen, Rücken gerade\\ 💪 加圧トレーニング\n";
        auto content = kaatsu_content();
        content.notes = {note, "Second note: 100% focus, no ego"};
        f.schedule(p, "Zoë Ō'Brien", day(2027, 3, 22),
                   {{"Kaatsu — 加圧", "bfr", 14, days("MTWTFS."), {at(8), at(16)}, std::chrono::minutes{30}, content}});
        auto o = options;
        o.alarm = std::chrono::minutes{30};
        ok &= write(dir, "berlin-spring", f, o,
                    {{"calendar_name", p.name},
                     {"texts", {note, "Second note: 100% focus, no ego", "Coach: Lee, Sam <sam@example.org>"}},
                     {"organizer", "mailto:sam@example.org"},
                     {"alarm", "-PT30M"},
                     {"instants",
                      {{{"local", "2027-03-27T08:00:00"}, {"utc", "2027-03-27T07:00:00+00:00"}},
                       {{"local", "2027-03-29T08:00:00"}, {"utc", "2027-03-29T06:00:00+00:00"}}}}});
    }
    {  // New York across both changes and Berlin across the autumn one, in one calendar.
        Fixture f;
        auto& spring = f.program("Spring NY", "America/New_York");
        auto& fall = f.program("Fall NY", "America/New_York");
        auto& autumn = f.program("Autumn Berlin", "Europe/Berlin");
        const scheduling::SessionContent strength = holding({exercise("squat", {set(5, 75, 135), set(5, 75, 135)}, 180)});
        f.schedule(spring, "Alex", day(2027, 3, 8),
                   {{"Strength", "strength", 14, days("MTWTFSS"), {at(7)}, std::chrono::minutes{60}, strength}});
        f.schedule(fall, "Alex", day(2027, 11, 1),
                   {{"Strength", "strength", 14, days("MTWTFSS"), {at(7)}, std::chrono::minutes{60}, strength}});
        f.schedule(autumn, "Jo", day(2027, 10, 25),
                   {{"Kaatsu", "bfr", 14, days("MTWTFS."), {at(18)}, std::chrono::minutes{30}, kaatsu_content()}});
        ok &= write(dir, "dst-new-york-berlin", f, options,
                    {{"calendar_name", "Spring NY, Fall NY, Autumn Berlin"},
                     {"texts", json::array()},
                     {"instants",
                      {{{"local", "2027-03-13T07:00:00"}, {"zone", "America/New_York"}, {"utc", "2027-03-13T12:00:00+00:00"}},
                       {{"local", "2027-03-15T07:00:00"}, {"zone", "America/New_York"}, {"utc", "2027-03-15T11:00:00+00:00"}},
                       {{"local", "2027-11-06T07:00:00"}, {"zone", "America/New_York"}, {"utc", "2027-11-06T11:00:00+00:00"}},
                       {{"local", "2027-11-08T07:00:00"}, {"zone", "America/New_York"}, {"utc", "2027-11-08T12:00:00+00:00"}},
                       {{"local", "2027-10-30T18:00:00"}, {"zone", "Europe/Berlin"}, {"utc", "2027-10-30T16:00:00+00:00"}},
                       {{"local", "2027-11-01T18:00:00"}, {"zone", "Europe/Berlin"}, {"utc", "2027-11-01T17:00:00+00:00"}}}}});
    }
    {  // Sessions the clocks change under: starts that do not exist (02:30 in
       // spring), happen twice (02:30 in autumn in Berlin, 01:30 in New York),
       // sessions across a change and ending at one; each must last its length.
        Fixture f;
        auto& berlin_spring = f.program("Berlin spring", "Europe/Berlin");
        auto& berlin_autumn = f.program("Berlin autumn", "Europe/Berlin");
        auto& new_york_spring = f.program("New York spring", "America/New_York");
        auto& new_york_fall = f.program("New York fall", "America/New_York");
        const scheduling::SessionContent strength = holding({exercise("squat", {set(5, 75, 135)}, 180)});
        const std::vector<std::chrono::minutes> night = {at(0, 30), at(1, 30), at(2, 30)};
        f.schedule(berlin_spring, "Alex", day(2027, 3, 22),
                   {{"Nights", "strength", 7, days("......S"), night, std::chrono::minutes{60}, strength}});
        f.schedule(berlin_autumn, "Alex", day(2027, 10, 25),
                   {{"Nights", "strength", 7, days("......S"), night, std::chrono::minutes{60}, strength}});
        f.schedule(new_york_spring, "Alex", day(2027, 3, 8),
                   {{"Nights", "strength", 7, days("......S"), night, std::chrono::minutes{60}, strength}});
        f.schedule(new_york_fall, "Alex", day(2027, 11, 1),
                   {{"Nights", "strength", 7, days("......S"), night, std::chrono::minutes{60}, strength}});
        ok &= write(dir, "clock-changes", f, options,
                    {{"calendar_name", "Berlin spring, Berlin autumn, New York spring, New York fall"},
                     {"texts", json::array()},
                     {"instants",
                      {{{"local", "2027-03-28T02:30:00"}, {"zone", "Europe/Berlin"}, {"utc", "2027-03-28T01:30:00+00:00"}},
                       {{"local", "2027-10-31T02:30:00"}, {"zone", "Europe/Berlin"}, {"utc", "2027-10-31T00:30:00+00:00"}},
                       {{"local", "2027-03-14T02:30:00"}, {"zone", "America/New_York"}, {"utc", "2027-03-14T07:30:00+00:00"}},
                       {{"local", "2027-11-07T01:30:00"}, {"zone", "America/New_York"}, {"utc", "2027-11-07T05:30:00+00:00"}}}}});
    }
    {  // Floating times.
        Fixture f;
        auto& p = f.program("Anywhere", "floating");
        f.schedule(p, "Alex", day(2027, 1, 4),
                   {{"Kaatsu", "bfr", 7, days("MTWTFS."), {at(8), at(16)}, std::chrono::minutes{30}, kaatsu_content()}});
        ok &= write(dir, "floating", f, options, {{"calendar_name", "Anywhere"}, {"texts", json::array()}});
    }
    {  // The default zone, pounds, RPE, no method, a session past midnight.
        Fixture f;
        auto& p = f.program("Night shift", "");
        const scheduling::SessionContent content =
            holding({exercise("bench-press", {set(8, {}, {}, 8), set(8, {}, {}, 8)}, 90), exercise("deadlift", {set(5, 70, 315)}, 240)});
        f.schedules.reserve(1);
        auto& s =
            f.schedule(p, "Kim", day(2027, 6, 7), {{"Nights", "", 7, days("M.W.F.."), {at(23, 30)}, std::chrono::minutes{60}, content}});
        s.unit = ir::MassUnit::lb;
        auto o = options;
        o.default_timezone = "Asia/Kolkata";
        ok &=
            write(dir, "default-zone", f, o,
                  {{"calendar_name", "Night shift"},
                   {"texts", {"deadlift: 1 set of 5 reps @ 70% = 315 lb; rest 4 min", "bench-press: 2 sets of 8 reps @ RPE 8; rest 90 s"}},
                   {"instants", {{{"local", "2027-06-07T23:30:00"}, {"utc", "2027-06-07T18:00:00+00:00"}}}}});
    }
    {  // Two years in the southern hemisphere: many transitions.
        Fixture f;
        auto& p = f.program("Two years down under", "Australia/Sydney");
        f.schedule(p, "Mia", day(2027, 1, 4),
                   {{"Base", "endurance", 364, days("M.W.F.."), {at(6)}, std::chrono::minutes{45}, {}},
                    {"Peak", "power", 364, days("M.W.F.."), {at(6)}, std::chrono::minutes{45}, {}}});
        ok &= write(dir, "two-years-sydney", f, options, {{"calendar_name", "Two years down under"}, {"texts", json::array()}});
    }
    {  // After 2037, where the zoneinfo files stop listing changes and a rule takes over.
        Fixture f;
        auto& berlin = f.program("Berlin 2040", "Europe/Berlin");
        auto& sydney = f.program("Sydney 2041", "Australia/Sydney");
        f.schedule(berlin, "Alex", day(2040, 3, 19),
                   {{"Strength", "strength", 14, days("MTWTFSS"), {at(8)}, std::chrono::minutes{60}, {}}});
        f.schedule(sydney, "Alex", day(2041, 3, 25),
                   {{"Strength", "strength", 14, days("MTWTFSS"), {at(8)}, std::chrono::minutes{60}, {}}});
        ok &= write(dir, "after-2037", f, options,
                    {{"calendar_name", "Berlin 2040, Sydney 2041"},
                     {"texts", json::array()},
                     {"instants",
                      {{{"local", "2040-03-24T08:00:00"}, {"zone", "Europe/Berlin"}, {"utc", "2040-03-24T07:00:00+00:00"}},
                       {{"local", "2040-03-26T08:00:00"}, {"zone", "Europe/Berlin"}, {"utc", "2040-03-26T06:00:00+00:00"}},
                       {{"local", "2041-04-06T08:00:00"}, {"zone", "Australia/Sydney"}, {"utc", "2041-04-05T21:00:00+00:00"}},
                       {{"local", "2041-04-07T08:00:00"}, {"zone", "Australia/Sydney"}, {"utc", "2041-04-06T22:00:00+00:00"}}}}});
    }
    return ok ? 0 : 1;
}
