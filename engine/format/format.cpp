#include "engine/format/format.h"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <map>

#include "engine/base/text.h"
#include "grammar/parse.h"

namespace meso::format {

namespace {

using namespace syntax;

// A body written on one line stays on one line only if the whole line fits.
constexpr std::size_t inline_body_width = 80;
// The least space between code and its trailing comment.
constexpr const char* comment_gap = "  ";

std::string indentation(int depth) { return std::string(static_cast<std::size_t>(depth) * 2, ' '); }

// ---------------------------------------------------------------- tokens

std::string quote(const std::string& value)
{
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += "\\\"";
        else if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out + "\"";
}

std::string name(const Name& n) { return n.quoted ? quote(n.text) : n.text; }

bool unit_follows_directly(Unit unit) { return unit == Unit::percent || unit == Unit::percent_aop; }

std::string quantity(const Quantity& q)
{
    return q.amount.text + (unit_follows_directly(q.unit) ? "" : " ") + q.unit_text;
}

std::string date(const Date& d) { return format_date(d.value); }

std::string date_range(const DateRange& r) { return r.is_range ? date(r.first) + ".." + date(r.last) : date(r.first); }

std::string clock_time(const ClockTime& t) { return format_time(t.since_midnight); }

const char* weekday(std::chrono::weekday d) { return weekday_keyword(d); }

std::string weekdays(const Weekdays& w)
{
    std::string out;
    for (const auto& item : w.items) {
        if (!out.empty()) out += w.commas ? ", " : " ";
        out += weekday(item.first);
        if (item.is_range) out += std::string("..") + weekday(item.last);
    }
    return out;
}

std::string week_item(const WeekItem& w)
{
    return w.is_range ? std::to_string(w.first) + ".." + std::to_string(w.last) : std::to_string(w.first);
}

// ---------------------------------------------------------------- prescriptions

std::string load(const Load& l)
{
    if (l.kind == Load::Kind::rpe) return "RPE " + l.from.amount.text;
    std::string out = quantity(l.from);
    if (l.to) out += ".." + quantity(*l.to);
    if (l.per_week)
        out += std::string(" ") + (std::signbit(l.per_week->step.amount.value) ? "-" : "+") + quantity(l.per_week->step) +
               " per week";
    return out;
}

std::string rep_list(const Scheme& s)
{
    std::string out;
    for (const auto& r : s.reps) out += (out.empty() ? "" : ",") + r.text;
    return out;
}

std::string scheme(const Scheme& s)
{
    if (s.form == Scheme::Form::sets_x_reps) return s.sets.text + "x" + (s.reps.empty() ? "" : s.reps.front().text);
    return rep_list(s);
}

// A prescription in the columns that line up with its neighbours':
// `name` `scheme` `@ load` `rest ...`, or for the load-first form
// `name` `load x reps` `rest ...`.
struct PrescriptionCells {
    std::string name;
    std::string scheme;  // the scheme, or the whole load-first form
    std::string load;    // "@ 75%"; empty for the load-first form and for no load
    std::string rest;    // "rest 30 s" or empty
};

PrescriptionCells cells(const Prescription& p)
{
    PrescriptionCells c;
    c.name = name(p.exercise);
    if (p.load_first && p.load) c.scheme = load(*p.load) + " x " + rep_list(p.scheme);
    else {
        c.scheme = scheme(p.scheme);
        if (p.load) c.load = "@ " + load(*p.load);
    }
    if (p.rest) c.rest = "rest " + quantity(*p.rest);
    return c;
}

std::string padded(const std::string& text, std::size_t width)
{
    const std::size_t w = display_width(text);
    return w >= width ? text : text + std::string(width - w, ' ');
}

// ---------------------------------------------------------------- conditions

std::string value(const Value& v)
{
    return std::visit(
        [](const auto& n) -> std::string {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, Quantity>) return quantity(n);
            else if constexpr (std::is_same_v<T, Number>) return n.text;
            else return name(n);
        },
        v.node);
}

std::string condition(const Condition& c)
{
    return std::visit(
        [](const auto& n) -> std::string {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, Comparison>) return name(n.metric) + " " + to_string(n.op) + " " + value(n.value);
            else if constexpr (std::is_same_v<T, Between>)
                return name(n.metric) + " between " + value(n.low) + " and " + value(n.high);
            else if constexpr (std::is_same_v<T, Quantified>)
                return std::string(n.every ? "every" : "any") + " exercise " + condition(*n.body);
            else if constexpr (std::is_same_v<T, AthleteHas>) return "athlete has condition " + name(n.condition);
            else if constexpr (std::is_same_v<T, Not>) return "not " + condition(*n.operand);
            else if constexpr (std::is_same_v<T, Logical>)
                return condition(*n.left) + (n.is_and ? " and " : " or ") + condition(*n.right);
            else return "(" + condition(*n.inner) + ")";
        },
        c.node);
}

