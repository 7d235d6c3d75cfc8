#include "engine/emit/sessions.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/base/csv.h"
#include "engine/base/text.h"
#include "engine/emit/date_time_cache.h"
#include "engine/emit/set_words.h"

namespace meso::emit {

namespace {

using json = nlohmann::ordered_json;

std::optional<double> in_kg(const std::optional<double>& mass, ir::MassUnit unit)
{
    if (!mass) return std::nullopt;
    if (unit == ir::MassUnit::kg) return mass;
    return std::round(*mass * ir::kg_in(unit) * 100.0) / 100.0;  // to 0.01 kg: 240 lb is 108.86 kg
}

// A set's percent of 1RM as JSON and CSV write it: at most one decimal,
// as the text does (base/text.h's round_percent).
std::optional<double> shown_percent(const std::optional<double>& percent)
{
    if (!percent) return std::nullopt;
    return round_percent(*percent);
}

constexpr long minutes_per_day = 24L * 60;

}  // namespace

std::chrono::minutes end_of(const scheduling::Session& session)
{
    return (session.start + session.length) % std::chrono::minutes{minutes_per_day};
}

namespace {

// Output gathered in a string and handed to the stream in large pieces.
class Buffered {
public:
    explicit Buffered(std::ostream& out) : out_(out) { text_.reserve(capacity + 4096); }
    ~Buffered() { flush(); }
    std::string& text() { return text_; }
    void maybe_flush()
    {
        if (text_.size() >= capacity) flush();
    }
    void flush()
    {
        out_.write(text_.data(), static_cast<std::streamsize>(text_.size()));
        text_.clear();
    }

private:
    static constexpr std::size_t capacity = 1u << 20;
    std::ostream& out_;
    std::string text_;
};

void append_integer(std::string& out, long long value)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, end);
}

// A JSON string: plain ASCII is quoted as it is; anything else (quotes,
// backslashes, control characters, UTF-8, invalid bytes) goes through
// nlohmann's escaping, so the bytes are those of the document dumped whole.
void append_json_string(std::string& out, std::string_view s)
{
    bool plain = true;
    for (unsigned char c : s) plain = plain && c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
    if (plain) {
        out += '"';
        out.append(s);
        out += '"';
        return;
    }
    out += json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace);
}

// `j` dumped with an indent of 2, every line after the first shifted right by `indent`.
std::string dump_indented(const json& j, int indent)
{
    std::string text = j.dump(2, ' ', false, json::error_handler_t::replace);
    std::string shifted;
    shifted.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        shifted += c;
        if (c == '\n') shifted.append(static_cast<std::size_t>(indent), ' ');
    }
    return shifted;
}

// A number as nlohmann::json dumps json_number(value).
void append_json_number(std::string& out, const std::optional<double>& value)
{
    if (!value) {
        out += "null";
        return;
    }
    const double r = std::round(*value * 1000.0) / 1000.0;
    if (r == std::floor(r) && std::abs(r) < 1e15) append_integer(out, static_cast<long long>(r));
    else out += json(r).dump();
}

// A JSON array as nlohmann::json dumps it: "[]" without items, else "[\n",
// the items (append_item(i) writes item i with its indentation) each
// followed by ",\n", the last by "\n", then `closing`: the "]" at the
// array's depth.
template <typename AppendItem> void append_json_array(std::string& out, std::size_t count, std::string_view closing, AppendItem append_item)
{
    if (count == 0) {
        out += "[]";
        return;
    }
    out += "[\n";
    for (std::size_t i = 0; i < count; ++i) {
        append_item(i);
        out += i + 1 < count ? ",\n" : "\n";
    }
    out += closing;
}

// The keys of a set appended to the contract's (cli.md), each written only
// when it says something, as "rpe" is: a plain `5x5 @ 75%` set reads as before.
void append_json_set_extras(std::string& out, const scheduling::SetPlan& set)
{
    const auto key = [&](const char* name) -> std::string& { return out.append(",\n                  \"").append(name).append("\": "); };
    if (set.rir) {
        key("rir");
        append_json_number(out, set.rir);
    }
    if (set.reps_max) {
        key("reps_max");
        append_integer(out, *set.reps_max);
    }
    if (set.seconds) {
        key("seconds");
        append_json_number(out, set.seconds);
    }
    if (set.amrap) key("amrap").append("true");
    if (set.warm_up) key("warm_up").append("true");
    if (set.tm_percent) {
        key("tm_percent");
        append_json_number(out, set.tm_percent);
    }
}

