// The parse: PEGTL runs the grammar (grammar.h) over the text with a
// control that records the selected rules on a flat tape (tree.h); each
// top-level statement, once parsed, is handed to the builder (builder.h)
// and dropped from the tape. Syntax errors, the encoding check
// (encoding.h) and comments (trivia.h) complete the result.
#include "grammar/parse.h"

#include <tao/pegtl/contrib/parse_tree.hpp>

#include <algorithm>
#include <cctype>
#include <string>

#include "grammar/builder.h"
#include "grammar/encoding.h"
#include "grammar/grammar.h"
#include "grammar/tree.h"
#include "grammar/trivia.h"

namespace meso {

namespace {

namespace g = grammar;
namespace pt = tao::pegtl::parse_tree;
using grammar::Builder;
using grammar::node;

// ---------------------------------------------------------------- the PEGTL parse

struct errors {
    template <typename Rule> static constexpr const char* message = g::error_message<Rule>;
    template <typename Rule> static constexpr bool raise_on_failure = false;  // only must<> raises
};

template <typename Rule> using selector = pt::selector<
    Rule,
    pt::store_content::on<
        // tokens
        g::string_literal, g::identifier, g::dotted_name, g::number, g::unit, g::date, g::clock_time, g::weekday, g::weekday_range_end,
        g::weekday_comma, g::weekday_item, g::weekdays, g::email_address, g::zone_name, g::reason, g::note_text, g::title, g::athlete_name,
        g::coach_name, g::calendar_id_value, g::program_name, g::program_athlete, g::more_program_athlete, g::program_athletes,
        g::group_name, g::group_member, g::block_name, g::citation, g::rule_message, g::method_name, g::template_name, g::condition_name,
        g::rule_name, g::severity, g::ruleset_name, g::metric, g::module_reference, g::rule_reference, g::exercise_name, g::block_target,
        g::sets_count, g::reps_count, g::reps_most, g::amrap_sign, g::training_max_mark, g::superset_keyword, g::week_number,
        g::then_keyword, g::deload_keyword, g::every_keyword, g::any_keyword, g::progression_sign, g::comparator, g::occlusion_mode,
        g::times_sign, g::week_keyword, g::condition_class_name, g::firmness, g::replaced_id, g::bfr_blocks, g::limb_name, g::cleared_rule,
        g::clearance, g::declared_condition, g::condition_description, g::class_name, g::alias_name, g::condition_source, g::plate_count,
        g::plate_mass, g::equipment_kind,
        // quantities
        g::quantity, g::duration, g::mass, g::pressure, g::length, g::load_quantity, g::ramp_end, g::progression_step, g::block_length,
        g::session_length, g::rest_length, g::round_step, g::value_number, g::value, g::occlusion_pressure, g::measured_width, g::bar_mass,
        g::equipment_step_mass,
        // prescriptions
        g::sets_x_reps, g::rep_list, g::reps_item, g::set_duration, g::effort, g::rpe_effort, g::rir_effort, g::rir_value, g::load,
        g::progression, g::rest_modifier, g::each_side_modifier, g::warm_up_modifier, g::set_group, g::load_first_form, g::prescription,
        g::superset_member, g::superset_statement, g::superset_body, g::superset_rest,
        // statements and bodies
        g::use_statement, g::athlete_definition, g::program_definition, g::template_definition, g::ruleset_definition, g::max_statement,
        g::round_statement, g::training_max_statement, g::training_max_share, g::training_max_mass, g::condition_statement,
        g::start_statement, g::end_statement, g::competition_statement, g::competition_name, g::timezone_statement, g::coach_statement,
        g::calendar_id_statement, g::skip_statement, g::pause_statement, g::block_use, g::repeat_statement, g::inner_repeat,
        g::repeat_count, g::repeat_body, g::inner_repeat_body, g::cycle_raise_statement, g::cycle_raise_exercise, g::cycle_raise_sign,
        g::cycle_raise_step, g::method_statement, g::days_statement, g::sessions_statement, g::occlusion_statement, g::cuff_statement,
        g::cuff_width, g::week_override, g::week_item, g::split, g::rotate_statement, g::rotation_policy, g::rotation_body, g::workout,
        g::workout_name, g::workout_body, g::alternate_statement, g::alternation_body, g::week_pattern, g::week_pattern_name,
        g::week_pattern_body, g::allow_statement, g::note_statement, g::block_body, g::week_body, g::split_body, g::athlete_body,
        g::program_body, g::rule_body, g::ruleset_body, g::rule_definition, g::applies_statement, g::require_statement, g::forbid_statement,
        g::source_statement, g::aop_statement, g::cleared_statement, g::cuff_on_limb, g::health_condition_definition,
        g::health_condition_body, g::class_statement, g::alias_statement, g::condition_source_statement, g::allow_never_statement,
        g::replaces_statement, g::group_definition, g::group_body, g::group_members, g::bar_statement, g::plates_statement, g::plate_item,
        g::equipment_statement,
        // conditions
        g::comparison, g::between_condition, g::quantified, g::athlete_has, g::not_condition, g::and_condition, g::condition,
        g::parenthesized>>;

// A stack whose push is a compare and a store, inlined into the control:
// std::vector's push_back was not, and the stack of open rules and the
// tape's pushes were a tenth of the parse's instructions.
template <typename T> class Stack {
public:
    std::size_t size() const { return count_; }
    T& operator[](std::size_t i) { return items_[i]; }
    T& back() { return items_[count_ - 1]; }
    [[gnu::always_inline]] void push(const T& item)
    {
        if (count_ == items_.size()) return append(item);
        items_[count_++] = item;
    }
    void pop() { --count_; }
    void truncate(std::size_t count) { count_ = count; }

private:
    // Appended, not resized: resizing zeroed the new room first, 4% of the
    // parse of the standard library at every start.
    [[gnu::noinline]] void append(const T& item)
    {
        items_.push_back(item);
        ++count_;
    }
    std::vector<T> items_;
    std::size_t count_ = 0;
};

// The tape holds one top-level statement at a time: once a statement is
// parsed for good (its recovery rule succeeded), it is built into the
// syntax tree and dropped from the tape, so that the tape stays small and
// in cache whatever the size of the file.
struct Tape {
    Stack<node> nodes;          // nodes[0] is the root; after it, the statement being parsed
    Stack<std::uint32_t> open;  // where each rule being tried began on the tape
    Builder* builder = nullptr;
    syntax::File* file = nullptr;
};

// Builds the top-level statements on the tape into tape.file; leaves the root only.
void build_finished_statements(Tape& tape);

template <typename Rule> inline constexpr bool makes_node = pt::internal::is_selected_node<Rule, selector>;
// A rule none of whose sub-rules (to 8 levels) makes a node cannot leave
// one behind when it fails: nothing to track.
template <typename Rule> inline constexpr bool may_leave_nodes =
    !makes_node<Rule> && !pt::internal::is_leaf<8, typename Rule::subs_t, selector>;

template <typename Rule> struct control : tao::pegtl::must_if<errors>::control<Rule> {
    using base = tao::pegtl::must_if<errors>::control<Rule>;

    template <typename ParseInput, typename... States>
    static void start(const ParseInput& in, grammar::ParserState&, Tape& tape, States&&...)
    {
        if constexpr (makes_node<Rule> || may_leave_nodes<Rule>) tape.open.push(static_cast<std::uint32_t>(tape.nodes.size()));
        if constexpr (makes_node<Rule>) {
            const auto& at = in.iterator();
            node n;
            n.type = &node::type_tag<Rule>;
            n.data = at.data;
            n.begin = static_cast<std::uint32_t>(at.byte);
            n.line = static_cast<std::uint32_t>(at.line);
            n.column = static_cast<std::uint32_t>(at.column);
            tape.nodes.push(n);
        }
    }

    template <typename ParseInput, typename... States>
    static void success(const ParseInput& in, grammar::ParserState&, Tape& tape, States&&...)
    {
        if constexpr (makes_node<Rule>) {
            const std::uint32_t i = tape.open.back();
            node& n = tape.nodes[i];
            const auto& at = in.iterator();
            n.end = static_cast<std::uint32_t>(at.byte);
            n.end_line = static_cast<std::uint32_t>(at.line);
            n.descendants = static_cast<std::uint32_t>(tape.nodes.size() - i - 1);
        }
        if constexpr (makes_node<Rule> || may_leave_nodes<Rule>) tape.open.pop();
        if constexpr (std::is_same_v<Rule, grammar::recover<grammar::top_statement, true>>) build_finished_statements(tape);
    }

    template <typename ParseInput, typename... States>
    static void failure(const ParseInput& in, grammar::ParserState& state, Tape& tape, States&&... st)
    {
        drop(tape);
        base::failure(in, state, tape, st...);  // raises inside must<>
    }

    template <typename ParseInput, typename... States> static void unwind(const ParseInput&, grammar::ParserState&, Tape& tape, States&&...)
    {
        drop(tape);
    }

private:
    static void drop(Tape& tape)
    {
        if constexpr (makes_node<Rule> || may_leave_nodes<Rule>) {
            tape.nodes.truncate(tape.open.back());
            tape.open.pop();
        }
    }
};

void build_finished_statements(Tape& tape)
{
    tape.nodes[0].descendants = static_cast<std::uint32_t>(tape.nodes.size() - 1);
    for (const node* c : tape.nodes[0].children()) tape.builder->top_level_statement(*c, *tape.file);
    tape.nodes.truncate(1);
}

// The length of the word at an error, to underline it; 1 for anything else.
std::uint32_t word_length_at(const std::string& t, std::size_t at)
{
    std::size_t end = at;
    while (end < t.size() && end - at < 80 &&
           (std::isalnum(static_cast<unsigned char>(t[end])) || t[end] == '_' || t[end] == '-' || t[end] == '.'))
        ++end;
    return static_cast<std::uint32_t>(std::max<std::size_t>(1, end - at));
}

// The word (or what stands) at an error, for "..., found 'X'".
std::string found_at(const std::string& t, std::size_t at)
{
    if (at >= t.size()) return "the end of the file";
    const char c = t[at];
    if (c == '\n' || c == '\r' || c == '#') return "the end of the line";
    std::size_t end = at;
    if (c == '"') {  // a string, up to its closing quote on the line
        end = at + 1;
        while (end < t.size() && t[end] != '"' && t[end] != '\n' && end - at < 40) ++end;
        if (end < t.size() && t[end] == '"') ++end;
        return t.substr(at, end - at);
    }
    auto is_word = [](char ch) {
        return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-' || ch == '.' || (ch & 0x80);
    };
    if (is_word(c)) {
        while (end < t.size() && is_word(t[end]) && end - at < 40) ++end;
    }
    else {
        end = at + 1;
    }
    return "'" + t.substr(at, end - at) + "'";
}

}  // namespace

ParseResult parse(const Source& source, const ParseLimits& limits)
{
    ParseResult result;
    result.file.source = &source;
    if (source.text.size() > limits.max_bytes) {
        Span whole{&source, 1, 1, 0, 0};
        auto size = [](std::size_t bytes) {
            return bytes >= (1u << 20) ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes) + " bytes";
        };
        result.diagnostics.push_back(Diagnostic::error(whole, "the file is " + size(source.text.size()) + "; meso reads files of at most " +
                                                                  size(limits.max_bytes) + "; split it into several files"));
        return result;
    }
    const auto encoding = limits.check_encoding ? grammar::check_encoding(source, result.diagnostics) : grammar::EncodingCheck{};
    if (encoding.fatal) return result;

