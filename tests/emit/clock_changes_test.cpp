// Zones and clock changes below the commands: the changes the tz database
// gives (after 2037 too), how a session's local times meet them, and the
// machine's zone from TZ.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>
#include <string>

#include "engine/base/timezone.h"
#include "engine/emit/clock_changes.h"
#include "tests/emit/builder.h"

using namespace meso;
using namespace meso::test;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

namespace {

sys_seconds utc(sys_days d, int h, int m = 0) { return sys_seconds{d.time_since_epoch()} + hours{h} + minutes{m}; }

scheduling::Session session_at(sys_days d, minutes start, minutes length = minutes{60})
{
    scheduling::Session s;
    s.date = d;
    s.start = start;
    s.length = length;
    return s;
}

// Sets TZ (or unsets it, for nullopt) while it lives.
class TzVariable {
public:
    explicit TzVariable(const std::optional<std::string>& value)
    {
        if (const char* old = std::getenv("TZ")) old_ = old;
        if (value) setenv("TZ", value->c_str(), 1);
        else unsetenv("TZ");
    }
    ~TzVariable()
    {
        if (old_) setenv("TZ", old_->c_str(), 1);
        else unsetenv("TZ");
    }
    TzVariable(const TzVariable&) = delete;
    TzVariable& operator=(const TzVariable&) = delete;

private:
    std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("Berlin's clock changes of 2027 come from the tz database, forward at 01:00 UTC in March and back in October")
{
    const auto berlin = ZoneRules::load("Europe/Berlin");
    REQUIRE(berlin);
    const auto changes = clock_changes(*berlin, day(2027, 1, 1), day(2027, 12, 31));
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].at == utc(day(2027, 3, 28), 1));
    CHECK(changes[0].before == hours{1});
    CHECK(changes[0].after == hours{2});
    CHECK(changes[0].forward());
    CHECK(changes[1].at == utc(day(2027, 10, 31), 1));
    CHECK_FALSE(changes[1].forward());
}

TEST_CASE("after 2037 the clock changes come from the rule the zoneinfo file ends with")
{
    const auto berlin = ZoneRules::load("Europe/Berlin");
    REQUIRE(berlin);
    const auto changes = clock_changes(*berlin, day(2040, 1, 1), day(2040, 12, 31));
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].at == utc(day(2040, 3, 25), 1));  // the last Sunday of March
    CHECK(changes[1].at == utc(day(2040, 10, 28), 1));
}

TEST_CASE("floating times and unknown zones have no rules")
{
    CHECK_FALSE(ZoneRules::load("floating"));
    CHECK_FALSE(ZoneRules::load("Europe/Berln"));
    CHECK_FALSE(ZoneRules::load(""));
}

TEST_CASE("a session's local times are read as RFC 5545 reads them where the clocks change")
{
    const auto new_york = ZoneRules::load("America/New_York");
    REQUIRE(new_york);
    const emit::SessionClock clock(&*new_york, day(2027, 1, 1), day(2027, 12, 31));

    // 02:30 on 2027-03-14 does not exist: read with EST, it is 07:30 UTC, 03:30 EDT.
    auto t = clock.times(session_at(day(2027, 3, 14), at(2, 30)));
    CHECK(t.kind == emit::SessionTimes::Kind::start_skipped);
    CHECK(t.start == utc(day(2027, 3, 14), 7, 30));
    CHECK(t.end == utc(day(2027, 3, 14), 8, 30));
    CHECK(t.start_clock == at(3, 30));
    CHECK(t.warn);

    // 01:30 on 2027-11-07 happens twice: the first, EDT, is 05:30 UTC.
    t = clock.times(session_at(day(2027, 11, 7), at(1, 30)));
    CHECK(t.kind == emit::SessionTimes::Kind::start_repeated);
    CHECK(t.start == utc(day(2027, 11, 7), 5, 30));
    CHECK(t.start_clock == at(1, 30));
    CHECK(t.warn);

    // 01:30 to 02:30 on 2027-03-14 runs across the change: it ends at 03:30 by the clock.
    t = clock.times(session_at(day(2027, 3, 14), at(1, 30)));
    CHECK(t.kind == emit::SessionTimes::Kind::spans_change);
    CHECK(t.start == utc(day(2027, 3, 14), 6, 30));
    CHECK(t.end == utc(day(2027, 3, 14), 7, 30));
    CHECK(t.warn);

    // 00:30 to 01:30 on 2027-11-07 ends at the first 01:30, as planned: written in UTC, no warning.
    t = clock.times(session_at(day(2027, 11, 7), at(0, 30)));
    CHECK(t.kind == emit::SessionTimes::Kind::spans_change);
    CHECK(t.end == utc(day(2027, 11, 7), 5, 30));
    CHECK_FALSE(t.warn);

    // Sessions the changes do not touch: 03:00 on the spring night (it exists), 02:00 on the autumn one (once: EST).
    CHECK(clock.times(session_at(day(2027, 3, 14), at(3, 0))).kind == emit::SessionTimes::Kind::plain);
    CHECK(clock.times(session_at(day(2027, 11, 7), at(2, 0))).kind == emit::SessionTimes::Kind::plain);
    CHECK(clock.times(session_at(day(2027, 3, 14), at(8, 0))).kind == emit::SessionTimes::Kind::plain);
    CHECK(clock.times(session_at(day(2027, 3, 13), at(2, 30))).kind == emit::SessionTimes::Kind::plain);
    // A session ending exactly where the spring gap begins ends in UTC: 02:00 is no time that night.
    CHECK(clock.times(session_at(day(2027, 3, 14), at(1, 0))).kind == emit::SessionTimes::Kind::spans_change);
}