// ---------------------------------------------------------------- statements and bodies

// Is there an empty line in the source between byte offsets a and b?
bool blank_line_between(const Span& where, std::uint32_t a, std::uint32_t b)
{
    if (where.source == nullptr) return false;
    const std::string& t = where.source->text;
    bool seen_newline = false, only_blanks = false;
    for (std::uint32_t i = a; i < b && i < t.size(); ++i) {
        const char c = t[i];
        if (c == '\n') {
            if (seen_newline && only_blanks) return true;
            seen_newline = only_blanks = true;
        }
        else if (c != ' ' && c != '\t' && c != '\r') {
            only_blanks = false;
            if (seen_newline) return false;
        }
    }
    return false;
}

// One statement of a body, rendered, waiting for its neighbours to be
// known so that columns can be aligned.
struct Chunk {
    const Trivia* trivia = nullptr;
    Span span;
    bool blank_after_comments = false;          // an empty line between its leading comments and itself
    bool joined = false;                        // `then` on the line of the block before
    bool block = false;                         // a block of a program (which a joined block may follow)
    std::vector<std::string> lines;             // indented; several when it has a spread-out body
    std::optional<PrescriptionCells> cells;     // for a prescription: lines[0] is rebuilt from them
    std::string indent;
};

class Printer {
public:
    std::string file(const File& f)
    {
        std::vector<Chunk> chunks;
        for (const auto& s : f.statements) add(chunks, s, 0);
        std::vector<std::string> lines = layout(chunks, f.end_comments, 0);
        std::string out;
        for (const auto& line : lines) out += line + "\n";
        return out;
    }

private:
    // ---- statement lists

