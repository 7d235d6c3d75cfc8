// A block, written as .meso text and built by hand into the IR and dated
// sessions the rules engine reads, so the engine is tested without the
// resolver and the scheduler. One block, one SessionContent, every training
// day of the block gets one session per time.
#pragma once

#include <bitset>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/resolve/stdlib.h"
#include "engine/rules/rules.h"
#include "grammar/parse.h"

namespace meso::test {

using namespace std::chrono;

struct TestExercise {
    std::string name = "squat";
    std::vector<int> reps = {30, 15, 15, 15};
    std::optional<double> percent = 20;
    std::optional<double> mass;
    std::optional<double> rpe;
    std::optional<double> rest_s = 30;
};

struct TestBlock {
    std::string method = "kaatsu";
    int length_days = 21;
    std::string days = "mon..sat";               // as written; "" writes no days statement
    std::bitset<7> day_bits{0b0111'1110};        // bit i: weekday i (0 = Sunday)
    std::vector<int> times = {8 * 60, 16 * 60};  // minutes since midnight
    int minutes = 30;
    std::string occlusion = "continuous";  // "" writes none
    // A % AOP is checked without the athlete's AOP; an mmHg needs a limb and
    // an `aop` for it (aops) to be compared with 40-80% AOP.
    std::optional<ir::Pressure> cuff = ir::Pressure{60, true};
    ir::Limb cuff_limb = ir::Limb::unspecified;     // written as `cuff leg ...` when set
    std::vector<std::pair<ir::Limb, double>> aops;  // the athlete's `aop LIMB N mmHg`
    std::vector<TestExercise> exercises = {TestExercise{}};
    std::map<std::string, double> maxes = {{"squat", 180}};
    std::vector<std::string> conditions;                          // canonical names, as the resolver stores them
    std::vector<std::pair<std::string, std::string>> clearances;  // rule id, who cleared it
    std::vector<ir::HealthCondition> vocabulary;                  // the module's health conditions
    std::vector<std::pair<std::string, std::string>> allows;
    bool from_template = false;                    // the block's statements are in `template kaatsu`
    std::string extra_text;                        // appended to the file, e.g. a rule set
    sys_days start = sys_days{2027y / March / 1};  // a Monday
};

inline std::string clock_text(int m)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", (m / 60) % 100, m % 60);
    return buffer;
}

struct Built {
    std::unique_ptr<Source> source;
    syntax::File file;  // the parsed text (rule sets of extra_text)
    std::vector<Diagnostic> parse_diagnostics;
    ir::Module module;
    scheduling::ScheduleResult schedule;

    Built() = default;
    Built(const Built&) = delete;
    Built& operator=(const Built&) = delete;

    // The span of the line of the first occurrence of `text`, from it to the end of the line.
    Span span_of(const std::string& text) const
    {
        const auto at = source->text.find(text);
        if (at == std::string::npos) return {};
        const auto end = source->text.find('\n', at);
        return span_at(*source, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(end - at));
    }
    int line_of(const std::string& text) const { return static_cast<int>(span_of(text).line); }
};

inline std::string statements_text(const TestBlock& b, const std::string& indent)
{
    std::string t;
    t += indent + "method " + b.method + "\n";
    if (!b.days.empty()) t += indent + "days " + b.days + "\n";
    t += indent + "sessions ";
    for (std::size_t i = 0; i < b.times.size(); ++i) t += (i ? ", " : "") + clock_text(b.times[i]);
    t += " for " + std::to_string(b.minutes) + " min\n";
    if (!b.occlusion.empty()) t += indent + "occlusion " + b.occlusion + "\n";
    if (b.cuff) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%g", b.cuff->value);
        const std::string limb = b.cuff_limb == ir::Limb::unspecified ? "" : std::string(ir::to_string(b.cuff_limb)) + " ";
        t += indent + "cuff " + limb + buffer + (b.cuff->percent_aop ? "% AOP" : " mmHg") + "\n";
    }
    for (const auto& e : b.exercises) {
        t += indent + e.name + " ";
        for (std::size_t i = 0; i < e.reps.size(); ++i) t += (i ? "," : "") + std::to_string(e.reps[i]);
        char buffer[32];
        if (e.percent && !e.mass) std::snprintf(buffer, sizeof buffer, " @ %g%%", *e.percent), t += buffer;
        if (e.mass) std::snprintf(buffer, sizeof buffer, " @ %g kg", *e.mass), t += buffer;
        if (e.rpe) std::snprintf(buffer, sizeof buffer, " @ RPE %g", *e.rpe), t += buffer;
        if (e.rest_s) std::snprintf(buffer, sizeof buffer, " rest %g s", *e.rest_s), t += buffer;
        t += "\n";
    }
    return t;
}

