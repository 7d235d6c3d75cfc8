#include "engine/format/format.h"

#include <algorithm>
#include <cmath>

#include "engine/base/text.h"
#include "engine/format/tokens.h"

namespace meso::format {

namespace {

using namespace syntax;
using namespace tokens;

// A body written on one line stays on one line only if the whole line fits.
constexpr std::size_t inline_body_width = 80;
// The least space between code and its trailing comment.
constexpr const char* comment_gap = "  ";

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
    if (p.load_first && p.load) c.scheme = set_groups(*p.load, p.scheme, p.more_groups);
    else {
        c.scheme = scheme(p.scheme);
        if (p.load) c.load = "@ " + load(*p.load);
    }
    // `each side` and the warm-up go with the load (or the scheme, without one), before the rest's column.
    std::string& tail = c.load.empty() ? c.scheme : c.load;
    if (p.each_side) tail += " each side";
    if (!p.warm_up.empty())
        tail += " warm-up " + set_groups(p.warm_up.front().load, p.warm_up.front().scheme, {p.warm_up.begin() + 1, p.warm_up.end()});
    if (p.rest) c.rest = "rest " + quantity(*p.rest);
    return c;
}

std::string padded(const std::string& text, std::size_t width)
{
    const std::size_t w = display_width(text);
    return w >= width ? text : text + std::string(width - w, ' ');
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
    bool blank_after_comments = false;       // an empty line between its leading comments and itself
    bool joined = false;                     // `then` on the line of the block before
    bool block = false;                      // a block of a program (which a joined block may follow)
    std::vector<std::string> lines;          // indented; several when it has a spread-out body
    std::optional<PrescriptionCells> cells;  // for a prescription: lines[0] is rebuilt from them
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

    template <typename Statement> void add(std::vector<Chunk>& chunks, const Statement& s, int depth)
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
    std::vector<std::string> with_body(const std::string& header, const Braces& braces, const std::vector<Statement>& statements, int depth)
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
        return line("cuff " + (n.limb ? name(*n.limb) + " " : std::string()) + (n.pressure ? quantity(*n.pressure) : std::string()), d);
    }
    std::vector<std::string> render(const WeekOverride& n, int d)
    {
        std::string header = "week";
        for (std::size_t i = 0; i < n.weeks.size(); ++i) header += (i == 0 ? " " : ", ") + week_item(n.weeks[i]);
        if (n.deload || !n.body) return line(header + " deload", d);
        return with_body(header, n.body->braces, n.body->statements, d);
    }
    std::vector<std::string> render(const Split& n, int d) { return with_body(weekdays(n.days), n.body.braces, n.body.statements, d); }
    std::vector<std::string> render(const Rotation& n, int d)
    {
        return with_body(n.policy ? "rotate " + name(*n.policy) : std::string("rotate"), n.braces, n.workouts, d);
    }
    std::vector<std::string> render(const Workout& n, int d) { return with_body(quote(n.name.value), n.body.braces, n.body.statements, d); }
    std::vector<std::string> render(const Alternation& n, int d) { return with_body("alternate", n.braces, n.patterns, d); }
    std::vector<std::string> render(const WeekPattern& n, int d)
    {
        return with_body(quote(n.name.value), n.body.braces, n.body.statements, d);
    }
    std::vector<std::string> render(const Superset& n, int d)
    {
        auto lines = with_body(n.keyword.text, n.body.braces, n.body.statements, d);
        if (n.rest && !lines.empty()) lines.back() += " rest " + quantity(*n.rest);
        return lines;
    }
    std::vector<std::string> render(const Allow& n, int d) { return line("allow " + name(n.rule) + " " + quote(n.reason.value), d); }
    std::vector<std::string> render(const NoteStatement& n, int d) { return line("note " + quote(n.text.value), d); }
    // ---- top level