    template <typename Statement>
    void add(std::vector<Chunk>& chunks, const Statement& s, int depth)
    {
        std::visit(
            [&](const auto& n) {
                Chunk c;
                c.trivia = &n.trivia;
                c.span = n.span;
                c.indent = indentation(depth);
                if (!n.trivia.leading.empty())
                    c.blank_after_comments = blank_line_between(n.span, n.trivia.leading.back().span.end, n.span.begin);
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, BlockUse>) c.joined = n.joined, c.block = true;
                if constexpr (std::is_same_v<T, Prescription>) c.cells = cells(n);
                else c.lines = render(n, depth);
                chunks.push_back(std::move(c));
            },
            s.node);
    }

    // Comment lines; the blank line before the first one is the caller's
    // to decide (`blank_before_first`), the others' are kept as written.
    static void comment_lines(std::vector<std::string>& out, const std::vector<Comment>& comments, const std::string& indent,
                              bool blank_before_first)
    {
        for (std::size_t i = 0; i < comments.size(); ++i) {
            const bool blank = i == 0 ? blank_before_first : comments[i].blank_line_before;
            if (blank && !out.empty()) out.emplace_back();
            out.push_back(indent + comments[i].text);
        }
    }

    // The lines of a list of statements: leading comments, blank lines,
    // aligned columns, trailing comments, and the comments after the last.
    std::vector<std::string> layout(std::vector<Chunk>& chunks, const std::vector<Comment>& end_comments, int depth)
    {
        align_prescriptions(chunks);
        // Joined blocks continue the line of the block before.
        std::vector<Chunk*> merged;
        std::vector<syntax::HeapOptional<Comment>> trailing;
        for (auto& c : chunks) {
            Chunk* previous = merged.empty() ? nullptr : merged.back();
            // (`3 weeks a; start 2027-01-04; then 2 weeks b` has a joined block after
            // a `start`: that one goes on its own line.)
            if (c.joined && previous && previous->block && c.trivia->leading.empty() && !trailing.back()) {
                const std::string& first = c.lines.front();
                previous->lines.back() += " " + first.substr(c.indent.size());
                previous->lines.insert(previous->lines.end(), c.lines.begin() + 1, c.lines.end());
                trailing.back() = c.trivia->trailing;
                continue;
            }
            merged.push_back(&c);
            trailing.push_back(c.trivia->trailing);
        }
        // Trailing comments line up across consecutive one-line statements that all have one.
        std::vector<std::size_t> comment_column(merged.size(), 0);
        for (std::size_t i = 0; i < merged.size();) {
            std::size_t j = i;
            std::size_t widest = 0;
            while (j < merged.size() && trailing[j] && merged[j]->lines.size() == 1 &&
                   (j == i || (!merged[j]->trivia->blank_line_before && merged[j]->trivia->leading.empty()))) {
                widest = std::max(widest, display_width(merged[j]->lines.front()));
                ++j;
            }
            if (j == i) {
                ++i;
                continue;
            }
            for (std::size_t k = i; k < j; ++k) comment_column[k] = widest;
            i = j;
        }

        std::vector<std::string> out;
        const std::string indent = indentation(depth);
        for (std::size_t i = 0; i < merged.size(); ++i) {
            const Chunk& c = *merged[i];
            const bool first = i == 0;
            if (c.trivia->blank_line_before && !first && !out.empty()) out.emplace_back();
            comment_lines(out, c.trivia->leading, indent, false);
            if (c.blank_after_comments) out.emplace_back();
            out.insert(out.end(), c.lines.begin(), c.lines.end());
            if (trailing[i]) {
                std::string& last = out.back();
                const std::size_t width = display_width(last);
                const std::size_t column = std::max(comment_column[i], width);
                last += std::string(column - width, ' ') + comment_gap + trailing[i]->text;
            }
        }
        comment_lines(out, end_comments, indent, !end_comments.empty() && end_comments.front().blank_line_before);
        return out;
    }

    // Consecutive prescriptions (no blank line between) share the name
    // column; within them, the `@` of adjacent ones with a load line up, and
    // the `rest` of adjacent ones with a rest (a column runs as long as
    // every line has that cell, as in gofmt).
    static void align_prescriptions(std::vector<Chunk>& chunks)
    {
        for (std::size_t i = 0; i < chunks.size();) {
            if (!chunks[i].cells) {
                ++i;
                continue;
            }
            std::size_t j = i + 1;
            while (j < chunks.size() && chunks[j].cells && !chunks[j].trivia->blank_line_before) ++j;
            std::size_t name_width = 0;
            for (std::size_t k = i; k < j; ++k) name_width = std::max(name_width, display_width(chunks[k].cells->name));
            std::vector<std::string> body(j - i);
            auto has_load = [&](std::size_t k) { return !chunks[k].cells->load.empty(); };
            auto scheme_width = [&](std::size_t k) { return display_width(chunks[k].cells->scheme); };
            for_each_column(i, j, has_load, scheme_width, [&](std::size_t k, std::size_t width) {
                const auto& c = *chunks[k].cells;
                body[k - i] = c.load.empty() ? c.scheme : padded(c.scheme, width) + " " + c.load;
            });
            auto has_rest = [&](std::size_t k) { return !chunks[k].cells->rest.empty(); };
            auto body_width = [&](std::size_t k) { return display_width(body[k - i]); };
            for_each_column(i, j, has_rest, body_width, [&](std::size_t k, std::size_t width) {
                const auto& c = *chunks[k].cells;
                std::string line = chunks[k].indent + padded(c.name, name_width) + " ";
                line += c.rest.empty() ? body[k - i] : padded(body[k - i], width) + " " + c.rest;
                chunks[k].lines = {line};
            });
            i = j;
        }
    }

    // Calls place(k, width) for each k in [i, j): width is the widest
    // width_of among the adjacent k around it that all have the cell (has),
    // 0 for a k without it.
    template <typename Has, typename WidthOf, typename Place>
    static void for_each_column(std::size_t i, std::size_t j, Has has, WidthOf width_of, Place place)
    {
        for (std::size_t k = i; k < j;) {
            if (!has(k)) {
                place(k, 0);
                ++k;
                continue;
            }
            std::size_t end = k, width = 0;
            for (; end < j && has(end); ++end) width = std::max(width, width_of(end));
            for (; k < end; ++k) place(k, width);
        }
    }

    // `HEADER { ... }`: on one line when it was written so, holds one short
    // statement without a body, and no comment; else spread out.
    template <typename Statement>
    std::vector<std::string> with_body(const std::string& header, const Braces& braces,
                                       const std::vector<Statement>& statements, int depth)
    {
        const std::string indent = indentation(depth);
        const bool has_comments = braces.open_comment || !braces.end_comments.empty();
        if (statements.empty() && !has_comments) return {indent + header + " { }"};
        std::vector<Chunk> chunks;
        for (const auto& s : statements) add(chunks, s, depth + 1);
        if (braces.single_line && !has_comments && chunks.size() == 1) {
            Chunk& only = chunks.front();
            if (only.cells) align_prescriptions(chunks);
            const bool plain = only.trivia->leading.empty() && !only.trivia->trailing && only.lines.size() == 1;
            if (plain) {
                std::string line = indent + header + " { " + only.lines.front().substr(only.indent.size()) + " }";
                if (display_width(line) <= inline_body_width) return {line};
            }
        }
        std::vector<std::string> out{indent + header + " {"};
        if (braces.open_comment) out.back() += comment_gap + braces.open_comment->text;
        auto inner = layout(chunks, braces.end_comments, depth + 1);
        out.insert(out.end(), inner.begin(), inner.end());
        out.push_back(indent + "}");
        return out;
    }

    std::vector<std::string> line(const std::string& text, int depth) { return {indentation(depth) + text}; }

    // ---- block statements

    std::vector<std::string> render(const Method& n, int d) { return line("method " + name(n.value), d); }
    std::vector<std::string> render(const Days& n, int d) { return line("days " + weekdays(n.days), d); }
    std::vector<std::string> render(const Sessions& n, int d)
    {
        std::string text = "sessions";
        for (std::size_t i = 0; i < n.times.size(); ++i) text += (i == 0 ? " " : ", ") + clock_time(n.times[i]);
        if (n.length) text += " for " + quantity(*n.length);
        return line(text, d);
    }
    std::vector<std::string> render(const Occlusion& n, int d) { return line("occlusion " + name(n.mode), d); }
    std::vector<std::string> render(const Cuff& n, int d)
    {
        if (n.width) return line("cuff width " + quantity(*n.width), d);
        return line("cuff " + (n.pressure ? quantity(*n.pressure) : std::string()), d);
    }
    std::vector<std::string> render(const WeekOverride& n, int d)
    {
        std::string header = "week";
        for (std::size_t i = 0; i < n.weeks.size(); ++i) header += (i == 0 ? " " : ", ") + week_item(n.weeks[i]);
        if (n.deload || !n.body) return line(header + " deload", d);
        return with_body(header, n.body->braces, n.body->statements, d);
    }
    std::vector<std::string> render(const Split& n, int d)
    {
        return with_body(weekdays(n.days), n.body.braces, n.body.statements, d);
    }
    std::vector<std::string> render(const Allow& n, int d) { return line("allow " + name(n.rule) + " " + quote(n.reason.value), d); }
    std::vector<std::string> render(const NoteStatement& n, int d) { return line("note " + quote(n.text.value), d); }
    // ---- top level

    std::vector<std::string> render(const Use& n, int d) { return line("use " + name(n.module), d); }
    std::vector<std::string> render(const Max& n, int d) { return line("max " + name(n.exercise) + " " + quantity(n.mass), d); }
    std::vector<std::string> render(const Round& n, int d) { return line("round " + quantity(n.step), d); }
    std::vector<std::string> render(const ConditionList& n, int d)
    {
        std::string text = "condition";
        for (std::size_t i = 0; i < n.names.size(); ++i) text += (i == 0 ? " " : ", ") + name(n.names[i]);
        return line(text, d);
    }
    std::vector<std::string> render(const Athlete& n, int d)
    {
        return with_body("athlete " + quote(n.name.value), n.braces, n.statements, d);
    }
    std::vector<std::string> render(const Start& n, int d) { return line("start " + date(n.date), d); }
    std::vector<std::string> render(const End& n, int d) { return line("end " + date(n.date), d); }
    std::vector<std::string> render(const Timezone& n, int d) { return line("timezone " + n.zone.text, d); }
    std::vector<std::string> render(const Coach& n, int d)
    {
        std::string text = "coach " + quote(n.name.value);
        if (n.email) text += " <" + n.email->value + ">";
        return line(text, d);
    }
    std::vector<std::string> render(const Skip& n, int d)
    {
        return line("skip " + date_range(n.dates) + (n.reason ? " " + quote(n.reason->value) : ""), d);
    }
    std::vector<std::string> render(const Pause& n, int d)
    {
        return line("pause " + date_range(n.dates) + (n.reason ? " " + quote(n.reason->value) : ""), d);
    }
    std::vector<std::string> render(const BlockUse& n, int d)
    {
        std::string header = std::string(n.then ? "then " : "") + quantity(n.length) + " " + name(n.target);
        if (n.as_name) header += " as " + quote(n.as_name->value);
        if (!n.body) return line(header, d);
        return with_body(header, n.body->braces, n.body->statements, d);
    }
    std::vector<std::string> render(const Program& n, int d)
    {
        std::string header = "program " + quote(n.name.value);
        if (n.athlete) header += " for " + quote(n.athlete->value);
        return with_body(header, n.braces, n.statements, d);
    }
    std::vector<std::string> render(const Template& n, int d)
    {
        std::string header = "template " + name(n.name);
        if (n.title) header += " " + quote(n.title->value);
        return with_body(header, n.body.braces, n.body.statements, d);
    }

    // ---- rule sets

    std::vector<std::string> render(const SourceStatement& n, int d) { return line("source " + quote(n.citation.value), d); }
    std::vector<std::string> render(const Applies& n, int d)
    {
        return line("applies to blocks" + (n.where ? " where " + condition(*n.where) : std::string()), d);
    }
    std::vector<std::string> render(const Require& n, int d) { return line("require " + condition(n.condition), d); }
    std::vector<std::string> render(const Forbid& n, int d) { return line("forbid " + condition(n.condition), d); }
    std::vector<std::string> render(const Rule& n, int d)
    {
        return with_body("rule " + name(n.id) + " " + name(n.severity) + " " + quote(n.message.value), n.braces, n.statements, d);
    }
    std::vector<std::string> render(const Ruleset& n, int d)
    {
        std::string header = "ruleset " + name(n.name);
        if (n.title) header += " " + quote(n.title->value);
        return with_body(header, n.braces, n.statements, d);
    }
};

