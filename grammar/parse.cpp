#include "grammar/parse.h"

#include <tao/pegtl/contrib/parse_tree.hpp>

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/base/text.h"
#include "grammar/grammar.h"

namespace meso {

namespace {

namespace g = grammar;
namespace pt = tao::pegtl::parse_tree;
using syntax::Dimension;
using syntax::Unit;

// ---------------------------------------------------------------- the PEGTL parse

struct errors {
    template <typename Rule>
    static constexpr const char* message = g::error_message<Rule>;
    template <typename Rule>
    static constexpr bool raise_on_failure = false;  // only must<> raises
};

template <typename Rule>
using selector = pt::selector<
    Rule,
    pt::store_content::on<
        // tokens
        g::string_literal, g::identifier, g::dotted_name, g::number, g::unit, g::date, g::clock_time, g::weekday,
        g::weekday_range_end, g::weekday_comma, g::weekday_item, g::weekdays, g::email_address, g::zone_name,
        g::reason, g::note_text, g::title, g::athlete_name, g::coach_name, g::program_name, g::program_athlete,
        g::block_name, g::citation, g::rule_message, g::method_name, g::template_name, g::condition_name, g::rule_name,
        g::severity, g::ruleset_name, g::metric, g::module_reference, g::rule_reference, g::exercise_name,
        g::block_target, g::sets_count, g::reps_count, g::week_number, g::then_keyword, g::deload_keyword,
        g::every_keyword, g::any_keyword, g::progression_sign, g::comparator, g::occlusion_mode, g::times_sign,
        // quantities
        g::quantity, g::duration, g::mass, g::pressure, g::length, g::load_quantity, g::ramp_end,
        g::progression_step, g::block_length, g::session_length, g::rest_length, g::round_step, g::value_number, g::value,
        // prescriptions
        g::sets_x_reps, g::rep_list, g::rpe_load, g::load, g::progression, g::rest_modifier, g::load_first_form,
        g::prescription,
        // statements and bodies
        g::use_statement, g::athlete_definition, g::program_definition, g::template_definition,
        g::ruleset_definition, g::max_statement, g::round_statement, g::condition_statement, g::start_statement,
        g::end_statement, g::timezone_statement, g::coach_statement, g::skip_statement, g::pause_statement,
        g::block_use, g::method_statement, g::days_statement, g::sessions_statement, g::occlusion_statement,
        g::cuff_statement, g::cuff_width, g::week_override, g::week_item, g::split, g::allow_statement,
        g::note_statement, g::block_body, g::week_body, g::split_body, g::athlete_body, g::program_body,
        g::rule_body, g::ruleset_body, g::rule_definition, g::applies_statement, g::require_statement,
        g::forbid_statement, g::source_statement,
        // conditions
        g::comparison, g::between_condition, g::quantified, g::athlete_has, g::not_condition, g::and_condition,
        g::condition, g::parenthesized>>;

// The parse tree, kept flat: the nodes of the selected rules in preorder in
// one vector, each followed by its descendants. PEGTL's own parse_tree
// allocates a node (and a vector of children) for every rule it tries, and
// that was half of the parse's time and most of its memory; here trying a
// rule costs a push, and failing it a truncation. The tree is the same as
// parse_tree<selector> would build: selected rules make nodes, the nodes
// of the other rules' successes go to their parent, a failure (or an
// exception, for the rules that recover) drops what the rule made.
struct node {
    const void* type = nullptr;      // &type_tag<Rule>
    const char* data = nullptr;      // the text where the rule began
    std::uint32_t begin = 0, end = 0;  // byte offsets in the source
    std::uint32_t line = 0, column = 0, end_line = 0;
    std::uint32_t descendants = 0;   // the next sibling is this + 1 + descendants

    template <typename Rule>
    static constexpr char type_tag = 0;

    template <typename Rule>
    bool is_type() const noexcept { return type == &type_tag<Rule>; }
    std::string_view string_view() const noexcept { return {data, end - begin}; }

    class Children {
    public:
        class iterator {
        public:
            explicit iterator(const node* at) : at_(at) {}
            const node* operator*() const { return at_; }
            iterator& operator++()
            {
                at_ += 1 + at_->descendants;
                return *this;
            }
            bool operator!=(const iterator& other) const { return at_ != other.at_; }

        private:
            const node* at_;
        };
        explicit Children(const node& parent) : first_(&parent + 1), last_(&parent + 1 + parent.descendants) {}
        iterator begin() const { return iterator(first_); }
        iterator end() const { return iterator(last_); }
        bool empty() const { return first_ == last_; }
        const node* front() const { return first_; }
        std::size_t size() const
        {
            std::size_t n = 0;
            for (const node* c : *this) (void)c, ++n;
            return n;
        }
        const node* back() const
        {
            const node* last = first_;
            for (const node* c : *this) last = c;
            return last;
        }
        std::vector<const node*> all() const
        {
            std::vector<const node*> out;
            for (const node* c : *this) out.push_back(c);
            return out;
        }

    private:
        const node* first_;
        const node* last_;
    };
    Children children() const { return Children(*this); }
};

class Builder;

// The tape holds one top-level statement at a time: once a statement is
// parsed for good (its recovery rule succeeded), it is built into the
// syntax tree and dropped from the tape, so that the tape stays small and
// in cache whatever the size of the file.
struct Tape {
    std::vector<node> nodes;          // nodes[0] is the root; after it, the statement being parsed
    std::vector<std::uint32_t> open;  // where each rule being tried began on the tape
    Builder* builder = nullptr;
    syntax::File* file = nullptr;
};

// Builds the top-level statements on the tape into tape.file; leaves the root only.
void build_finished_statements(Tape& tape);

template <typename Rule>
inline constexpr bool makes_node = pt::internal::is_selected_node<Rule, selector>;
// A rule none of whose sub-rules (to 8 levels) makes a node cannot leave
// one behind when it fails: nothing to track.
template <typename Rule>
inline constexpr bool may_leave_nodes = !makes_node<Rule> && !pt::internal::is_leaf<8, typename Rule::subs_t, selector>;

template <typename Rule>
struct control : tao::pegtl::must_if<errors>::control<Rule> {
    using base = tao::pegtl::must_if<errors>::control<Rule>;

