#include "engine/rules/units.h"

#include <cmath>

#include "engine/base/text.h"

namespace meso::rules {

Kind kind_of_unit(syntax::Unit unit)
{
    switch (syntax::dimension_of(unit)) {
    case syntax::Dimension::mass: return Kind::count;  // never a metric's kind: reported as a mass
    case syntax::Dimension::relative_load: return Kind::relative_load;
    case syntax::Dimension::time: return Kind::time;
    case syntax::Dimension::pressure: return Kind::pressure;
    case syntax::Dimension::length: return Kind::length;
    }
    return Kind::count;
}

std::string duration_text(double seconds)
{
    const double a = std::fabs(seconds);
    if (a >= 3600) return trim_number(seconds / 3600) + " h";
    const bool whole_minutes = std::fmod(a, 60) < 1e-9;
    if (a >= 600 || (a >= 60 && whole_minutes)) return trim_number(seconds / 60) + " min";
    return trim_number(seconds) + " s";  // rests are written in seconds: 90 s, not 1.5 min
}

}  // namespace meso::rules