inline std::unique_ptr<Built> build(const TestBlock& b)
{
    auto out = std::make_unique<Built>();
    // ---- the text
    std::string text = "athlete \"Alex\" {\n";
    for (const auto& [name, max] : b.maxes) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "  max %s %g kg\n", name.c_str(), max);
        text += buffer;
    }
    if (!b.conditions.empty()) {
        text += "  condition ";
        for (std::size_t i = 0; i < b.conditions.size(); ++i) text += (i ? ", " : "") + b.conditions[i];
        text += "\n";
    }
    for (const auto& [limb, mmhg] : b.aops) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "  aop %s %g mmHg\n", ir::to_string(limb), mmhg);
        text += buffer;
    }
    text += "}\n";
    if (b.from_template) text += "template kaatsu \"Kaatsu\" {\n" + statements_text(b, "  ") + "}\n";
    text += "program \"P\" {\n  start 2027-03-01\n";
    const std::string length = std::to_string(b.length_days) + " days";
    if (b.from_template) {
        text += "  " + length + " kaatsu";
        if (!b.allows.empty()) {
            text += " {\n";
            for (const auto& [rule, reason] : b.allows) text += "    allow " + rule + " \"" + reason + "\"\n";
            text += "  }";
        }
        text += "\n";
    }
    else {
        text += "  " + length + " \"Block\" {\n" + statements_text(b, "    ");
        for (const auto& [rule, reason] : b.allows) text += "    allow " + rule + " \"" + reason + "\"\n";
        text += "  }\n";
    }
    text += "}\n" + b.extra_text;
    out->source = std::make_unique<Source>(Source{"plan.meso", text});
    auto parsed = parse(*out->source);
    out->file = std::move(parsed.file);
    out->parse_diagnostics = std::move(parsed.diagnostics);
    for (const auto& statement : out->file.statements)
        if (const auto* ruleset = std::get_if<syntax::Ruleset>(&statement.node)) out->module.rulesets.push_back(ruleset);

    // ---- the IR
    auto& module = out->module;
    module.athletes.reserve(1);
    ir::Athlete athlete;
    athlete.name = "Alex";
    for (const auto& [name, max] : b.maxes) athlete.maxes[name] = ir::Mass{max, ir::MassUnit::kg};
    athlete.conditions = b.conditions;
    athlete.span = out->span_of("athlete \"Alex\"");
    for (const auto& [rule, by] : b.clearances) athlete.clearances.push_back({rule, by, athlete.span});
    for (const auto& [limb, mmhg] : b.aops) athlete.occlusion_pressures.push_back({limb, mmhg, std::nullopt, out->span_of("aop ")});
    module.health_conditions = b.vocabulary;
    module.athletes.push_back(athlete);
    ir::Program program;
    program.name = "P";
    program.athlete = &module.athletes.front();
    program.start = b.start;
    program.span = out->span_of("program \"P\"");
    ir::Block block;
    block.name = b.from_template ? "Kaatsu" : "Block";
    block.length_days = b.length_days;
    block.span = out->span_of(length + (b.from_template ? " kaatsu" : " \"Block\""));
    if (b.from_template) {
        block.template_name = "kaatsu";
        // The whole template, as the resolver gives it: the statements inside it are the template's.
        const auto at = out->source->text.find("template kaatsu");
        const auto end = out->source->text.find("\n}\n", at) + 2;
        block.template_span = span_at(*out->source, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(end - at));
    }
    auto& content = block.content;
    content.method = b.method;
    content.method_span = out->span_of("method ");
    if (!b.days.empty()) content.days = b.day_bits, content.days_span = out->span_of("days ");
    content.sessions_span = out->span_of("sessions ");
    if (!b.occlusion.empty()) content.occlusion_span = out->span_of("occlusion ");
    if (b.cuff) content.cuff_pressure = b.cuff, content.cuff_span = out->span_of("cuff "), content.cuff_limb = b.cuff_limb;
    for (const auto& e : b.exercises) {
        ir::Exercise x;
        x.name = e.name;
        ir::Set set;
        set.load.kind = e.mass      ? ir::Load::Kind::mass
                        : e.rpe     ? ir::Load::Kind::effort
                        : e.percent ? ir::Load::Kind::percent
                                    : ir::Load::Kind::none;
        set.load.from = e.mass ? *e.mass : e.percent ? *e.percent : 0;
        set.rpe = e.rpe;
        for (int reps : e.reps) {
            set.reps = reps;
            x.sets.push_back(set);
        }
        x.rest_s = e.rest_s;
        x.span = out->span_of((b.from_template ? "  " : "    ") + e.name + " ");
        content.exercises.push_back(x);
    }
    for (const auto& [rule, reason] : b.allows) block.allows.push_back({rule, reason, out->span_of("allow " + rule)});
    program.blocks.push_back(block);
    module.programs.push_back(program);

    // ---- the dated sessions
    const ir::Program& p = module.programs.front();
    scheduling::ProgramSchedule ps;
    ps.program = &p;
    ps.name = "P";
    ps.athlete = "Alex";
    ps.start = b.start;
    ps.end = b.start + days{b.length_days - 1};
    scheduling::SessionContent sc;
    sc.occlusion = b.occlusion == "continuous"     ? ir::Occlusion::continuous
                   : b.occlusion == "intermittent" ? ir::Occlusion::intermittent
                   : b.occlusion == "none"         ? ir::Occlusion::none
                                                   : ir::Occlusion::unspecified;
    sc.occlusion_span = p.blocks.front().content.occlusion_span;
    sc.cuff_pressure = b.cuff;
    sc.cuff_span = p.blocks.front().content.cuff_span;
    sc.cuff_limb = b.cuff_limb;
    sc.sessions_span = p.blocks.front().content.sessions_span;
    for (std::size_t i = 0; i < b.exercises.size(); ++i) {
        const auto& e = b.exercises[i];
        scheduling::ExercisePlan plan;
        plan.name = e.name;
        plan.rest_s = e.rest_s;
        plan.span = p.blocks.front().content.exercises[i].span;
        auto max = b.maxes.find(e.name);
        for (int reps : e.reps) {
            scheduling::SetPlan set;
            set.reps = reps;
            if (e.mass) {
                set.mass = e.mass;
                if (max != b.maxes.end()) set.percent = *e.mass / max->second * 100;
            }
            else if (e.percent) {
                set.percent = e.percent;
                if (max != b.maxes.end()) set.mass = std::round(max->second * *e.percent / 100 / 2.5) * 2.5;
                else plan.percent_without_max = true;
            }
            set.rpe = e.rpe;
            plan.sets.push_back(set);
        }
        sc.exercises.push_back(plan);
    }
    ps.contents.push_back(sc);
    scheduling::BlockPlan bp;
    bp.block = &p.blocks.front();
    bp.name = p.blocks.front().name;
    bp.method = b.method;
    bp.start = b.start;
    bp.planned_start = b.start;  // no pause in a fixture
    bp.end = ps.end;
    bp.weeks = (b.length_days + 6) / 7;
    for (int d = 0; d < b.length_days; ++d) {
        const sys_days date = b.start + days{d};
        if (b.days.empty() || !b.day_bits.test(weekday{date}.c_encoding())) continue;
        for (std::size_t t = 0; t < b.times.size(); ++t) {
            scheduling::Session s;
            s.date = date;
            s.start = minutes{b.times[t]};
            s.length = minutes{b.minutes};
            s.week = static_cast<std::uint16_t>(d / 7 + 1);
            s.day = static_cast<std::uint16_t>(d);
            s.session_of_day = static_cast<std::uint8_t>(t);
            ps.sessions.push_back(s);
        }
    }
    bp.session_count = static_cast<std::uint32_t>(ps.sessions.size());
    ps.blocks.push_back(bp);
    out->schedule.programs.push_back(std::move(ps));
    return out;
}

