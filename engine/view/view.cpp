// The page of view.h: its head and style, and per program the timeline,
// the findings and the evidence (the chart is chart.cpp's, the calendar
// calendar.cpp's).
#include "engine/view/view.h"

#include <algorithm>
#include <string>

#include "engine/base/text.h"
#include "engine/view/html.h"

namespace meso::view {

namespace {

// The style: system fonts, colours of at least 4.5:1 on white, and a print
// layout (no navigation, a month to a page where it fits, black on white).
const char* const style = R"(
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 1100px; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; } h2 { font-size: 1.35rem; border-bottom: 2px solid #1a1a1a; padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { font-size: 1.1rem; margin-top: 1.8rem; } .meta { color: #4a4a4a; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1rem; } a { color: #0b57a4; }
.timeline { display: flex; list-style: none; padding: 0; margin: .5rem 0; gap: 2px; }
.timeline li { background: #e8eef6; border-left: 4px solid #0b57a4; padding: .35rem .5rem; min-width: 6rem; overflow-wrap: anywhere; }
.timeline li.bfr { background: #fbeee6; border-left-color: #a4400b; }
.timeline .name { font-weight: 600; display: block; } .timeline .dates, .timeline .method { font-size: .85rem; display: block; }
table { border-collapse: collapse; } th, td { border: 1px solid #8a8a8a; padding: .25rem .4rem; vertical-align: top; text-align: left; }
th { background: #f0f0f0; } caption { font-weight: 600; text-align: left; padding: .3rem 0; }
.month { width: 100%; table-layout: fixed; margin-bottom: 1.2rem; } .month td { height: 4.5rem; font-size: .8rem; }
.month .day { font-weight: 600; display: block; } .month td.outside { background: #f7f7f7; }
.session { border-left: 3px solid #0b57a4; padding-left: .3rem; margin: .2rem 0; } .session.bfr { border-left-color: #a4400b; }
.session ul { margin: 0; padding-left: 1rem; } .session time { font-weight: 600; }
.findings li { margin-bottom: .6rem; } .severity { font-weight: 700; text-transform: uppercase; font-size: .8rem; }
.severity.error { color: #b00020; } .severity.warning { color: #8a4b00; } .severity.info { color: #0b57a4; }
.finding-mark { color: #8a4b00; font-weight: 600; } code { font-size: .9em; }
.chart svg { width: 100%; height: auto; max-width: 1000px; } .chart text { font: 12px system-ui, sans-serif; fill: #1a1a1a; }
.figures { font-size: .85rem; } .figures td, .figures th { text-align: right; } .figures th[scope=row], .figures td:first-child { text-align: left; }
.explain { color: #333; margin: .2rem 0 0; }
@media print {
  nav, .screen-only { display: none; }
  body { max-width: none; padding: 0; font-size: 11px; color: #000; }
  h2 { break-before: page; } section.program:first-of-type h2 { break-before: avoid; }
  .month, figure, .findings li { break-inside: avoid; }
  a { color: #000; text-decoration: none; }
  @page { margin: 12mm; }
}
)";

const char* severity_class(Severity s) { return to_string(s); }

// Whether a finding points into a block: inside the block's statement (a
// block written in place, or the line that uses a template).
bool points_into(const Diagnostic& d, const ir::Block& block)
{
    return d.span.source && d.span.source == block.span.source && d.span.begin >= block.span.begin &&
           d.span.begin < std::max(block.span.end, block.span.begin + 1);
}

bool points_into_program(const Diagnostic& d, const ir::Program& program)
{
    return d.span.source && d.span.source == program.span.source && d.span.begin >= program.span.begin && d.span.begin < program.span.end;
}

bool names_athlete(const Diagnostic& d, const std::string& athlete)
{
    if (d.athletes.empty()) return true;
    return std::find(d.athletes.begin(), d.athletes.end(), athlete) != d.athletes.end();
}

ProgramFindings findings_of(const scheduling::ProgramSchedule& schedule, const std::vector<Diagnostic>& all)
{
    ProgramFindings out;
    out.by_block.resize(schedule.blocks.size());
    for (const auto& d : all) {
        if (!d.rule || !schedule.program || !names_athlete(d, schedule.athlete)) continue;
        bool placed = false;
        for (std::size_t b = 0; b < schedule.blocks.size(); ++b)
            if (schedule.blocks[b].block && points_into(d, *schedule.blocks[b].block)) {
                out.by_block[b].push_back(&d);
                placed = true;
                break;
            }
        if (!placed && points_into_program(d, *schedule.program)) out.of_program.push_back(&d);
    }
    return out;
}

void write_finding(std::ostream& out, const Diagnostic* d, const Page& page)
{
    out << "<li id=\"" << finding_anchor(d, page.findings) << "\"><span class=\"severity " << severity_class(d->severity) << "\">"
        << to_string(d->severity) << "</span> <code>" << escape(*d->rule) << "</code>";
    if (d->span.valid()) out << " <span class=\"meta\">(" << escape(d->span.path()) << ":" << d->span.line << ")</span>";
    out << "<br>" << escape(printed_message(*d));
    if (d->suppressed_by) out << " <em>(allowed: " << escape(*d->suppressed_by) << ")</em>";
    if (const rules::Rule* rule = page.book ? page.book->find(*d->rule) : nullptr) {
        out << "<p class=\"explain\"><strong>" << escape(rule->message) << ".</strong>";
        for (const auto& note : rule->notes) out << " " << escape(note);
        out << "</p>";
    }
    out << "</li>\n";
}

void write_timeline(std::ostream& out, const scheduling::ProgramSchedule& s)
{
    out << "<h3>Blocks</h3>\n<ol class=\"timeline\" aria-label=\"the blocks in order\">\n";
    for (const auto& b : s.blocks) {
        const long long days = (b.end - b.start).count() + 1;
        const bool bfr = b.block && ir::is_bfr_block(*b.block);
        out << "<li" << (bfr ? " class=\"bfr\"" : "") << " style=\"flex: " << days << " 1 0\"><span class=\"name\">" << escape(b.name)
            << "</span><span class=\"method\">" << (b.method.empty() ? "no method" : escape(b.method)) << (bfr ? ", BFR" : "")
            << "</span><span class=\"dates\">" << format_date(b.start) << " to " << format_date(b.end) << " · " << b.weeks
            << (b.weeks == 1 ? " week · " : " weeks · ") << b.session_count << (b.session_count == 1 ? " session" : " sessions")
            << "</span></li>\n";
    }
    out << "</ol>\n";
}

void write_findings(std::ostream& out, const scheduling::ProgramSchedule& s, const ProgramFindings& findings, const Page& page)
{
    out << "<h3>Findings</h3>\n";
    bool any = !findings.of_program.empty();
    for (std::size_t b = 0; b < s.blocks.size(); ++b) {
        if (findings.by_block[b].empty()) continue;
        any = true;
        out << "<h4>Block \"" << escape(s.blocks[b].name) << "\"</h4>\n<ul class=\"findings\">\n";
        for (const auto* d : findings.by_block[b]) write_finding(out, d, page);
        out << "</ul>\n";
    }
    if (!findings.of_program.empty()) {
        out << "<h4>The program</h4>\n<ul class=\"findings\">\n";
        for (const auto* d : findings.of_program) write_finding(out, d, page);
        out << "</ul>\n";
    }
    if (!any) out << "<p>No rule has a finding on this program.</p>\n";
}

void write_evidence(std::ostream& out, const evidence::ProgramEvidence& e)
{
    if (e.blocks.empty()) return;
    out << "<h3>Evidence for the BFR blocks</h3>\n";
    for (const auto& b : e.blocks) {
        out << "<h4>Block \"" << escape(b.name) << "\", " << format_date(b.start) << " to " << format_date(b.end) << "</h4>\n";
        out << "<p>This block: " << escape(evidence::figures_summary(b.figures)) << "</p>\n";
        if (b.matches.empty()) {
            out << "<p>Nothing to compare.</p>\n";
            continue;
        }
        out << "<ul>\n";
        for (std::size_t i = 0; i < b.matches.size(); ++i) {
            const auto& s = *b.matches[i].study;
            out << "<li>" << (i == 0 ? "closest: " : "next: ") << escape(evidence::plain_summary(s)) << "<br><span class=\"meta\">"
                << escape(s.population) << "; " << escape(s.design) << (s.doi.empty() ? "" : "; doi:" + escape(s.doi)) << "</span></li>\n";
        }
        out << "</ul>\n";
    }
}

std::string program_title(const scheduling::ProgramSchedule& s) { return s.name + (s.athlete.empty() ? "" : " for " + s.athlete); }

void write_program(std::ostream& out, const ProgramPage& p, std::size_t index, const Page& page)
{
    const auto& s = p.schedule;
    const std::string id = "program-" + std::to_string(index + 1);
    const ZoneChoice zone = zone_for(s.program ? s.program->timezone : "", page.default_zone);
    out << "<section class=\"program\" aria-labelledby=\"" << id << "\">\n<h2 id=\"" << id << "\">" << escape(program_title(s))
        << "</h2>\n<p class=\"meta\">" << format_date(s.start) << " to " << format_date(s.end) << " · " << s.sessions.size()
        << (s.sessions.size() == 1 ? " session" : " sessions") << " · loads in " << ir::to_string(s.unit) << " · times in "
        << escape(zone.name) << "</p>\n";
    write_timeline(out, s);
    const ProgramFindings findings = findings_of(s, page.findings);
    write_findings(out, s, findings, page);
    write_chart(out, p, id);
    write_calendar(out, p, findings, page.findings);
    write_evidence(out, p.evidence);
    out << "</section>\n";
}

}  // namespace

std::string escape(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string finding_anchor(const Diagnostic* finding, const std::vector<Diagnostic>& all)
{
    return "finding-" + std::to_string(finding - all.data() + 1);
}

ProgramPage program_page(scheduling::ProgramSchedule schedule, const evidence::Table& table)
{
    ProgramPage page{std::move(schedule), {}, {}};
    page.stats = stats::program_stats(page.schedule);
    page.evidence = evidence::evidence_for(page.schedule, table, 3);
    return page;
}

void write_page(std::ostream& out, const Page& page)
{
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"generator\" content=\"meso "
        << MESO_VERSION << "\">\n<title>" << escape(page.file) << " — meso view</title>\n<style>" << style << "</style>\n</head>\n<body>\n";
    out << "<header>\n<h1>The plan of " << escape(page.file) << "</h1>\n<p class=\"meta\">Made by meso " << MESO_VERSION << " · "
        << page.programs.size() << (page.programs.size() == 1 ? " program" : " programs") << "</p>\n";
    if (page.programs.size() > 1) {
        out << "<nav aria-label=\"programs\"><ul>\n";
        for (std::size_t i = 0; i < page.programs.size(); ++i)
            out << "<li><a href=\"#program-" << i + 1 << "\">" << escape(program_title(page.programs[i].schedule)) << "</a></li>\n";
        out << "</ul></nav>\n";
    }
    out << "</header>\n<main>\n";
    for (std::size_t i = 0; i < page.programs.size(); ++i) write_program(out, page.programs[i], i, page);
    if (page.programs.empty()) out << "<p>The file has no program.</p>\n";
    out << "</main>\n</body>\n</html>\n";
}

}  // namespace meso::view
