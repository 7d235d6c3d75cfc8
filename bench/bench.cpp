// meso's benchmark: times each stage of the pipeline on one input file.
//
//   meso_bench FILE [--repeat N]
//
// Prints one line of key=value pairs: bytes, sessions, and per stage the
// best of N samples (of several runs for small inputs) in CPU seconds (parse, resolve, schedule, rules, ics), the
// bytes of the calendar, plus the peak resident memory of the process.
// Resolve includes its own parse and reading the file. The calendar is
// written into a stream that only counts its bytes, so that ics_s is the
// emitter's own time.
//
// It runs what meso compile runs: engine/pipeline's resolve_file, then its
// stream_programs, which plans the file, then schedules, checks and hands
// on each program and lets it go before the next; the pipeline's LapClock
// says when each stage's work ends, and each stage's share of that pass is
// summed over the programs (schedule includes planning and the clock
// changes, rules loading the rule sets and ordering the diagnostics).
// Timing each stage on the whole file's schedule at once measured a
// working set meso never has: a file of many programs outgrew the caches
// at 10x and looked worse than linear. bench/run.py runs it on generated
// inputs of several sizes and writes the Markdown table.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <streambuf>
#include <string>

#include "engine/emit/ical.h"
#include "engine/pipeline/pipeline.h"
#include "grammar/parse.h"

namespace {

// CPU seconds of this thread: what a stage costs on one core, whatever
// else the machine runs meanwhile (wall time on a shared machine is not).
double cpu_seconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// The best of `repeat` samples. A sample is one run, or for small inputs
// as many runs as fill 50 ms, divided by their number: every sample, of any
// input, lasts long enough for the clock and the caches to settle, and the
// same number of samples is taken at every size, so that the times of
// different sizes compare (a best of many is lower than a best of few).
double best_of(int repeat, const std::function<void()>& run)
{
    double best = 1e300;
    for (int i = 0; i < repeat; ++i) {
        const double start = cpu_seconds();
        int runs = 0;
        double took = 0;
        do {
            run();
            ++runs;
            took = cpu_seconds() - start;
        } while (took < 0.05 && runs < 10000);
        best = std::min(best, took / runs);
    }
    return best;
}

// A stream buffer that keeps nothing: it counts what is written to it.
class CountingBuffer : public std::streambuf {
public:
    std::size_t bytes() const { return bytes_ + static_cast<std::size_t>(pptr() - pbase()); }

protected:
    int_type overflow(int_type ch) override
    {
        bytes_ += static_cast<std::size_t>(pptr() - pbase());
        setp(buffer_, buffer_ + sizeof buffer_);
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }

private:
    std::size_t bytes_ = 0;
    char buffer_[1 << 16];
};

long peak_rss_kb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
    return 0;
}

struct StageTimes {
    double schedule = 0, clock_changes = 0, rules = 0, ics = 0;
};

// What one pass counts besides its times.
struct PassCounts {
    std::size_t sessions = 0, contents = 0, ics_bytes = 0;
};

// One pass of meso compile after resolving, on `run` as resolve_file left
// it (its diagnostics are put back after each pass), each stage's time
// added to `t`.
PassCounts compile_pass(meso::pipeline::FileRun& run, const std::vector<meso::Diagnostic>& resolved, const meso::pipeline::Options& options,
                        const meso::emit::CalendarOptions& calendar, StageTimes& t)
{
    PassCounts counts;
    run.diagnostics = resolved;
    double at = cpu_seconds();
    auto lap = [&](double& stage) {
        const double now = cpu_seconds();
        stage += now - at;
        at = now;
    };
    CountingBuffer counter;
    std::ostream out(&counter);
    meso::emit::CalendarStream stream;
    auto take = [&](std::size_t index, meso::scheduling::ProgramSchedule& program) {
        if (index == 0) {  // the plan is complete: the head can be written, as meso compile does
            std::vector<meso::emit::ProgramOutline> outlines;
            for (const auto& p : run.plan.programs) outlines.push_back(meso::emit::outline_of(p));
            meso::emit::begin_calendar(stream, out, outlines, calendar);
        }
        counts.sessions += program.sessions.size();
        counts.contents += program.contents.size();
        meso::emit::write_events(stream, out, program);
    };
    meso::pipeline::stream_programs(run, options, meso::pipeline::Stages::rules, take, [&](meso::pipeline::Lap done) {
        switch (done) {
        case meso::pipeline::Lap::schedule: lap(t.schedule); break;
        case meso::pipeline::Lap::clock_changes: lap(t.clock_changes); break;
        case meso::pipeline::Lap::rules: lap(t.rules); break;
        case meso::pipeline::Lap::take: lap(t.ics); break;
        }
    });
    meso::emit::end_calendar(stream, out);
    out.flush();
    counts.ics_bytes = counter.bytes();
    lap(t.ics);
    return counts;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::cerr << "usage: meso_bench FILE [--repeat N]\n";
        return 2;
    }
    const std::string path = argv[1];
    int repeat = 3;
    for (int i = 2; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--repeat") repeat = std::atoi(argv[i + 1]);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const meso::Source source{path, text.str()};

    meso::pipeline::Options options;
    options.max_sessions = 100'000'000;
    const double parse = best_of(repeat, [&] { auto r = meso::parse(source, meso::ParseLimits{}); });
    meso::pipeline::FileRun run;
    const double resolve = best_of(repeat, [&] { run = meso::pipeline::resolve_file(path, options); });
    if (run.unreadable || meso::has_errors(run.diagnostics) || !run.zone_error.empty()) {
        std::cerr << "meso_bench: the input has errors\n";
        return 1;
    }
    const std::vector<meso::Diagnostic> resolved = run.diagnostics;
    meso::emit::CalendarOptions calendar;
    calendar.default_timezone = run.default_zone.name;  // as meso compile does
    calendar.stamp = std::chrono::sys_seconds{std::chrono::seconds{1798761600}};
    PassCounts counts;
    // As best_of: a sample is one pass, or as many as fill 50 ms; the best
    // of `repeat` samples, stage by stage.
    StageTimes best{1e300, 1e300, 1e300, 1e300};
    for (int i = 0; i < repeat; ++i) {
        StageTimes sum;
        int runs = 0;
        const double start = cpu_seconds();
        do {
            counts = compile_pass(run, resolved, options, calendar, sum);
            ++runs;
        } while (cpu_seconds() - start < 0.05 && runs < 10000);
        best.schedule = std::min(best.schedule, sum.schedule / runs);
        best.clock_changes = std::min(best.clock_changes, sum.clock_changes / runs);
        best.rules = std::min(best.rules, sum.rules / runs);
        best.ics = std::min(best.ics, sum.ics / runs);
    }
    if (meso::has_errors(run.diagnostics)) {
        std::cerr << "meso_bench: the input has errors\n";
        return 1;
    }
    std::printf(
        "bytes=%zu sessions=%zu contents=%zu parse_s=%.6f resolve_s=%.6f schedule_s=%.6f clock_changes_s=%.6f rules_s=%.6f ics_s=%.6f ics_bytes=%zu "
        "peak_rss_kb=%ld\n",
        source.text.size(), counts.sessions, counts.contents, parse, resolve, best.schedule, best.clock_changes, best.rules, best.ics,
        counts.ics_bytes, peak_rss_kb());
    return 0;
}
