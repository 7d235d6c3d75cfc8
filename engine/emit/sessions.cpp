#include "engine/emit/sessions.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>

namespace meso {

namespace {

using json = nlohmann::ordered_json;

json json_number(double value)
{
    const double r = std::round(value * 1000.0) / 1000.0;
    if (r == std::floor(r) && std::abs(r) < 1e15) return json(static_cast<long long>(r));
    return json(r);
}

json optional_number(const std::optional<double>& value) { return value ? json_number(*value) : json(nullptr); }

std::optional<double> in_kg(const std::optional<double>& mass, ir::MassUnit unit)
{
    if (!mass) return std::nullopt;
    if (unit == ir::MassUnit::kg) return mass;
    return std::round(*mass * ir::kg_per_lb * 100.0) / 100.0;
}

std::string end_time(const Session& s) { return format_time((s.start + s.length) % std::chrono::minutes{24 * 60}); }

bool same_load(const ExercisePlan& e)
{
    for (const auto& s : e.sets)
        if (s.percent != e.sets.front().percent || s.mass != e.sets.front().mass || s.rpe != e.sets.front().rpe) return false;
    return true;
}

std::string reps_of(const ExercisePlan& e, const char* separator)
{
    bool all_same = true;
    for (const auto& s : e.sets) all_same = all_same && s.reps == e.sets.front().reps;
    if (e.sets.empty()) return "0";
    if (all_same) return std::to_string(e.sets.front().reps);
    std::string out;
    for (std::size_t i = 0; i < e.sets.size(); ++i) out += (i ? separator : "") + std::to_string(e.sets[i].reps);
    return out;
}

std::string csv_field(const std::string& s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::string format_number(double value)
{
    const double r = std::round(value * 1000.0) / 1000.0;
    if (r == std::floor(r)) {
        // Whole numbers are most loads, reps and minutes: to_chars writes
        // what fmt's "{}" does, without its formatting machinery.
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, static_cast<long long>(r)).ptr;
        return std::string(digits, end);
    }
    // The rest have at most three decimals: their thousandths, a whole
    // number, are the digits "{:.3f}" writes (the double nearest to n/1000
    // is within far less than half a thousandth of it while |n| < 2^51).
    const double thousandths = std::round(r * 1000.0);
    if (std::fabs(thousandths) < 1e15) {
        auto n = static_cast<long long>(thousandths);
        char digits[32];
        char* at = digits;
        if (n < 0) *at++ = '-', n = -n;
        at = std::to_chars(at, digits + sizeof digits, n / 1000).ptr;
        *at++ = '.';
        long long fraction = n % 1000;  // not 0: r is not whole
        for (long long unit = 100; unit > 0 && fraction > 0; unit /= 10) {
            *at++ = static_cast<char>('0' + fraction / unit);
            fraction %= unit;
        }
        return std::string(digits, at);
    }
    std::string s = fmt::format("{:.3f}", r);
    while (!s.empty() && s.back() == '0') s.pop_back();
    return s;
}

std::string describe_load(const SetPlan& set, ir::MassUnit unit)
{
    if (set.rpe) return "RPE " + format_number(*set.rpe);
    if (set.mass && set.percent) return format_number(*set.mass) + " " + ir::to_string(unit) + " (" + format_number(*set.percent) + "%)";
    if (set.mass) return format_number(*set.mass) + " " + ir::to_string(unit);
    if (set.percent) return format_number(*set.percent) + "%";
    return "";
}

std::string describe_sets(const ExercisePlan& e, ir::MassUnit unit)
{
    std::string out = std::to_string(e.sets.size()) + "×" + reps_of(e, "/");
    if (e.sets.empty()) return out;
    if (same_load(e)) {
        const auto load = describe_load(e.sets.front(), unit);
        if (!load.empty()) out += " @ " + load;
    }
    else {
        out += " @ ";
        for (std::size_t i = 0; i < e.sets.size(); ++i) out += (i ? ", " : "") + describe_load(e.sets[i], unit);
    }
    return out;
}

void write_sessions_text(std::ostream& out, const ScheduleResult& schedule)
{
    for (const auto& p : schedule.programs) {
        out << fmt::format("{}{} — {} to {}, {} session{}\n", p.name, p.athlete.empty() ? "" : " for " + p.athlete,
                           format_date(p.start), format_date(p.end), p.sessions.size(), p.sessions.size() == 1 ? "" : "s");
        for (const auto& s : p.sessions) {
            const auto& block = p.blocks[s.block];
            const auto& content = p.contents[s.content];
            std::string exercises;
            for (const auto& e : content.exercises) {
                if (!exercises.empty()) exercises += ", ";
                exercises += e.name + " " + describe_sets(e, p.unit);
            }
            out << fmt::format("{} {} {}-{}  {}  week {}{}  {}\n", weekday_name(s.weekday()), format_date(s.date),
                               format_time(s.start), end_time(s), block.name, s.week, content.deload ? " (deload)" : "",
                               exercises);
        }
    }
}

// Written one session at a time, so that memory does not grow with the
// number of sessions (a million of them is allowed); the bytes are those of
// the whole document dumped with an indent of 2.
void write_sessions_json(std::ostream& out, const ScheduleResult& schedule)
{
    auto dump = [](const json& j, int indent) {
        std::string text = j.dump(2, ' ', false, json::error_handler_t::replace);
        std::string shifted;
        shifted.reserve(text.size());
        for (char c : text) {
            shifted += c;
            if (c == '\n') shifted.append(static_cast<std::size_t>(indent), ' ');
        }
        return shifted;
    };
    out << "{\n  \"programs\": ";
    if (schedule.programs.empty()) {
        out << "[]\n}\n";
        return;
    }
    out << "[\n";
    for (std::size_t pi = 0; pi < schedule.programs.size(); ++pi) {
        const auto& p = schedule.programs[pi];
        json program;
        program["name"] = p.name;
        program["athlete"] = p.athlete.empty() ? json(nullptr) : json(p.athlete);
        program["unit"] = ir::to_string(p.unit);
        program["start"] = format_date(p.start);
        program["end"] = format_date(p.end);
        program["timezone"] = p.program && !p.program->timezone.empty() ? json(p.program->timezone) : json(nullptr);
        json blocks = json::array();
        for (const auto& b : p.blocks) {
            blocks.push_back({{"name", b.name},
                              {"method", b.method.empty() ? json(nullptr) : json(b.method)},
                              {"template", b.block && !b.block->template_name.empty() ? json(b.block->template_name) : json(nullptr)},
                              {"start", format_date(b.start)},
                              {"end", format_date(b.end)},
                              {"weeks", b.weeks},
                              {"sessions", b.session_count}});
        }
        program["blocks"] = blocks;
        std::string head = dump(program, 4);  // ends with "\n    }"
        head.resize(head.size() - 6);
        out << "    " << head << ",\n      \"sessions\": " << (p.sessions.empty() ? "[]" : "[\n");
        for (std::size_t si = 0; si < p.sessions.size(); ++si) {
            const auto& s = p.sessions[si];
            const auto& content = p.contents[s.content];
            json exercises = json::array();
            for (const auto& e : content.exercises) {
                json sets = json::array();
                for (const auto& set : e.sets) {
                    json j{{"reps", set.reps},
                           {"load_percent", optional_number(set.percent)},
                           {"load_kg", optional_number(in_kg(set.mass, p.unit))}};
                    if (p.unit == ir::MassUnit::lb) j["load_lb"] = optional_number(set.mass);
                    if (set.rpe) j["rpe"] = json_number(*set.rpe);
                    sets.push_back(j);
                }
                exercises.push_back({{"name", e.name}, {"sets", sets}, {"rest_s", optional_number(e.rest_s)}});
            }
            json session{{"date", format_date(s.date)},
                         {"weekday", weekday_name(s.weekday())},
                         {"start", format_time(s.start)},
                         {"end", end_time(s)},
                         {"minutes", s.length.count()},
                         {"block", p.blocks[s.block].name},
                         {"week", s.week},
                         {"session_of_day", s.session_of_day + 1},
                         {"deload", content.deload},
                         {"occlusion", content.occlusion == ir::Occlusion::unspecified ? json(nullptr) : json(ir::to_string(content.occlusion))},
                         {"exercises", exercises}};
            if (content.cuff_pressure)
                session["cuff"] = {{"pressure", json_number(content.cuff_pressure->value)},
                                   {"unit", content.cuff_pressure->percent_aop ? "% AOP" : "mmHg"}};
            if (!content.notes.empty()) session["notes"] = content.notes;
            out << "        " << dump(session, 8) << (si + 1 < p.sessions.size() ? ",\n" : "\n");
        }
        out << (p.sessions.empty() ? "" : "      ]") << "\n    }" << (pi + 1 < schedule.programs.size() ? ",\n" : "\n");
    }
    out << "  ]\n}\n";
}

void write_sessions_csv(std::ostream& out, const ScheduleResult& schedule)
{
    out << "date,start,end,program,athlete,block,week,exercise,sets,reps,load_kg,load_percent,rest_s\n";
    for (const auto& p : schedule.programs) {
        for (const auto& s : p.sessions) {
            const auto& content = p.contents[s.content];
            for (const auto& e : content.exercises) {
                const SetPlan first = e.sets.empty() ? SetPlan{} : e.sets.front();
                const bool uniform = same_load(e);
                auto kg = in_kg(first.mass, p.unit);
                out << format_date(s.date) << ',' << format_time(s.start) << ',' << end_time(s) << ',' << csv_field(p.name) << ','
                    << csv_field(p.athlete) << ',' << csv_field(p.blocks[s.block].name) << ',' << s.week << ',' << csv_field(e.name)
                    << ',' << e.sets.size() << ',' << reps_of(e, "/") << ',' << (uniform && kg ? format_number(*kg) : "") << ','
                    << (uniform && first.percent ? format_number(*first.percent) : "") << ','
                    << (e.rest_s ? format_number(*e.rest_s) : "") << '\n';
            }
        }
    }
}

}  // namespace meso
