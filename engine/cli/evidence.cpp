// meso evidence FILE [--format text|json] [--top N] [--timezone ZONE] [--max-sessions N]
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/base/text.h"
#include "engine/cli/commands.h"
#include "engine/evidence/evidence.h"
#include "engine/pipeline/pipeline.h"
#include "engine/report/report.h"

namespace meso::cli {

namespace {

using evidence::BlockEvidence;
using evidence::Match;
using evidence::ProgramEvidence;
using evidence::Study;

const char* const bfr_block_words = "a block with method bfr or kaatsu, a cuff, or occlusion continuous or intermittent";

std::string or_not_read(const std::string& text) { return text.empty() ? "not read" : text; }

std::string citation(const Study& s)
{
    std::string out = s.authors + ". " + (s.title.empty() ? "" : s.title + ". ") + s.journal + ".";
    return out + (s.doi.empty() ? " DOI not read" : " doi:" + s.doi);
}

// "distance 1.92 of 7: weeks 0.29, sessions 0.29, exercises 1.33"
std::string distance_words(const Match& m)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.2f", m.distance);
    const std::string out = std::string("distance ") + buffer + " of 7";
    std::string terms;
    for (std::size_t i = 0; i < evidence::term_count; ++i) {
        if (m.terms[i] == 0) continue;
        std::snprintf(buffer, sizeof buffer, "%.2f", m.terms[i]);
        const auto term = static_cast<evidence::Term>(i);
        const bool words = term == evidence::Term::load && !m.study->load_words.empty();  // walking: no % of 1RM to compare
        terms += (terms.empty() ? ": " : ", ") + std::string(evidence::to_string(term)) + " " + buffer +
                 (m.missing[i] ? (words ? " (not in % of 1RM)" : " (not known)") : "");
    }
    return out + terms;
}

void print_match(std::ostream& out, const Match& m, bool first)
{
    const Study& s = *m.study;
    out << "  " << (first ? "closest: " : "next: ") << evidence::plain_summary(s) << "\n";
    out << "    population: " << s.population << "; " << s.design << "\n";
    out << "    exercises: " << evidence::exercise_names(s) << "; cuff " << or_not_read(s.cuff) << "\n";
    if (!s.details.empty()) out << "    also: " << s.details << "\n";
    if (!s.note.empty()) out << "    note: " << s.note << "\n";
    out << "    source: " << citation(s) << "\n";
    out << "    " << distance_words(m) << "\n";
}

void print_evidence_text(std::ostream& out, const std::vector<ProgramEvidence>& programs, const std::string& file)
{
    bool any = false;
    for (const auto& p : programs)
        for (const BlockEvidence& b : p.blocks) {
            if (any) out << "\n";
            any = true;
            out << p.name << (p.athlete.empty() ? "" : " for " + p.athlete) << " — block \"" << b.name << "\", " << format_date(b.start)
                << " to " << format_date(b.end) << "\n";
            out << "  this block: " << evidence::figures_summary(b.figures) << "\n";
            if (b.figures.sessions == 0) out << "  nothing to compare\n";
            for (std::size_t i = 0; i < b.matches.size(); ++i) print_match(out, b.matches[i], i == 0);
        }
    if (!any) out << file << ": no BFR block (" << bfr_block_words << "); nothing to compare\n";
}

nlohmann::json optional_number(const std::optional<double>& value) { return value ? nlohmann::json(*value) : nlohmann::json(nullptr); }
nlohmann::json optional_text(const std::string& text) { return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text); }