// ---------------------------------------------------------------- the dump

class Dumper {
public:
    std::string out;

    void file(const File& f)
    {
        for (const auto& s : f.statements) std::visit([&](const auto& n) { node(n); }, s.node);
    }

private:
    int depth_ = 0;

    void put(const std::string& text) { out += std::string(static_cast<std::size_t>(depth_) * 2, ' ') + text + "\n"; }

    template <typename Statement>
    void nested(const std::string& head, const std::vector<Statement>& statements)
    {
        put(head + " {");
        ++depth_;
        for (const auto& s : statements) std::visit([&](const auto& n) { node(n); }, s.node);
        --depth_;
        put("}");
    }

    static std::string n(const Name& x) { return std::string(x.quoted ? "quoted " : "word ") + quote(x.text); }
    static std::string t(const Text& x) { return quote(x.value); }
    static std::string num(const Number& x) { return "number(" + x.text + ")"; }
    static std::string q(const Quantity& x)
    {
        return "quantity(" + x.amount.text + (std::signbit(x.amount.value) ? " negative" : "") + " unit " +
               canonical_spelling(x.unit) + " as '" + x.unit_text + "')";
    }
    static std::string days(const Weekdays& w)
    {
        std::string s = w.commas ? "weekdays-with-commas(" : "weekdays(";
        for (const auto& item : w.items)
            s += std::string(weekday(item.first)) + (item.is_range ? std::string("..") + weekday(item.last) : "") + " ";
        return s + ")";
    }
    static std::string l(const Load& x)
    {
        std::string s = x.kind == Load::Kind::rpe ? "rpe " + num(x.from.amount) : x.kind == Load::Kind::mass ? "mass " + q(x.from) : "percent " + q(x.from);
        if (x.to) s += " to " + q(*x.to);
        if (x.per_week) s += " per-week " + q(x.per_week->step);
        return s;
    }
    static std::string sch(const Scheme& x)
    {
        std::string s = x.form == Scheme::Form::sets_x_reps ? "sets " + num(x.sets) + " reps" : "rep-list";
        for (const auto& r : x.reps) s += " " + num(r);
        return s;
    }
    static std::string v(const Value& x)
    {
        return std::visit(
            [](const auto& y) -> std::string {
                using T = std::decay_t<decltype(y)>;
                if constexpr (std::is_same_v<T, Quantity>) return q(y);
                else if constexpr (std::is_same_v<T, Number>) return num(y);
                else return n(y);
            },
            x.node);
    }
    static std::string c(const Condition& x)
    {
        return std::visit(
            [](const auto& y) -> std::string {
                using T = std::decay_t<decltype(y)>;
                if constexpr (std::is_same_v<T, Comparison>) return "(compare " + n(y.metric) + " " + to_string(y.op) + " " + v(y.value) + ")";
                else if constexpr (std::is_same_v<T, Between>) return "(between " + n(y.metric) + " " + v(y.low) + " " + v(y.high) + ")";
                else if constexpr (std::is_same_v<T, Quantified>) return std::string(y.every ? "(every " : "(any ") + c(*y.body) + ")";
                else if constexpr (std::is_same_v<T, AthleteHas>) return "(athlete-has " + n(y.condition) + ")";
                else if constexpr (std::is_same_v<T, Not>) return "(not " + c(*y.operand) + ")";
                else if constexpr (std::is_same_v<T, Logical>) return std::string(y.is_and ? "(and " : "(or ") + c(*y.left) + " " + c(*y.right) + ")";
                else return "(parenthesized " + c(*y.inner) + ")";
            },
            x.node);
    }

