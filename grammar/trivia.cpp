#include "grammar/trivia.h"

#include <algorithm>
#include <string>
#include <type_traits>
#include <variant>

namespace meso::grammar {

namespace {

// The bytes the scan below looks at; the others are skipped by a table
// look-up each.
struct ScanStops {
    bool is[256] = {};
    constexpr ScanStops()
    {
        for (const char c : {'\n', '"', '#', '\\'}) is[static_cast<unsigned char>(c)] = true;
    }
};
constexpr ScanStops scan_stops;

// Every comment of the text, found by a scan that skips strings; lines and
// columns are counted on the way (one pass, whatever the number of comments).
std::vector<syntax::Comment> scan_comments(const Source& source, std::size_t start)
{
    std::vector<syntax::Comment> out;
    const std::string& t = source.text;
    bool in_string = false;
    std::uint32_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = start; i < t.size(); ++i) {
        while (i < t.size() && !scan_stops.is[static_cast<unsigned char>(t[i])]) ++i;
        if (i == t.size()) break;
        const char c = t[i];
        if (c == '\n') {
            ++line;
            line_start = i + 1;
            in_string = false;
            continue;
        }
        if (in_string) {
            if (c == '\\' && i + 1 < t.size() && t[i + 1] != '\n') ++i;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '#') {
            std::size_t end = t.find('\n', i);
            if (end == std::string::npos) end = t.size();
            std::size_t trimmed = end;
            while (trimmed > i && (t[trimmed - 1] == ' ' || t[trimmed - 1] == '\t' || t[trimmed - 1] == '\r')) --trimmed;
            syntax::Comment comment;
            comment.span = Span{&source, line, static_cast<std::uint32_t>(i - line_start + 1), static_cast<std::uint32_t>(i),
                                static_cast<std::uint32_t>(trimmed)};
            comment.text = t.substr(i, trimmed - i);
            out.push_back(std::move(comment));
            i = end - 1;  // the new line is counted by the loop
        }
    }
    return out;
}

// Is there an empty line (only blanks) between byte offsets a and b?
bool blank_line_between(const std::string& t, std::size_t a, std::size_t b)
{
    bool seen_newline = false;
    bool only_blanks = false;
    for (std::size_t i = a; i < b && i < t.size(); ++i) {
        const char c = t[i];
        if (c == '\n') {
            if (seen_newline && only_blanks) return true;
            seen_newline = true;
            only_blanks = true;
        }
        else if (c != ' ' && c != '\t' && c != '\r') {
            only_blanks = false;
            if (seen_newline) return false;
        }
    }
    return false;
}

std::uint32_t line_of_end(const Span& s)
{
    std::uint32_t line = s.line;
    const auto text = s.text();
    for (char c : text)
        if (c == '\n') ++line;
    return line;
}

// Statements that hold no statements of their own: nothing to descend
// into. With the descend() overloads below this covers every statement
// kind; a new kind is listed here or given an overload, or the build fails.
template <typename T, typename... Kinds> inline constexpr bool is_one_of = (std::is_same_v<T, Kinds> || ...);
template <typename T> inline constexpr bool has_no_body =
    is_one_of<T, syntax::Use, syntax::Max, syntax::Round, syntax::TrainingMax, syntax::ConditionList, syntax::Start, syntax::End,
              syntax::Competition, syntax::Timezone, syntax::Coach, syntax::CalendarId, syntax::Skip, syntax::Pause, syntax::Method,
              syntax::Days, syntax::Sessions, syntax::Occlusion, syntax::Cuff, syntax::Allow, syntax::NoteStatement, syntax::Prescription,
              syntax::SourceStatement, syntax::Applies, syntax::Require, syntax::Forbid, syntax::Aop, syntax::Cleared,
              syntax::ConditionClass, syntax::ConditionAliases, syntax::AllowNever, syntax::Replaces, syntax::GroupMembers, syntax::Bar,
              syntax::Plates, syntax::Equipment, syntax::CycleRaise>;

// Gives each statement its comments and blank lines, level by level: a
// body's comments go to the statements of that body, not to those nested
// deeper.
class TriviaAttacher {
public:
    TriviaAttacher(const Source& source, std::vector<syntax::Comment> comments) : source_(source), comments_(std::move(comments)) {}

    void file(syntax::File& f);

private:
    struct Item {
        Span span;
        syntax::Trivia* trivia;
    };
    const Source& source_;
    std::vector<syntax::Comment> comments_;

    void level(std::uint32_t lo, std::uint32_t hi, std::vector<Item>& items, syntax::Braces* braces,
               std::vector<syntax::Comment>& end_comments);