// One set's object, at the depth of a session's exercises.
void append_json_set(std::string& out, const scheduling::SetPlan& set, const scheduling::ProgramSchedule& program)
{
    const ir::MassUnit unit = program.unit;
    out += "                {\n                  \"reps\": ";
    if (set.seconds) out += "null";  // a timed set counts seconds, not reps
    else append_integer(out, set.reps);
    out += ",\n                  \"load_percent\": ";
    append_json_number(out, shown_percent(set.percent));
    out += ",\n                  \"load_kg\": ";
    append_json_number(out, in_kg(set.mass, unit));
    if (unit == ir::MassUnit::lb) {
        out += ",\n                  \"load_lb\": ";
        append_json_number(out, set.mass);
    }
    if (set.rpe) {
        out += ",\n                  \"rpe\": ";
        append_json_number(out, set.rpe);
    }
    append_json_set_extras(out, set);
    if (const auto* plates = program.plates_of(set)) {  // appended last: a barbell set's plates a side, in the program's unit
        out += ",\n                  \"plates\": ";
        append_json_array(out, plates->size(), "                  ]", [&](std::size_t i) {
            out += "                    ";
            append_json_number(out, (*plates)[i]);
        });
    }
    out += "\n                }";
}

// Whether two sets have the same JSON text: every key append_json_set writes.
bool same_set(const scheduling::SetPlan& a, const scheduling::SetPlan& b)
{
    // Every field a set's object shows: an AMRAP, a warm-up or a timed set is
    // not the set before it when only that differs.
    return a.reps == b.reps && same_row(a, b);
}

// An exercise's "sets" array. A set's text is reused while the sets repeat.
void append_json_sets(std::string& out, const scheduling::ExercisePlan& exercise, const scheduling::ProgramSchedule& program,
                      Buffered* buffer)
{
    const auto& sets = exercise.sets;
    std::string previous;  // the text of the set before
    append_json_array(out, sets.size(), "              ]", [&](std::size_t si) {
        if (si == 0 || !same_set(sets[si], sets[si - 1])) {
            previous.clear();
            append_json_set(previous, sets[si], program);
        }
        out += previous;
        if (buffer) buffer->maybe_flush();
    });
}

// A content's "exercises" array.
void append_json_exercises(std::string& out, const scheduling::SessionContent& content, const scheduling::ProgramSchedule& program,
                           Buffered* buffer)
{
    append_json_array(out, content.exercises.size(), "          ]", [&](std::size_t ei) {
        const auto& e = content.exercises[ei];
        out += "            {\n              \"name\": ";
        append_json_string(out, e.name);
        out += ",\n              \"sets\": ";
        append_json_sets(out, e, program, buffer);
        out += ",\n              \"rest_s\": ";
        append_json_number(out, e.rest_s);
        if (e.each_side) out += ",\n              \"each_side\": true";
        if (e.superset != 0) {
            out += ",\n              \"superset\": ";
            append_integer(out, e.superset);
        }
        out += "\n            }";
    });
}

// A content's "cuff" and "notes", when it has them.
void append_json_cuff_and_notes(std::string& out, const scheduling::SessionContent& content)
{
    if (content.cuff_pressure) {
        out += ",\n          \"cuff\": {\n            \"pressure\": ";
        append_json_number(out, content.cuff_pressure->value);
        out += ",\n            \"unit\": ";
        out += content.cuff_pressure->percent_aop ? "\"% AOP\"" : "\"mmHg\"";
        // Appended keys (cli.md): the limb, and the pressure in whole mmHg when known.
        out += ",\n            \"limb\": ";
        if (content.cuff_limb == ir::Limb::unspecified) out += "null";
        else append_json_string(out, ir::to_string(content.cuff_limb));
        out += ",\n            \"mmhg\": ";
        append_json_number(out, content.cuff_mmhg);
        out += "\n          }";
    }
    if (!content.notes.empty()) {
        out += ",\n          \"notes\": ";
        append_json_array(out, content.notes.size(), "          ]", [&](std::size_t ni) {
            out += "            ";
            append_json_string(out, content.notes[ni]);
        });
    }
}

