// Fuzz target: the writers, on schedules built from the input's bytes (as
// tests/emit/builder.h builds them by hand): programs in zones with and
// without daylight saving (Dublin's negative one, Lord Howe's half hour,
// Casablanca's, floating), names and notes of quotes, commas, semicolons,
// backslashes and wide characters, sessions near midnight and across clock
// changes, loads in kg and lb. What must hold: the calendar passes the byte
// lint (tests/emit/lint.h), libical parses it without an X-LIC-ERROR, and it
// has one VEVENT per session; schedule --format json and csv parse back with
// every program, session and name (invariants.h).
#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include <libical/ical.h>

#include "engine/emit/ical.h"
#include "tests/emit/builder.h"
#include "tests/fuzz/invariants.h"

namespace {

using namespace meso::test;

// The input read as a stream of choices; past its end every choice is 0.
class Choices {
public:
    explicit Choices(std::string_view bytes) : bytes_(bytes) {}

    unsigned byte() { return at_ < bytes_.size() ? static_cast<unsigned char>(bytes_[at_++]) : 0u; }
    int in(int low, int high) { return low + static_cast<int>((byte() << 8 | byte()) % static_cast<unsigned>(high - low + 1)); }
    bool chance() { return byte() & 1u; }

    std::string text(int most)
    {
        static const char* const pieces[] = {"a",    "Z", "0", " ", ",", ";", "\\", "\"", "'", "é",   "ß", "💪",
                                             "加圧", "—", ":", "%", "&", "<", ">",  "#",  "Ō", "\\n", "x", "Zoë"};
        std::string out;
        const int length = in(0, most);
        for (int i = 0; i < length; ++i) out += pieces[byte() % (sizeof pieces / sizeof *pieces)];
        return out;
    }

    template <class T, std::size_t N> const T& pick(const T (&options)[N]) { return options[byte() % N]; }

private:
    std::string_view bytes_;
    std::size_t at_ = 0;
};

meso::scheduling::SessionContent content_from(Choices& c)
{
    meso::scheduling::SessionContent content;
    const int exercises = c.in(0, 4);
    for (int e = 0; e < exercises; ++e) {
        std::vector<meso::scheduling::SetPlan> sets;
        const int count = c.in(1, 6);
        for (int s = 0; s < count; ++s) {
            std::optional<double> percent, mass, rpe;
            if (c.chance()) percent = c.in(1, 1000) / 10.0;
            if (c.chance()) mass = c.in(0, 4000) / 4.0;
            if (c.chance()) rpe = c.in(10, 20) / 2.0;
            sets.push_back(set(c.in(0, 50), percent, mass, rpe));
            sets.back().amrap = c.chance() && c.chance();
        }
        std::optional<double> rest;
        if (c.chance()) rest = c.in(0, 600);
        content.exercises.push_back(exercise(c.chance() ? "squat" : c.text(12), std::move(sets), rest));
    }
    const int notes = c.in(0, 2);
    for (int n = 0; n < notes; ++n) content.notes.push_back(c.text(120));
    static const meso::ir::Occlusion occlusions[] = {meso::ir::Occlusion::unspecified, meso::ir::Occlusion::continuous,
                                                     meso::ir::Occlusion::intermittent};
    content.occlusion = c.pick(occlusions);
    if (c.chance()) content.cuff_pressure = meso::ir::Pressure{static_cast<double>(c.in(20, 300)), false};
    content.deload = c.chance() && c.chance();
    return content;
}

BlockSpec block_from(Choices& c)
{
    BlockSpec spec;
    spec.name = c.text(16);
    static const char* const methods[] = {"", "kaatsu", "bfr", "strength", "hypertrophy"};
    spec.method = c.pick(methods);
    // Up to 16 days: a writer does the same for the 20th session as for the
    // 5th, and each session costs every writer and every check about 150 us
    // under ASan. Blocks of up to 40 days made 45 sessions an input on
    // average and a third as many inputs a second (docs/reliability.md).
    spec.length_days = c.in(1, 16);
    spec.training_days = std::bitset<7>(c.byte() & 0x7fu);
    spec.times.clear();
    const int times = c.in(1, 3);
    for (int t = 0; t < times; ++t) spec.times.push_back(std::chrono::minutes{c.in(0, 24 * 60 - 1)});
    std::sort(spec.times.begin(), spec.times.end());
    spec.times.erase(std::unique(spec.times.begin(), spec.times.end()), spec.times.end());
    spec.length = std::chrono::minutes{c.in(1, 240)};
    spec.content = content_from(c);
    return spec;
}

int lic_errors(icalcomponent* component)
{
    int errors = icalcomponent_count_properties(component, ICAL_XLICERROR_PROPERTY);
    for (icalcomponent* inner = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); inner;
         inner = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT))
        errors += lic_errors(inner);
    return errors;
}

void check_with_libical(const std::string& calendar, std::string_view input)
{
    icalcomponent* parsed = icalparser_parse_string(calendar.c_str());
    if (!parsed) meso::fuzz::violated("libical cannot parse the calendar", input);
    const int errors = lic_errors(parsed);
    icalcomponent_free(parsed);
    if (errors > 0) meso::fuzz::violated("libical finds " + std::to_string(errors) + " X-LIC-ERROR in the calendar", input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    Choices c(input);
    static const char* const zones[] = {"",
                                        "UTC",
                                        "floating",
                                        "Europe/Berlin",
                                        "Europe/Dublin",
                                        "America/New_York",
                                        "Africa/Casablanca",
                                        "Australia/Lord_Howe",
                                        "Asia/Kathmandu",
                                        "America/St_Johns"};
    Fixture fixture;
    const int programs = c.in(1, 3);
    for (int p = 0; p < programs; ++p) {
        auto& program = fixture.program(c.text(20), c.pick(zones));
        if (c.chance()) program.coach = meso::ir::Coach{c.text(20), c.chance() ? "coach@example.org" : "", {}};
        std::vector<BlockSpec> blocks;
        const int count = c.in(1, 4);
        for (int b = 0; b < count; ++b) blocks.push_back(block_from(c));
        auto& schedule = fixture.schedule(
            program, c.text(20), day(c.in(2000, 2060), static_cast<unsigned>(c.in(1, 12)), static_cast<unsigned>(c.in(1, 28))), blocks);
        schedule.unit = c.chance() ? meso::ir::MassUnit::kg : meso::ir::MassUnit::lb;
    }
    meso::scheduling::ScheduleResult result;
    result.programs = fixture.schedules;
    meso::fuzz::check_schedule(result, input, 1'000'000);
    meso::fuzz::check_emitters(result, input);
    meso::fuzz::check_calendar(result, input);

    meso::emit::CalendarOptions options;
    options.stamp = std::chrono::sys_seconds{std::chrono::seconds{1798761600}};
    std::ostringstream out;
    const auto written = meso::emit::write_calendar(out, result.programs, options);
    if (!meso::has_errors(written.diagnostics)) check_with_libical(out.str(), input);
    return 0;
}