    void node(const Method& x) { put("method " + n(x.value)); }
    void node(const Days& x) { put("days " + days(x.days)); }
    void node(const Sessions& x)
    {
        std::string s = "sessions";
        for (const auto& time : x.times) s += " " + clock_time(time);
        if (x.length) s += " for " + q(*x.length);
        put(s);
    }
    void node(const Occlusion& x) { put("occlusion " + n(x.mode)); }
    void node(const Cuff& x)
    {
        put(std::string("cuff") + (x.pressure ? " pressure " + q(*x.pressure) : "") + (x.width ? " width " + q(*x.width) : ""));
    }
    void node(const WeekOverride& x)
    {
        std::string s = "week";
        for (const auto& w : x.weeks) s += " " + week_item(w);
        if (x.deload) s += " deload";
        if (x.body) nested(s, x.body->statements);
        else put(s);
    }
    void node(const Split& x) { nested("split " + days(x.days), x.body.statements); }
    void node(const Allow& x) { put("allow " + n(x.rule) + " " + t(x.reason)); }
    void node(const NoteStatement& x) { put("note " + t(x.text)); }
    void node(const Prescription& x)
    {
        put("prescription " + n(x.exercise) + " " + sch(x.scheme) + (x.load ? " load " + l(*x.load) : "") +
            (x.load_first ? " load-first" : "") + (x.rest ? " rest " + q(*x.rest) : ""));
    }
    void node(const Use& x) { put("use " + n(x.module)); }
    void node(const Max& x) { put("max " + n(x.exercise) + " " + q(x.mass)); }
    void node(const Round& x) { put("round " + q(x.step)); }
    void node(const ConditionList& x)
    {
        std::string s = "condition";
        for (const auto& c : x.names) s += " " + n(c);
        put(s);
    }
    void node(const Athlete& x) { nested("athlete " + t(x.name), x.statements); }
    void node(const Start& x) { put("start " + date(x.date)); }
    void node(const End& x) { put("end " + date(x.date)); }
    void node(const Timezone& x) { put("timezone " + n(x.zone) + (x.floating ? " floating" : "")); }
    void node(const Coach& x) { put("coach " + t(x.name) + (x.email ? " email " + t(*x.email) : "")); }
    void node(const Skip& x) { put("skip " + date_range(x.dates) + (x.reason ? " " + t(*x.reason) : "")); }
    void node(const Pause& x) { put("pause " + date_range(x.dates) + (x.reason ? " " + t(*x.reason) : "")); }
    void node(const BlockUse& x)
    {
        std::string s = std::string("block") + (x.then ? " then" : "") + " " + q(x.length) + " " +
                        n(x.target) + (x.as_name ? " as " + t(*x.as_name) : "");
        if (x.body) nested(s, x.body->statements);
        else put(s);
    }
    void node(const Program& x) { nested("program " + t(x.name) + (x.athlete ? " for " + t(*x.athlete) : ""), x.statements); }
    void node(const Template& x) { nested("template " + n(x.name) + (x.title ? " " + t(*x.title) : ""), x.body.statements); }
    void node(const SourceStatement& x) { put("source " + t(x.citation)); }
    void node(const Applies& x) { put("applies" + (x.where ? " where " + c(*x.where) : std::string())); }
    void node(const Require& x) { put("require " + c(x.condition)); }
    void node(const Forbid& x) { put("forbid " + c(x.condition)); }
    void node(const Rule& x) { nested("rule " + n(x.id) + " " + n(x.severity) + " " + t(x.message), x.statements); }
    void node(const Ruleset& x) { nested("ruleset " + n(x.name) + (x.title ? " " + t(*x.title) : ""), x.statements); }
};

