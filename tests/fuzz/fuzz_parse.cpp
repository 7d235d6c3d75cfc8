// Fuzz target: the parser alone. Bytes become a syntax tree or located
// errors: every error points at a line and column inside the input, and
// parsing the same bytes again says exactly the same (no state kept between
// parses): the same diagnostics and, without errors, the same tree.
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/format/format.h"
#include "grammar/parse.h"
#include "tests/fuzz/invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const meso::Source source{"input.meso", std::string(input)};
    const meso::ParseLimits limits;
    const auto parsed = meso::parse(source, limits);
    meso::fuzz::check_spans(parsed.diagnostics, input);
    for (const auto& d : parsed.diagnostics)
        if (d.severity == meso::Severity::error && !d.span.valid())
            meso::fuzz::violated("a parse error without a place: " + d.message, input);

    const auto again = meso::parse(source, limits);
    if (again.diagnostics.size() != parsed.diagnostics.size()) meso::fuzz::violated("parsing twice gives different diagnostics", input);
    for (std::size_t i = 0; i < parsed.diagnostics.size(); ++i) {
        const auto &a = parsed.diagnostics[i], &b = again.diagnostics[i];
        if (a.message != b.message || a.span.begin != b.span.begin || a.span.end != b.span.end || a.severity != b.severity)
            meso::fuzz::violated("parsing twice gives different diagnostics: '" + a.message + "' then '" + b.message + "'", input);
    }
    if (!meso::has_errors(parsed.diagnostics) && meso::format::dump(parsed.file) != meso::format::dump(again.file))
        meso::fuzz::violated("parsing twice gives different trees", input);
    return 0;
}
