// The walk of the spans test (spans_test.cpp): for every node of a syntax
// tree, the text its span names is the construct itself — what an error
// caret will underline and what a formatter can copy back.
#pragma once

#include "tests/grammar/span_walker_core.h"

namespace meso::grammar_test {

class SpanWalker : public SpanWalkerCore {
public:
    explicit SpanWalker(const Source& source) : SpanWalkerCore(source) {}

    void file(const File& f)
    {
        for (const auto& s : f.statements) std::visit([&](const auto& n) { top(n); }, s.node);
        for (const auto& c : f.end_comments) comment(c);
    }

private:
    void braces(const Braces& b)
    {
        const auto text = span(b.span, "Braces");
        CHECK(starts_with(text, "{"));
        CHECK(ends_with(text, "}"));
        CHECK(b.single_line == (text.find('\n') == std::string_view::npos));
        if (b.open_comment) comment(*b.open_comment);
        for (const auto& c : b.end_comments) comment(c);
    }

    void body(const Body& b)
    {
        braces(b.braces);
        for (const auto& s : b.statements) std::visit([&](const auto& n) { block_statement(n); }, s.node);
    }

    // A statement that ends with its body: from its keyword to the '}'.
    void with_body(const Span& s, const char* kind, std::string_view keyword, const Braces& b)
    {
        const auto text = span(s, kind);
        CHECK(starts_with(text, keyword));
        CHECK(ends_with(text, b.span.text()));
    }

    void block_statement(const Method& m)
    {
        one_line(m.span, "Method", "method ");
        name(m.value);
        trivia(m.trivia);
    }
    void block_statement(const Days& d)
    {
        CHECK(ends_with(one_line(d.span, "Days", "days "), d.days.span.text()));
        weekdays(d.days);
        trivia(d.trivia);
    }
    void block_statement(const Sessions& s)
    {
        one_line(s.span, "Sessions", "sessions ");
        for (const auto& t : s.times) clock_time(t);
        if (s.length) quantity(*s.length);
        trivia(s.trivia);
    }
    void block_statement(const Occlusion& o)
    {
        one_line(o.span, "Occlusion", "occlusion ");
        name(o.mode);
        trivia(o.trivia);
    }
    void block_statement(const Cuff& c)
    {
        const auto text = one_line(c.span, "Cuff", "cuff ");
        if (c.limb) {
            name(*c.limb);
            CHECK(starts_with(text.substr(5), c.limb->span.text()));
        }
        if (c.pressure) {
            quantity(*c.pressure);
            CHECK(ends_with(text, c.pressure->span.text()));
        }
        if (c.width) {
            quantity(*c.width);
            CHECK(ends_with(text, c.width->span.text()));
        }
        trivia(c.trivia);
    }
    void block_statement(const WeekOverride& w)
    {
        for (const auto& item : w.weeks) CHECK(std::isdigit(static_cast<unsigned char>(span(item.span, "WeekItem").front())));
        if (w.body) {
            with_body(w.span, "WeekOverride", "week ", w.body->braces);
            body(*w.body);
        }
        else {
            CHECK(ends_with(one_line(w.span, "WeekOverride", "week "), "deload"));
        }
        trivia(w.trivia);
    }
    void block_statement(const Split& s)
    {
        weekdays(s.days);
        with_body(s.span, "Split", s.days.span.text(), s.body.braces);
        body(s.body);
        trivia(s.trivia);
    }
    void block_statement(const Rotation& r)
    {
        with_body(r.span, "Rotation", "rotate", r.braces);
        if (r.policy) name(*r.policy);
        for (const auto& statement : r.workouts) {
            const auto& w = std::get<Workout>(statement.node);
            text(w.name);
            with_body(w.span, "Workout", w.name.span.text(), w.body.braces);
            body(w.body);
            trivia(w.trivia);
        }
        trivia(r.trivia);
    }
    void block_statement(const Alternation& a)
    {
        with_body(a.span, "Alternation", "alternate", a.braces);
        for (const auto& statement : a.patterns) {
            const auto& p = std::get<WeekPattern>(statement.node);
            text(p.name);
            with_body(p.span, "WeekPattern", p.name.span.text(), p.body.braces);
            body(p.body);
            trivia(p.trivia);
        }
        trivia(a.trivia);
    }
    void block_statement(const Allow& a)
    {
        CHECK(ends_with(one_line(a.span, "Allow", "allow "), a.reason.span.text()));
        name(a.rule);
        text(a.reason);
        trivia(a.trivia);
    }
    void block_statement(const NoteStatement& n)
    {
        CHECK(ends_with(one_line(n.span, "Note", "note "), n.text.span.text()));
        text(n.text);
        trivia(n.trivia);
    }
    void block_statement(const Prescription& p) { prescription(p); }
    void block_statement(const Superset& s)
    {
        // From its keyword to the '}', or to the rest after it.
        const auto text = span(s.span, "Superset");
        CHECK(starts_with(text, s.keyword.span.text()));
        CHECK(text.find(s.body.braces.span.text()) != std::string_view::npos);
        body(s.body);
        if (s.rest) {
            quantity(*s.rest);
            CHECK(ends_with(text, s.rest->span.text()));
        }
        else CHECK(ends_with(text, s.body.braces.span.text()));
        trivia(s.trivia);
    }