// The text without what the layout may change, to compare a file with its
// formatted version: blanks, comments, ',' and ';' dropped, weekdays
// shortened, '×' as 'x', leading zeros of numbers dropped (`8:00` and
// `08:00`); strings kept byte for byte. The formatter prints every token
// from the syntax tree, so this catches a tree that lost a piece of what
// the user wrote, which the comparison of trees cannot.
std::string significant_text(std::string_view t)
{
    static const std::map<std::string, std::string, std::less<>> weekdays = {
        {"monday", "mon"}, {"tuesday", "tue"}, {"wednesday", "wed"}, {"thursday", "thu"},
        {"friday", "fri"}, {"saturday", "sat"}, {"sunday", "sun"}};
    auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; };
    std::string out;
    for (std::size_t i = 0; i < t.size();) {
        const char c = t[i];
        if (c == '"') {
            std::size_t end = i + 1;
            while (end < t.size() && t[end] != '"' && t[end] != '\n') end += (t[end] == '\\' && end + 1 < t.size()) ? 2 : 1;
            end = std::min(end + 1, t.size());
            out.append(t.substr(i, end - i));
            i = end;
        }
        else if (c == '#') {
            while (i < t.size() && t[i] != '\n') ++i;
        }
        else if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == ',' || c == ';') {
            ++i;
        }
        else if (t.compare(i, 2, "\xC3\x97") == 0) {  // ×
            out += 'x';
            i += 2;
        }
        else if (std::isdigit(static_cast<unsigned char>(c))) {
            std::size_t end = i;
            while (end < t.size() && std::isdigit(static_cast<unsigned char>(t[end]))) ++end;
            std::size_t first = i;
            while (first + 1 < end && t[first] == '0') ++first;
            out.append(t.substr(first, end - first));
            i = end;
        }
        else if (std::isalpha(static_cast<unsigned char>(c))) {
            std::size_t end = i;
            while (end < t.size() && is_word(t[end])) ++end;
            const auto word = t.substr(i, end - i);
            const auto day = weekdays.find(word);
            out.append(day != weekdays.end() ? std::string_view(day->second) : word);
            i = end;
        }
        else {
            out += c;
            ++i;
        }
    }
    return out;
}