    std::vector<std::string> render(const Use& n, int d) { return line("use " + name(n.module), d); }
    std::vector<std::string> render(const Max& n, int d) { return line("max " + name(n.exercise) + " " + quantity(n.mass), d); }
    std::vector<std::string> render(const Round& n, int d) { return line("round " + quantity(n.step), d); }
    std::vector<std::string> render(const TrainingMax& n, int d)
    {
        return line("training-max " + (n.exercise ? name(*n.exercise) + " " : std::string()) + quantity(n.amount), d);
    }
    std::vector<std::string> render(const Bar& n, int d) { return line("bar " + quantity(n.mass), d); }
    std::vector<std::string> render(const Plates& n, int d) { return line("plates " + plates(n), d); }
    std::vector<std::string> render(const Equipment& n, int d)
    {
        std::string text = name(n.kind);
        for (std::size_t i = 0; i < n.exercises.size(); ++i) text += (i == 0 ? " " : ", ") + name(n.exercises[i]);
        return line(text + (n.step ? " step " + quantity(*n.step) : std::string()), d);
    }
    std::vector<std::string> render(const ConditionList& n, int d)
    {
        std::string text = "condition";
        for (std::size_t i = 0; i < n.names.size(); ++i) text += (i == 0 ? " " : ", ") + name(n.names[i]);
        return line(text, d);
    }
    std::vector<std::string> render(const Aop& n, int d)
    {
        return line("aop " + name(n.limb) + " " + quantity(n.pressure) + (n.width ? " width " + quantity(*n.width) : std::string()), d);
    }
    std::vector<std::string> render(const Cleared& n, int d) { return line("cleared " + name(n.rule) + " " + quote(n.by.value), d); }
    std::vector<std::string> render(const Athlete& n, int d)
    {
        return with_body("athlete " + quote(n.name.value), n.braces, n.statements, d);
    }
    std::vector<std::string> render(const GroupMembers& n, int d)
    {
        std::string text;
        for (std::size_t i = 0; i < n.names.size(); ++i) text += (i == 0 ? "" : ", ") + quote(n.names[i].value);
        return line(text, d);
    }
    std::vector<std::string> render(const Group& n, int d) { return with_body("group " + quote(n.name.value), n.braces, n.statements, d); }
    std::vector<std::string> render(const Start& n, int d) { return line("start " + date(n.date), d); }
    std::vector<std::string> render(const End& n, int d) { return line("end " + date(n.date), d); }
    std::vector<std::string> render(const Competition& n, int d)
    {
        return line("competition " + date(n.date) + " " + quote(n.name.value), d);
    }
    std::vector<std::string> render(const Timezone& n, int d) { return line("timezone " + n.zone.text, d); }
    std::vector<std::string> render(const Coach& n, int d)
    {
        std::string text = "coach " + quote(n.name.value);
        if (n.email) text += " <" + n.email->value + ">";
        return line(text, d);
    }
    std::vector<std::string> render(const CalendarId& n, int d) { return line("calendar-id " + quote(n.id.value), d); }
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
    std::vector<std::string> render(const Repeat& n, int d) { return with_body("repeat " + n.count.text, n.braces, n.statements, d); }
    std::vector<std::string> render(const CycleRaise& n, int d)
    {
        return line(
            "training-max " + name(n.exercise) + (std::signbit(n.step.amount.value) ? " -" : " +") + quantity(n.step) + " per cycle", d);
    }
    std::vector<std::string> render(const Program& n, int d)
    {
        std::string header = "program " + quote(n.name.value);
        for (std::size_t i = 0; i < n.athletes.size(); ++i) header += (i == 0 ? " for " : ", ") + quote(n.athletes[i].value);
        return with_body(header, n.braces, n.statements, d);
    }
    std::vector<std::string> render(const Template& n, int d)
    {
        std::string header = "template " + name(n.name);
        if (n.title) header += " " + quote(n.title->value);
        return with_body(header, n.body.braces, n.body.statements, d);
    }

    // ---- health conditions

    std::vector<std::string> render(const HealthConditionDeclaration& n, int d)
    {
        return with_body("condition " + name(n.name) + " " + quote(n.description.value), n.braces, n.statements, d);
    }
    std::vector<std::string> render(const ConditionClass& n, int d) { return line("class " + name(n.value), d); }
    std::vector<std::string> render(const ConditionAliases& n, int d)
    {
        std::string text = "alias";
        for (std::size_t i = 0; i < n.names.size(); ++i) text += (i == 0 ? " " : ", ") + name(n.names[i]);
        return line(text, d);
    }

    // ---- rule sets

    std::vector<std::string> render(const SourceStatement& n, int d)
    {
        return line("source " + (n.firmness ? name(*n.firmness) + " " : std::string()) + quote(n.citation.value), d);
    }
    std::vector<std::string> render(const Applies& n, int d)
    {
        return line(std::string(n.bfr_blocks ? "applies to bfr blocks" : "applies to blocks") +
                        (n.where ? " where " + condition(*n.where) : std::string()),
                    d);
    }
    std::vector<std::string> render(const AllowNever&, int d) { return line("allow never", d); }
    std::vector<std::string> render(const Replaces& n, int d)
    {
        std::string ids;
        for (const auto& id : n.ids) ids += (ids.empty() ? "" : ", ") + name(id);
        return line("replaces " + ids, d);
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

}  // namespace

std::string format(const File& file)
{
    Printer printer;
    return printer.file(file);
}

}  // namespace meso::format
