// Issue 20: scheduling, checking and writing a calendar (or a schedule as
// JSON, CSV or text) allocate per content (a block week's prescriptions),
// never per session. A program with ten times the sessions of the same
// training must cost the heap no more allocations, so that compile's time
// and memory grow with what the file says and not with how often it says
// it.
//
// Its own binary: it replaces the global operator new to count calls,
// which the main test binary (and the sanitizers' own new) must not see.
#include <atomic>
#include <cstdlib>
#include <new>
#include <ostream>
#include <streambuf>
#include <string>

#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include "engine/emit/ical.h"
#include "engine/emit/schedule_text.h"
#include "engine/emit/sessions.h"
#include "engine/pipeline/pipeline.h"

namespace {

std::atomic<bool> counting{false};
std::atomic<long> allocations{0};

// A place for a debugger to stop at each allocation counted, to see where
// it comes from: gdb -batch -ex 'break counted_allocation' -ex 'run' ...
[[gnu::noinline]] void counted_allocation() { allocations.fetch_add(1, std::memory_order_relaxed); }

void* allocate(std::size_t size)
{
    if (counting.load(std::memory_order_relaxed)) counted_allocation();
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}

}  // namespace

// Every form that pairs with the plain delete: under ASan, a nothrow new
// not replaced here is the sanitizer's own, and freeing it with free() is a
// mismatch (std::stable_sort's buffer is one). The aligned forms are left
// to the library, new and delete alike.
void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept
{
    try {
        return allocate(size);
    }
    catch (const std::bad_alloc&) {
        return nullptr;
    }
}
void* operator new[](std::size_t size, const std::nothrow_t& nothrow) noexcept { return operator new(size, nothrow); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace {

using namespace meso;

// Takes the calendar's bytes and keeps none.
class Discard : public std::streambuf {
protected:
    int overflow(int c) override { return c; }
    std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

struct Counts {
    long schedule = 0;  // stream_programs up to the clock-change warnings
    long rules = 0;     // and the rules
    long calendar = 0;  // and the calendar's events, as meso compile writes them
    long json = 0;      // meso schedule's writers, given the whole schedule
    long csv = 0;
    long text = 0;
    std::size_t sessions = 0;
    std::size_t events = 0;
};

template <typename F> long allocations_in(F&& work)
{
    allocations = 0;
    counting = true;
    work();
    counting = false;
    return allocations.load();
}

// What `meso compile` runs after resolving, counted three ways: up to the
// schedule, up to the rules, and with the calendar written.
Counts count(const std::string& text)
{
    pipeline::Options options;
    // The whole IR held: as check and compile resolve (keep_whole_ir false),
    // stream_programs resolves each program's blocks again, which allocates
    // per program as its text says, not per session.
    options.keep_whole_ir = true;
    options.timezone = "Europe/Berlin";
    Counts counts;
    {
        pipeline::FileRun run = pipeline::resolve_text(Source{"plan.meso", text}, options);
        REQUIRE_FALSE(has_errors(run.diagnostics));
        counts.schedule = allocations_in([&] { pipeline::stream_programs(run, options, pipeline::Stages::schedule, nullptr); });
    }
    {
        pipeline::FileRun run = pipeline::resolve_text(Source{"plan.meso", text}, options);
        counts.rules = allocations_in([&] { pipeline::stream_programs(run, options, pipeline::Stages::rules, nullptr); });
    }
    pipeline::FileRun run = pipeline::resolve_text(Source{"plan.meso", text}, options);
    Discard discard;
    std::ostream out(&discard);
    emit::CalendarStream stream;
    emit::CalendarOptions calendar;
    calendar.default_timezone = options.timezone;
    std::vector<emit::ProgramOutline> outlines;
    counts.calendar = allocations_in([&] {
        pipeline::stream_programs(run, options, pipeline::Stages::rules, [&](std::size_t index, scheduling::ProgramSchedule& program) {
            if (index == 0) {
                for (const auto& p : run.plan.programs) outlines.push_back(emit::outline_of(p));
                emit::begin_calendar(stream, out, outlines, calendar);
            }
            counts.sessions += program.sessions.size();
            emit::write_events(stream, out, program);
        });
        counts.events = emit::end_calendar(stream, out);
    });
    pipeline::FileRun whole = pipeline::resolve_text(Source{"plan.meso", text}, options);
    const scheduling::ScheduleResult schedule = scheduling::schedule(whole.compilation->module);
    const ZoneChoice zone{options.timezone, ZoneSource::option};
    counts.json = allocations_in([&] { emit::write_sessions_json(out, schedule, zone); });
    counts.csv = allocations_in([&] { emit::write_sessions_csv(out, schedule); });
    counts.text = allocations_in([&] { emit::write_sessions_text(out, schedule, zone); });
    return counts;
}

}  // namespace

namespace {

std::string strength(int weeks, const std::string& days, const std::string& sessions)
{
    return "athlete \"Alex\" {\n  max squat 180 kg\n  max bench-press 120 kg\n  max deadlift 200 kg\n}\n"
           "program \"Strength\" for \"Alex\" {\n  start 2027-03-15\n  " +
           std::to_string(weeks) + " weeks \"Strength\" {\n    days " + days + "\n    sessions " + sessions +
           "\n    squat 5x5 @ 75% rest 3 min\n    bench-press 3x8 @ 70% rest 2 min\n"
           "    deadlift 3x3 @ 80% rest 3 min\n  }\n}\n";
}

// A progression: every block week has its own loads, so its own content,
// and a deload in week 4.
std::string progression(const std::string& days, const std::string& sessions)
{
    return "athlete \"Alex\" {\n  max squat 180 kg\n  max bench-press 120 kg\n  max deadlift 220 kg\n}\n"
           "program \"Off-season\" for \"Alex\" {\n  start 2027-01-04\n"
           "  8 weeks \"Strength\" {\n    days " +
           days + "\n    sessions " + sessions +
           "\n"
           "    squat 4x5 @ 60% +2.5% per week rest 3 min\n    bench-press 3x8 @ 55%..70% rest 2 min\n"
           "    deadlift 4x3 @ 65% +2.5% per week\n    week 4 deload\n  }\n}\n";
}

// Blood-flow restriction with a cuff in % of the athlete's AOP, and the rules of std.bfr and std.kaatsu on it.
std::string bfr(int weeks, const std::string& days, const std::string& sessions)
{
    return "athlete \"Robin\" {\n  max leg-press 100 kg\n  max knee-extension 40 kg\n  round 1 kg\n"
           "  aop leg 190 mmHg width 11 cm\n}\n"
           "program \"Rehab\" for \"Robin\" {\n  start 2027-05-03\n  timezone Asia/Tokyo\n  " +
           std::to_string(weeks) + " weeks \"BFR rehab\" {\n    method kaatsu\n    days " + days + "\n    sessions " + sessions +
           "\n    occlusion continuous\n    cuff leg 80% AOP\n    cuff width 11 cm\n"
           "    leg-press 30% x 30,15,15,15 rest 30 s\n    knee-extension 20% x 30,15,15,15 rest 30 s\n"
           "    note \"Check the limb for numbness\"\n  }\n}\n";
}

// The first count of a process also fills its caches (a zone's rules, the
// rule sets' tables): it is made once before, and not compared.
void require_same_allocations(const std::string& few_text, const std::string& many_text)
{
    count(few_text);
    const Counts few = count(few_text);
    const Counts many = count(many_text);
    INFO("sessions: " << few.sessions << " and " << many.sessions);
    REQUIRE(many.sessions >= 5 * few.sessions);
    REQUIRE(many.events == many.sessions);
    REQUIRE(few.schedule > 0);  // the count sees the engine's allocations
    CHECK(many.schedule == few.schedule);
    CHECK(many.rules == few.rules);
    CHECK(many.calendar == few.calendar);
    CHECK(many.json == few.json);
    CHECK(many.csv == few.csv);
    CHECK(many.text == few.text);
}

}  // namespace

TEST_CASE("ten times the weeks of the same training cost no more allocations")
{
    // Both cross the one clock change of 2027-03-28 in Berlin: the clock
    // changes a calendar holds are allocated for, twice a year.
    require_same_allocations(strength(4, "mon wed fri", "07:00"), strength(28, "mon wed fri", "07:00"));
}

TEST_CASE("more sessions a week of a progression cost no more allocations")
{
    // Each week's content is made once, whether one session or twelve take it.
    require_same_allocations(progression("mon", "18:00"), progression("mon..sat", "07:00, 18:00"));
}

TEST_CASE("more weeks and sessions of a cuffed block cost no more allocations")
{
    // The same findings for both (six days a week is too often for a block
    // of more than 3 weeks, std.bfr), in a zone without clock changes.
    require_same_allocations(bfr(4, "mon..sat", "08:00, 16:00 for 30 min"), bfr(40, "mon..sat", "08:00, 16:00 for 30 min"));
}