TEST_CASE("a clock change's warning names the date, the zone, the change and when the session starts")
{
    const auto berlin = ZoneRules::load("Europe/Berlin");
    REQUIRE(berlin);
    const emit::SessionClock clock(&*berlin, day(2027, 1, 1), day(2027, 12, 31));
    const scheduling::Session spring = session_at(day(2027, 3, 28), at(2, 30));
    CHECK(clock.describe(spring, clock.times(spring)) ==
          "02:30 does not exist on Sun 2027-03-28 in Europe/Berlin (clocks go from 02:00 to 03:00); the session starts at 03:30");
    const scheduling::Session autumn = session_at(day(2027, 10, 31), at(2, 30));
    CHECK(clock.describe(autumn, clock.times(autumn)) ==
          "02:30 happens twice on Sun 2027-10-31 in Europe/Berlin (clocks go back from 03:00 to 02:00); the session starts at "
          "the first 02:30, before the clocks go back");
}

TEST_CASE("a zone whose clocks change by half an hour is read the same way")
{
    // Lord Howe Island: +10:30 in winter, +11:00 in summer, from 02:00 to 02:30 on the first Sunday of October.
    const auto lord_howe = ZoneRules::load("Australia/Lord_Howe");
    REQUIRE(lord_howe);
    const emit::SessionClock clock(&*lord_howe, day(2027, 1, 1), day(2027, 12, 31));
    const scheduling::Session s = session_at(day(2027, 10, 3), at(2, 15));
    const auto t = clock.times(s);
    CHECK(t.kind == emit::SessionTimes::Kind::start_skipped);
    CHECK(t.start_clock == at(2, 45));
    CHECK(clock.describe(s, t) ==
          "02:15 does not exist on Sun 2027-10-03 in Australia/Lord_Howe (clocks go from 02:00 to 02:30); the session starts at 02:45");
}

TEST_CASE("floating times meet no clock change")
{
    const emit::SessionClock clock(nullptr, day(2027, 1, 1), day(2027, 12, 31));
    CHECK(clock.times(session_at(day(2027, 3, 28), at(2, 30))).kind == emit::SessionTimes::Kind::plain);
    Fixture f;
    auto& p = f.program("Anywhere", "floating");
    f.schedule(p, "Alex", day(2027, 3, 22), {{"Nights", "", 7, days("......S"), {at(2, 30)}, minutes{60}, {}}});
    std::vector<Diagnostic> diagnostics;
    emit::check_clock_changes(f.schedules[0], "floating", diagnostics);
    CHECK(diagnostics.empty());
}

