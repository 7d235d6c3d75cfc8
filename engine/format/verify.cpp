#include "engine/format/format.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "engine/base/overloaded.h"
#include "engine/format/tokens.h"
#include "grammar/parse.h"

namespace meso::format {

namespace {

using namespace syntax;
using namespace tokens;

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

    template <typename Statement> void nested(const std::string& head, const std::vector<Statement>& statements)
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
        return "quantity(" + x.amount.text + (std::signbit(x.amount.value) ? " negative" : "") + " unit " + canonical_spelling(x.unit) +
               " as '" + x.unit_text + "')";
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
        std::string s = x.kind == Load::Kind::effort ? std::string("effort")
                        : x.kind == Load::Kind::mass ? "mass " + q(x.from)
                                                     : "percent " + q(x.from);
        if (x.to) s += " to " + q(*x.to);
        if (x.of_training_max) s += " of-training-max";
        if (x.per_week) s += " per-week " + q(x.per_week->step);
        if (x.effort) s += std::string(x.effort->kind == Effort::Kind::rpe ? " rpe " : " rir ") + num(x.effort->value);
        return s;
    }
    static std::string r(const Reps& x)
    {
        if (x.length) return "timed " + q(*x.length);
        return num(x.count) + (x.most ? " to " + num(*x.most) : "") + (x.amrap ? " amrap" : "");
    }
    static std::string sch(const Scheme& x)
    {
        std::string s = x.form == Scheme::Form::sets_x_reps ? "sets " + num(x.sets) + " reps" : "rep-list";
        for (const auto& reps : x.reps) s += " " + r(reps);
        return s;
    }
    static std::string groups(const std::vector<SetGroup>& x)
    {
        std::string s;
        for (const auto& g : x) s += " (group " + l(g.load) + " " + sch(g.scheme) + ")";
        return s;
    }
    static std::string v(const Value& x)
    {
        return std::visit(overloaded{
                              [](const Quantity& y) { return q(y); },
                              [](const Number& y) { return num(y); },
                              [](const Name& y) { return n(y); },
                          },
                          x.node);
    }
    static std::string c(const Condition& x)
    {
        return std::visit(
            overloaded{
                [](const Comparison& y) { return "(compare " + n(y.metric) + " " + to_string(y.op) + " " + v(y.value) + ")"; },
                [](const Between& y) { return "(between " + n(y.metric) + " " + v(y.low) + " " + v(y.high) + ")"; },
                [](const Quantified& y) {
                    return std::string(y.every ? "(every " : "(any ") + (y.weeks ? "week " : "") + c(*y.body) + ")";
                },
                [](const AthleteHas& y) {
                    return std::string(y.of_class ? "(athlete-has-class " : "(athlete-has ") + n(y.condition) + ")";
                },
                [](const Not& y) { return "(not " + c(*y.operand) + ")"; },
                [](const Logical& y) { return std::string(y.is_and ? "(and " : "(or ") + c(*y.left) + " " + c(*y.right) + ")"; },
                [](const Parenthesized& y) { return "(parenthesized " + c(*y.inner) + ")"; },
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
        put(std::string("cuff") + (x.limb ? " limb " + n(*x.limb) : "") + (x.pressure ? " pressure " + q(*x.pressure) : "") +
            (x.width ? " width " + q(*x.width) : ""));
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
    void node(const Rotation& x) { nested("rotate" + (x.policy ? " " + n(*x.policy) : std::string()), x.workouts); }
    void node(const Workout& x) { nested("workout " + t(x.name), x.body.statements); }
    void node(const Alternation& x) { nested("alternate", x.patterns); }
    void node(const WeekPattern& x) { nested("pattern " + t(x.name), x.body.statements); }
    void node(const Allow& x) { put("allow " + n(x.rule) + " " + t(x.reason)); }
    void node(const NoteStatement& x) { put("note " + t(x.text)); }
    void node(const Prescription& x)
    {
        put("prescription " + n(x.exercise) + " " + sch(x.scheme) + (x.load ? " load " + l(*x.load) : "") +
            (x.load_first ? " load-first" : "") + groups(x.more_groups) + (x.warm_up.empty() ? "" : " warm-up" + groups(x.warm_up)) +
            (x.each_side ? " each-side" : "") + (x.rest ? " rest " + q(*x.rest) : ""));
    }
    void node(const Superset& x) { nested(n(x.keyword) + (x.rest ? " rest " + q(*x.rest) : ""), x.body.statements); }
    void node(const TrainingMax& x) { put("training-max" + (x.exercise ? " " + n(*x.exercise) : "") + " " + q(x.amount)); }
    void node(const Use& x) { put("use " + n(x.module)); }
    void node(const Max& x) { put("max " + n(x.exercise) + " " + q(x.mass)); }
    void node(const Round& x) { put("round " + q(x.step)); }
    void node(const Bar& x) { put("bar " + q(x.mass)); }
    void node(const Plates& x)
    {
        std::string s = "plates";
        for (const auto& item : x.items) s += " " + (item.count ? num(*item.count) + " of " : std::string()) + num(item.mass);
        put(s + " unit " + canonical_spelling(x.unit) + " as '" + x.unit_text + "'");
    }
    void node(const Equipment& x)
    {
        std::string s = "equipment " + n(x.kind);
        for (const auto& e : x.exercises) s += " " + n(e);
        put(s + (x.step ? " step " + q(*x.step) : ""));
    }
    void node(const ConditionList& x)
    {
        std::string s = "condition";
        for (const auto& c : x.names) s += " " + n(c);
        put(s);
    }
    void node(const Aop& x) { put("aop " + n(x.limb) + " " + q(x.pressure) + (x.width ? " width " + q(*x.width) : "")); }
    void node(const Cleared& x) { put("cleared " + n(x.rule) + " " + t(x.by)); }
    void node(const Athlete& x) { nested("athlete " + t(x.name), x.statements); }
    void node(const HealthConditionDeclaration& x) { nested("condition " + n(x.name) + " " + t(x.description), x.statements); }
    void node(const ConditionClass& x) { put("class " + n(x.value)); }
    void node(const ConditionAliases& x)
    {
        std::string s = "alias";
        for (const auto& a : x.names) s += " " + n(a);
        put(s);
    }
    void node(const Start& x) { put("start " + date(x.date)); }
    void node(const End& x) { put("end " + date(x.date)); }
    void node(const Competition& x) { put("competition " + date(x.date) + " " + t(x.name)); }
    void node(const Timezone& x) { put("timezone " + n(x.zone) + (x.floating ? " floating" : "")); }
    void node(const Coach& x) { put("coach " + t(x.name) + (x.email ? " email " + t(*x.email) : "")); }
    void node(const CalendarId& x) { put("calendar-id " + t(x.id)); }
    void node(const Skip& x) { put("skip " + date_range(x.dates) + (x.reason ? " " + t(*x.reason) : "")); }
    void node(const Pause& x) { put("pause " + date_range(x.dates) + (x.reason ? " " + t(*x.reason) : "")); }
    void node(const BlockUse& x)
    {
        std::string s = std::string("block") + (x.then ? " then" : "") + " " + q(x.length) + " " + n(x.target) +
                        (x.as_name ? " as " + t(*x.as_name) : "");
        if (x.body) nested(s, x.body->statements);
        else put(s);
    }
    void node(const Repeat& x) { nested("repeat " + x.count.text, x.statements); }
    void node(const CycleRaise& x) { put("cycle-raise " + n(x.exercise) + " " + q(x.step)); }
    void node(const Program& x)
    {
        std::string head = "program " + t(x.name);
        for (std::size_t i = 0; i < x.athletes.size(); ++i) head += (i == 0 ? " for " : ", ") + t(x.athletes[i]);
        nested(head, x.statements);
    }
    void node(const GroupMembers& x)
    {
        std::string s = "members";
        for (const auto& name : x.names) s += " " + t(name);
        put(s);
    }
    void node(const Group& x) { nested("group " + t(x.name), x.statements); }
    void node(const Template& x) { nested("template " + n(x.name) + (x.title ? " " + t(*x.title) : ""), x.body.statements); }
    void node(const SourceStatement& x) { put("source " + (x.firmness ? n(*x.firmness) + " " : std::string()) + t(x.citation)); }
    void node(const Applies& x)
    {
        put(std::string(x.bfr_blocks ? "applies bfr" : "applies") + (x.where ? " where " + c(*x.where) : std::string()));
    }
    void node(const AllowNever&) { put("allow never"); }
    void node(const Replaces& x)
    {
        std::string ids;
        for (const auto& id : x.ids) ids += " " + n(id);
        put("replaces" + ids);
    }
    void node(const Require& x) { put("require " + c(x.condition)); }
    void node(const Forbid& x) { put("forbid " + c(x.condition)); }
    void node(const Rule& x) { nested("rule " + n(x.id) + " " + n(x.severity) + " " + t(x.message), x.statements); }
    void node(const Ruleset& x) { nested("ruleset " + n(x.name) + (x.title ? " " + t(*x.title) : ""), x.statements); }
};

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Each appends the token at t[i] as significant_text keeps it and returns
// where the token ends.
std::size_t append_string(std::string& out, std::string_view t, std::size_t i)
{
    std::size_t end = i + 1;
    while (end < t.size() && t[end] != '"' && t[end] != '\n') end += (t[end] == '\\' && end + 1 < t.size()) ? 2 : 1;
    end = std::min(end + 1, t.size());
    out.append(t.substr(i, end - i));
    return end;
}

std::size_t append_number(std::string& out, std::string_view t, std::size_t i)
{
    std::size_t end = i;
    while (end < t.size() && is_digit(t[end])) ++end;
    std::size_t first = i;
    while (first + 1 < end && t[first] == '0') ++first;
    out.append(t.substr(first, end - first));
    return end;
}

std::size_t append_word(std::string& out, std::string_view t, std::size_t i)
{
    static const std::map<std::string, std::string, std::less<>> weekdays = {{"monday", "mon"},   {"tuesday", "tue"}, {"wednesday", "wed"},
                                                                             {"thursday", "thu"}, {"friday", "fri"},  {"saturday", "sat"},
                                                                             {"sunday", "sun"}};
    auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; };
    std::size_t end = i;
    while (end < t.size() && is_word(t[end])) ++end;
    const auto word = t.substr(i, end - i);
    const auto day = weekdays.find(word);
    out.append(day != weekdays.end() ? std::string_view(day->second) : word);
    return end;
}

// The text without what the layout may change, to compare a file with its
// formatted version: blanks, comments, ',' and ';' dropped, weekdays
// shortened, '×' as 'x', an 'x' before a digit apart from it (`20% x030`
// is 'x' and a number, as `20% x 030` is), leading zeros of numbers
// dropped (`8:00` and `08:00`); strings kept byte for byte. The formatter
// prints every token from the syntax tree, so this catches a tree that
// lost a piece of what the user wrote, which the comparison of trees cannot.
std::string significant_text(std::string_view t)
{
    std::string out;
    for (std::size_t i = 0; i < t.size();) {
        const char c = t[i];
        if (c == '"') i = append_string(out, t, i);
        else if (c == '#') i = std::min(t.find('\n', i), t.size());  // npos past the end
        else if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == ',' || c == ';') ++i;
        else if (t.compare(i, 2, "\xC3\x97") == 0 || (c == 'x' && i + 1 < t.size() && is_digit(t[i + 1]))) {  // ×, or x5
            out += 'x';
            i += c == 'x' ? 1 : 2;
        }
        else if (is_digit(c)) i = append_number(out, t, i);
        else if (std::isalpha(static_cast<unsigned char>(c))) i = append_word(out, t, i);
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

}  // namespace meso::format