std::map<std::string, int> comment_counts(const File& f)
{
    std::map<std::string, int> counts;
    for (const auto& c : f.all_comments) ++counts[c.text];
    return counts;
}

}  // namespace

std::string format(const File& file)
{
    Printer printer;
    return printer.file(file);
}

std::string dump(const File& file)
{
    Dumper dumper;
    dumper.file(file);
    return dumper.out;
}

std::optional<std::string> verify(const File& original, const std::string& formatted)
{
    const Source source{original.source ? original.source->path : std::string("<formatted>"), formatted};
    const ParseResult again = parse(source);
    if (has_errors(again.diagnostics)) {
        const auto& d = again.diagnostics.front();
        return "the formatted text does not parse (line " + std::to_string(d.span.line) + ": " + d.message + ")";
    }
    if (comment_counts(original) != comment_counts(again.file)) return "formatting would lose or duplicate a comment";
    if (dump(original) != dump(again.file)) return "formatting would change the syntax tree";
    if (original.source && significant_text(original.source->text) != significant_text(formatted))
        return "formatting would change the text beyond its layout";
    return std::nullopt;
}

std::size_t display_width(std::string_view text)
{
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        if (i + length > text.size()) length = 1;
        std::uint32_t cp = length == 1 ? c : c & (0x7F >> length);
        for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        i += length;
        const bool zero = (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
                          (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F) || (cp >= 0x200B && cp <= 0x200F) ||
                          (cp >= 0xFE00 && cp <= 0xFE0F);
        const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
                          (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
                          (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
                          (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
                          (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
        width += zero ? 0 : wide ? 2 : 1;
    }
    return width;
}

}  // namespace meso::format