// What a session's JSON object holds from its content on ("deload",
// "occlusion", "exercises", "cuff", "notes"), through its closing brace:
// the same for every session of a block week and split. Written directly,
// without a DOM: a content may hold two million sets. With `buffer` (whose
// text `out` is), handed on as it grows.
void append_json_content_keys(std::string& out, const scheduling::SessionContent& content, const scheduling::ProgramSchedule& program,
                              Buffered* buffer)
{
    out += "          \"deload\": ";
    out += content.deload ? "true" : "false";
    out += ",\n          \"occlusion\": ";
    if (content.occlusion == ir::Occlusion::unspecified) out += "null";
    else append_json_string(out, ir::to_string(content.occlusion));
    out += ",\n          \"exercises\": ";
    append_json_exercises(out, content, program, buffer);
    append_json_cuff_and_notes(out, content);
    out += "\n        }";
}

// The sets of a content, the size of its JSON text.
std::size_t set_count(const scheduling::SessionContent& content)
{
    std::size_t n = 0;
    for (const auto& e : content.exercises) n += e.sets.size();
    return n;
}

// A program's object up to its "sessions", without the comma before them.
std::string json_program_head(const scheduling::ProgramSchedule& p, const ZoneChoice& default_zone)
{
    json program;
    program["name"] = p.name;
    program["athlete"] = p.athlete.empty() ? json(nullptr) : json(p.athlete);
    program["unit"] = ir::to_string(p.unit);
    program["start"] = format_date(p.start);
    program["end"] = format_date(p.end);
    const ZoneChoice zone = zone_of(p, default_zone);
    program["timezone"] = zone.name;
    program["timezone_source"] = to_string(zone.source);
    json blocks = json::array();
    for (const auto& b : p.blocks) {
        blocks.push_back({{"name", b.name},
                          {"method", b.method.empty() ? json(nullptr) : json(b.method)},
                          {"template", b.block && !b.block->template_name.empty() ? json(b.block->template_name) : json(nullptr)},
                          {"start", format_date(b.start)},
                          {"end", format_date(b.end)},
                          {"weeks", b.weeks},
                          {"sessions", b.session_count}});
        if (!b.cycle.empty()) blocks.back()["cycle"] = b.cycle;  // only in a repeat: other programs' JSON is as it was
    }
    program["blocks"] = blocks;
    // Appended (cli.md), only for a program with competitions.
    if (p.program != nullptr && !p.program->competitions.empty()) {
        json competitions = json::array();
        for (const auto* c : competitions_by_date(*p.program)) competitions.push_back({{"date", format_date(c->date)}, {"name", c->name}});
        program["competitions"] = competitions;
    }
    std::string head = dump_indented(program, 4);  // ends with "\n    }"
    head.resize(head.size() - 6);
    return head;
}

// A session's own keys, up to its content's.
void append_json_session_keys(std::string& o, DateTimeCache& clock, const scheduling::Session& s, const std::string& block_name,
                              std::string_view workout)
{
    o += "        {\n          \"date\": \"";
    o += clock.date(s.date);
    o += "\",\n          \"weekday\": \"";
    o += weekday_name(s.weekday());
    o += "\",\n          \"start\": \"";
    o += clock.time(s.start);
    o += "\",\n          \"end\": \"";
    o += clock.time(end_of(s));
    o += "\",\n          \"minutes\": ";
    append_integer(o, s.length.count());
    o += ",\n          \"block\": ";
    o += block_name;
    o += ",\n          \"week\": ";
    append_integer(o, s.week);
    if (!workout.empty()) {  // only in a rotation: other programs' JSON is as it was
        o += ",\n          \"workout\": ";
        append_json_string(o, workout);
    }
    o += ",\n          \"session_of_day\": ";
    append_integer(o, s.session_of_day + 1);
    o += ",\n";
}

