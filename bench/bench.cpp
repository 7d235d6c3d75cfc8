// meso's benchmark: times each stage of the pipeline on one input file.
//
//   meso_bench FILE [--repeat N] [--once]
//
// Prints one line of key=value pairs: bytes, sessions, and per stage the
// best of N samples (of several runs for small inputs) in CPU seconds (parse, resolve, schedule, rules, ics), the
// bytes of the calendar, plus the peak resident memory of the process.
// --once runs each stage exactly once, untimed, for callgrind: bench/run.py
// counts each stage's instructions by the functions it runs in (the bench_*
// functions below, and the pipeline's check_clock_changes and rules
// functions: bench/instructions.py).
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
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

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

// Fills the caches with other bytes, so that the run after it starts as
// `meso compile` does, with none of its data cached: run after run on a
// small input otherwise finds its whole working set still in the caches
// from the run before, which no single run of a large input does, and the
// small input looked faster per session than it is (big-1 -> big-10: 10x
// the instructions, 15x the time). 64 MB: twice the last-level cache of
// the machine of docs/performance.md.
void evict_caches()
{
    static std::vector<char> other(std::size_t{64} << 20);
    static char round = 0;
    std::memset(other.data(), ++round, other.size());
    volatile char sink = other[other.size() / 2];
    (void)sink;
}

// Runs a sample holds at most: each run follows an eviction of the caches
// (a few milliseconds, untimed).
constexpr int max_runs = 20;

// The best of `repeat` samples. A sample is one run, or for small inputs
// as many runs as fill 50 ms (at most max_runs), divided by their number,
// each run timed alone after the caches are evicted: the same number of
// samples is taken at every size, so that the times of different sizes
// compare (a best of many is lower than a best of few).
// One run before the samples is not timed: a small input's sample is many
// runs, whose later ones reuse the memory the first took from the system,
// and a large input's one run would otherwise pay for all of it. What a
// run returns is freed after its clock stops: freeing the previous run's
// syntax tree or IR is no part of the next run's work.
template <typename Run> double best_of(int repeat, const Run& run)
{
    run();  // untimed
    double best = 1e300;
    for (int i = 0; i < repeat; ++i) {
        int runs = 0;
        double took = 0;
        do {
            evict_caches();
            const double start = cpu_seconds();
            const auto result = run();
            took += cpu_seconds() - start;
            ++runs;
        } while (took < 0.05 && runs < max_runs);
        best = std::min(best, took / runs);
    }
    return best;
}

// The stages as functions of their own, for callgrind's counts (--once):
// their inclusive instructions are a stage's (bench/instructions.py).
[[gnu::noinline]] meso::ParseResult bench_parse(const meso::Source& source) { return meso::parse(source, meso::ParseLimits{}); }

[[gnu::noinline]] meso::pipeline::FileRun bench_resolve(const std::string& path, const meso::pipeline::Options& options)
{
    return meso::pipeline::resolve_file(path, options);
}

// The calendar's head, once the plan is complete, as meso compile writes it.
[[gnu::noinline]] void bench_begin_calendar(meso::emit::CalendarStream& stream, std::ostream& out,
                                            const meso::scheduling::SchedulePlan& plan, const meso::emit::CalendarOptions& calendar)
{
    std::vector<meso::emit::ProgramOutline> outlines;
    for (const auto& p : plan.programs) outlines.push_back(meso::emit::outline_of(p));
    meso::emit::begin_calendar(stream, out, outlines, calendar);
}

[[gnu::noinline]] void bench_write_events(meso::emit::CalendarStream& stream, std::ostream& out,
                                          const meso::scheduling::ProgramSchedule& program)
{
    meso::emit::write_events(stream, out, program);
}

