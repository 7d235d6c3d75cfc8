#include "engine/cli/pipeline.h"

#include <algorithm>
#include <cstdlib>

#include "engine/rules/rules.h"

namespace meso::cli {

ResolveOptions resolve_options(const CommonOptions& options)
{
    ResolveOptions r;
    r.default_rules = !options.no_default_rules;
    r.rule_files = options.rule_files;
    if (const char* path = std::getenv("MESO_PATH")) r.meso_path = path;
    return r;
}

Pipeline run_pipeline(const std::string& path, const CommonOptions& options, Stages last)
{
    Pipeline p;
    const auto resolve = resolve_options(options);
    auto read = read_source(path, resolve.limits.max_bytes);
    if (!read.source) {
        p.unreadable = true;
        p.diagnostics.push_back({Severity::error, Span{}, read.error, {}, {}, {}});
        return p;
    }
    p.compilation = resolve_source(std::move(*read.source), resolve);
    p.diagnostics = p.compilation->diagnostics;
    if (last == Stages::resolve || has_errors(p.diagnostics)) return p;
    p.schedule = meso::schedule(p.compilation->module, {options.max_sessions});
    p.diagnostics.insert(p.diagnostics.end(), p.schedule.diagnostics.begin(), p.schedule.diagnostics.end());
    if (last == Stages::schedule || has_errors(p.diagnostics)) return p;
    auto findings = check_rules(p.compilation->module, p.schedule);
    p.diagnostics.insert(p.diagnostics.end(), findings.begin(), findings.end());
    // In order of file (the main file first, as loaded) and position.
    std::vector<const Source*> order;
    for (const auto& s : p.compilation->sources) order.push_back(&s);
    std::stable_sort(p.diagnostics.begin(), p.diagnostics.end(), [&](const Diagnostic& a, const Diagnostic& b) {
        auto rank = [&](const Diagnostic& d) {
            auto it = std::find(order.begin(), order.end(), d.span.source);
            return std::make_pair(static_cast<std::size_t>(it - order.begin()), d.span.begin);
        };
        return rank(a) < rank(b);
    });
    return p;
}

}  // namespace meso::cli