// A program's "sessions" array.
void append_json_sessions(Buffered& buffer, DateTimeCache& clock, const scheduling::ProgramSchedule& p)
{
    std::string& o = buffer.text();
    // Each block's name, and its cycle in a repeat ("cycle": "2" only there: other programs' JSON is as it was).
    std::vector<std::string> block_names;
    for (const auto& b : p.blocks) {
        block_names.emplace_back();
        append_json_string(block_names.back(), b.name);
        if (b.cycle.empty()) continue;
        block_names.back() += ",\n          \"cycle\": ";
        append_json_string(block_names.back(), b.cycle);
    }
    // Each content's keys made once, unless it is too large to keep
    // (about 150 bytes a set): those are written anew for each session.
    constexpr std::size_t kept_sets = 500;
    std::vector<std::string> contents;
    std::vector<bool> kept;
    for (const auto& content : p.contents) {
        contents.emplace_back();
        kept.push_back(set_count(content) <= kept_sets);
        if (kept.back()) append_json_content_keys(contents.back(), content, p, nullptr);
    }
    append_json_array(o, p.sessions.size(), "      ]", [&](std::size_t si) {
        const auto& s = p.sessions[si];
        append_json_session_keys(o, clock, s, block_names[s.block], scheduling::workout_of(p, s));
        if (kept[s.content]) o += contents[s.content];
        else append_json_content_keys(o, p.contents[s.content], p, &buffer);
        buffer.maybe_flush();
    });
}

}  // namespace

ZoneChoice zone_of(const scheduling::ProgramSchedule& program, const ZoneChoice& default_zone)
{
    return zone_for(program.program != nullptr ? std::string_view(program.program->timezone) : std::string_view(), default_zone);
}

// In the order written on one date (which the resolver does not allow).
std::vector<const ir::Competition*> competitions_by_date(const ir::Program& program)
{
    std::vector<const ir::Competition*> out;
    for (const auto& c : program.competitions) out.push_back(&c);
    std::stable_sort(out.begin(), out.end(), [](const auto* a, const auto* b) { return a->date < b->date; });
    return out;
}

// Written one session at a time, so that memory does not grow with the
// number of sessions (a million of them is allowed); the bytes are those of
// the whole document dumped by nlohmann::json with an indent of 2. A
// session's own keys are written directly; its block's name and its
// content's keys are made once and copied.
void write_sessions_json(std::ostream& out, const scheduling::ScheduleResult& schedule, const ZoneChoice& default_zone)
{
    Buffered buffer(out);
    std::string& o = buffer.text();
    DateTimeCache clock;
    o += "{\n  \"programs\": ";
    append_json_array(o, schedule.programs.size(), "  ]", [&](std::size_t pi) {
        const auto& p = schedule.programs[pi];
        o += "    ";
        o += json_program_head(p, default_zone);
        o += ",\n      \"sessions\": ";
        append_json_sessions(buffer, clock, p);
        o += "\n    }";
    });
    o += "\n}\n";
}

