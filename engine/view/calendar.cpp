// The calendar: a month grid (Monday first) per month from the first
// session to the last, each session in its day's cell with its time, block
// and exercises, and a mark for each finding of its block that names its date.
#include <map>
#include <string>
#include <vector>

#include "engine/base/text.h"
#include "engine/emit/sessions.h"
#include "engine/view/html.h"

namespace meso::view {

namespace {

using namespace std::chrono;

constexpr const char* month_names[] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};
constexpr const char* weekday_names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

// The dates a finding's message names (2027-01-04), as written.
std::vector<std::string> dates_in(const std::string& message)
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i + 10 <= message.size(); ++i) {
        const auto digit = [&](std::size_t k) { return message[i + k] >= '0' && message[i + k] <= '9'; };
        if (digit(0) && digit(1) && digit(2) && digit(3) && message[i + 4] == '-' && digit(5) && digit(6) && message[i + 7] == '-' &&
            digit(8) && digit(9))
            out.push_back(message.substr(i, 10));
    }
    return out;
}

// For each block, the findings by the dates they name.
using MarksByDate = std::map<std::string, std::vector<const Diagnostic*>>;

std::vector<MarksByDate> marks_of(const ProgramFindings& findings)
{
    std::vector<MarksByDate> out(findings.by_block.size());
    for (std::size_t b = 0; b < findings.by_block.size(); ++b)
        for (const auto* d : findings.by_block[b])
            for (const auto& date : dates_in(d->message)) out[b][date].push_back(d);
    return out;
}

struct Context {
    const scheduling::ProgramSchedule& schedule;
    const std::vector<MarksByDate>& marks;
    const std::vector<Diagnostic>& all;
};

void write_session(std::ostream& out, const scheduling::Session& s, const Context& c)
{
    const auto& block = c.schedule.blocks[s.block];
    const auto& content = c.schedule.contents[s.content];
    const bool bfr = block.block && ir::is_bfr_block(*block.block);
    out << "<div class=\"session" << (bfr ? " bfr" : "") << "\" data-date=\"" << format_date(s.date) << "\"><time>"
        << format_time_of_day(s.start) << "–" << format_time_of_day(s.start + s.length) << "</time> " << escape(block.name) << ", week "
        << s.week << (content.deload ? " (deload)" : "") << "<ul>";
    for (const auto& e : content.exercises) out << "<li>" << escape(e.name) << " " << escape(emit::describe_sets(e, c.schedule)) << "</li>";
    out << "</ul>";
    if (content.cuff_mmhg) out << "cuff " << format_number(*content.cuff_mmhg) << " mmHg";
    const auto found = c.marks[s.block].find(format_date(s.date));
    if (found != c.marks[s.block].end())
        for (const auto* d : found->second)
            out << "<p class=\"finding-mark\">⚠ <a href=\"#" << finding_anchor(d, c.all) << "\">" << escape(*d->rule) << "</a></p>";
    out << "</div>";
}

void write_month(std::ostream& out, year_month month, const std::vector<const scheduling::Session*>& sessions, std::size_t& next,
                 const Context& c)
{
    const sys_days first{month / 1};
    const sys_days final_day{month / std::chrono::last};
    const auto offset = (weekday{first}.c_encoding() + 6) % 7;  // Monday first
    out << "<table class=\"month\">\n<caption>" << month_names[static_cast<unsigned>(month.month()) - 1] << " "
        << static_cast<int>(month.year()) << "</caption>\n<thead><tr>";
    for (const char* name : weekday_names) out << "<th scope=\"col\" abbr=\"" << name << "\">" << std::string(name, 3) << "</th>";
    out << "</tr></thead>\n<tbody>\n<tr>";
    for (unsigned i = 0; i < offset; ++i) out << "<td class=\"outside\"></td>";
    unsigned column = offset;
    for (sys_days day = first; day <= final_day; day += days{1}) {
        if (column == 7) {
            out << "</tr>\n<tr>";
            column = 0;
        }
        out << "<td><span class=\"day\">" << static_cast<unsigned>(year_month_day{day}.day()) << "</span>";
        while (next < sessions.size() && sessions[next]->date == day) write_session(out, *sessions[next++], c);
        out << "</td>";
        ++column;
    }
    for (; column < 7; ++column) out << "<td class=\"outside\"></td>";
    out << "</tr>\n</tbody>\n</table>\n";
}

}  // namespace

void write_calendar(std::ostream& out, const ProgramPage& program, const ProgramFindings& findings, const std::vector<Diagnostic>& all)
{
    const auto& s = program.schedule;
    out << "<h3>Calendar</h3>\n";
    if (s.sessions.empty()) {
        out << "<p>No session.</p>\n";
        return;
    }
    std::vector<const scheduling::Session*> sessions;
    sessions.reserve(s.sessions.size());
    for (const auto& session : s.sessions) sessions.push_back(&session);  // by date, then time
    const auto marks = marks_of(findings);
    const Context c{s, marks, all};
    const year_month_day first{sessions.front()->date}, last{sessions.back()->date};
    std::size_t next = 0;
    for (year_month m = first.year() / first.month(); m <= last.year() / last.month(); m += months{1})
        write_month(out, m, sessions, next, c);
}

}  // namespace meso::view
