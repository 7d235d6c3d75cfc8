// The fuzz target: the whole pipeline on arbitrary bytes, and the
// invariants that must hold whatever the bytes are.
//
// Stages: parse, resolve (default rule sets, no MESO_PATH), schedule
// (--max-sessions 4000), rules, the reports (text, JSON), the emitters
// (schedule text, JSON, CSV; iCalendar), and `meso fmt`.
//
// Built two ways (see tests/fuzz/CMakeLists.txt):
// - with clang and -fsanitize=fuzzer,address,undefined (cmake -DMESO_FUZZ=ON),
//   driven by libFuzzer: `make fuzz FUZZ_SECONDS=600`;
// - with the normal compiler and replay_main.cpp, which feeds it every file of
//   the seed corpus and of tests/fuzz/regressions/: part of `make test`.
//
// The invariants are tests/fuzz/invariants.h's; the per-stage targets
// (fuzz_parse, fuzz_format, fuzz_rules, fuzz_emit) reach far more inputs a
// second. An exception escaping a stage is a violation too: it reaches
// std::terminate.
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/resolve/resolve.h"
#include "engine/rules/rules.h"
#include "engine/schedule/schedule.h"
#include "tests/fuzz/invariants.h"

namespace {

// Small enough that one input is expanded in well under a millisecond per
// session, large enough for every example to be scheduled in full.
constexpr long long fuzz_max_sessions = 4000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    // The file lives in a directory that does not exist, so `use "x.meso"`
    // finds nothing; MESO_PATH is never consulted (meso_path stays empty).
    meso::resolving::ResolveOptions options;
    options.default_rules = true;
    auto compilation = meso::resolving::resolve_source(meso::Source{"/nonexistent/meso-fuzz/input.meso", std::string(input)}, options);
    if (!compilation) meso::fuzz::violated("resolve returned nothing", input);
    std::vector<meso::Diagnostic> diagnostics = compilation->diagnostics;
    meso::fuzz::check_spans(diagnostics, input);

    if (!meso::has_errors(diagnostics)) {
        const auto scheduled = meso::scheduling::schedule(compilation->module, {fuzz_max_sessions});
        meso::fuzz::check_spans(scheduled.diagnostics, input);
        diagnostics.insert(diagnostics.end(), scheduled.diagnostics.begin(), scheduled.diagnostics.end());
        if (!meso::has_errors(scheduled.diagnostics)) {
            meso::fuzz::check_schedule(scheduled, input, fuzz_max_sessions);
            const auto findings = meso::rules::check_rules(compilation->module, scheduled);
            meso::fuzz::check_spans(findings, input);
            meso::fuzz::check_contraindications(compilation->module, scheduled, findings, input);
            diagnostics.insert(diagnostics.end(), findings.begin(), findings.end());
            meso::fuzz::check_emitters(scheduled, input);
            meso::fuzz::check_calendar(scheduled, input);
        }
    }
    meso::fuzz::check_reports(diagnostics, input);
    meso::fuzz::check_format(input);
    return 0;
}