nlohmann::json study_json(const Match& m)
{
    const Study& s = *m.study;
    nlohmann::json exercises = nlohmann::json::array();
    for (const auto& spellings : s.exercises) exercises.push_back(spellings.front());
    nlohmann::json terms = nlohmann::json::object(), missing = nlohmann::json::array();
    for (std::size_t i = 0; i < evidence::term_count; ++i) {
        const char* name = evidence::to_string(static_cast<evidence::Term>(i));
        terms[name] = m.terms[i];
        if (m.missing[i]) missing.push_back(name);
    }
    return {{"id", s.id},
            {"summary", evidence::plain_summary(s)},
            {"distance", m.distance},
            {"terms", terms},
            {"missing", missing},
            {"short", s.short_name},
            {"authors", s.authors},
            {"year", s.year},
            {"title", optional_text(s.title)},
            {"journal", s.journal},
            {"doi", optional_text(s.doi)},
            {"design", s.design},
            {"population", optional_text(s.population)},
            {"n", s.n ? nlohmann::json(*s.n) : nlohmann::json(nullptr)},
            {"protocol",
             {{"load_percent", optional_number(s.load_percent)},
              {"load", optional_text(s.load_words)},
              {"sessions_per_day", optional_number(s.sessions_per_day)},
              {"days_per_week", optional_number(s.days_per_week)},
              {"duration", optional_text(s.duration)},
              {"days", s.duration_days ? nlohmann::json(*s.duration_days) : nlohmann::json(nullptr)},
              {"sessions", optional_number(s.sessions)},
              {"exercises", exercises},
              {"cuff", optional_text(s.cuff)}}},
            {"outcome", s.outcome},
            {"details", optional_text(s.details)},
            {"note", optional_text(s.note)},
            {"not_confirmed", evidence::not_confirmed(s)}};
}

nlohmann::json block_json(const BlockEvidence& b)
{
    const auto& f = b.figures;
    nlohmann::json studies = nlohmann::json::array();
    for (const auto& m : b.matches) studies.push_back(study_json(m));
    return {{"name", b.name},
            {"method", b.method},
            {"start", format_date(b.start)},
            {"end", format_date(b.end)},
            {"figures",
             {{"load_percent", f.load_percent ? nlohmann::json(round_percent(*f.load_percent)) : nlohmann::json(nullptr)},
              {"sessions_per_day", optional_number(f.sessions_per_day)},
              {"days_per_week", optional_number(f.days_per_week)},
              {"days", f.length_days},
              {"weeks", f.length_days / 7.0},
              {"sessions", f.sessions},
              {"exercises", f.exercises}}},
            {"studies", studies}};
}

void print_json(std::ostream& out, const std::vector<ProgramEvidence>& programs)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& p : programs) {
        nlohmann::json blocks = nlohmann::json::array();
        for (const auto& b : p.blocks) blocks.push_back(block_json(b));
        list.push_back({{"name", p.name}, {"athlete", optional_text(p.athlete)}, {"blocks", blocks}});
    }
    out << nlohmann::json{{"table", "stdlib/evidence/bfr.tsv"}, {"programs", list}}.dump(2) << "\n";
}

}  // namespace

int evidence(const std::string& file, const EvidenceOptions& evidence_options, const CommonOptions& options)
{
    if (auto problem = pipeline::timezone_option_error(options.pipeline)) {
        print_error(*problem);
        return 2;
    }
    const evidence::Table& table = evidence::bfr_table();
    if (!table.problems.empty()) {
        print_error(std::string("internal error: the evidence table evidence/bfr.tsv: ") + table.problems.front());
        return 2;
    }
    pipeline::FileRun run = pipeline::resolve_file(file, options.pipeline);
    if (run.unreadable) {
        print_error(run.diagnostics.front().message);
        return 2;
    }
    std::vector<ProgramEvidence> programs;
    pipeline::stream_programs(run, options.pipeline, pipeline::Stages::schedule, [&](std::size_t, scheduling::ProgramSchedule& program) {
        programs.push_back(evidence::evidence_for(program, table, evidence_options.top));
    });
    // Syntax, meaning and schedule errors leave no blocks to compare: they
    // are printed in full, and nothing goes to standard output.
    report::print_text(std::cerr, run.diagnostics, {use_colour(2), false});
    if (has_errors(run.diagnostics)) return 1;
    if (!run.zone_error.empty()) {
        print_error(run.zone_error);
        return 2;
    }
    if (options.format == "json") print_json(std::cout, programs);
    else print_evidence_text(std::cout, programs, file);
    return 0;
}

}  // namespace meso::cli