    template <typename Statements> void body_level(syntax::Braces& braces, Statements& statements)
    {
        std::vector<Item> items;
        for (auto& s : statements) std::visit([&](auto& n) { items.push_back({n.span, &n.trivia}); }, s.node);
        level(braces.span.begin + 1, braces.span.end > 0 ? braces.span.end - 1 : 0, items, &braces, braces.end_comments);
        for (auto& s : statements) std::visit([&](auto& n) { descend(n); }, s.node);
    }

    void descend(syntax::Athlete& a) { body_level(a.braces, a.statements); }
    void descend(syntax::Program& p) { body_level(p.braces, p.statements); }
    void descend(syntax::Group& g) { body_level(g.braces, g.statements); }
    void descend(syntax::Template& t) { body_level(t.body.braces, t.body.statements); }
    void descend(syntax::Ruleset& r) { body_level(r.braces, r.statements); }
    void descend(syntax::Rule& r) { body_level(r.braces, r.statements); }
    void descend(syntax::HealthConditionDeclaration& h) { body_level(h.braces, h.statements); }
    void descend(syntax::BlockUse& b);
    void descend(syntax::Repeat& r) { body_level(r.braces, r.statements); }
    void descend(syntax::WeekOverride& w);
    void descend(syntax::Split& s) { body_level(s.body.braces, s.body.statements); }
    void descend(syntax::Rotation& r) { body_level(r.braces, r.workouts); }
    void descend(syntax::Workout& w) { body_level(w.body.braces, w.body.statements); }
    void descend(syntax::Alternation& a) { body_level(a.braces, a.patterns); }
    void descend(syntax::WeekPattern& p) { body_level(p.body.braces, p.body.statements); }
    void descend(syntax::Superset& s) { body_level(s.body.braces, s.body.statements); }
    template <typename T> void descend(T&) { static_assert(has_no_body<T>, "a statement kind with a body needs its descend()"); }
};

void TriviaAttacher::file(syntax::File& f)
{
    std::vector<Item> items;
    for (auto& s : f.statements) std::visit([&](auto& n) { items.push_back({n.span, &n.trivia}); }, s.node);
    level(0, static_cast<std::uint32_t>(source_.text.size()) + 1, items, nullptr, f.end_comments);
    for (auto& s : f.statements) std::visit([&](auto& n) { descend(n); }, s.node);
    f.all_comments = std::move(comments_);  // the last use
}

// Comments in [lo, hi) that lie outside every item belong to this level.
void TriviaAttacher::level(std::uint32_t lo, std::uint32_t hi, std::vector<Item>& items, syntax::Braces* braces,
                           std::vector<syntax::Comment>& end_comments)
{
    auto first = std::lower_bound(comments_.begin(), comments_.end(), lo,
                                  [](const syntax::Comment& c, std::uint32_t at) { return c.span.begin < at; });
    std::size_t idx = 0;
    std::uint32_t previous_end = lo;
    for (auto it = first; it != comments_.end() && it->span.begin < hi; ++it) {
        while (idx < items.size() && items[idx].span.end <= it->span.begin) {
            previous_end = items[idx].span.end;
            ++idx;
        }
        if (idx < items.size() && it->span.begin >= items[idx].span.begin) continue;  // inside: a deeper level
        syntax::Comment c = *it;
        c.blank_line_before = blank_line_between(source_.text, previous_end, c.span.begin);
        if (idx > 0 && c.span.line == line_of_end(items[idx - 1].span) && !items[idx - 1].trivia->trailing) {
            items[idx - 1].trivia->trailing = c;
        }
        else if (idx == 0 && braces && c.span.line == braces->span.line && !braces->open_comment) {
            braces->open_comment = c;
        }
        else if (idx < items.size()) {
            items[idx].trivia->leading.push_back(c);
        }
        else {
            end_comments.push_back(c);
        }
        previous_end = c.span.end;
    }
    // Blank lines before each statement (before its leading comments, if any).
    std::uint32_t before = lo;
    for (auto& item : items) {
        const std::uint32_t first_begin = item.trivia->leading.empty() ? item.span.begin : item.trivia->leading.front().span.begin;
        item.trivia->blank_line_before = blank_line_between(source_.text, before, first_begin);
        before = item.trivia->trailing ? item.trivia->trailing->span.end : item.span.end;
    }
}

void TriviaAttacher::descend(syntax::BlockUse& b)
{
    if (b.body) body_level(b.body->braces, b.body->statements);
}

void TriviaAttacher::descend(syntax::WeekOverride& w)
{
    if (w.body) body_level(w.body->braces, w.body->statements);
}

}  // namespace

void attach_trivia(const Source& source, std::size_t start, syntax::File& file)
{
    TriviaAttacher attacher(source, scan_comments(source, start));
    attacher.file(file);
}

}  // namespace meso::grammar