// The standard rule sets, parsed from the embedded stdlib once.
inline const std::vector<const syntax::Ruleset*>& standard_rulesets()
{
    static std::deque<Source> sources;
    static std::deque<syntax::File> files;
    static std::vector<const syntax::Ruleset*> sets = [] {
        std::vector<const syntax::Ruleset*> out;
        for (const auto& f : resolving::embedded_stdlib()) {
            if (f.path != "std/bfr.meso" && f.path != "std/kaatsu.meso" && f.path != "std/general.meso") continue;
            sources.push_back(Source{std::string(f.path), std::string(f.text)});
            files.push_back(parse(sources.back()).file);
            for (const auto& s : files.back().statements)
                if (const auto* r = std::get_if<syntax::Ruleset>(&s.node)) out.push_back(r);
        }
        return out;
    }();
    return sets;
}

// Every rule set in force: the standard ones and the file's own.
inline std::vector<Diagnostic> check(const Built& built, bool standard = true)
{
    std::vector<const syntax::Ruleset*> sets;
    if (standard) sets = standard_rulesets();
    sets.insert(sets.end(), built.module.rulesets.begin(), built.module.rulesets.end());
    rules::RuleBook book = rules::load_rules(sets, built.module.health_conditions);
    auto out = book.diagnostics;
    auto findings = rules::check_rules(book, built.module, built.schedule);
    out.insert(out.end(), findings.begin(), findings.end());
    return out;
}

// The rule ids of the findings no `allow` accepted, sorted.
inline std::vector<std::string> fired(const std::vector<Diagnostic>& findings)
{
    std::vector<std::string> out;
    for (const auto& f : findings)
        if (!f.suppressed_by) out.push_back(f.rule ? *f.rule : "(" + f.message + ")");
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace meso::test
