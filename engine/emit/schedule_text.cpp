#include "engine/emit/schedule_text.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "engine/base/text.h"
#include "engine/emit/date_time_cache.h"
#include "engine/emit/ical_session_text.h"
#include "engine/emit/sessions.h"
#include "engine/emit/set_words.h"

namespace meso::emit {

namespace {

// What write_sessions_text holds before handing it on: a plan may hold a
// million sessions.
constexpr std::size_t text_piece = std::size_t{1} << 20;

// The columns on screen of the character starting at byte `i`, and its length in bytes.
std::pair<std::size_t, std::size_t> character_at(std::string_view text, std::size_t i)
{
    std::size_t length = 1;
    while (i + length < text.size() && (static_cast<unsigned char>(text[i + length]) & 0xC0) == 0x80) ++length;
    return {display_width(text.substr(i, length)), length};
}

// Where to cut `line` so that its first part fits `width` columns: after
// the last space that fits (outside the leading spaces), else before the
// first character that does not fit. npos: it fits whole.
template <typename Breakable> std::size_t cut_of(std::string_view line, std::size_t width, Breakable breakable)
{
    std::size_t lead = 0;
    while (lead < line.size() && line[lead] == ' ') ++lead;
    std::size_t column = 0, last_space = std::string_view::npos;
    for (std::size_t i = 0; i < line.size();) {
        const auto [columns, length] = character_at(line, i);
        if (line[i] == ' ' && i > lead && column <= width && breakable(line, i)) last_space = i;
        if (column + columns > width) {
            if (last_space != std::string_view::npos) return last_space;
            return i > lead ? i : i + length;  // a character wider than what is left goes alone
        }
        column += columns;
        i += length;
    }
    return std::string_view::npos;
}

std::string_view trimmed_right(std::string_view s)
{
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

std::string_view trimmed_left(std::string_view s)
{
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    return s;
}

// wrap_line's lines, each handed to `take` (which copies it before the
// next), cutting only at the spaces `breakable(line, i)` allows. A line
// that fits is handed on as it is: most do, and they cost no copy.
template <typename Breakable, typename Take>
void wrap_into(std::string_view line, std::size_t width, std::size_t hang, Breakable breakable, Take take)
{
    width = std::max<std::size_t>(width, 2);
    hang = std::min(hang, width / 2);
    std::size_t cut = cut_of(line, width, breakable);
    if (cut == std::string_view::npos) {
        take(line);
        return;
    }
    std::string rest(line);
    for (; cut != std::string_view::npos; cut = cut_of(rest, width, breakable)) {
        take(trimmed_right(std::string_view(rest).substr(0, cut)));
        rest = std::string(hang, ' ') + std::string(trimmed_left(std::string_view(rest).substr(cut)));
    }
    take(rest);
}

template <typename Breakable>
std::vector<std::string> wrap_where(std::string_view line, std::size_t width, std::size_t hang, Breakable breakable)
{
    std::vector<std::string> out;
    wrap_into(line, width, hang, breakable, [&out](std::string_view piece) { out.emplace_back(piece); });
    return out;
}

bool anywhere(std::string_view, std::size_t) { return true; }

// A load is cut between its parts only: "152.5 kg", "(TM 85%, 76.5%)",
// "[25+25+15+1.25 a side]", "RIR 2".
bool between_load_parts(std::string_view load, std::size_t space)
{
    const std::string_view next = load.substr(space + 1);
    return next.rfind('(', 0) == 0 || next.rfind('[', 0) == 0 || next.rfind("RPE ", 0) == 0 || next.rfind("RIR ", 0) == 0;
}

constexpr const char* bold = "\033[1m";
constexpr const char* dim = "\033[2m";
constexpr const char* plain = "";

// Lines in the making: each wrapped to the layout's width and, with colour, styled whole.
struct Lines {
    const TextLayout& layout;
    std::string& out;

    void add(std::string_view line, std::size_t hang, const char* style = plain)
    {
        wrap_into(line, layout.width, hang, anywhere, [&](std::string_view piece) { add_piece(piece, style); });
    }

    void add_piece(std::string_view piece, const char* style)
    {
        const bool styled = layout.colour && *style != '\0';
        if (styled) out += style;
        out += piece;
        if (styled) out += "\033[0m";
        out += '\n';
    }
};

std::string padded(const std::string& text, std::size_t columns)
{
    const std::size_t width = display_width(text);
    return width >= columns ? text : text + std::string(columns - width, ' ');
}

// One line of an exercise's table: a group of its sets that share a load.
struct Row {
    std::string name;  // on the exercise's first row only
    std::string sets;  // "warm-up 1×5", "4×30/15/15/15", "3×10 each side", "1×5+"
    std::string load;  // describe_load's: "150 kg (75%) [25+25+15 a side]", "RPE 8"
    std::string rest;  // on the exercise's first row only: "rest 3 min"
};

// A content's table, in order: rows of exercises, and the line naming a superset before its members.
struct Item {
    Row row;
    std::string label;  // not empty: a line of its own ("superset 1"), not a row
};

void add_exercise_rows(std::vector<Item>& items, const scheduling::ExercisePlan& e, const scheduling::ProgramSchedule& program,
                       std::string name)
{
    const std::string rest = e.rest_s ? "rest " + set_seconds_text(*e.rest_s) : "";
    const auto runs = runs_of(e.sets, same_load);
    if (runs.empty()) {
        items.push_back({{std::move(name), "0×0", "", rest}, ""});
        return;
    }
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const SetRun run = runs[r];
        const scheduling::SetPlan& set = e.sets[run.first];
        std::string sets = set.warm_up ? "warm-up " : "";
        sets += std::to_string(run.last - run.first) + "×" + reps_of(e.sets, run, "/");
        if (e.each_side) sets += " each side";
        items.push_back({{r == 0 ? name : "", std::move(sets), describe_load(set, program), r == 0 ? rest : ""}, ""});
    }
}

std::vector<Item> items_of(const scheduling::SessionContent& content, const scheduling::ProgramSchedule& program)
{
    std::vector<Item> items;
    int superset = 0;  // of the exercise before
    for (const auto& e : content.exercises) {
        // A superset's members follow the line that names it, indented under it.
        if (e.superset != 0 && e.superset != superset) items.push_back({{}, "superset " + std::to_string(e.superset)});
        superset = e.superset;
        add_exercise_rows(items, e, program, (e.superset != 0 ? "  " : "") + e.name);
    }
    return items;
}

constexpr std::size_t row_indent = 4;  // a session's lines, under its day at 2

// The widths of the columns of a program's rows, the same in all its
// sessions so that the plan reads as one table.
struct Columns {
    std::size_t name = 0, sets = 0, load = 0, rest = 0;
};

void widen(Columns& columns, const std::vector<Item>& items)
{
    for (const auto& item : items) {
        if (!item.label.empty()) continue;
        columns.name = std::max(columns.name, display_width(item.row.name));
        columns.sets = std::max(columns.sets, display_width(item.row.sets));
        columns.load = std::max(columns.load, display_width(item.row.load));
        columns.rest = std::max(columns.rest, display_width(item.row.rest));
    }
}

// The exercises of a content as aligned columns: name, sets, load, rest.
// A load too long for what the line leaves it ("152.5 kg (TM 85%, 76.5%)
// [25+25+15+1.25 a side]") goes on below, in its own column; when the
// columns before it leave too little, the whole row wraps under its sets.
void add_rows(Lines& lines, const std::vector<Item>& items, Columns columns)
{
    // A name longer than a third of the line stands on a line of its own, its sets under it.
    columns.name = std::min(columns.name, lines.layout.width / 3);
    const std::size_t load_column = row_indent + columns.name + 2 + columns.sets + 2;
    const std::size_t rest_room = columns.rest > 0 ? columns.rest + 2 : 0;
    constexpr std::size_t narrowest_load = 16;  // "117.5 kg (TM 65%,": narrower, a load is cut too often
    const std::size_t room = lines.layout.width > load_column + rest_room ? lines.layout.width - load_column - rest_room : 0;
    const std::size_t load_width = room >= narrowest_load ? std::min(columns.load, room) : columns.load;
    const std::size_t sets_column = row_indent + columns.name + 2;
    const std::size_t hang = sets_column <= lines.layout.width / 2 ? sets_column : row_indent + 4;
    const std::string indent(row_indent, ' ');
    for (const auto& item : items) {
        if (!item.label.empty()) {
            lines.add(indent + item.label, row_indent + 2, dim);
            continue;
        }
        const auto load = wrap_where(item.row.load, load_width, 0, between_load_parts);
        const bool name_alone = display_width(item.row.name) > columns.name;
        if (name_alone) lines.add(indent + item.row.name, row_indent + 4);
        std::string line =
            indent + padded(name_alone ? std::string() : item.row.name, columns.name) + "  " + padded(item.row.sets, columns.sets);
        if (columns.load > 0) line += "  " + padded(load.front(), load_width);
        if (!item.row.rest.empty()) line += "  " + item.row.rest;
        lines.add(trimmed_right(line), hang);
        for (std::size_t i = 1; i < load.size(); ++i) lines.add(std::string(load_column, ' ') + load[i], load_column);
    }
}

// "cuff 60% AOP (108 mmHg, leg), 5 cm wide; occlusion continuous", or "" when the content says none of it.
std::string cuff_words(const scheduling::SessionContent& content)
{
    std::string words;
    if (content.cuff_pressure) words = "cuff " + ical::cuff_pressure_text(content);
    if (content.cuff_width_cm) words += (words.empty() ? "cuff " : ", ") + format_number(*content.cuff_width_cm) + " cm wide";
    if (content.occlusion != ir::Occlusion::unspecified)
        words += (words.empty() ? "" : "; ") + std::string("occlusion ") + ir::to_string(content.occlusion);
    return words;
}

// What every session of a content prints under its day: made once per content.
std::string content_text(const scheduling::SessionContent& content, const std::vector<Item>& items, const Columns& columns,
                         const TextLayout& layout)
{
    std::string text;
    Lines lines{layout, text};
    add_rows(lines, items, columns);
    const std::string indent(row_indent, ' ');
    if (const auto cuff = cuff_words(content); !cuff.empty()) lines.add(indent + cuff, row_indent + 5);
    const std::string note_start = indent + "note: ";
    for (const auto& note : content.notes) lines.add(note_start + note, row_indent + 6, dim);
    return text;
}

// "Mon 2027-01-04", appended.
void append_day(std::string& out, std::chrono::sys_days day)
{
    out.append(weekday_name(std::chrono::weekday{day})).append(" ").append(format_date(day));
}

// "Kaatsu — week 1 of 3 — Mon 2027-01-04 to Sun 2027-01-10"; in a repeat "Heavy — cycle 2, week 1 of 4 — ...".
void week_heading(std::string& heading, const scheduling::BlockPlan& block, int week, std::chrono::sys_days first,
                  std::chrono::sys_days last)
{
    heading.assign(block.name).append(" — ");
    if (!block.cycle.empty()) heading.append("cycle ").append(block.cycle).append(", ");
    heading.append("week ").append(std::to_string(week)).append(" of ").append(std::to_string(block.weeks)).append(" — ");
    append_day(heading, first);
    if (last != first) append_day(heading.append(" to "), last);
}

// "times in Europe/Berlin (the program's timezone)", "floating times (no zone)".
std::string zone_words(const ZoneChoice& zone)
{
    if (is_floating(zone.name)) return "floating times (no zone)";
    std::string words = "times in " + zone.name + " (";
    switch (zone.source) {
    case ZoneSource::program: words += "the program's timezone"; break;
    case ZoneSource::option: words += "from --timezone"; break;
    case ZoneSource::tz_variable: words += "from TZ"; break;
    case ZoneSource::localtime: words += "the machine's, from /etc/localtime"; break;
    case ZoneSource::fallback: words += "no TZ, no /etc/localtime"; break;
    }
    return words + ")";
}

void add_program_heading(Lines& lines, const scheduling::ProgramSchedule& p, const ZoneChoice& default_zone)
{
    lines.add(p.name + (p.athlete.empty() ? "" : " for " + p.athlete), 2, bold);
    const std::size_t n = p.sessions.size();
    lines.add(format_date(p.start) + " to " + format_date(p.end) + ", " + std::to_string(n) + (n == 1 ? " session" : " sessions"), 2);
    lines.add(zone_words(zone_of(p, default_zone)), 2, dim);
}

// A program's sessions, a block week at a time; its competitions stand among them at their dates.
class ProgramWriter {
public:
    ProgramWriter(const scheduling::ProgramSchedule& p, const TextLayout& layout, std::string& out)
        : p_(p), lines_{layout, out}, competitions_(p.program != nullptr ? competitions_by_date(*p.program) : decltype(competitions_){})
    {
        line_.reserve(256);  // a heading or a session's line, most of them without growing
        std::vector<std::vector<Item>> items;
        Columns columns;
        for (const auto& content : p.contents) widen(columns, items.emplace_back(items_of(content, p)));
        for (std::size_t c = 0; c < p.contents.size(); ++c) contents_.push_back(content_text(p.contents[c], items[c], columns, layout));
    }