    // ---- top level

    void top(const Use& u)
    {
        CHECK(ends_with(one_line(u.span, "Use", "use "), u.module.span.text()));
        name(u.module);
        trivia(u.trivia);
    }
    bool equipment(const AthleteStatement& s);  // span_walker_equipment.h
    void top(const Athlete& a)
    {
        with_body(a.span, "Athlete", "athlete ", a.braces);
        text(a.name);
        braces(a.braces);
        trivia(a.trivia);
        for (const auto& s : a.statements) {
            if (auto* m = std::get_if<Max>(&s.node)) {
                CHECK(ends_with(one_line(m->span, "Max", "max "), m->mass.span.text()));
                name(m->exercise);
                quantity(m->mass);
                trivia(m->trivia);
            }
            else if (auto* tm = std::get_if<TrainingMax>(&s.node)) {
                CHECK(ends_with(one_line(tm->span, "TrainingMax", "training-max "), tm->amount.span.text()));
                if (tm->exercise) name(*tm->exercise);
                quantity(tm->amount);
                trivia(tm->trivia);
            }
            else if (auto* r = std::get_if<Round>(&s.node)) {
                CHECK(ends_with(one_line(r->span, "Round", "round "), r->step.span.text()));
                quantity(r->step);
                trivia(r->trivia);
            }
            else if (auto* c = std::get_if<ConditionList>(&s.node)) {
                CHECK(ends_with(one_line(c->span, "ConditionList", "condition "), c->names.back().span.text()));
                for (const auto& n : c->names) name(n);
                trivia(c->trivia);
            }
            else if (auto* o = std::get_if<Aop>(&s.node)) {
                const auto t = one_line(o->span, "Aop", "aop ");
                CHECK(starts_with(t.substr(4), o->limb.span.text()));
                CHECK(ends_with(t, o->width ? o->width->span.text() : o->pressure.span.text()));
                name(o->limb);
                quantity(o->pressure);
                if (o->width) quantity(*o->width);
                trivia(o->trivia);
            }
            else if (equipment(s)) {}
            else if (auto* cl = std::get_if<Cleared>(&s.node)) {
                CHECK(ends_with(one_line(cl->span, "Cleared", "cleared "), cl->by.span.text()));
                name(cl->rule);
                text(cl->by);
                trivia(cl->trivia);
            }
        }
    }
    void top(const HealthConditionDeclaration& h)
    {
        with_body(h.span, "HealthConditionDeclaration", "condition ", h.braces);
        name(h.name);
        text(h.description);
        braces(h.braces);
        trivia(h.trivia);
        for (const auto& s : h.statements) {
            if (auto* c = std::get_if<ConditionClass>(&s.node)) {
                CHECK(ends_with(one_line(c->span, "ConditionClass", "class "), c->value.span.text()));
                name(c->value);
                trivia(c->trivia);
            }
            else if (auto* a = std::get_if<ConditionAliases>(&s.node)) {
                CHECK(ends_with(one_line(a->span, "ConditionAliases", "alias "), a->names.back().span.text()));
                for (const auto& n : a->names) name(n);
                trivia(a->trivia);
            }
            else if (auto* src = std::get_if<SourceStatement>(&s.node)) source_statement(*src);
        }
    }
    void top(const Group& g)
    {
        with_body(g.span, "Group", "group ", g.braces);
        text(g.name);
        braces(g.braces);
        trivia(g.trivia);
        for (const auto& s : g.statements) {
            const auto& members = std::get<GroupMembers>(s.node);
            const auto line = one_line(members.span, "GroupMembers", "\"");
            CHECK(ends_with(line, members.names.back().span.text()));
            for (const auto& n : members.names) text(n);
            trivia(members.trivia);
        }
    }
    void top(const Program& p)
    {
        with_body(p.span, "Program", "program ", p.braces);
        text(p.name);
        for (const auto& a : p.athletes) text(a);
        braces(p.braces);
        trivia(p.trivia);
        for (const auto& s : p.statements) std::visit([&](const auto& n) { program_statement(n); }, s.node);
    }
    void program_statement(const Start& s)
    {
        CHECK(ends_with(one_line(s.span, "Start", "start "), s.date.span.text()));
        date(s.date);
        trivia(s.trivia);
    }
    void program_statement(const End& e)
    {
        CHECK(ends_with(one_line(e.span, "End", "end "), e.date.span.text()));
        date(e.date);
        trivia(e.trivia);
    }
    void program_statement(const Competition& c)
    {
        CHECK(ends_with(one_line(c.span, "Competition", "competition "), c.name.span.text()));
        date(c.date);
        text(c.name);
        trivia(c.trivia);
    }
    void program_statement(const Timezone& t)
    {
        CHECK(ends_with(one_line(t.span, "Timezone", "timezone "), t.zone.text));
        name(t.zone);
        trivia(t.trivia);
    }
    void program_statement(const Coach& c)
    {
        const auto s = one_line(c.span, "Coach", "coach ");
        text(c.name);
        if (c.email) {
            CHECK(ends_with(s, ">"));
            CHECK(span(c.email->span, "Email").substr(0, c.email->value.size()) == c.email->value);
        }
        trivia(c.trivia);
    }
    void program_statement(const CalendarId& c)
    {
        CHECK(ends_with(one_line(c.span, "CalendarId", "calendar-id "), c.id.span.text()));
        text(c.id);
        trivia(c.trivia);
    }
    void program_statement(const Skip& s)
    {
        const auto t = one_line(s.span, "Skip", "skip ");
        date_range(s.dates);
        if (s.reason) {
            text(*s.reason);
            CHECK(ends_with(t, s.reason->span.text()));
        }
        else CHECK(ends_with(t, s.dates.span.text()));
        trivia(s.trivia);
    }
    void program_statement(const Pause& p)
    {
        const auto t = one_line(p.span, "Pause", "pause ");
        date_range(p.dates);
        if (p.reason) {
            text(*p.reason);
            CHECK(ends_with(t, p.reason->span.text()));
        }
        trivia(p.trivia);
    }
    void program_statement(const BlockUse& b)
    {
        const auto t = span(b.span, "BlockUse");
        CHECK(starts_with(t, b.then ? std::string_view("then ") : b.length.span.text()));
        quantity(b.length);
        name(b.target);
        if (b.as_name) text(*b.as_name);
        if (b.body) {
            CHECK(ends_with(t, b.body->braces.span.text()));
            body(*b.body);
        }
        else {
            CHECK(t.find('\n') == std::string_view::npos);
            CHECK(ends_with(t, b.as_name ? b.as_name->span.text() : b.target.span.text()));
        }
        trivia(b.trivia);
    }
    void program_statement(const Repeat& r)
    {
        with_body(r.span, "Repeat", "repeat ", r.braces);
        number(r.count);
        braces(r.braces);
        trivia(r.trivia);
        for (const auto& s : r.statements) std::visit([&](const auto& n) { program_statement(n); }, s.node);
    }
    void program_statement(const CycleRaise& c)
    {
        CHECK(ends_with(one_line(c.span, "CycleRaise", "training-max "), " per cycle"));
        name(c.exercise);
        quantity(c.step);
        trivia(c.trivia);
    }
    void top(const Template& t)
    {
        with_body(t.span, "Template", "template ", t.body.braces);
        name(t.name);
        if (t.title) text(*t.title);
        body(t.body);
        trivia(t.trivia);
    }