    template <typename ParseInput, typename... States>
    static void start(const ParseInput& in, grammar::ParserState&, Tape& tape, States&&...)
    {
        if constexpr (makes_node<Rule> || may_leave_nodes<Rule>)
            tape.open.push_back(static_cast<std::uint32_t>(tape.nodes.size()));
        if constexpr (makes_node<Rule>) {
            const auto& at = in.iterator();
            node n;
            n.type = &node::type_tag<Rule>;
            n.data = at.data;
            n.begin = static_cast<std::uint32_t>(at.byte);
            n.line = static_cast<std::uint32_t>(at.line);
            n.column = static_cast<std::uint32_t>(at.column);
            tape.nodes.push_back(n);
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
        if constexpr (makes_node<Rule> || may_leave_nodes<Rule>) tape.open.pop_back();
        if constexpr (std::is_same_v<Rule, grammar::recover<grammar::top_statement, true>>) build_finished_statements(tape);
    }

    template <typename ParseInput, typename... States>
    static void failure(const ParseInput& in, grammar::ParserState& state, Tape& tape, States&&... st)
    {
        drop(tape);
        base::failure(in, state, tape, st...);  // raises inside must<>
    }

    template <typename ParseInput, typename... States>
    static void unwind(const ParseInput&, grammar::ParserState&, Tape& tape, States&&...)
    {
        drop(tape);
    }

private:
    static void drop(Tape& tape)
    {
        if constexpr (makes_node<Rule> || may_leave_nodes<Rule>) {
            tape.nodes.resize(tape.open.back());
            tape.open.pop_back();
        }
    }
};

// ---------------------------------------------------------------- encoding

// Bytes that no .meso file may hold, found before parsing: invalid UTF-8
// and control characters stop the parse (positions would be meaningless);
// a BOM, tabs and carriage returns are reported once each and tolerated.
struct EncodingCheck {
    bool fatal = false;
    std::size_t start = 0;  // 3 when the text starts with a BOM
};

std::size_t utf8_sequence_length(const unsigned char* p, std::size_t n)
{
    const unsigned char c = p[0];
    std::size_t len = 0;
    std::uint32_t min = 0;
    if (c < 0x80) return 1;
    if ((c & 0xE0) == 0xC0) len = 2, min = 0x80;
    else if ((c & 0xF0) == 0xE0) len = 3, min = 0x800;
    else if ((c & 0xF8) == 0xF0) len = 4, min = 0x10000;
    else return 0;
    if (len > n) return 0;
    std::uint32_t cp = c & (0x7F >> len);
    for (std::size_t i = 1; i < len; ++i) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

std::string fmt_hex(unsigned char c)
{
    const char* digits = "0123456789ABCDEF";
    return {digits[c >> 4], digits[c & 15]};
}

EncodingCheck check_encoding(const Source& source, std::vector<Diagnostic>& out)
{
    EncodingCheck result;
    const auto* p = reinterpret_cast<const unsigned char*>(source.text.data());
    const std::size_t n = source.text.size();
    auto report = [&](std::size_t at, std::string message) {
        out.push_back(Diagnostic::error(span_at(source, static_cast<std::uint32_t>(at)), std::move(message)));
    };
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        report(0, "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM");
        result.start = 3;
    }
    std::size_t tabs = 0, crs = 0, first_tab = 0, first_cr = 0, bad = 0;
    for (std::size_t i = result.start; i < n;) {
        const unsigned char c = p[i];
        if (c == '\t') {
            if (tabs++ == 0) first_tab = i;
        }
        else if (c == '\r') {
            if (crs++ == 0) first_cr = i;
        }
        else if (c < 0x20 && c != '\n') {
            if (bad++ < 10) report(i, "control character (byte 0x" + fmt_hex(c) + ") in the text; remove it");
            result.fatal = true;
        }
        else if (c >= 0x80) {
            const std::size_t len = utf8_sequence_length(p + i, n - i);
            if (len == 0) {
                if (bad++ < 10) report(i, "invalid UTF-8 (byte 0x" + fmt_hex(c) + "); save the file as UTF-8");
                result.fatal = true;
                ++i;
                continue;
            }
            i += len;
            continue;
        }
        ++i;
    }
    if (tabs)
        report(first_tab, "tab character" + std::string(tabs > 1 ? " (and " + std::to_string(tabs - 1) + " more)" : "") +
                              "; indent with spaces");
    if (crs)
        report(first_cr, "carriage return (Windows line ending)" +
                             std::string(crs > 1 ? " (and " + std::to_string(crs - 1) + " more)" : "") +
                             "; save the file with LF line endings");
    return result;
}

// ---------------------------------------------------------------- from parse tree to syntax tree

class Builder {
public:
    Builder(const Source& source, std::vector<Diagnostic>& diagnostics) : source_(source), diagnostics_(diagnostics) {}

    // Adds the top-level statement `n` to `file`.
    void top_level_statement(const node& n, syntax::File& file);

private:
    const Source& source_;
    std::vector<Diagnostic>& diagnostics_;

    void error(const Span& span, std::string message)
    {
        diagnostics_.push_back(Diagnostic::error(span, std::move(message)));
    }

    Span span(const node& n) const
    {
        Span s;
        s.source = &source_;
        s.line = n.line;
        s.column = n.column;
        s.begin = n.begin;
        s.end = n.end;
        return s;
    }

    template <typename Rule>
    static const node* child(const node& n)
    {
        for (const node* c : n.children())
            if (c->is_type<Rule>()) return c;
        return nullptr;
    }
    template <typename Rule>
    static std::vector<const node*> children(const node& n)
    {
        std::vector<const node*> out;
        for (const node* c : n.children())
            if (c->is_type<Rule>()) out.push_back(c);
        return out;
    }

    // ---- tokens

    static std::string unescape(std::string_view quoted)
    {
        std::string out;
        out.reserve(quoted.size());
        for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
            if (quoted[i] == '\\' && i + 2 < quoted.size()) {
                ++i;
                out += quoted[i] == 'n' ? '\n' : quoted[i];
            }
            else {
                out += quoted[i];
            }
        }
        return out;
    }