    // Sessions [first, end of its block week); returns where the next week begins.
    std::size_t add_week(std::size_t first)
    {
        const scheduling::Session& s = p_.sessions[first];
        std::size_t last = first;
        while (last + 1 < p_.sessions.size() && p_.sessions[last + 1].block == s.block && p_.sessions[last + 1].week == s.week) ++last;
        add_competitions_until(s.date);
        lines_.out += '\n';
        week_heading(line_, p_.blocks[s.block], s.week, s.date, p_.sessions[last].date);
        lines_.add(line_, 2, bold);
        for (std::size_t i = first; i <= last; ++i) add_session(p_.sessions[i]);
        return last + 1;
    }

    // The competitions after the last session.
    void finish()
    {
        if (next_ == competitions_.end()) return;
        lines_.out += '\n';
        for (; next_ != competitions_.end(); ++next_) add_competition(**next_);
    }

private:
    void add_session(const scheduling::Session& s)
    {
        add_competitions_until(s.date);
        // The day and time, then what kind of session it is: its workout in a rotation ("workout B"), "(deload)".
        line_.assign("  ");
        append_day(line_, s.date);
        line_.append("  ").append(clock_.time(s.start)).append("-").append(clock_.time(end_of(s)));
        if (s.rotation != 0) line_.append("  workout ").append(scheduling::workout_of(p_, s));
        if (p_.contents[s.content].deload) line_ += "  (deload)";
        lines_.add(line_, 4);
        lines_.out += contents_[s.content];
    }

