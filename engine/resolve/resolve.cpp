#include "engine/resolve/resolve.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "engine/base/timezone.h"
#include "engine/resolve/stdlib.h"
#include "engine/base/suggest.h"
#include "engine/base/text.h"

namespace meso {

namespace fs = std::filesystem;
using namespace std::chrono;

namespace {

// Bounds that keep every program's expansion finite and cheap to count.
constexpr int max_block_weeks = 1000;
constexpr int max_blocks = 10000;
constexpr double max_mass_kg = 2000;

std::string capitalised(std::string s)
{
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

std::bitset<7> weekday_bits(const syntax::Weekdays& days)
{
    std::bitset<7> bits;
    for (const auto& item : days.items) {
        unsigned d = item.first.c_encoding();
        const unsigned last = item.last.c_encoding();
        bits.set(d);
        for (int guard = 0; d != last && guard < 7; ++guard) {  // mon..sun wraps through the week
            d = (d + 1) % 7;
            bits.set(d);
        }
    }
    return bits;
}

double seconds_of(const syntax::Quantity& q)
{
    switch (q.unit) {
    case syntax::Unit::second: return q.amount.value;
    case syntax::Unit::minute: return q.amount.value * 60;
    case syntax::Unit::hour: return q.amount.value * 3600;
    case syntax::Unit::day: return q.amount.value * 86400;
    case syntax::Unit::week: return q.amount.value * 7 * 86400;
    default: return q.amount.value;
    }
}

class Resolver {
public:
    Resolver(Compilation& c, const ResolveOptions& options) : c_(c), options_(options) {}

    void run(Source main)
    {
        const std::string key = canonical_of(main.path);
        loaded_.insert(key);
        loading_.push_back(key);
        const syntax::File* file = load(std::move(main), 0);
        loading_.pop_back();
        if (!file) return;
        main_ = file;
        warn_if_empty(*file);
        if (options_.default_rules) {
            for (const char* module : {"std/bfr.meso", "std/general.meso"}) load_library(module, {}, 0, /*quiet=*/true);
        }
        for (const auto& path : options_.rule_files) {
            auto read = read_file(path);
            if (!read.source) {
                report({}, std::move(read.error));
                continue;
            }
            load(std::move(*read.source), 1);
        }
        collect();
        resolve_athletes();
        resolve_programs();
    }

private:
    Compilation& c_;
    const ResolveOptions& options_;
    const syntax::File* main_ = nullptr;
    std::vector<std::string> loading_;       // the import chain being loaded, for cycles
    std::set<std::string> loaded_;           // canonical paths or "std/x.meso" keys
    std::map<std::string, const syntax::Template*> templates_;
    std::unordered_map<std::string, const ir::Athlete*> athlete_index_;  // by name, built when first needed
    std::size_t indexed_athletes_ = 0;
    std::vector<const syntax::Athlete*> athlete_syntax_;

    void report(const Span& span, std::string message, Severity severity = Severity::error, std::vector<Note> notes = {})
    {
        c_.diagnostics.push_back({severity, span, std::move(message), {}, std::move(notes), {}});
    }

    // A file without a statement (empty, or comments only) is most likely
    // the wrong file; one of templates or rule sets alone is a library.
    void warn_if_empty(const syntax::File& file)
    {
        if (!file.statements.empty() || !file.source) return;
        for (const auto& d : c_.diagnostics)
            if (d.severity == Severity::error && d.span.source == file.source) return;  // a syntax error says more
        report(span_at(*file.source, 0, 0), "this file has no statements: nothing to check or schedule", Severity::warning);
    }

    // ---- reading and importing

    // Imports and library modules are files by name; "-" is not standard input here.
    ReadResult read_file(const std::string& path) const
    {
        return read_source(path == "-" ? "./-" : path, options_.limits.max_bytes);
    }

    const syntax::File* load(Source source, int depth)
    {
        c_.sources.push_back(std::move(source));
        const Source& s = c_.sources.back();
        auto parsed = parse(s, options_.limits);
        c_.diagnostics.insert(c_.diagnostics.end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
        c_.files.push_back(std::move(parsed.file));
        const syntax::File* file = &c_.files.back();
        c_.module.files.push_back(file);
        for (const auto& statement : file->statements) {
            if (const auto* use = std::get_if<syntax::Use>(&statement.node)) import(*use, s, depth + 1);
        }
        return file;
    }

    void import(const syntax::Use& use, const Source& from, int depth)
    {
        if (depth > options_.max_import_depth) {
            report(use.span, "imports are nested more than " + std::to_string(options_.max_import_depth) + " deep");
            return;
        }
        if (use.module.quoted) {
            fs::path target = fs::path(from.path).parent_path() / use.module.text;
            std::error_code ec;
            fs::path canonical = fs::weakly_canonical(target, ec);
            const std::string key = ec ? target.string() : canonical.string();
            if (std::find(loading_.begin(), loading_.end(), key) != loading_.end()) {
                std::string chain;
                for (const auto& p : loading_) chain += fs::path(p).filename().string() + " → ";
                report(use.module.span, "import cycle: " + chain + use.module.text);
                return;
            }
            if (loaded_.count(key)) return;
            loaded_.insert(key);
            auto read = read_file(target.string());
            if (!read.source) {
                report(use.module.span, std::move(read.error));
                return;
            }
            loading_.push_back(key);
            load(std::move(*read.source), depth);
            loading_.pop_back();
            return;
        }
        std::string relative = use.module.text;
        std::replace(relative.begin(), relative.end(), '.', '/');
        relative += ".meso";
        load_library(relative, use.module, depth, false);
    }

    std::string canonical_of(const std::string& path)
    {
        std::error_code ec;
        auto p = fs::weakly_canonical(path, ec);
        return ec ? path : p.string();
    }

    // A module of the library: a directory of MESO_PATH first, then the embedded stdlib.
    void load_library(const std::string& relative, const syntax::Name& name, int depth, bool quiet)
    {
        if (loaded_.count(relative)) return;
        std::stringstream dirs(options_.meso_path);
        std::string dir;
        while (std::getline(dirs, dir, ':')) {
            if (dir.empty()) continue;
            const fs::path candidate = fs::path(dir) / relative;
            std::error_code ec;
            if (fs::is_regular_file(candidate, ec)) {
                loaded_.insert(relative);
                auto read = read_file(candidate.string());
                if (!read.source) {
                    report(name.span, std::move(read.error));
                    return;
                }
                load(std::move(*read.source), depth);
                return;
            }
        }
        for (const auto& embedded : embedded_stdlib()) {
            if (embedded.path == relative) {
                loaded_.insert(relative);
                load(Source{std::string(embedded.path), std::string(embedded.text)}, depth);
                return;
            }
        }
        if (quiet) return;
        std::vector<std::string> known;
        for (const auto& embedded : embedded_stdlib()) {
            std::string module(embedded.path.substr(0, embedded.path.size() - 5));
            std::replace(module.begin(), module.end(), '/', '.');
            known.push_back(module);
        }
        report(name.span, "unknown module '" + name.text + "'" + did_you_mean(name.text, known) +
                              (name.text.find('.') == std::string::npos ? " (a file is written in quotes: use \"" + name.text + ".meso\")" : ""));
    }

    // ---- definitions visible to the main file

    void collect()
    {
        // The main file's templates and rule sets shadow the library's (a
        // clinic's own `ruleset bfr` replaces std.bfr); two of the same name
        // elsewhere are an error.
        std::map<std::string, const syntax::Template*> from_main;
        std::set<std::string> main_rulesets;
        for (const auto& statement : main_->statements)
            if (const auto* r = std::get_if<syntax::Ruleset>(&statement.node)) main_rulesets.insert(r->name.text);
        for (const auto* file : c_.module.files) {
            for (const auto& statement : file->statements) {
                if (const auto* t = std::get_if<syntax::Template>(&statement.node)) {
                    auto& table = file == main_ ? from_main : templates_;
                    auto [it, inserted] = table.emplace(t->name.text, t);
                    if (!inserted)
                        report(t->name.span, "template '" + t->name.text + "' is defined twice", Severity::error,
                               {{it->second->name.span, "first defined here"}});
                }
                else if (const auto* a = std::get_if<syntax::Athlete>(&statement.node)) {
                    athlete_syntax_.push_back(a);
                }
                else if (const auto* r = std::get_if<syntax::Ruleset>(&statement.node)) {
                    if (file == main_ || !main_rulesets.count(r->name.text)) c_.module.rulesets.push_back(r);
                }
            }
        }
        for (auto& [name, t] : from_main) templates_[name] = t;
    }

    // The library module that defines template `name`, for "add 'use std.templates'".
    std::optional<std::string> library_module_of_template(const std::string& name)
    {
        for (const auto& embedded : embedded_stdlib()) {
            if (embedded.text.find("template " + name) == std::string_view::npos) continue;
            Source probe{std::string(embedded.path), std::string(embedded.text)};
            auto parsed = parse(probe, options_.limits);
            for (const auto& statement : parsed.file.statements)
                if (const auto* t = std::get_if<syntax::Template>(&statement.node); t && t->name.text == name) {
                    std::string module(embedded.path.substr(0, embedded.path.size() - 5));
                    std::replace(module.begin(), module.end(), '/', '.');
                    return module;
                }
        }
        return std::nullopt;
    }

    // ---- athletes

    std::optional<ir::Mass> mass_of(const syntax::Quantity& q)
    {
        if (q.unit == syntax::Unit::kg) return ir::Mass{q.amount.value, ir::MassUnit::kg};
        if (q.unit == syntax::Unit::lb) return ir::Mass{q.amount.value, ir::MassUnit::lb};
        return std::nullopt;  // the parser reported the wrong unit
    }

    static double convert(ir::Mass m, ir::MassUnit to)
    {
        if (m.unit == to) return m.amount;
        return to == ir::MassUnit::kg ? m.amount * ir::kg_per_lb : m.amount / ir::kg_per_lb;
    }

    void resolve_athletes()
    {
        c_.module.athletes.reserve(athlete_syntax_.size());
        std::map<std::string, const syntax::Athlete*> seen;
        for (const auto* a : athlete_syntax_) {
            auto [it, inserted] = seen.emplace(a->name.value, a);
            if (!inserted) {
                report(a->name.span, "athlete \"" + a->name.value + "\" is defined twice", Severity::error,
                       {{it->second->name.span, "first defined here"}});
                continue;
            }
            ir::Athlete athlete;
            athlete.name = a->name.value;
            athlete.span = a->span;
            // The athlete's unit: lb when the rounding step is in lb, or when every max is.
            std::optional<ir::MassUnit> round_unit;
            bool any_kg = false, any_lb = false;
            for (const auto& s : a->statements) {
                if (const auto* r = std::get_if<syntax::Round>(&s.node)) {
                    if (auto m = mass_of(r->step)) round_unit = m->unit;
                }
                if (const auto* m = std::get_if<syntax::Max>(&s.node)) {
                    if (m->mass.unit == syntax::Unit::lb) any_lb = true;
                    if (m->mass.unit == syntax::Unit::kg) any_kg = true;
                }
            }
            athlete.unit = round_unit ? *round_unit : (any_lb && !any_kg ? ir::MassUnit::lb : ir::MassUnit::kg);
            athlete.round_step = athlete.unit == ir::MassUnit::lb ? ir::Mass{5, ir::MassUnit::lb} : ir::Mass{2.5, ir::MassUnit::kg};
            bool round_seen = false;
            for (const auto& s : a->statements) {
                if (const auto* m = std::get_if<syntax::Max>(&s.node)) {
                    auto mass = mass_of(m->mass);
                    if (!mass) continue;
                    if (mass->amount <= 0) {
                        report(m->mass.span, "a one-rep max must be more than 0 " + m->mass.unit_text);
                        continue;
                    }
                    if (convert(*mass, ir::MassUnit::kg) > max_mass_kg) {
                        report(m->mass.span, "a one-rep max of " + m->mass.amount.text + " " + m->mass.unit_text +
                                                 " is beyond any human; meso accepts at most 2000 kg");
                        continue;
                    }
                    auto [mit, fresh] = athlete.maxes.emplace(m->exercise.text, ir::Mass{convert(*mass, athlete.unit), athlete.unit});
                    if (!fresh) {
                        report(m->exercise.span, "the max of '" + m->exercise.text + "' is given twice", Severity::error,
                               {{athlete.max_spans[m->exercise.text], "first given here"}});
                        continue;
                    }
                    athlete.max_spans[m->exercise.text] = m->span;
                }
                else if (const auto* r = std::get_if<syntax::Round>(&s.node)) {
                    auto mass = mass_of(r->step);
                    if (!mass) continue;
                    if (round_seen) report(r->span, "'round' is given twice");
                    round_seen = true;
                    if (mass->amount <= 0) {
                        report(r->step.span, "loads are rounded to a step of more than 0 " + r->step.unit_text +
                                                 "; to keep loads unrounded, write 'round 0.01 " + r->step.unit_text + "'");
                        continue;
                    }
                    if (convert(*mass, ir::MassUnit::kg) > 100) {
                        report(r->step.span, "a rounding step above 100 kg would round every load away");
                        continue;
                    }
                    athlete.round_step = *mass;
                }
                else if (const auto* list = std::get_if<syntax::ConditionList>(&s.node)) {
                    for (const auto& n : list->names) athlete.conditions.push_back(n.text);
                }
            }
            c_.module.athletes.push_back(std::move(athlete));
        }
    }

    // ---- block content

    struct ContentContext {
        const ir::Athlete* athlete = nullptr;
        bool allow_weeks = true;   // a week override cannot hold another
        std::vector<ir::WeekOverride>* weeks = nullptr;
        std::vector<ir::Allow>* allows = nullptr;
    };

    ir::Load load_of(const syntax::Load& l, const ContentContext& ctx)
    {
        ir::Load out;
        out.span = l.span;
        switch (l.kind) {
        case syntax::Load::Kind::rpe:
            out.kind = ir::Load::Kind::rpe;
            out.from = l.from.amount.value;
            return out;
        case syntax::Load::Kind::percent:
            out.kind = ir::Load::Kind::percent;
            out.from = l.from.amount.value;
            if (l.to) out.to = l.to->amount.value;
            if (l.per_week) out.per_week = l.per_week->step.amount.value;
            if (out.from > 1000 || (out.to && *out.to > 1000))
                report(l.span, "a load of more than 1000% of one-rep max cannot be meant");
            return out;
        case syntax::Load::Kind::mass: {
            out.kind = ir::Load::Kind::mass;
            const ir::MassUnit unit = ctx.athlete ? ctx.athlete->unit : ir::MassUnit::kg;
            auto to_unit = [&](const syntax::Quantity& q) {
                auto m = mass_of(q);
                return m ? convert(*m, unit) : q.amount.value;
            };
            out.from = to_unit(l.from);
            if (l.to) out.to = to_unit(*l.to);
            if (l.per_week) {
                auto step = l.per_week->step;
                const double sign = step.amount.value < 0 ? -1 : 1;
                step.amount.value = std::abs(step.amount.value);
                out.per_week = sign * to_unit(step);
            }
            if (convert({out.from, unit}, ir::MassUnit::kg) > max_mass_kg)
                report(l.from.span, "a load of " + l.from.amount.text + " " + l.from.unit_text + " is beyond any human; meso accepts at most 2000 kg");
            else if (l.to && convert({*out.to, unit}, ir::MassUnit::kg) > max_mass_kg)
                report(l.to->span, "a load of " + l.to->amount.text + " " + l.to->unit_text + " is beyond any human; meso accepts at most 2000 kg");
            return out;
        }
        }
        return out;
    }

    ir::Exercise exercise_of(const syntax::Prescription& p, const ContentContext& ctx)
    {
        ir::Exercise e;
        e.name = p.exercise.text;
        e.span = p.span;
        if (p.scheme.form == syntax::Scheme::Form::sets_x_reps) {
            const int sets = static_cast<int>(std::clamp(p.scheme.sets.value, 0.0, 10000.0));
            const int reps = p.scheme.reps.empty() ? 0 : static_cast<int>(std::clamp(p.scheme.reps[0].value, 0.0, 10000.0));
            e.reps.assign(static_cast<std::size_t>(sets), reps);
        }
        else {
            for (const auto& r : p.scheme.reps) e.reps.push_back(static_cast<int>(std::clamp(r.value, 0.0, 10000.0)));
        }
        if (p.load) e.load = load_of(*p.load, ctx);
        if (p.rest) {
            e.rest_s = seconds_of(*p.rest);
            if (*e.rest_s > 86400) report(p.rest->span, "a rest of more than a day between sets cannot be meant");
        }
        return e;
    }

    template <typename T>
    void once(std::optional<T>& field, T value, Span& field_span, const Span& span, const char* what)
    {
        if (field && field_span.valid() && field_span.source == span.source && field_span.begin != span.begin)
            report(span, std::string("'") + what + "' is given twice in this block", Severity::error, {{field_span, "first given here"}});
        field = std::move(value);
        field_span = span;
    }

    void sessions_of(const syntax::Sessions& s, std::optional<std::vector<minutes>>& times,
                     std::optional<minutes>& length, Span& span)
    {
        // One error for the repeated times of a statement, at the first:
        // a line of thousands of them is one mistake, not thousands.
        std::vector<minutes> list;
        const syntax::ClockTime* first_repeat = nullptr;
        std::size_t repeats = 0;
        for (const auto& t : s.times) {
            if (std::find(list.begin(), list.end(), t.since_midnight) == list.end()) list.push_back(t.since_midnight);
            else if (repeats++ == 0) first_repeat = &t;
        }
        if (first_repeat)
            report(first_repeat->span, "the session time " + std::string(first_repeat->span.text()) + " is given twice" +
                                           (repeats > 1 ? " (and " + std::to_string(repeats - 1) + " more times of this line are repeats)" : ""));
        std::sort(list.begin(), list.end());
        if (times && span.valid() && span.source == s.span.source && span.begin != s.span.begin)
            report(s.span, "'sessions' is given twice in this block", Severity::error, {{span, "first given here"}});
        times = list;
        span = s.span;
        if (s.length) {
            const double secs = seconds_of(*s.length);
            if (secs < 60) report(s.length->span, "a session lasts at least a minute");
            else if (secs > 86400) report(s.length->span, "a session lasts at most a day");
            else length = minutes{static_cast<long>(std::lround(secs / 60))};
        }
    }

    ir::Content content_of(const std::vector<syntax::BlockStatement>& statements, const ContentContext& ctx)
    {
        ir::Content content;
        for (const auto& statement : statements) {
            std::visit(
                [&](const auto& n) {
                    using T = std::decay_t<decltype(n)>;
                    if constexpr (std::is_same_v<T, syntax::Method>) {
                        once(content.method, n.value.text, content.method_span, n.span, "method");
                    }
                    else if constexpr (std::is_same_v<T, syntax::Days>) {
                        once(content.days, weekday_bits(n.days), content.days_span, n.span, "days");
                    }
                    else if constexpr (std::is_same_v<T, syntax::Sessions>) {
                        sessions_of(n, content.session_times, content.session_length, content.sessions_span);
                    }
                    else if constexpr (std::is_same_v<T, syntax::Occlusion>) {
                        const auto& m = n.mode.text;
                        const auto o = m == "continuous" ? ir::Occlusion::continuous
                                     : m == "intermittent" ? ir::Occlusion::intermittent : ir::Occlusion::none;
                        once(content.occlusion, o, content.occlusion_span, n.span, "occlusion");
                    }
                    else if constexpr (std::is_same_v<T, syntax::Cuff>) {
                        if (n.pressure) {
                            ir::Pressure p{n.pressure->amount.value, n.pressure->unit == syntax::Unit::percent_aop};
                            if ((p.percent_aop && p.value > 150) || (!p.percent_aop && p.value > 500))
                                report(n.pressure->span, "a cuff pressure of " + std::string(n.pressure->span.text()) + " cannot be meant");
                            once(content.cuff_pressure, p, content.cuff_span, n.span, "cuff");
                        }
                        if (n.width) once(content.cuff_width_cm, n.width->amount.value, content.cuff_width_span, n.span, "cuff width");
                    }
                    else if constexpr (std::is_same_v<T, syntax::Prescription>) {
                        content.exercises.push_back(exercise_of(n, ctx));
                    }
                    else if constexpr (std::is_same_v<T, syntax::Split>) {
                        ir::Content::Split split;
                        split.days = weekday_bits(n.days);
                        split.span = n.span;
                        for (const auto& inner : n.body.statements) {
                            if (const auto* p = std::get_if<syntax::Prescription>(&inner.node)) split.exercises.push_back(exercise_of(*p, ctx));
                            else if (const auto* s = std::get_if<syntax::Sessions>(&inner.node))
                                sessions_of(*s, split.session_times, split.session_length, split.sessions_span);
                            else if (const auto* note = std::get_if<syntax::NoteStatement>(&inner.node))
                                content.notes.push_back(note->text.value);  // a split's note goes with the block's
                            else
                                report(span_of(inner), "a split holds exercises and 'sessions'; write occlusion and cuff in the block");
                        }
                        // One error, naming the first split it overlaps; the
                        // overlapping split is left out, so a block keeps at most
                        // seven splits and a file of thousands of them stays linear.
                        const auto overlap = std::find_if(content.splits.begin(), content.splits.end(),
                                                          [&](const auto& other) { return (other.days & split.days).any(); });
                        if (overlap != content.splits.end())
                            report(n.span, "these weekdays already have a split", Severity::error, {{overlap->span, "the other split"}});
                        else content.splits.push_back(std::move(split));
                    }
                    else if constexpr (std::is_same_v<T, syntax::WeekOverride>) {
                        if (!ctx.allow_weeks || !ctx.weeks) {
                            report(n.span, "a week override cannot stand here");
                            return;
                        }
                        ir::WeekOverride w;
                        w.span = n.span;
                        w.deload = n.deload;
                        for (const auto& item : n.weeks)
                            w.weeks.push_back({item.first, std::min(item.last, item.first + max_block_weeks)});
                        std::sort(w.weeks.begin(), w.weeks.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
                        std::vector<ir::WeekRange> joined;
                        for (const auto& r : w.weeks) {
                            if (!joined.empty() && r.first <= joined.back().last + 1) joined.back().last = std::max(joined.back().last, r.last);
                            else joined.push_back(r);
                        }
                        w.weeks = std::move(joined);
                        if (n.body) {
                            ContentContext inner = ctx;
                            inner.allow_weeks = false;
                            w.content = content_of(n.body->statements, inner);
                        }
                        ctx.weeks->push_back(std::move(w));
                    }
                    else if constexpr (std::is_same_v<T, syntax::Allow>) {
                        if (ctx.allows) ctx.allows->push_back({n.rule.text, n.reason.value, n.span});
                    }
                    else if constexpr (std::is_same_v<T, syntax::NoteStatement>) {
                        content.notes.push_back(n.text.value);
                    }
                },
                statement.node);
        }
        return content;
    }

    // One warning an override, however many of its weeks lie past the end.
    void report_weeks_past_end(const ir::WeekOverride& w, int block_weeks)
    {
        if (w.weeks.empty() || w.weeks.back().last <= block_weeks) return;
        const auto first_past = std::find_if(w.weeks.begin(), w.weeks.end(), [&](const auto& r) { return r.last > block_weeks; });
        const int from = std::max(first_past->first, block_weeks + 1), to = w.weeks.back().last;
        const std::string block = " past the end of this " + std::to_string(block_weeks) + "-week block";
        if (from == to) report(w.span, "week " + std::to_string(from) + " is" + block, Severity::warning);
        else report(w.span, "weeks " + std::to_string(from) + " to " + std::to_string(to) + " are" + block, Severity::warning);
    }

    std::optional<ir::Block> block_of(const syntax::BlockUse& use, const ir::Athlete* athlete)
    {
        ir::Block block;
        block.span = use.span;
        const double amount = use.length.amount.value;
        if (use.length.unit != syntax::Unit::day && use.length.unit != syntax::Unit::week) return std::nullopt;  // reported by the parser
        const double days = use.length.unit == syntax::Unit::week ? amount * 7 : amount;
        if (days < 1) {
            report(use.length.span, "a block lasts at least one day; '" + std::string(use.length.span.text()) + "' has none");
            return std::nullopt;
        }
        if (days > max_block_weeks * 7.0) {
            report(use.length.span, "a block lasts at most " + std::to_string(max_block_weeks) + " weeks");
            return std::nullopt;
        }
        block.length_days = static_cast<int>(days);
        ContentContext ctx;
        ctx.athlete = athlete;
        ctx.weeks = &block.weeks;
        ctx.allows = &block.allows;
        if (use.target.quoted) {
            block.name = use.target.text;
            if (use.body) block.content = content_of(use.body->statements, ctx);
        }
        else {
            auto it = templates_.find(use.target.text);
            if (it == templates_.end()) {
                std::vector<std::string> names;
                for (const auto& [name, t] : templates_) names.push_back(name);
                std::string message = "unknown template '" + use.target.text + "'";
                auto near = closest_match(use.target.text, names);
                auto lib = near ? std::nullopt : library_module_of_template(use.target.text);
                if (near) message += "; did you mean '" + *near + "'?";
                else if (lib) message += "; it is in " + *lib + ": add 'use " + *lib + "'";
                else if (!names.empty()) {
                    message += "; the templates are ";
                    for (std::size_t i = 0; i < names.size(); ++i) message += (i ? ", " : "") + names[i];
                }
                report(use.target.span, message);
                return std::nullopt;
            }
            const syntax::Template& t = *it->second;
            block.template_name = t.name.text;
            block.template_span = t.span;
            block.name = use.as_name ? use.as_name->value : capitalised(t.name.text);
            block.content = content_of(t.body.statements, ctx);
            if (use.body) {
                std::vector<ir::WeekOverride> use_weeks;
                ContentContext over_ctx = ctx;
                over_ctx.weeks = &use_weeks;
                auto over = content_of(use.body->statements, over_ctx);
                const std::size_t template_weeks = block.weeks.size();
                ir::merge_content(block.content, over, "this use of '" + t.name.text + "'", &c_.diagnostics);
                move_template_splits(block, template_weeks, over, use_weeks, t);
                for (auto& w : use_weeks) {
                    report_weeks_past_end(w, (block.length_days + 6) / 7);
                    block.weeks.push_back(std::move(w));
                }
            }
        }
        if (!use.target.quoted && use.as_name) block.name = use.as_name->value;
        // Week overrides name exercises the block has; check their spelling now that the block is whole.
        const auto known = ir::exercise_names(block.content);
        const int weeks = (block.length_days + 6) / 7;
        for (auto& w : block.weeks) {
            for (auto& e : w.content.exercises) {
                if (std::find(known.begin(), known.end(), e.name) != known.end()) continue;
                if (auto near = closest_match(e.name, known))
                    report(e.span, "unknown exercise '" + e.name + "' in this week override; did you mean '" + *near + "'?");
            }
            // A template's weeks past the end of a shorter use are simply not reached; a block's own are a mistake.
            if (use.target.quoted) report_weeks_past_end(w, weeks);
        }
        return block;
    }

    // `10 weeks powerlifting { days tue thu sat }`: the template's splits
    // are on mon, wed and fri, none of which trains any more. Rather than
    // sessions without exercises, the splits move in order onto the new days
    // (mon → tue, wed → thu, fri → sat), in the template's week overrides
    // too, and an info says so. When a split day stays a training day, or
    // the use writes splits of its own, nothing moves: a day left without
    // exercises is std.general's finding (general.no-exercises).
    void move_template_splits(ir::Block& block, std::size_t template_weeks, const ir::Content& over,
                              const std::vector<ir::WeekOverride>& use_weeks, const syntax::Template& t)
    {
        if (!over.days || !over.splits.empty()) return;
        for (const auto& w : use_weeks)
            if (!w.content.splits.empty()) return;
        std::bitset<7> split_days;
        for (const auto& split : block.content.splits) split_days |= split.days;
        for (std::size_t i = 0; i < template_weeks; ++i)
            for (const auto& split : block.weeks[i].content.splits) split_days |= split.days;
        if (split_days.none() || (split_days & *over.days).any()) return;
        const auto in_order = [](const std::bitset<7>& bits) {  // Monday first, as weeks are written
            std::vector<unsigned> out;
            for (unsigned k = 1; k <= 7; ++k)
                if (bits.test(k % 7)) out.push_back(k % 7);
            return out;
        };
        const auto listed = [&](const std::vector<unsigned>& list, std::size_t from, std::size_t to) {
            std::string text;
            for (std::size_t i = from; i < to; ++i) text += std::string(i > from ? ", " : "") + weekday_keyword(std::chrono::weekday{list[i]});
            return text;
        };
        const auto old_days = in_order(split_days);
        const auto new_days = in_order(*over.days);
        const std::size_t moved = std::min(old_days.size(), new_days.size());
        std::array<int, 7> image;
        image.fill(-1);
        std::string moves;
        for (std::size_t i = 0; i < moved; ++i) {
            image[old_days[i]] = static_cast<int>(new_days[i]);
            moves += std::string(i ? ", " : "") + weekday_keyword(std::chrono::weekday{old_days[i]}) + " → " + weekday_keyword(std::chrono::weekday{new_days[i]});
        }
        const auto move = [&](std::vector<ir::Content::Split>& splits) {
            for (auto& split : splits) {
                std::bitset<7> days;
                for (unsigned d = 0; d < 7; ++d)
                    if (split.days.test(d) && image[d] >= 0) days.set(static_cast<std::size_t>(image[d]));
                split.days = days;
            }
            splits.erase(std::remove_if(splits.begin(), splits.end(), [](const ir::Content::Split& split) { return split.days.none(); }),
                         splits.end());
        };
        move(block.content.splits);
        for (std::size_t i = 0; i < template_weeks; ++i) move(block.weeks[i].content.splits);
        const std::string template_days = listed(old_days, 0, old_days.size());
        report(over.days_span,
               "none of the template's split days (" + template_days + ") is a training day here: its splits move in order, " + moves,
               Severity::info, {{t.span, "template '" + t.name.text + "' is defined here"}});
        if (old_days.size() > new_days.size()) {
            const std::size_t left = old_days.size() - moved;
            report(over.days_span,
                   std::to_string(new_days.size()) + (new_days.size() == 1 ? " training day" : " training days") + " for the template's " + std::to_string(old_days.size()) +
                       " split days (" + template_days + "): the split" + (left > 1 ? "s of " : " of ") +
                       listed(old_days, moved, old_days.size()) + (left > 1 ? " are left out" : " is left out"),
                   Severity::warning);
        }
    }

    // ---- programs

    sys_days day_of(const syntax::Date& d) { return sys_days{d.value}; }

    void resolve_programs()
    {
        if (!main_) return;
        for (const auto& statement : main_->statements) {
            const auto* p = std::get_if<syntax::Program>(&statement.node);
            if (!p) continue;
            ir::Program program;
            program.name = p->name.value;
            program.span = p->span;
            program.athlete = find_athlete(*p);
            std::optional<Span> start_span, end_span;
            bool too_many_blocks = false;  // reported once, at the first block past the bound
            for (const auto& s : p->statements) {
                std::visit(
                    [&](const auto& n) {
                        using T = std::decay_t<decltype(n)>;
                        if constexpr (std::is_same_v<T, syntax::Start>) {
                            if (start_span) report(n.span, "'start' is given twice", Severity::error, {{*start_span, "first given here"}});
                            program.start = day_of(n.date);
                            start_span = n.span;
                        }
                        else if constexpr (std::is_same_v<T, syntax::End>) {
                            if (end_span) report(n.span, "'end' is given twice", Severity::error, {{*end_span, "first given here"}});
                            program.end = day_of(n.date);
                            end_span = n.span;
                        }
                        else if constexpr (std::is_same_v<T, syntax::Timezone>) {
                            program.timezone = n.zone.text;
                            if (auto unknown = check_timezone(n.zone.text, n.zone.span)) c_.diagnostics.push_back(std::move(*unknown));
                            program.timezone_span = n.zone.span;
                        }
                        else if constexpr (std::is_same_v<T, syntax::Coach>) {
                            program.coach = ir::Coach{n.name.value, n.email ? n.email->value : "", n.span};
                        }
                        else if constexpr (std::is_same_v<T, syntax::Skip>) {
                            program.skips.push_back({day_of(n.dates.first), day_of(n.dates.last), n.reason ? n.reason->value : "", n.span});
                        }
                        else if constexpr (std::is_same_v<T, syntax::Pause>) {
                            program.pauses.push_back({day_of(n.dates.first), day_of(n.dates.last), n.reason ? n.reason->value : "", n.span});
                        }
                        else if constexpr (std::is_same_v<T, syntax::BlockUse>) {
                            if (program.blocks.size() >= static_cast<std::size_t>(max_blocks)) {
                                if (!too_many_blocks)
                                    report(n.span, "a program holds at most " + std::to_string(max_blocks) + " blocks");
                                too_many_blocks = true;
                                return;
                            }
                            if (auto b = block_of(n, program.athlete)) program.blocks.push_back(std::move(*b));
                        }
                    },
                    s.node);
            }
            if (start_span && end_span)
                report(*end_span, "a program has 'start' or 'end', not both: 'end' plans backward from the last day",
                       Severity::error, {{*start_span, "'start' is here"}});
            if (!start_span && !end_span && !syntax_error_within(p->span))
                report(p->name.span, "the program needs 'start DATE' (or 'end DATE' to plan backward from a competition)");
            // 'EST' where the place changes its clocks: the sessions would move an hour in summer.
            if (const auto around = program.start ? program.start : program.end; around && !program.timezone.empty())
                if (auto fixed = zone_without_daylight_saving(program.timezone, *around))
                    report(program.timezone_span, *fixed, Severity::warning);
            c_.module.programs.push_back(std::move(program));
        }
    }

    // A statement the parser could not read may be the one that is missing;
    // saying it is missing as well would repeat the syntax error.
    bool syntax_error_within(const Span& span) const
    {
        for (const auto& d : c_.diagnostics)
            if (d.severity == Severity::error && d.span.source == span.source && d.span.begin >= span.begin && d.span.begin < span.end)
                return true;
        return false;
    }

    const ir::Athlete* find_athlete(const syntax::Program& p)
    {
        auto& athletes = c_.module.athletes;
        if (p.athlete) {
            // By name through an index: a federation's file names thousands
            // of athletes, and a search per program made resolving quadratic.
            if (indexed_athletes_ != athletes.size() || athlete_index_.empty()) {
                athlete_index_.clear();
                for (const auto& a : athletes) athlete_index_.emplace(a.name, &a);  // the first of a name, as a search finds
                indexed_athletes_ = athletes.size();
            }
            if (auto it = athlete_index_.find(p.athlete->value); it != athlete_index_.end()) return it->second;
            std::vector<std::string> names;
            for (const auto& a : athletes) names.push_back(a.name);
            report(p.athlete->span, "unknown athlete \"" + p.athlete->value + "\"" + did_you_mean(p.athlete->value, names));
            return nullptr;
        }
        if (athletes.size() == 1) return &athletes.front();
        if (athletes.size() > 1)
            report(p.name.span, "this file has " + std::to_string(athletes.size()) + " athletes; say whose program this is with 'for \"" +
                                    athletes.front().name + "\"'");
        return nullptr;  // no athlete: loads stay in percent
    }
};

}  // namespace

std::unique_ptr<Compilation> resolve_source(Source source, const ResolveOptions& options)
{
    auto c = std::make_unique<Compilation>();
    Resolver resolver(*c, options);
    resolver.run(std::move(source));
    return c;
}

std::unique_ptr<Compilation> resolve_file(const std::string& path, const ResolveOptions& options)
{
    auto c = std::make_unique<Compilation>();
    auto read = read_source(path, options.limits.max_bytes);
    if (!read.source) {
        c->diagnostics.push_back(Diagnostic::error(Span{}, std::move(read.error)));
        return c;
    }
    Resolver resolver(*c, options);
    resolver.run(std::move(*read.source));
    return c;
}

}  // namespace meso