    // ---- rule sets

    void value(const Value& v)
    {
        const auto t = span(v.span, "Value");
        std::visit(
            [&](const auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, Quantity>) {
                    quantity(n);
                    CHECK(t == n.span.text());
                }
                else if constexpr (std::is_same_v<T, Number>) {
                    number(n);
                    CHECK(t == n.text);
                }
                else {
                    name(n);
                    CHECK(t == n.text);
                }
            },
            v.node);
    }

    void condition(const Condition& c)
    {
        const auto t = span(c.span, "Condition");
        CHECK(t.find('\n') == std::string_view::npos);
        std::visit(
            [&](const auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, Comparison>) {
                    visited.insert("Comparison");
                    name(n.metric);
                    value(n.value);
                    CHECK(starts_with(t, n.metric.text));
                    CHECK(ends_with(t, n.value.span.text()));
                }
                else if constexpr (std::is_same_v<T, Between>) {
                    visited.insert("Between");
                    name(n.metric);
                    value(n.low);
                    value(n.high);
                    CHECK(starts_with(t, n.metric.text + " between "));
                    CHECK(ends_with(t, n.high.span.text()));
                }
                else if constexpr (std::is_same_v<T, Quantified>) {
                    visited.insert("Quantified");
                    CHECK(starts_with(t, n.every ? "every exercise " : "any exercise "));
                    CHECK(ends_with(t, n.body->span.text()));
                    condition(*n.body);
                }
                else if constexpr (std::is_same_v<T, AthleteHas>) {
                    visited.insert("AthleteHas");
                    CHECK(starts_with(t, "athlete has condition "));
                    CHECK(ends_with(t, n.condition.text));
                    name(n.condition);
                }
                else if constexpr (std::is_same_v<T, Not>) {
                    visited.insert("Not");
                    CHECK(starts_with(t, "not "));
                    CHECK(ends_with(t, n.operand->span.text()));
                    condition(*n.operand);
                }
                else if constexpr (std::is_same_v<T, Logical>) {
                    visited.insert("Logical");
                    CHECK(starts_with(t, n.left->span.text()));
                    CHECK(ends_with(t, n.right->span.text()));
                    CHECK(t.find(n.is_and ? " and " : " or ") != std::string_view::npos);
                    condition(*n.left);
                    condition(*n.right);
                }
                else {
                    visited.insert("Parenthesized");
                    CHECK(starts_with(t, "("));
                    CHECK(ends_with(t, ")"));
                    condition(*n.inner);
                }
            },
            c.node);
    }

    void source_statement(const SourceStatement& s)
    {
        CHECK(ends_with(one_line(s.span, "Source", "source "), s.citation.span.text()));
        text(s.citation);
        trivia(s.trivia);
    }

    void top(const Ruleset& r)
    {
        with_body(r.span, "Ruleset", "ruleset ", r.braces);
        name(r.name);
        if (r.title) text(*r.title);
        braces(r.braces);
        trivia(r.trivia);
        for (const auto& s : r.statements) {
            if (auto* src = std::get_if<SourceStatement>(&s.node)) source_statement(*src);
            else if (auto* note = std::get_if<NoteStatement>(&s.node)) block_statement(*note);
            else if (auto* a = std::get_if<Applies>(&s.node)) {
                const auto t = one_line(a->span, "Applies", "applies to blocks");
                if (a->where) {
                    condition(*a->where);
                    CHECK(ends_with(t, a->where->span.text()));
                }
                trivia(a->trivia);
            }
            else if (auto* rule = std::get_if<Rule>(&s.node)) {
                with_body(rule->span, "Rule", "rule ", rule->braces);
                name(rule->id);
                name(rule->severity);
                text(rule->message);
                braces(rule->braces);
                trivia(rule->trivia);
                for (const auto& rs : rule->statements) {
                    if (auto* req = std::get_if<Require>(&rs.node)) {
                        CHECK(ends_with(one_line(req->span, "Require", "require "), req->condition.span.text()));
                        condition(req->condition);
                        trivia(req->trivia);
                    }
                    else if (auto* f = std::get_if<Forbid>(&rs.node)) {
                        CHECK(ends_with(one_line(f->span, "Forbid", "forbid "), f->condition.span.text()));
                        condition(f->condition);
                        trivia(f->trivia);
                    }
                    else if (auto* src2 = std::get_if<SourceStatement>(&rs.node)) source_statement(*src2);
                    else if (auto* n2 = std::get_if<NoteStatement>(&rs.node)) block_statement(*n2);
                }
            }
        }
    }
};

}  // namespace meso::grammar_test

#include "tests/grammar/span_walker_equipment.h"  // IWYU pragma: keep
