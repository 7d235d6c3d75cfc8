// meso's benchmark: times each stage of the pipeline on one input file.
//
//   meso_bench FILE [--repeat N]
//
// Prints one line of key=value pairs: bytes, sessions, and per stage the
// best of N runs in seconds (parse, resolve, schedule, rules, ics), plus
// the peak resident memory of the process. bench/run.py runs it on
// generated inputs of several sizes and writes the Markdown table.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>

#include "engine/resolve/resolve.h"
#include "engine/rules/rules.h"
#include "engine/schedule/schedule.h"
#include "grammar/parse.h"

namespace {

double best_of(int repeat, const std::function<void()>& run)
{
    double best = 1e300;
    for (int i = 0; i < repeat; ++i) {
        const auto start = std::chrono::steady_clock::now();
        run();
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        best = std::min(best, took.count());
    }
    return best;
}

long peak_rss_kb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
    return 0;
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

    meso::ResolveOptions options;
    options.limits.max_bytes = 256u << 20;
    const double parse = best_of(repeat, [&] { auto r = meso::parse(source, options.limits); });
    std::unique_ptr<meso::Compilation> compilation;
    const double resolve = best_of(repeat, [&] { compilation = meso::resolve_source(source, options); });
    if (meso::has_errors(compilation->diagnostics)) {
        std::cerr << "meso_bench: the input has errors\n";
        return 1;
    }
    meso::ScheduleResult schedule;
    const double scheduling = best_of(repeat, [&] { schedule = meso::schedule(compilation->module, {100'000'000}); });
    std::size_t sessions = 0;
    for (const auto& p : schedule.programs) sessions += p.sessions.size();
    const double rules = best_of(repeat, [&] { auto f = meso::check_rules(compilation->module, schedule); });
    std::printf("bytes=%zu sessions=%zu parse_s=%.6f resolve_s=%.6f schedule_s=%.6f rules_s=%.6f peak_rss_kb=%ld\n",
                source.text.size(), sessions, parse, resolve, scheduling, rules, peak_rss_kb());
    return 0;
}
