#include <string>

#include "engine/report/report.h"

namespace meso::report {

namespace {

// "1 error", "2 warnings", "3 infos" (as the log of -v counts them).
std::string count_of(long long n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

}  // namespace

std::string findings_summary(const std::vector<Diagnostic>& diagnostics, std::size_t files)
{
    long long errors = 0, warnings = 0, infos = 0, notes = 0, suppressed = 0;
    for (const auto& d : diagnostics) {
        if (d.suppressed_by) {
            ++suppressed;
            continue;
        }
        switch (d.severity) {
        case Severity::error: ++errors; break;
        case Severity::warning: ++warnings; break;
        case Severity::info: ++infos; break;
        case Severity::note: ++notes; break;
        }
    }
    std::string counts;
    const auto add = [&](long long n, const char* one, const char* many) {
        if (n > 0) counts += (counts.empty() ? "" : ", ") + count_of(n, one, many);
    };
    add(errors, "error", "errors");
    add(warnings, "warning", "warnings");
    add(infos, "info", "infos");
    add(notes, "note", "notes");
    std::string line = (counts.empty() ? "no findings" : counts) + " in " + count_of(static_cast<long long>(files), "file", "files");
    if (suppressed > 0) line += " (" + std::to_string(suppressed) + " suppressed by allow)";
    return line;
}

}  // namespace meso::report
