// The tokens of `meso fmt`'s layout, each as the formatter writes it:
// names quoted when they were, quantities spaced one way (`20%`, `30 s`),
// dates, clock times, weekdays, loads, schemes and conditions. Shared by
// the printer (format.cpp) and the dump that verifies it (verify.cpp).
// Internal to engine/format/; docs/fmt.md describes the layout.
#pragma once

#include <chrono>
#include <string>

#include "grammar/syntax.h"

namespace meso::format::tokens {

// Two spaces per level.
std::string indentation(int depth);

// "text" with `"`, `\` and new lines escaped.
std::string quote(const std::string& value);
// A name as written: quoted when it was.
std::string name(const syntax::Name& n);
// 20%, 50% AOP, 30 s, 142.5 kg: the amount as written, then its unit as written.
std::string quantity(const syntax::Quantity& q);
std::string plates(const syntax::Plates& p);
std::string date(const syntax::Date& d);             // 2027-01-04
std::string date_range(const syntax::DateRange& r);  // 2027-01-04..2027-01-10
std::string clock_time(const syntax::ClockTime& t);  // 08:00
const char* weekday(std::chrono::weekday d);         // mon
std::string weekdays(const syntax::Weekdays& w);     // mon wed fri, mon..fri, mon, wed
std::string week_item(const syntax::WeekItem& w);    // 3, 2..4
std::string effort(const syntax::Effort& e);         // RPE 8, RIR 2
std::string load(const syntax::Load& l);             // 75%, 70%..85%, 60% +2.5% per week, RPE 8, 85% TM RIR 2
std::string reps(const syntax::Reps& r);             // 5, 5+, 8-12, 45 s
std::string rep_list(const syntax::Scheme& s);       // 30,15,15,15
std::string scheme(const syntax::Scheme& s);         // 5x5, or a rep list
// 65% x 5, 75% x 5, 85% x 5+: the groups of a load-first form or a warm-up
std::string set_groups(const syntax::Load& first_load, const syntax::Scheme& first, const std::vector<syntax::SetGroup>& more);
std::string value(const syntax::Value& v);          // the right-hand side of a comparison
std::string condition(const syntax::Condition& c);  // sets >= 3 and not (athlete has condition knee)

}  // namespace meso::format::tokens