    // Every name and text goes into each session's description, row and
    // event: bounding their length bounds what one session can write.
    static constexpr std::size_t max_name_bytes = 200;
    static constexpr std::size_t max_text_bytes = 4000;

    syntax::Text text(const node& n)
    {
        if (n.string_view().size() > max_text_bytes + 2)
            error(span(n), "a text is at most " + std::to_string(max_text_bytes) + " bytes long; this one is " +
                               std::to_string(n.string_view().size() - 2));
        return {unescape(n.string_view()), span(n)};
    }

    // An identifier, a dotted name or a string, from a node that is one or holds one.
    syntax::Name name(const node& n)
    {
        const node* inner = &n;
        const auto kids = n.children();
        if (!kids.empty()) inner = kids.front();
        // A rule reference (`bfr.min-gap`) is stored as its identifiers: the name is all of them.
        if (!kids.empty() && 1 + inner->descendants < n.descendants && inner->is_type<g::identifier>()) inner = &n;
        const auto sv = inner->string_view();
        const bool quoted = !sv.empty() && sv.front() == '"';
        if (sv.size() > max_name_bytes + (quoted ? 2 : 0))
            error(span(*inner), "a name is at most " + std::to_string(max_name_bytes) + " bytes long; this one is " +
                                    std::to_string(sv.size() - (quoted ? 2 : 0)));
        if (quoted) return {unescape(sv), span(*inner), true};
        return {std::string(sv), span(*inner), false};
    }

    static bool too_long(const std::string& number_text)
    {
        return std::count_if(number_text.begin(), number_text.end(), [](char c) { return c >= '0' && c <= '9'; }) > 15;
    }

    syntax::Number number(const node& n)
    {
        syntax::Number out;
        out.text = std::string(n.string_view());
        out.span = span(n);
        if (too_long(out.text)) {
            error(out.span, "the number " + out.text + " is too long; numbers have at most 15 digits");
            out.value = 0;
            return out;
        }
        out.value = std::stod(out.text);
        return out;
    }

    // 0 when the number is not a whole number of at most 1e9 (already reported).
    int whole_number(const node& n, const char* what)
    {
        auto num = number(n);
        if (too_long(num.text)) return 0;
        if (num.value != std::floor(num.value)) {
            error(num.span, std::string(what) + " must be a whole number, not " + num.text);
            return 0;
        }
        if (num.value > 1e9) {
            error(num.span, std::string(what) + " " + num.text + " is too large");
            return 0;
        }
        return static_cast<int>(num.value);
    }

    static Unit unit_of(std::string_view u)
    {
        if (u == "kg") return Unit::kg;
        if (u == "lb" || u == "lbs") return Unit::lb;
        if (u == "%") return Unit::percent;
        if (!u.empty() && u.front() == '%') return Unit::percent_aop;
        if (u == "s" || u == "sec" || u == "second" || u == "seconds") return Unit::second;
        if (u == "min" || u == "minute" || u == "minutes") return Unit::minute;
        if (u == "h" || u == "hour" || u == "hours") return Unit::hour;
        if (u == "day" || u == "days") return Unit::day;
        if (u == "week" || u == "weeks") return Unit::week;
        if (u == "mmHg") return Unit::mmhg;
        return Unit::cm;
    }

    static const char* dimension_name(Dimension d)
    {
        switch (d) {
        case Dimension::mass: return "a mass";
        case Dimension::relative_load: return "a percentage of one-rep max";
        case Dimension::time: return "a duration";
        case Dimension::pressure: return "a pressure";
        case Dimension::length: return "a length";
        }
        return "a quantity";
    }

    syntax::Quantity quantity(const node& n)
    {
        syntax::Quantity q;
        q.span = span(n);
        if (const node* num = child<g::number>(n)) q.amount = number(*num);
        if (const node* u = child<g::unit>(n)) {
            q.unit_text = std::string(u->string_view());
            if (q.unit_text.front() == '%' && q.unit_text.size() > 1) q.unit_text = "% AOP";
            q.unit = unit_of(q.unit_text);
        }
        return q;
    }

    // A quantity that must measure `expected`; `what` completes "... needs".
    syntax::Quantity quantity_of(const node& n, Dimension expected, const std::string& what)
    {
        auto q = quantity(n);
        if (syntax::dimension_of(q.unit) != expected)
            error(q.span, "'" + q.unit_text + "' is " + dimension_name(syntax::dimension_of(q.unit)) + "; " + what);
        return q;
    }

    syntax::Date date(const node& n)
    {
        const auto sv = n.string_view();
        syntax::Date d;
        d.span = span(n);
        d.value = std::chrono::year{2000} / std::chrono::January / 1;
        // The grammar takes any digits-digits-digits; ISO is YYYY-MM-DD.
        const auto dash1 = sv.find('-');
        const auto dash2 = sv.find('-', dash1 + 1);
        const auto ys = sv.substr(0, dash1), ms = sv.substr(dash1 + 1, dash2 - dash1 - 1), ds = sv.substr(dash2 + 1);
        if (ys.size() != 4 || ms.size() != 2 || ds.size() != 2) {
            std::string message = std::string(sv) + " is not written as an ISO date: write YYYY-MM-DD";
            if (ys.size() == 4 && ms.size() <= 2 && ds.size() <= 2 && !ms.empty() && !ds.empty())
                message += ", here " + std::string(ys) + "-" + (ms.size() == 1 ? "0" : "") + std::string(ms) + "-" +
                           (ds.size() == 1 ? "0" : "") + std::string(ds);
            else
                message += ", such as 2027-01-04";
            error(d.span, message);
            return d;
        }
        const int y = std::stoi(std::string(ys));
        const unsigned m = static_cast<unsigned>(std::stoi(std::string(ms)));
        const unsigned day = static_cast<unsigned>(std::stoi(std::string(ds)));
        d.value = std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{day};
        if (!d.value.ok()) {
            std::string message = std::string(sv) + " is not a date";
            const std::chrono::year_month ym{std::chrono::year{y}, std::chrono::month{m}};
            if (ym.ok()) {
                const auto last = std::chrono::year_month_day_last{std::chrono::year{y}, std::chrono::month_day_last{std::chrono::month{m}}};
                message += ": that month has " + std::to_string(static_cast<unsigned>(last.day())) + " days";
            }
            else {
                message += ": months go from 01 to 12";
            }
            error(d.span, message);
            d.value = std::chrono::year{y} / std::chrono::January / 1;
        }
        return d;
    }

