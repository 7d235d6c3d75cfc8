// Screening: the health-condition vocabulary (std.conditions and the
// `condition NAME "..." { ... }` declarations of the file and its uses), and
// what an athlete says about their health — conditions, arterial occlusion
// pressures, clinicians' clearances. The rules (engine/rules) read them; a
// safety check must never be switched off by a misspelling, so an unknown
// condition is a warning, and is kept as written.
#include <algorithm>

#include "engine/base/overloaded.h"
#include "engine/base/suggest.h"
#include "engine/resolve/resolver.h"

namespace meso::resolving {

namespace {

// What an athlete's occlusion pressure may be. Narrow (5 cm) cuffs on the
// leg occlude at 337 mmHg on average (Spitz et al. 2024, n=170), so a real
// measurement can pass 400 mmHg; 500 mmHg is the ceiling of a cuff pressure
// too (content.cpp).
constexpr double min_aop_mmhg = 40;
constexpr double max_aop_mmhg = 500;
constexpr double max_cuff_width_cm = 50;

// The classes the standard rules know. Another word is allowed (a clinic's
// own rules may use it) unless it is a misspelling of one of these, which
// would take the condition out of every rule of its class.
const std::vector<std::string>& known_classes()
{
    static const std::vector<std::string> classes = {"absolute", "relative"};
    return classes;
}

ir::Limb limb_of(const std::string& word) { return word == "arm" ? ir::Limb::arm : ir::Limb::leg; }

}  // namespace

// Declarations of std.conditions first, then those of the file and its uses,
// in order: a name or an alias declared twice is an error at the second.
void Resolver::resolve_health_conditions()
{
    c_.module.health_conditions.reserve(condition_syntax_.size());
    for (const auto* d : condition_syntax_) declare_health_condition(*d);
}

void Resolver::declare_health_condition(const syntax::HealthConditionDeclaration& d)
{
    ir::HealthCondition condition;
    condition.name = d.name.text;
    condition.description = d.description.value;
    condition.span = d.span;
    const std::size_t index = c_.module.health_conditions.size();
    if (!declare_word(d.name, index)) return;
    Span class_span;
    for (const auto& statement : d.statements) {
        std::visit(
            overloaded{
                [&](const syntax::ConditionClass& c) {
                    if (class_span.valid())
                        report(c.span, "'class' is given twice in this condition", Severity::error, {{class_span, "first given here"}});
                    class_span = c.span;
                    const auto& known = known_classes();
                    if (std::find(known.begin(), known.end(), c.value.text) == known.end())
                        if (auto near = closest_match(c.value.text, known))
                            report(c.value.span, "unknown class '" + c.value.text + "'; did you mean '" + *near + "'?");
                    condition.condition_class = c.value.text;
                },
                [&](const syntax::ConditionAliases& a) {
                    for (const auto& alias : a.names)
                        if (declare_word(alias, index)) condition.aliases.push_back(alias.text);
                },
                [&](const syntax::SourceStatement& s) { condition.sources.push_back(s.citation.value); },
            },
            statement.node);
    }
    if (!class_span.valid() && !syntax_error_within(d.span))  // a misspelt `class` is reported once
        report(d.name.span, "the condition '" + d.name.text + "' needs its class: add 'class absolute' or 'class relative' in its braces");
    c_.module.health_conditions.push_back(std::move(condition));
}

// Adds a name or an alias of condition `index` to the vocabulary; false
// (and an error) when it already names a condition.
bool Resolver::declare_word(const syntax::Name& word, std::size_t index)
{
    auto [it, fresh] = vocabulary_.emplace(word.text, VocabularyWord{index, word.span});
    if (fresh) return true;
    const std::size_t other = it->second.index;
    const std::string owner = other < c_.module.health_conditions.size() ? c_.module.health_conditions[other].name : std::string(word.text);
    std::string message = "the condition '" + word.text + "' is declared twice";
    if (owner != word.text) message = "'" + word.text + "' already names the condition '" + owner + "'";
    report(word.span, message, Severity::error, {{it->second.span, "declared here"}});
    return false;
}

// `condition hypertension, dvt`: each name as the vocabulary's canonical
// name (an alias becomes the name it stands for); an unknown name is a
// warning, and is kept as written so that a rule naming it still sees it.
void Resolver::add_conditions(ir::Athlete& athlete, const syntax::ConditionList& list)
{
    std::vector<std::string> words;                            // for did-you-mean, made at the first unknown name
    if (athlete.conditions.empty()) conditions_seen_.clear();  // a new athlete: a list holds at least one name
    for (const auto& n : list.names) {
        const auto known = vocabulary_.find(n.text);
        const std::string& canonical = known != vocabulary_.end() ? c_.module.health_conditions[known->second.index].name : n.text;
        // Named before (or through another alias): kept, and reported, once.
        if (!conditions_seen_.insert(canonical).second) continue;
        athlete.conditions.push_back(canonical);
        athlete.condition_spans.push_back(n.span);
        if (known != vocabulary_.end()) continue;
        if (words.empty())
            for (const auto& entry : vocabulary_) words.push_back(entry.first);
        report(n.span,
               "unknown health condition '" + n.text + "'" + did_you_mean(n.text, words) +
                   " (kept as written: a rule that names it still sees it, but it has no class; std.conditions lists the "
                   "vocabulary, and a file may declare a condition with 'condition NAME \"description\" { class relative }')",
               Severity::warning);
    }
}

// `aop leg 180 mmHg width 5 cm`: one per limb, a pressure a cuff can reach.
void Resolver::add_occlusion_pressure(ir::Athlete& athlete, const syntax::Aop& aop)
{
    if (aop.pressure.unit != syntax::Unit::mmhg) return;  // reported by the parser
    ir::OcclusionPressure measured;
    measured.limb = limb_of(aop.limb.text);
    measured.mmhg = aop.pressure.amount.value;
    measured.span = aop.span;
    if (measured.mmhg < min_aop_mmhg || measured.mmhg > max_aop_mmhg) {
        report(aop.pressure.span,
               "an arterial occlusion pressure of " + aop.pressure.amount.text + " mmHg cannot be meant; meso accepts 40 to 500 mmHg");
        return;
    }
    if (aop.width) {
        const double cm = aop.width->amount.value;
        if (aop.width->unit == syntax::Unit::cm && (cm <= 0 || cm > max_cuff_width_cm)) {
            report(aop.width->span,
                   "a cuff " + aop.width->amount.text + " cm wide cannot be meant; meso accepts more than 0 and up to 50 cm");
            return;
        }
        if (aop.width->unit == syntax::Unit::cm) measured.cuff_width_cm = cm;
    }
    if (const auto* first = athlete.occlusion_pressure(measured.limb)) {
        report(aop.span, "the arterial occlusion pressure of the " + aop.limb.text + " is given twice", Severity::error,
               {{first->span, "first given here"}});
        return;
    }
    athlete.occlusion_pressures.push_back(measured);
}

// `cleared bfr.precaution "Dr Lee, 2027-01-10"`: once per rule, saying who
// cleared it. Whether the rule exists (and may be cleared) is engine/rules'.
void Resolver::add_clearance(ir::Athlete& athlete, const syntax::Cleared& cleared)
{
    auto first = std::find_if(athlete.clearances.begin(), athlete.clearances.end(),
                              [&](const ir::Clearance& c) { return c.rule == cleared.rule.text; });
    if (first != athlete.clearances.end()) {
        report(cleared.span, "'" + cleared.rule.text + "' is cleared twice for this athlete", Severity::error,
               {{first->span, "first cleared here"}});
        return;
    }
    if (cleared.by.value.find_first_not_of(" \t") == std::string::npos) {
        report(cleared.by.span, "a clearance says who cleared the rule and when, such as \"Dr Lee, 2027-01-10\"");
        return;
    }
    athlete.clearances.push_back({cleared.rule.text, cleared.by.value, cleared.span});
}

}  // namespace meso::resolving