[[gnu::noinline]] void bench_end_calendar(meso::emit::CalendarStream& stream, std::ostream& out)
{
    meso::emit::end_calendar(stream, out);
    out.flush();
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
// it (its diagnostics are put back and the previous pass's plan freed
// before the clock starts), each stage's time added to `t`.
[[gnu::noinline]] PassCounts bench_compile_pass(meso::pipeline::FileRun& run, const std::vector<meso::Diagnostic>& resolved,
                                                const meso::pipeline::Options& options, const meso::emit::CalendarOptions& calendar,
                                                StageTimes& t)
{
    PassCounts counts;
    run.diagnostics = resolved;
    if (!run.planned) run.plan = {};  // else the plan was made as the programs were resolved, as meso compile makes it
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
        if (index == 0) bench_begin_calendar(stream, out, run.plan, calendar);  // the plan is complete, as meso compile does
        counts.sessions += program.sessions.size();
        counts.contents += program.contents.size();
        bench_write_events(stream, out, program);
    };
    meso::pipeline::stream_programs(run, options, meso::pipeline::Stages::rules, take, [&](meso::pipeline::Lap done) {
        switch (done) {
        case meso::pipeline::Lap::schedule: lap(t.schedule); break;
        case meso::pipeline::Lap::clock_changes: lap(t.clock_changes); break;
        case meso::pipeline::Lap::rules: lap(t.rules); break;
        case meso::pipeline::Lap::take: lap(t.ics); break;
        }
    });
    bench_end_calendar(stream, out);
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
    bool once = false;
    for (int i = 2; i < argc; ++i) {
        if (std::string(argv[i]) == "--repeat" && i + 1 < argc) repeat = std::atoi(argv[i + 1]);
        if (std::string(argv[i]) == "--once") once = true;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const meso::Source source{path, text.str()};

    meso::pipeline::Options options;
    options.max_sessions = 100'000'000;
    options.keep_whole_ir = false;        // as meso compile resolves
    options.schedule_again_after = true;  // each pass resolves the blocks again: the statements stay
    double parse = 0, resolve = 0;
    if (once) bench_parse(source);
    else parse = best_of(repeat, [&] { return bench_parse(source); });
    if (!once) resolve = best_of(repeat, [&] { return bench_resolve(path, options); });
    meso::pipeline::FileRun run = bench_resolve(path, options);
    if (run.unreadable || meso::has_errors(run.diagnostics) || !run.zone_error.empty()) {
        std::cerr << "meso_bench: the input has errors\n";
        return 1;
    }
    const std::vector<meso::Diagnostic> resolved = run.diagnostics;
    meso::emit::CalendarOptions calendar;
    calendar.default_timezone = run.default_zone.name;  // as meso compile does
    calendar.stamp = std::chrono::sys_seconds{std::chrono::seconds{1798761600}};
    PassCounts counts;
    // As best_of: one pass untimed, then a sample is one pass, or as many
    // as fill 50 ms (at most max_runs, each after the caches are evicted);
    // the best of `repeat` samples, stage by stage.
    StageTimes best{1e300, 1e300, 1e300, 1e300};
    if (!once) {  // untimed, as best_of's first run
        StageTimes ignored;
        bench_compile_pass(run, resolved, options, calendar, ignored);
    }
    for (int i = 0; i < (once ? 1 : repeat); ++i) {
        StageTimes sum;
        int runs = 0;
        do {
            if (!once) evict_caches();
            counts = bench_compile_pass(run, resolved, options, calendar, sum);
            ++runs;
        } while (!once && sum.schedule + sum.clock_changes + sum.rules + sum.ics < 0.05 && runs < max_runs);
        best.schedule = std::min(best.schedule, sum.schedule / runs);
        best.clock_changes = std::min(best.clock_changes, sum.clock_changes / runs);
        best.rules = std::min(best.rules, sum.rules / runs);
        best.ics = std::min(best.ics, sum.ics / runs);
    }
    if (meso::has_errors(run.diagnostics)) {
        std::cerr << "meso_bench: the input has errors\n";
        return 1;
    }
    if (counts.sessions == 0) {  // a pass that scheduled nothing would measure nothing, and say it fast
        std::cerr << "meso_bench: the input expanded to no session\n";
        return 1;
    }
    std::printf(
        "bytes=%zu sessions=%zu contents=%zu parse_s=%.6f resolve_s=%.6f schedule_s=%.6f clock_changes_s=%.6f rules_s=%.6f ics_s=%.6f ics_bytes=%zu "
        "peak_rss_kb=%ld\n",
        source.text.size(), counts.sessions, counts.contents, parse, resolve, best.schedule, best.clock_changes, best.rules, best.ics,
        counts.ics_bytes, peak_rss_kb());
    return 0;
}