    syntax::DateRange date_range(const node& n)  // n holds one or two date nodes
    {
        syntax::DateRange r;
        auto dates = children<g::date>(n);
        r.first = date(*dates.at(0));
        r.last = dates.size() > 1 ? date(*dates[1]) : r.first;
        r.is_range = dates.size() > 1;
        r.span = join(r.first.span, r.last.span);
        if (r.is_range && r.last.value < r.first.value)
            error(r.span, "the range ends before it starts; write the earlier date first");
        return r;
    }

    syntax::ClockTime clock_time(const node& n)
    {
        const auto sv = n.string_view();
        const auto colon = sv.find(':');
        const auto hs = sv.substr(0, colon), ms = sv.substr(colon + 1);
        syntax::ClockTime t{std::chrono::minutes{0}, span(n)};
        // The grammar takes any digits:digits; a time is H:MM or HH:MM.
        if (hs.size() > 2 || ms.size() != 2) {
            std::string message = std::string(sv) + " is not written as a clock time: write HH:MM (24 h)";
            if (hs.size() <= 2 && ms.size() == 1) message += ", here " + std::string(hs) + ":0" + std::string(ms) + " or " + std::string(hs) + ":" + std::string(ms) + "0";
            else message += ", such as 08:00";
            error(t.span, message);
            return t;
        }
        const int h = std::stoi(std::string(hs));
        const int m = std::stoi(std::string(ms));
        t.since_midnight = std::chrono::minutes{h * 60 + m};
        if (h > 23) error(t.span, std::string(sv) + " is not a clock time: hours go from 00 to 23");
        else if (m > 59) error(t.span, std::string(sv) + " is not a clock time: minutes go from 00 to 59");
        return t;
    }

    static std::chrono::weekday weekday_of(std::string_view sv)
    {
        for (unsigned i = 0; i < 7; ++i)
            if (sv.substr(0, 3) == weekday_keyword(std::chrono::weekday{i})) return std::chrono::weekday{i};
        return std::chrono::weekday{0};
    }

    syntax::Weekdays weekdays(const node& n)
    {
        syntax::Weekdays w;
        w.span = span(n);
        w.commas = child<g::weekday_comma>(n) != nullptr;
        for (const node* item : children<g::weekday_item>(n)) {
            syntax::WeekdayItem wi;
            wi.span = span(*item);
            wi.first = weekday_of(child<g::weekday>(*item)->string_view());
            wi.last = wi.first;
            if (const node* end = child<g::weekday_range_end>(*item)) {
                wi.last = weekday_of(end->string_view());
                wi.is_range = true;
            }
            w.items.push_back(wi);
        }
        return w;
    }

    // ---- prescriptions

    syntax::Load load(const node& n)
    {
        syntax::Load l;
        l.span = span(n);
        if (const node* rpe = child<g::rpe_load>(n)) {
            l.kind = syntax::Load::Kind::rpe;
            l.from.amount = number(*child<g::number>(*rpe));
            l.from.span = span(*rpe);
            l.from.unit_text = "RPE";
            if (l.from.amount.value > 10 || l.from.amount.value < 1) error(l.from.span, "RPE goes from 1 to 10, not " + l.from.amount.text);
            return l;
        }
        l.from = quantity(*child<g::load_quantity>(n));
        const auto dim = syntax::dimension_of(l.from.unit);
        if (dim != Dimension::mass && dim != Dimension::relative_load) {
            error(l.from.span, "'" + l.from.unit_text + "' is " + dimension_name(dim) +
                                   "; a load is a percentage such as '75%', a mass such as '100 kg', or 'RPE 8'");
            return l;
        }
        l.kind = dim == Dimension::mass ? syntax::Load::Kind::mass : syntax::Load::Kind::percent;
        if (const node* to = child<g::ramp_end>(n)) {
            l.to = quantity(*to);
            if (syntax::dimension_of(l.to->unit) != dim)
                error(l.to->span, "a ramp goes from one load to another of the same kind, such as '70%..85%'");
        }
        if (const node* p = child<g::progression>(n)) {
            syntax::Progression pr;
            pr.span = span(*p);
            pr.step = quantity(*child<g::progression_step>(*p));
            if (child<g::progression_sign>(*p)->string_view() == "-") pr.step.amount.value = -pr.step.amount.value;
            if (syntax::dimension_of(pr.step.unit) != dim)
                error(pr.step.span, std::string("the weekly step must be ") + dimension_name(dim) +
                                        " like the load it changes, as in " +
                                        (dim == Dimension::mass ? "'+5 kg per week'" : "'+2.5% per week'"));
            if (l.to) error(pr.span, "a load is either a ramp ('70%..85%') or a progression ('+2.5% per week'), not both");
            l.per_week = pr;
        }
        return l;
    }

    syntax::Scheme scheme(const node& holder)
    {
        syntax::Scheme s;
        if (const node* sx = child<g::sets_x_reps>(holder)) {
            s.form = syntax::Scheme::Form::sets_x_reps;
            s.span = span(*sx);
            s.sets = number(*child<g::sets_count>(*sx));
            s.reps.push_back(number(*child<g::reps_count>(*sx)));
            check_count(s.sets, "sets");
        }
        else if (const node* rl = child<g::rep_list>(holder)) {
            s.form = syntax::Scheme::Form::rep_list;
            s.span = span(*rl);
        }
        if (const node* rl = child<g::rep_list>(holder)) {
            for (const node* r : children<g::reps_count>(*rl)) s.reps.push_back(number(*r));
        }
        for (const auto& r : s.reps) check_count(r, "reps");
        return s;
    }

    void check_count(const syntax::Number& n, const char* what)
    {
        if (too_long(n.text)) return;  // reported by number()
        if (n.value != std::floor(n.value)) error(n.span, std::string(what) + " are counted in whole numbers, not " + n.text);
        else if (n.value < 1) error(n.span, std::string("at least 1 of the ") + what + " is needed, not " + n.text);
        else if (n.value > 10000) error(n.span, n.text + " " + what + " is more than any session holds (at most 10000)");
    }

