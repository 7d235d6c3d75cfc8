#include <algorithm>
#include <regex>
#include <set>

#include "engine/base/text.h"
#include "engine/base/timezone.h"
#include "engine/base/units.h"
#include "engine/format/format.h"
#include "engine/lsp/features.h"
#include "engine/resolve/library.h"
#include "grammar/parse.h"

namespace meso::lsp {

namespace {

// LSP's CompletionItemKind.
enum Kind { function = 3, field = 5, variable = 6, module = 9, unit = 11, value = 12, keyword = 14, enum_member = 20 };

// The keywords of each body, as the grammar's `*_keywords::words()` list
// them (grammar/file.h, program.h (program and repeat), block.h, athlete.h, ruleset.h; internal
// to the grammar, so listed again here). tests/lsp/keywords_test.cpp fails
// when a keyword of the grammar is missing here or a word here is not one.
const std::vector<std::string> file_words = {"use", "athlete", "group", "program", "template", "ruleset", "condition"};
const std::vector<std::string> program_words = {"start",       "end",  "competition", "timezone", "coach",
                                                "calendar-id", "skip", "pause",       "then",     "repeat"};
// A repeat holds blocks (which begin with their length), the training
// max's raise per cycle, and one more repeat.
const std::vector<std::string> repeat_words = {"training-max", "repeat", "then"};
const std::vector<std::string> block_words = {"method",  "days",   "sessions",  "occlusion", "cuff", "week",    "superset",
                                              "circuit", "rotate", "alternate", "allow",     "note", "warm-up", "rest"};
const std::vector<std::string> athlete_words = {"max",      "round",   "training-max", "bar", "plates", "barbell",
                                                "dumbbell", "machine", "condition",    "aop", "cleared"};
const std::vector<std::string> ruleset_words = {"source", "applies", "rule", "note", "require", "forbid", "allow", "replaces"};
const std::vector<std::string> condition_words = {"class", "alias", "source"};

// Where the cursor is: the first word of each statement whose brace is
// open around it, outermost first ("program", "repeat"; "" for a block,
// which begins with its length). Strings and comments are skipped.
struct Enclosing {
    std::vector<std::string> openers;
    std::size_t depth() const { return openers.size(); }
    std::string top() const { return openers.empty() ? std::string() : openers.front(); }
    std::string innermost() const { return openers.empty() ? std::string() : openers.back(); }
};

std::string first_word(std::string_view text, std::uint32_t from)
{
    while (from < text.size() && (text[from] == ' ' || text[from] == '\t')) ++from;
    std::uint32_t end = from;
    while (end < text.size() && (std::isalpha(static_cast<unsigned char>(text[end])) || text[end] == '-')) ++end;
    return std::string(text.substr(from, end - from));
}

Enclosing enclosing(std::string_view text, std::uint32_t offset)
{
    Enclosing at;
    std::uint32_t statement_start = 0;
    bool in_string = false, in_comment = false;
    for (std::uint32_t i = 0; i < offset && i < text.size(); ++i) {
        const char c = text[i];
        if (in_comment) in_comment = c != '\n';
        else if (in_string) {
            if (c == '\\') ++i;
            else in_string = c != '"' && c != '\n';
        }
        else if (c == '#') in_comment = true;
        else if (c == '"') in_string = true;
        else if (c == '{') at.openers.push_back(first_word(text, statement_start));
        else if (c == '}' && !at.openers.empty()) at.openers.pop_back();
        if (!in_string && !in_comment && (c == '\n' || c == ';' || c == '{' || c == '}')) statement_start = i + 1;
    }
    return at;
}

json item(const std::string& label, int kind, const std::string& detail = "", const std::string& insert = "")
{
    json out = {{"label", label}, {"kind", kind}};
    if (!detail.empty()) out["detail"] = detail;
    if (!insert.empty()) out["insertText"] = insert;
    return out;
}

void add_words(json& items, const std::vector<std::string>& words, int kind, const std::string& detail = "")
{
    for (const auto& w : words) items.push_back(item(w, kind, detail));
}

void add_templates(json& items, const Analysis& analysis)
{
    std::set<std::string> seen;
    if (analysis.run.compilation)
        for (const syntax::File* file : analysis.run.compilation->module.files)
            for (const auto& statement : file->statements)
                if (const auto* t = std::get_if<syntax::Template>(&statement.node); t && seen.insert(t->name.text).second)
                    items.push_back(item(t->name.text, function, t->title ? t->title->value : "template"));
    static const resolving::LibraryTemplates library = resolving::library_templates("");
    for (const auto& t : library.templates)
        if (seen.insert(t.name).second) items.push_back(item(t.name, function, t.module + (t.title.empty() ? "" : ": " + t.title)));
}

// Quoted unless the cursor is already inside the quotes.
void add_people(json& items, const Analysis& analysis, bool inside_quotes)
{
    if (!analysis.run.compilation) return;
    const auto quoted = [&](const std::string& name) { return inside_quotes ? name : "\"" + name + "\""; };
    for (const syntax::File* file : analysis.run.compilation->module.files)
        for (const auto& statement : file->statements) {
            if (const auto* a = std::get_if<syntax::Athlete>(&statement.node))
                items.push_back(item(a->name.value, variable, "athlete", quoted(a->name.value)));
            if (const auto* g = std::get_if<syntax::Group>(&statement.node))
                items.push_back(item(g->name.value, variable, "group", quoted(g->name.value)));
        }
}

void add_exercises(json& items, const Analysis& analysis)
{
    if (!analysis.run.compilation) return;
    std::set<std::string> seen;
    for (const auto& athlete : analysis.run.compilation->module.athletes)
        for (const auto& [exercise, mass] : athlete.maxes)
            if (seen.insert(exercise).second)
                items.push_back(
                    item(exercise, field, "max " + format_number(mass.amount) + " " + to_string(mass.unit) + " (" + athlete.name + ")"));
}

void add_keywords(json& items, const Analysis& analysis, const Enclosing& at)
{
    const std::string top = at.top();
    if (at.depth() == 0) add_words(items, file_words, keyword);
    else if (top == "program" && at.depth() == 1) add_words(items, program_words, keyword);
    else if (top == "program" && at.innermost() == "repeat") add_words(items, repeat_words, keyword);
    else if (top == "athlete") add_words(items, athlete_words, keyword);
    else if (top == "ruleset") add_words(items, ruleset_words, keyword);
    else if (top == "condition") add_words(items, condition_words, keyword);
    else if (top == "program" || top == "template") {
        add_words(items, block_words, keyword);
        add_exercises(items, analysis);
    }
}

}  // namespace

json completion(const Context& context, Position position)
{
    const std::string& text = context.document.text;
    const std::uint32_t offset = LineIndex(text, context.encoding).offset(position);
    std::uint32_t line_start = offset;
    while (line_start > 0 && text[line_start - 1] != '\n') --line_start;
    const std::string prefix = text.substr(line_start, offset - line_start);
    const Analysis& analysis = context.document.best();
    json items = json::array();
    static const std::regex after_allow(R"(\ballow\s+[\w.-]*$)"), after_timezone(R"(\btimezone\s+\S*$)"),
        after_for(R"(^\s*program\s.*\bfor\s.*$|^\s*"[^"]*$)"), after_length(R"(\b\d+\s+(weeks?|days?)\s+[\w-]*$)"),
        after_number(R"(\d\s*[a-zA-Z]*$)"), after_condition(R"(^\s*condition\s+[\w, -]*$)");
    const bool inside_quotes = std::count(prefix.begin(), prefix.end(), '"') % 2 == 1;
    if (std::regex_search(prefix, after_allow)) add_words(items, analysis.book.ids(), value, "rule");
    else if (std::regex_search(prefix, after_timezone)) add_words(items, timezone_names(), enum_member, "time zone");
    else if (std::regex_search(prefix, after_for)) add_people(items, analysis, inside_quotes);
    else if (std::regex_search(prefix, after_length)) add_templates(items, analysis);
    else if (std::regex_search(prefix, after_number)) add_words(items, unit_words(), unit, "unit");
    else if (std::regex_search(prefix, after_condition) && analysis.run.compilation) {
        for (const auto& condition : analysis.run.compilation->module.health_conditions)
            items.push_back(item(condition.name, enum_member, condition.description));
    }
    else add_keywords(items, analysis, enclosing(text, offset));
    return {{"isIncomplete", false}, {"items", std::move(items)}};
}

json formatting(const Context& context)
{
    const Source source{context.document.path, context.document.text};
    const ParseResult parsed = parse(source);
    if (has_errors(parsed.diagnostics)) return json::array();  // fmt leaves a file with a syntax error alone
    const std::string formatted = format::format(parsed.file);
    if (formatted == source.text || format::verify(parsed.file, formatted)) return json::array();
    const LineIndex index(source.text, context.encoding);
    return json::array({{{"range", index.range(0, static_cast<std::uint32_t>(source.text.size()))}, {"newText", formatted}}});
}

}  // namespace meso::lsp