    grammar::ParserState state;
    state.max_depth = limits.max_depth;
    state.max_errors = limits.max_errors;
    tao::pegtl::memory_input<> in(source.text.data() + encoding.start, source.text.data() + source.text.size(), "", encoding.start, 1,
                                  1 + encoding.start);
    // Errors found while building (a date that does not exist, a number
    // too long) come after the syntax errors, as when the tree was built
    // after the parse.
    std::vector<Diagnostic> build_diagnostics;
    Builder builder(source, build_diagnostics);
    Tape tape;
    tape.builder = &builder;
    tape.file = &result.file;
    tape.nodes.push(node{});  // the root
    bool parsed = false;
    try {
        parsed = tao::pegtl::parse<grammar::file, tao::pegtl::nothing, control>(in, state, tape);
    }
    catch (const tao::pegtl::parse_error& e) {  // outside any statement: cannot happen, but never escapes
        const auto& where = e.positions().front();
        state.errors.push_back({where.byte, where.line, where.column, std::string(e.message())});
    }
    for (const auto& e : state.errors) {
        const auto length = word_length_at(source.text, e.byte);
        Span s{&source, static_cast<std::uint32_t>(e.line), static_cast<std::uint32_t>(e.column), static_cast<std::uint32_t>(e.byte),
               static_cast<std::uint32_t>(std::min<std::size_t>(e.byte + length, source.text.size()))};
        std::string message = e.message;
        if (message.rfind("expected", 0) == 0 && message.find(", found") == std::string::npos)
            message += ", found " + found_at(source.text, e.byte);
        result.diagnostics.push_back(Diagnostic::error(s, message));
    }
    if (state.errors.size() >= limits.max_errors)
        result.diagnostics.push_back(Diagnostic::note({}, "too many errors; the rest of the file was not read"));
    if (!parsed) {  // as if nothing had been built
        result.file.statements.clear();
        build_diagnostics.clear();
    }
    DiagnosticSink(result.diagnostics).append(std::move(build_diagnostics));
    if (parsed && limits.comments) grammar::attach_trivia(source, encoding.start, result.file);
    sort_by_position(result.diagnostics, {&source});  // those without a location (too many errors) last
    return result;
}

}  // namespace meso