    syntax::Prescription prescription(const node& n)
    {
        syntax::Prescription p;
        p.span = span(n);
        p.exercise = name(*child<g::exercise_name>(n));
        if (const node* lf = child<g::load_first_form>(n)) {
            p.load_first = true;
            p.load = load(*child<g::load>(*lf));
            p.scheme = scheme(*lf);
        }
        else {
            p.scheme = scheme(n);
            if (const node* l = child<g::load>(n)) p.load = load(*l);
        }
        if (const node* r = child<g::rest_modifier>(n))
            p.rest = quantity_of(*child<g::rest_length>(*r), Dimension::time, "rest needs a duration such as '30 s' or '3 min'");
        if (children<g::rest_modifier>(n).size() > 1) error(span(*children<g::rest_modifier>(n)[1]), "rest is given twice");
        return p;
    }

    // ---- bodies and block statements

    syntax::Braces braces(const node& n)
    {
        syntax::Braces b;
        b.span = span(n);
        b.single_line = n.line == n.end_line;
        return b;
    }

    syntax::Body body(const node& n)
    {
        syntax::Body b;
        b.braces = braces(n);
        // Statements are large (a variant of the largest); reserving the
        // exact room spares the copy that growing would make of them all.
        b.statements.reserve(n.children().size());
        for (const node* c : n.children()) {
            if (auto s = block_statement(*c)) b.statements.push_back(std::move(*s));
        }
        return b;
    }

    std::optional<syntax::BlockStatement> block_statement(const node& n)
    {
        using namespace syntax;
        const Span sp = span(n);
        if (n.is_type<g::method_statement>()) return BlockStatement{Method{name(*child<g::method_name>(n)), sp, {}}};
        if (n.is_type<g::days_statement>()) return BlockStatement{Days{weekdays(*child<g::weekdays>(n)), sp, {}}};
        if (n.is_type<g::sessions_statement>()) {
            Sessions s;
            s.span = sp;
            for (const node* t : children<g::clock_time>(n)) s.times.push_back(clock_time(*t));
            if (const node* len = child<g::session_length>(n)) {
                s.length = quantity_of(*len, Dimension::time, "a session lasts a duration such as '30 min'");
                if (s.length->amount.value <= 0) error(s.length->span, "a session lasts more than no time");
            }
            return BlockStatement{s};
        }
        if (n.is_type<g::occlusion_statement>()) return BlockStatement{Occlusion{name(*child<g::occlusion_mode>(n)), sp, {}}};
        if (n.is_type<g::cuff_statement>()) {
            Cuff c;
            c.span = sp;
            if (const node* w = child<g::cuff_width>(n))
                c.width = quantity_of(*child<g::length>(*w), Dimension::length, "the cuff's width needs a length such as '5 cm'");
            else if (const node* p = child<g::pressure>(n))
                c.pressure = quantity_of(*p, Dimension::pressure, "the cuff needs a pressure such as '160 mmHg' or '50% AOP'");
            return BlockStatement{c};
        }
        if (n.is_type<g::week_override>()) {
            WeekOverride w;
            w.span = sp;
            for (const node* item : children<g::week_item>(n)) {
                WeekItem wi;
                wi.span = span(*item);
                auto nums = children<g::week_number>(*item);
                wi.first = whole_number(*nums.at(0), "a week number");
                wi.last = nums.size() > 1 ? whole_number(*nums[1], "a week number") : wi.first;
                wi.is_range = nums.size() > 1;
                if ((wi.first < 1 && !too_long(std::string(nums.at(0)->string_view()))) ||
                    (wi.last < 1 && !too_long(std::string(nums.back()->string_view()))))
                    error(wi.span, "weeks are numbered from 1");
                else if (wi.last < wi.first) error(wi.span, "the range of weeks ends before it starts");
                w.weeks.push_back(wi);
            }
            w.deload = child<g::deload_keyword>(n) != nullptr;
            if (const node* b = child<g::week_body>(n)) w.body = body(*b);
            return BlockStatement{std::move(w)};
        }
        if (n.is_type<g::split>()) {
            Split s;
            s.span = sp;
            s.days = weekdays(*child<g::weekdays>(n));
            s.body = body(*child<g::split_body>(n));
            return BlockStatement{std::move(s)};
        }
        if (n.is_type<g::allow_statement>())
        {
            // The whole dotted id ("bfr.min-gap"), not its first identifier.
            const node& rule = *child<g::rule_reference>(n);
            return BlockStatement{Allow{{std::string(rule.string_view()), span(rule), false}, text(*child<g::reason>(n)), sp, {}}};
        }
        if (n.is_type<g::note_statement>()) return BlockStatement{NoteStatement{text(*child<g::note_text>(n)), sp, {}}};
        if (n.is_type<g::prescription>()) return BlockStatement{prescription(n)};
        return std::nullopt;
    }

    // ---- athletes, templates, programs

    syntax::Athlete athlete(const node& n)
    {
        using namespace syntax;
        Athlete a;
        a.span = span(n);
        a.name = text(*child<g::athlete_name>(n));
        const node& b = *child<g::athlete_body>(n);
        a.braces = braces(b);
        a.statements.reserve(b.children().size());
        for (const node* c : b.children()) {
            const Span sp = span(*c);
            if (c->is_type<g::max_statement>()) {
                auto m = quantity_of(*child<g::mass>(*c), Dimension::mass, "a one-rep max needs a mass such as '180 kg'");
                a.statements.push_back({Max{name(*child<g::exercise_name>(*c)), m, sp, {}}});
            }
            else if (c->is_type<g::round_statement>()) {
                auto m = quantity_of(*child<g::round_step>(*c), Dimension::mass, "loads are rounded to a mass such as '2.5 kg'");
                a.statements.push_back({Round{m, sp, {}}});
            }
            else if (c->is_type<g::condition_statement>()) {
                ConditionList list;
                list.span = sp;
                for (const node* cn : children<g::condition_name>(*c)) list.names.push_back(name(*cn));
                a.statements.push_back({list});
            }
        }
        return a;
    }