TEST_CASE("zones fixed all year get a warning only where their place changes its clocks")
{
    const auto around = day(2027, 1, 4);
    CHECK(zone_without_daylight_saving("EST", around) ==
          std::optional<std::string>("time zone 'EST' is UTC-05:00 all year, without daylight saving time; did you mean "
                                     "'America/New_York'?"));
    CHECK(zone_without_daylight_saving("MST", around).value_or("").find("'America/Denver'?") != std::string::npos);
    CHECK_FALSE(zone_without_daylight_saving("HST", around));      // Honolulu keeps its clocks too
    CHECK_FALSE(zone_without_daylight_saving("EST5EDT", around));  // changes its clocks
    CHECK_FALSE(zone_without_daylight_saving("America/Phoenix", around));
    CHECK_FALSE(zone_without_daylight_saving("UTC", around));
    CHECK_FALSE(zone_without_daylight_saving("Etc/GMT+5", around));
}

TEST_CASE("TZ gives the machine's zone in each of its forms, and a TZ that names no zone is an error")
{
    {
        TzVariable tz(std::string("Asia/Tokyo"));
        const auto m = machine_zone();
        CHECK(m.error.empty());
        CHECK(m.zone.name == "Asia/Tokyo");
        CHECK(m.zone.source == ZoneSource::tz_variable);
    }
    for (const std::string value : {":Asia/Tokyo", "/usr/share/zoneinfo/Asia/Tokyo", ":/usr/share/zoneinfo/Asia/Tokyo"}) {
        INFO(value);
        TzVariable tz(value);
        CHECK(machine_zone().zone.name == "Asia/Tokyo");
    }
    {
        TzVariable tz(std::string("Europe/Berln"));
        const auto m = machine_zone();
        CHECK(m.error == "TZ='Europe/Berln': unknown time zone 'Europe/Berln'; did you mean 'Europe/Berlin'? "
                         "(set TZ to a zone of the tz database, or give --timezone)");
    }
    {
        TzVariable tz(std::nullopt);
        const auto m = machine_zone();
        CHECK(m.error.empty());
        CHECK((m.zone.source == ZoneSource::localtime || m.zone.source == ZoneSource::fallback));
        if (m.zone.source == ZoneSource::localtime) {
            // A path to a link into the database, as some containers set TZ, is the zone the link names.
            TzVariable link(std::string(":/etc/localtime"));
            const auto through_link = machine_zone();
            CHECK(through_link.error.empty());
            CHECK(through_link.zone.source == ZoneSource::tz_variable);
            CHECK(through_link.zone.name == m.zone.name);
        }
    }
}

TEST_CASE("sessions walked in order meet the same clock changes as each searched alone, and out of order too")
{
    const auto berlin = ZoneRules::load("Europe/Berlin");
    const auto lord_howe = ZoneRules::load("Australia/Lord_Howe");
    REQUIRE(berlin);
    REQUIRE(lord_howe);
    for (const ZoneRules* zone : {&*berlin, &*lord_howe}) {
        INFO(zone->name());
        // Three years of days, each with sessions around the hours clocks change at, some across midnight.
        std::vector<scheduling::Session> sessions;
        for (sys_days d = day(2027, 1, 1); d <= day(2029, 12, 31); d += std::chrono::days{1})
            for (const int start : {0, 60, 90, 120, 150, 180, 23 * 60 + 30})
                sessions.push_back(session_at(d, minutes{start}, minutes{start % 120 + 45}));
        const emit::SessionClock clock(zone, day(2027, 1, 1), day(2029, 12, 31));
        REQUIRE(clock.has_changes());
        std::size_t next = 0, warned = 0, differ = 0;
        const auto same = [](const emit::SessionTimes& a, const emit::SessionTimes& b) {
            return a.kind == b.kind && a.start == b.start && a.end == b.end && a.warn == b.warn && a.change.at == b.change.at;
        };
        for (const auto& s : sessions) {
            const auto searched = clock.times(s);
            warned += searched.warn ? 1 : 0;
            differ += same(searched, clock.times(s, next)) ? 0 : 1;
        }
        CHECK(differ == 0);
        CHECK(warned >= 6);       // two changes a year, three years: something to find
        std::size_t back = next;  // a session earlier than the last: searched, not walked past
        for (std::size_t i = sessions.size(); i-- > 0;) differ += same(clock.times(sessions[i]), clock.times(sessions[i], back)) ? 0 : 1;
        CHECK(differ == 0);
    }
}
