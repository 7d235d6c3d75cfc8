// The span checks of an athlete's equipment statements (bar, plates,
// equipment marks), a part of SpanWalker kept apart for its file's size.
#pragma once

#include "tests/grammar/span_walker.h"

namespace meso::grammar_test {

// True when `s` is one of them (and its spans were checked).
inline bool SpanWalker::equipment(const AthleteStatement& s)
{
    if (auto* b = std::get_if<Bar>(&s.node)) {
        CHECK(ends_with(one_line(b->span, "Bar", "bar "), b->mass.span.text()));
        quantity(b->mass);
        trivia(b->trivia);
    }
    else if (auto* p = std::get_if<Plates>(&s.node)) {
        CHECK(ends_with(one_line(p->span, "Plates", "plates "), p->unit_span.text()));
        CHECK(span(p->unit_span, "PlatesUnit") == p->unit_text);
        for (const auto& item : p->items) {
            const auto t = span(item.span, "PlateItem");
            if (item.count) {
                CHECK(starts_with(t, item.count->span.text()));
                number(*item.count);
            }
            CHECK(ends_with(t, item.mass.span.text()));
            number(item.mass);
        }
        trivia(p->trivia);
    }
    else if (auto* e = std::get_if<Equipment>(&s.node)) {
        const auto t = one_line(e->span, "Equipment", e->kind.text + " ");
        CHECK(ends_with(t, e->step ? e->step->span.text() : e->exercises.back().span.text()));
        name(e->kind);
        for (const auto& n : e->exercises) name(n);
        if (e->step) quantity(*e->step);
        trivia(e->trivia);
    }
    else return false;
    return true;
}

}  // namespace meso::grammar_test