    syntax::Template template_definition(const node& n)
    {
        syntax::Template t;
        t.span = span(n);
        t.name = name(*child<g::template_name>(n));
        if (const node* ti = child<g::title>(n)) t.title = text(*ti);
        t.body = body(*child<g::block_body>(n));
        return t;
    }

    syntax::BlockUse block_use(const node& n, bool joined)
    {
        syntax::BlockUse b;
        b.span = span(n);
        b.then = child<g::then_keyword>(n) != nullptr;
        b.joined = joined;
        b.length = quantity(*child<g::block_length>(n));
        if (b.length.unit != Unit::day && b.length.unit != Unit::week)
            error(b.length.span, "a block lasts whole days or weeks, such as '3 weeks' or '10 days', not '" + b.length.unit_text + "'");
        else if (b.length.amount.value != std::floor(b.length.amount.value))
            error(b.length.span, "a block lasts whole " + std::string(b.length.unit == Unit::day ? "days" : "weeks") +
                                     ", not " + b.length.amount.text);
        b.target = name(*child<g::block_target>(n));
        if (const node* as = child<g::block_name>(n)) b.as_name = text(*as);
        if (const node* body_node = child<g::block_body>(n)) b.body = body(*body_node);
        if (b.target.quoted && !b.body)
            error(b.target.span, "a block written in place needs its statements in '{ }'; to use a template, write its name without quotes");
        if (b.target.quoted && b.as_name)
            error(b.as_name->span, "'as' names a template's block; a block written in place already has its name");
        return b;
    }

    syntax::Program program(const node& n)
    {
        using namespace syntax;
        Program p;
        p.span = span(n);
        p.name = text(*child<g::program_name>(n));
        if (const node* a = child<g::program_athlete>(n)) p.athlete = text(*a);
        const node& b = *child<g::program_body>(n);
        p.braces = braces(b);
        p.statements.reserve(b.children().size());
        std::size_t previous_block_line = 0;
        for (const node* c : b.children()) {
            const Span sp = span(*c);
            if (c->is_type<g::start_statement>()) p.statements.push_back({Start{date(*child<g::date>(*c)), sp, {}}});
            else if (c->is_type<g::end_statement>()) p.statements.push_back({End{date(*child<g::date>(*c)), sp, {}}});
            else if (c->is_type<g::timezone_statement>()) {
                Timezone tz;
                tz.span = sp;
                tz.zone = name(*child<g::zone_name>(*c));
                tz.floating = tz.zone.text == "floating";
                p.statements.push_back({tz});
            }
            else if (c->is_type<g::coach_statement>()) {
                Coach co;
                co.span = sp;
                co.name = text(*child<g::coach_name>(*c));
                if (const node* e = child<g::email_address>(*c)) {
                    auto sv = e->string_view();
                    co.email = Text{std::string(sv.substr(0, sv.size() - 1)), span(*e)};
                    if (co.email->value.find('@') == std::string::npos)
                        error(co.email->span, "'" + co.email->value + "' is not an e-mail address; write it as <name@example.org>");
                }
                p.statements.push_back({co});
            }
            else if (c->is_type<g::skip_statement>() || c->is_type<g::pause_statement>()) {
                auto range = date_range(*c);
                std::optional<Text> why;
                if (const node* r = child<g::string_literal>(*c)) why = text(*r);
                if (c->is_type<g::skip_statement>()) p.statements.push_back({Skip{range, why, sp, {}}});
                else p.statements.push_back({Pause{range, why, sp, {}}});
            }
            else if (c->is_type<g::block_use>()) {
                const bool joined = previous_block_line != 0 && c->line == previous_block_line &&
                                    child<g::then_keyword>(*c) != nullptr;
                p.statements.push_back({block_use(*c, joined)});
                previous_block_line = c->end_line;
            }
        }
        return p;
    }

    // ---- rule sets

    syntax::Value value(const node& n)
    {
        syntax::Value v;
        v.span = span(n);
        if (const node* vn = child<g::value_number>(n)) {
            if (child<g::unit>(*vn)) v.node = quantity(*vn);
            else v.node = number(*child<g::number>(*vn));
        }
        else {
            v.node = name(*child<g::identifier>(n));
        }
        return v;
    }

    // A chain `a and b and c` becomes a tree one level deeper per part, and
    // every later stage walks condition trees recursively: the depth of the
    // whole tree is bounded here (the grammar bounds parentheses and `not`).
    static constexpr int max_condition_depth = 256;
    bool condition_too_deep_ = false;  // reported once per condition

    syntax::Condition condition(const node& n) { return condition_at(n, 0); }

    syntax::Condition too_deep(const node& n)
    {
        if (!condition_too_deep_)
            error(span(n), "this condition has more than " + std::to_string(max_condition_depth) +
                               " parts joined with 'and', 'or', 'not' and parentheses; split it into several rules");
        condition_too_deep_ = true;
        return syntax::Condition{syntax::AthleteHas{}, span(n)};
    }