namespace {

std::string csv_number(const std::optional<double>& value) { return value ? format_number(*value) : std::string(); }
const char* csv_bool(bool value) { return value ? "true" : "false"; }

// The reps of a row as numbers: "5", or "30/15/15/15" (a range's top and an AMRAP have columns of their own).
std::string csv_reps(const std::vector<scheduling::SetPlan>& sets, SetRun run)
{
    bool all_same = true;
    for (std::size_t i = run.first + 1; i < run.last; ++i) all_same = all_same && sets[i].reps == sets[run.first].reps;
    if (all_same) return std::to_string(sets[run.first].reps);
    std::string out;
    for (std::size_t i = run.first; i < run.last; ++i) out += (i > run.first ? "/" : "") + std::to_string(sets[i].reps);
    return out;
}

// Each CSV row of one exercise from its exercise column to its plates (the
// session's cycle ends it): one row per run of consecutive sets that differ
// at most in their reps.
void append_csv_rows(std::vector<std::string>& rows, const scheduling::ExercisePlan& e, const scheduling::ProgramSchedule& program,
                     bool deload)
{
    const ir::MassUnit unit = program.unit;
    const auto runs = runs_of(e.sets, same_row);
    if (runs.empty()) {
        rows.push_back("," + csv_field(e.name) + ",0,0,,," + csv_number(e.rest_s) + "," + ir::to_string(unit) + ",,,,false," +
                       csv_bool(deload) + ",false,,," + csv_bool(e.each_side) + ",," + (e.superset ? std::to_string(e.superset) : "") +
                       ",");
        return;
    }
    for (const SetRun run : runs) {
        const scheduling::SetPlan& set = e.sets[run.first];
        std::string row = "," + csv_field(e.name) + "," + std::to_string(run.last - run.first) + "," +
                          (set.seconds ? std::string() : csv_reps(e.sets, run)) + "," + csv_number(in_kg(set.mass, unit)) + "," +
                          csv_number(shown_percent(set.percent)) + "," + csv_number(e.rest_s);
        // Appended (cli.md): unit,load,rpe,rir,amrap,deload,warm_up, then reps_max,seconds,each_side,tm_percent,superset,
        // then plates ("25+20+5" a side, "bar" for the bar alone; empty when not on a barbell).
        row += std::string(",") + ir::to_string(unit) + "," + csv_number(set.mass) + "," + csv_number(set.rpe) + "," + csv_number(set.rir) +
               "," + csv_bool(set.amrap) + "," + csv_bool(deload) + "," + csv_bool(set.warm_up);
        row += "," + (set.reps_max ? std::to_string(*set.reps_max) : std::string()) + "," + csv_number(set.seconds) + "," +
               csv_bool(e.each_side) + "," + csv_number(set.tm_percent) + "," + (e.superset ? std::to_string(e.superset) : "") + ",";
        if (const auto* plates = program.plates_of(set)) row += plates_text(*plates);
        rows.push_back(std::move(row));
    }
}

}  // namespace

void write_sessions_csv(std::ostream& out, const scheduling::ScheduleResult& schedule)
{
    Buffered buffer(out);
    std::string& o = buffer.text();
    DateTimeCache clock;
    o += "date,start,end,program,athlete,block,week,exercise,sets,reps,load_kg,load_percent,rest_s,unit,load,rpe,rir,amrap,deload,warm_up,"
         "reps_max,seconds,each_side,tm_percent,superset,plates,cycle,workout\n";
    for (const auto& p : schedule.programs) {
        const std::string program = "," + csv_field(p.name) + "," + csv_field(p.athlete) + ",";
        // Per block, its name and its rows' cycle: in a repeat ",2", else ","; the workout of a rotation ends each row.
        std::vector<std::string> blocks, cycles;
        for (const auto& b : p.blocks) {
            blocks.push_back(csv_field(b.name) + ",");
            cycles.push_back("," + b.cycle + ",");
        }
        // Per content, each exercise's rows up to the plates: ",squat,5,5,135,75,,kg,135,...".
        std::vector<std::vector<std::string>> rows;
        for (const auto& content : p.contents) {
            rows.emplace_back();
            for (const auto& e : content.exercises) append_csv_rows(rows.back(), e, p, content.deload);
        }
        std::string start;  // "2027-01-04,08:00,09:00,P,A,Block,1"
        for (const auto& s : p.sessions) {
            if (rows[s.content].empty()) continue;
            start.clear();
            start += clock.date(s.date);
            start += ',';
            start += clock.time(s.start);
            start += ',';
            start += clock.time(end_of(s));
            start += program;
            start += blocks[s.block];
            append_integer(start, s.week);
            const std::string workout = s.rotation != 0 ? csv_field(scheduling::workout_of(p, s)) : std::string();
            for (const auto& row : rows[s.content]) {
                o += start;
                o += row;
                o += cycles[s.block];
                o += workout;
                o += '\n';
            }
            buffer.maybe_flush();
        }
    }
}

}  // namespace meso::emit
