#include <cctype>
#include <map>

#include <nlohmann/json.hpp>

#include "engine/report/report.h"

namespace meso::report {

namespace {

const char* sarif_level(Severity s)
{
    switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info:
    case Severity::note: return "note";
    }
    return "none";
}

// A relative URI reference for a path: unreserved characters and '/' as
// they are, everything else percent-encoded (RFC 3986).
std::string uri_of(std::string_view path)
{
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') out += static_cast<char>(c);
        else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

nlohmann::json location_of(const Span& span)
{
    nlohmann::json physical;
    physical["artifactLocation"]["uri"] = span.source ? uri_of(span.path()) : "meso";
    if (span.valid()) {
        nlohmann::json region;
        region["startLine"] = span.line;
        region["startColumn"] = span.column;
        std::uint32_t end_line = span.line;
        std::uint32_t end_column = span.column;
        for (char c : span.text()) {
            if (c == '\n') ++end_line, end_column = 1;
            else ++end_column;
        }
        region["endLine"] = end_line;
        region["endColumn"] = std::max(end_column, span.column + 1);
        physical["region"] = region;
    }
    nlohmann::json location;
    location["physicalLocation"] = physical;
    return location;
}

}  // namespace

std::string to_sarif(const std::vector<Diagnostic>& diagnostics, const std::vector<RuleDescription>& rules)
{
    nlohmann::json driver;
    driver["name"] = "meso";
    driver["version"] = MESO_VERSION;
    auto rule_array = nlohmann::json::array();
    std::map<std::string, std::size_t> index;
    for (const auto& r : rules) {
        if (index.count(r.id)) continue;
        index[r.id] = rule_array.size();
        nlohmann::json rule;
        rule["id"] = r.id;
        rule["shortDescription"]["text"] = r.message;
        rule["fullDescription"]["text"] = r.full.empty() ? r.message : r.full;
        rule["help"]["text"] = r.help.empty() ? r.message : r.help;
        rule["defaultConfiguration"]["level"] = sarif_level(r.severity);
        rule["properties"]["severity"] = to_string(r.severity);
        rule["properties"]["sources"] = r.sources;
        rule_array.push_back(rule);
    }
    driver["rules"] = rule_array;

    auto results = nlohmann::json::array();
    for (const auto& d : diagnostics) {
        nlohmann::json result;
        if (d.rule) {
            result["ruleId"] = *d.rule;
            if (auto it = index.find(*d.rule); it != index.end()) result["ruleIndex"] = it->second;
        }
        result["level"] = sarif_level(d.severity);
        result["message"]["text"] = printed_message(d);
        if (!d.athletes.empty()) result["properties"]["athletes"] = d.athletes;  // a finding of a program written for a group
        if (!d.cycles.empty()) result["properties"]["cycles"] = d.cycles;        // a finding on a block inside a repeat
        result["locations"] = nlohmann::json::array({location_of(d.span)});
        if (!d.notes.empty()) {
            auto related = nlohmann::json::array();
            int id = 0;
            for (const auto& n : d.notes) {
                auto location = location_of(n.span);
                location["id"] = id++;
                location["message"]["text"] = n.message;
                related.push_back(location);
            }
            result["relatedLocations"] = related;
        }
        if (d.suppressed_by) {
            nlohmann::json suppression;
            suppression["kind"] = "inSource";
            suppression["status"] = "accepted";
            suppression["justification"] = *d.suppressed_by;
            result["suppressions"] = nlohmann::json::array({suppression});
        }
        results.push_back(result);
    }

    nlohmann::json run;
    run["tool"]["driver"] = driver;
    run["results"] = results;
    nlohmann::json log;
    log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    log["version"] = "2.1.0";
    log["runs"] = nlohmann::json::array({run});
    return log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace meso::report