    syntax::Condition condition_at(const node& n, int depth)
    {
        using namespace syntax;
        const Span sp = span(n);
        if (depth == 0) condition_too_deep_ = false;
        if (depth >= max_condition_depth) return too_deep(n);
        if (n.is_type<g::condition>() || n.is_type<g::and_condition>()) {
            const bool is_and = n.is_type<g::and_condition>();
            const auto kids = n.children().all();
            std::size_t parts = kids.size();
            if (depth + static_cast<int>(parts) > max_condition_depth) {
                parts = static_cast<std::size_t>(max_condition_depth - depth);
                too_deep(*kids.at(parts));
            }
            // Left-deep: the first part is parts-1 levels down, part i is parts-i.
            const int last = depth + static_cast<int>(parts) - 1;
            Condition result = condition_at(*kids.at(0), last);
            for (std::size_t i = 1; i < parts; ++i) {
                Condition right = condition_at(*kids[i], last - static_cast<int>(i) + 1);
                Span joined = join(result.span, right.span);
                result = Condition{Logical{is_and, Box<Condition>(std::move(result)), Box<Condition>(std::move(right))}, joined};
            }
            return result;
        }
        if (n.is_type<g::comparison>()) {
            Comparison c;
            c.metric = name(*child<g::metric>(n));
            const auto op = child<g::comparator>(n)->string_view();
            c.op = op == "=" ? Comparator::eq : op == "!=" ? Comparator::ne : op == "<" ? Comparator::lt
                 : op == "<=" ? Comparator::le : op == ">" ? Comparator::gt : Comparator::ge;
            c.value = value(*child<g::value>(n));
            return Condition{c, sp};
        }
        if (n.is_type<g::between_condition>()) {
            auto values = children<g::value>(n);
            return Condition{Between{name(*child<g::metric>(n)), value(*values.at(0)), value(*values.at(1))}, sp};
        }
        if (n.is_type<g::quantified>())
            return Condition{Quantified{child<g::every_keyword>(n) != nullptr, Box<Condition>(condition_at(*n.children().back(), depth + 1))}, sp};
        if (n.is_type<g::athlete_has>()) return Condition{AthleteHas{name(*child<g::condition_name>(n))}, sp};
        if (n.is_type<g::not_condition>()) return Condition{Not{Box<Condition>(condition_at(*n.children().back(), depth + 1))}, sp};
        if (n.is_type<g::parenthesized>()) return Condition{Parenthesized{Box<Condition>(condition_at(*n.children().back(), depth + 1))}, sp};
        return Condition{AthleteHas{}, sp};  // not reached: every condition node is one of the above
    }

    const node* condition_child(const node& n)
    {
        if (const node* c = child<g::condition>(n)) return c;
        return nullptr;
    }

    syntax::Rule rule(const node& n)
    {
        using namespace syntax;
        Rule r;
        r.span = span(n);
        r.id = name(*child<g::rule_name>(n));
        r.severity = name(*child<g::severity>(n));
        r.message = text(*child<g::rule_message>(n));
        const node& b = *child<g::rule_body>(n);
        r.braces = braces(b);
        r.statements.reserve(b.children().size());
        for (const node* c : b.children()) {
            const Span sp = span(*c);
            if (c->is_type<g::require_statement>()) r.statements.push_back({Require{condition(*condition_child(*c)), sp, {}}});
            else if (c->is_type<g::forbid_statement>()) r.statements.push_back({Forbid{condition(*condition_child(*c)), sp, {}}});
            else if (c->is_type<g::source_statement>()) r.statements.push_back({SourceStatement{text(*child<g::citation>(*c)), sp, {}}});
            else if (c->is_type<g::note_statement>()) r.statements.push_back({NoteStatement{text(*child<g::note_text>(*c)), sp, {}}});
        }
        return r;
    }

    syntax::Ruleset ruleset(const node& n)
    {
        using namespace syntax;
        Ruleset rs;
        rs.span = span(n);
        rs.name = name(*child<g::ruleset_name>(n));
        if (const node* t = child<g::title>(n)) rs.title = text(*t);
        const node& b = *child<g::ruleset_body>(n);
        rs.braces = braces(b);
        rs.statements.reserve(b.children().size());
        for (const node* c : b.children()) {
            const Span sp = span(*c);
            if (c->is_type<g::source_statement>()) rs.statements.push_back({SourceStatement{text(*child<g::citation>(*c)), sp, {}}});
            else if (c->is_type<g::applies_statement>()) {
                Applies a;
                a.span = sp;
                if (const node* cond = condition_child(*c)) a.where = condition(*cond);
                rs.statements.push_back({std::move(a)});
            }
            else if (c->is_type<g::rule_definition>()) rs.statements.push_back({rule(*c)});
            else if (c->is_type<g::note_statement>()) rs.statements.push_back({NoteStatement{text(*child<g::note_text>(*c)), sp, {}}});
        }
        return rs;
    }
};

void Builder::top_level_statement(const node& n, syntax::File& f)
{
    const Span sp = span(n);
    if (n.is_type<g::use_statement>()) f.statements.push_back({syntax::Use{name(*child<g::module_reference>(n)), sp, {}}});
    else if (n.is_type<g::athlete_definition>()) f.statements.push_back({athlete(n)});
    else if (n.is_type<g::program_definition>()) f.statements.push_back({program(n)});
    else if (n.is_type<g::template_definition>()) f.statements.push_back({template_definition(n)});
    else if (n.is_type<g::ruleset_definition>()) f.statements.push_back({ruleset(n)});
}

void build_finished_statements(Tape& tape)
{
    tape.nodes[0].descendants = static_cast<std::uint32_t>(tape.nodes.size() - 1);
    for (const node* c : tape.nodes[0].children()) tape.builder->top_level_statement(*c, *tape.file);
    tape.nodes.resize(1);
}

// ---------------------------------------------------------------- comments and blank lines

// Every comment of the text, found by a scan that skips strings; lines and
// columns are counted on the way (one pass, whatever the number of comments).
std::vector<syntax::Comment> scan_comments(const Source& source, std::size_t start)
{
    std::vector<syntax::Comment> out;
    const std::string& t = source.text;
    bool in_string = false;
    std::uint32_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = start; i < t.size(); ++i) {
        const char c = t[i];
        if (c == '\n') {
            ++line;
            line_start = i + 1;
            in_string = false;
            continue;
        }
        if (in_string) {
            if (c == '\\' && i + 1 < t.size() && t[i + 1] != '\n') ++i;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '#') {
            std::size_t end = t.find('\n', i);
            if (end == std::string::npos) end = t.size();
            std::size_t trimmed = end;
            while (trimmed > i && (t[trimmed - 1] == ' ' || t[trimmed - 1] == '\t' || t[trimmed - 1] == '\r')) --trimmed;
            syntax::Comment comment;
            comment.span = Span{&source, line, static_cast<std::uint32_t>(i - line_start + 1), static_cast<std::uint32_t>(i),
                                static_cast<std::uint32_t>(trimmed)};
            comment.text = t.substr(i, trimmed - i);
            out.push_back(std::move(comment));
            i = end - 1;  // the new line is counted by the loop
        }
    }
    return out;
}

// Is there an empty line (only blanks) between byte offsets a and b?
bool blank_line_between(const std::string& t, std::size_t a, std::size_t b)
{
    bool seen_newline = false;
    bool only_blanks = false;
    for (std::size_t i = a; i < b && i < t.size(); ++i) {
        const char c = t[i];
        if (c == '\n') {
            if (seen_newline && only_blanks) return true;
            seen_newline = true;
            only_blanks = true;
        }
        else if (c != ' ' && c != '\t' && c != '\r') {
            only_blanks = false;
            if (seen_newline) return false;
        }
    }
    return false;
}

std::uint32_t line_of_end(const Span& s)
{
    std::uint32_t line = s.line;
    const auto text = s.text();
    for (char c : text)
        if (c == '\n') ++line;
    return line;
}

class TriviaAttacher {
public:
    TriviaAttacher(const Source& source, std::vector<syntax::Comment> comments) : source_(source), comments_(std::move(comments)) {}

