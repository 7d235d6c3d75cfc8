#include <unistd.h>

#include <cstdlib>
#include <deque>
#include <iostream>

#include "engine/cli/commands.h"
#include "engine/cli/io.h"
#include "engine/report/report.h"
#include "grammar/parse.h"

namespace meso::cli {

bool use_colour(int fd)
{
    const char* no_colour = std::getenv("NO_COLOR");
    return isatty(fd) && (no_colour == nullptr || *no_colour == '\0');
}

int not_built_yet(const std::string& command)
{
    std::cerr << "meso " << command << ": not built yet\n";
    return 2;
}

int check(const std::vector<std::string>& files, const CommonOptions& options)
{
    if (options.format == "sarif") return not_built_yet("check --format sarif");
    const ParseLimits limits;
    std::deque<Source> sources;  // stable addresses: spans point into them
    std::vector<Diagnostic> diagnostics;
    bool unreadable = false;
    for (const auto& path : files) {
        auto read = read_source(path, limits.max_bytes);
        if (!read.source) {
            std::cerr << "meso: " << read.error << "\n";
            unreadable = true;
            continue;
        }
        sources.push_back(std::move(*read.source));
        auto result = parse(sources.back(), limits);
        diagnostics.insert(diagnostics.end(), result.diagnostics.begin(), result.diagnostics.end());
    }
    if (options.format == "json") std::cout << to_json(diagnostics, options.show_suppressed);
    else print_text(std::cerr, diagnostics, {use_colour(2), options.show_suppressed});
    if (unreadable) return 2;
    bool failing = false;
    for (const auto& d : diagnostics) {
        if (d.suppressed_by) continue;
        if (d.severity == Severity::error || (options.strict && d.severity == Severity::warning)) failing = true;
    }
    return failing ? 1 : 0;
}

}  // namespace meso::cli