    void add_competitions_until(std::chrono::sys_days day)
    {
        for (; next_ != competitions_.end() && (*next_)->date <= day; ++next_) add_competition(**next_);
    }

    void add_competition(const ir::Competition& c)
    {
        line_.assign("  ");
        append_day(line_, c.date);
        lines_.add(line_.append("  competition: ").append(c.name), 4, bold);
    }

    const scheduling::ProgramSchedule& p_;
    Lines lines_;
    DateTimeCache clock_;
    std::string line_;                   // the line in the making, kept from line to line
    std::vector<std::string> contents_;  // each content's lines, made once
    std::vector<const ir::Competition*> competitions_;
    std::vector<const ir::Competition*>::const_iterator next_ = competitions_.begin();
};

}  // namespace

std::vector<std::string> wrap_line(std::string_view line, std::size_t width, std::size_t hang)
{
    return wrap_where(line, width, hang, anywhere);
}

void write_sessions_text(std::ostream& out, const scheduling::ScheduleResult& schedule, const ZoneChoice& default_zone,
                         const TextLayout& layout)
{
    TextLayout fitted = layout;
    fitted.width = std::max(layout.width, TextLayout::min_width);
    std::string text;
    text.reserve(text_piece + text_piece / 8);  // room for a piece and the week that ends it: no growing as it fills
    for (std::size_t pi = 0; pi < schedule.programs.size(); ++pi) {
        const auto& p = schedule.programs[pi];
        if (pi > 0) text += '\n';
        Lines lines{fitted, text};
        add_program_heading(lines, p, default_zone);
        ProgramWriter writer(p, fitted, text);
        for (std::size_t i = 0; i < p.sessions.size();) {
            i = writer.add_week(i);
            if (text.size() >= text_piece) {
                out << text;
                text.clear();
            }
        }
        writer.finish();
    }
    out << text;
}

}  // namespace meso::emit