    void file(syntax::File& f)
    {
        std::vector<Item> items;
        for (auto& s : f.statements) std::visit([&](auto& n) { items.push_back({n.span, &n.trivia}); }, s.node);
        level(0, static_cast<std::uint32_t>(source_.text.size()) + 1, items, nullptr, f.end_comments);
        for (auto& s : f.statements) std::visit([&](auto& n) { descend(n); }, s.node);
        f.all_comments = comments_;
    }

private:
    struct Item {
        Span span;
        syntax::Trivia* trivia;
    };
    const Source& source_;
    std::vector<syntax::Comment> comments_;

    // Comments in [lo, hi) that lie outside every item belong to this level.
    void level(std::uint32_t lo, std::uint32_t hi, std::vector<Item>& items, syntax::Braces* braces,
               std::vector<syntax::Comment>& end_comments)
    {
        auto first = std::lower_bound(comments_.begin(), comments_.end(), lo,
                                      [](const syntax::Comment& c, std::uint32_t at) { return c.span.begin < at; });
        std::size_t idx = 0;
        std::uint32_t previous_end = lo;
        for (auto it = first; it != comments_.end() && it->span.begin < hi; ++it) {
            while (idx < items.size() && items[idx].span.end <= it->span.begin) {
                previous_end = items[idx].span.end;
                ++idx;
            }
            if (idx < items.size() && it->span.begin >= items[idx].span.begin) continue;  // inside: a deeper level
            syntax::Comment c = *it;
            c.blank_line_before = blank_line_between(source_.text, previous_end, c.span.begin);
            if (idx > 0 && c.span.line == line_of_end(items[idx - 1].span) && !items[idx - 1].trivia->trailing) {
                items[idx - 1].trivia->trailing = c;
            }
            else if (idx == 0 && braces && c.span.line == braces->span.line && !braces->open_comment) {
                braces->open_comment = c;
            }
            else if (idx < items.size()) {
                items[idx].trivia->leading.push_back(c);
            }
            else {
                end_comments.push_back(c);
            }
            previous_end = c.span.end;
        }
        // Blank lines before each statement (before its leading comments, if any).
        std::uint32_t before = lo;
        for (auto& item : items) {
            const std::uint32_t first_begin = item.trivia->leading.empty() ? item.span.begin : item.trivia->leading.front().span.begin;
            item.trivia->blank_line_before = blank_line_between(source_.text, before, first_begin);
            before = item.trivia->trailing ? item.trivia->trailing->span.end : item.span.end;
        }
    }

    template <typename Statements>
    void body_level(syntax::Braces& braces, Statements& statements)
    {
        std::vector<Item> items;
        for (auto& s : statements) std::visit([&](auto& n) { items.push_back({n.span, &n.trivia}); }, s.node);
        level(braces.span.begin + 1, braces.span.end > 0 ? braces.span.end - 1 : 0, items, &braces, braces.end_comments);
        for (auto& s : statements) std::visit([&](auto& n) { descend(n); }, s.node);
    }

    void descend(syntax::Athlete& a) { body_level(a.braces, a.statements); }
    void descend(syntax::Program& p) { body_level(p.braces, p.statements); }
    void descend(syntax::Template& t) { body_level(t.body.braces, t.body.statements); }
    void descend(syntax::Ruleset& r) { body_level(r.braces, r.statements); }
    void descend(syntax::Rule& r) { body_level(r.braces, r.statements); }
    void descend(syntax::BlockUse& b)
    {
        if (b.body) body_level(b.body->braces, b.body->statements);
    }
    void descend(syntax::WeekOverride& w)
    {
        if (w.body) body_level(w.body->braces, w.body->statements);
    }
    void descend(syntax::Split& s) { body_level(s.body.braces, s.body.statements); }
    template <typename T>
    void descend(T&) {}
};

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
    auto is_word = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-' || ch == '.' || (ch & 0x80); };
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
        result.diagnostics.push_back({Severity::error, whole,
                                      "the file is " + size(source.text.size()) + "; meso reads files of at most " +
                                          size(limits.max_bytes) + "; split it into several files",
                                      {}, {}, {}});
        return result;
    }
    const auto encoding = check_encoding(source, result.diagnostics);
    if (encoding.fatal) return result;

    grammar::ParserState state;
    state.max_depth = limits.max_depth;
    state.max_errors = limits.max_errors;
    tao::pegtl::memory_input<> in(source.text.data() + encoding.start, source.text.data() + source.text.size(), "",
                                  encoding.start, 1, 1 + encoding.start);
    // Errors found while building (a date that does not exist, a number
    // too long) come after the syntax errors, as when the tree was built
    // after the parse.
    std::vector<Diagnostic> build_diagnostics;
    Builder builder(source, build_diagnostics);
    Tape tape;
    tape.builder = &builder;
    tape.file = &result.file;
    tape.nodes.reserve(1024);
    tape.nodes.emplace_back();  // the root
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
    result.diagnostics.insert(result.diagnostics.end(), std::make_move_iterator(build_diagnostics.begin()),
                              std::make_move_iterator(build_diagnostics.end()));
    if (parsed) {
        TriviaAttacher attacher(source, scan_comments(source, encoding.start));
        attacher.file(result.file);
    }
    std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (!a.span.valid() || !b.span.valid()) return a.span.valid() && !b.span.valid();
        return a.span.begin < b.span.begin;
    });
    return result;
}

}  // namespace meso
