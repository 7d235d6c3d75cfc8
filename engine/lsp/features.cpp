#include <algorithm>
#include <set>
#include <sstream>

#include "engine/base/overloaded.h"
#include "engine/base/text.h"
#include "engine/lsp/features.h"

namespace meso::lsp {

namespace {

// The offset in the analysed text of a position of the document: the
// same line and character (the last good analysis may be a few keystrokes old).
std::uint32_t offset_in(const Analysis& analysis, Position position, Encoding encoding)
{
    return LineIndex(analysis.source().text, encoding).offset(position);
}

bool contains(const Span& span, const Source& source, std::uint32_t offset)
{
    return span.source == &source && span.begin <= offset && offset <= span.end;
}

json markdown(const std::string& text) { return {{"contents", {{"kind", "markdown"}, {"value", text}}}}; }

// "3×8 @ 95 kg, 1×8+ @ 95 kg": a session's work sets of one exercise, alike ones together.
std::string sets_text(const scheduling::ExercisePlan& exercise, ir::MassUnit unit)
{
    std::vector<std::pair<std::string, int>> groups;
    for (const auto& set : exercise.sets) {
        if (set.warm_up) continue;
        std::string reps = set.seconds ? format_number(*set.seconds) + " s" : std::to_string(set.reps);
        if (set.reps_max) reps += "-" + std::to_string(*set.reps_max);
        if (set.amrap) reps += "+";
        std::string load;
        if (set.mass) load = " @ " + format_number(*set.mass) + " " + to_string(unit);
        else if (set.percent) load = " @ " + format_percent(*set.percent);
        else if (set.rpe) load = " @ RPE " + format_number(*set.rpe);
        else if (set.rir) load = " @ RIR " + format_number(*set.rir);
        if (!groups.empty() && groups.back().first == reps + load) ++groups.back().second;
        else groups.emplace_back(reps + load, 1);
    }
    std::string text;
    for (const auto& [what, count] : groups) text += (text.empty() ? "" : ", ") + std::to_string(count) + "×" + what;
    return text.empty() ? "warm-up only" : text;
}

// A prescription's loads week by week, for each program that schedules it.
std::optional<std::string> prescription_hover(const Analysis& analysis, std::uint32_t offset)
{
    std::ostringstream out;
    bool any = false;
    for (const auto& program : analysis.programs) {
        std::set<std::pair<std::uint32_t, int>> weeks_said;
        for (const auto& session : program.sessions) {
            for (const auto& exercise : program.contents[session.content].exercises) {
                if (!contains(exercise.span, analysis.source(), offset)) continue;
                if (!weeks_said.insert({session.block, session.week}).second) continue;
                if (weeks_said.size() == 1)
                    out << (any ? "\n" : "") << "**" << exercise.name << "** for "
                        << (program.athlete.empty() ? "the athlete" : program.athlete) << " (" << program.name << ")\n\n";
                out << "- " << program.blocks[session.block].name << ", week " << session.week << " (" << format_date(session.date)
                    << "): " << sets_text(exercise, program.unit) << "\n";
                any = true;
            }
        }
    }
    if (!any) return std::nullopt;
    return out.str();
}

// A block's dates and sessions, for each program that schedules it.
std::optional<std::string> block_hover(const Analysis& analysis, std::uint32_t offset)
{
    std::ostringstream out;
    bool any = false;
    for (const auto& program : analysis.programs)
        for (const auto& block : program.blocks) {
            if (block.block == nullptr || !contains(block.block->span, analysis.source(), offset)) continue;
            out << (any ? "\n\n" : "") << "**" << block.name << "**" << (block.method.empty() ? "" : " (" + block.method + ")") << ": "
                << format_date(block.start) << " to " << format_date(block.end) << ", " << block.weeks
                << (block.weeks == 1 ? " week, " : " weeks, ") << block.session_count
                << (block.session_count == 1 ? " session" : " sessions") << (program.athlete.empty() ? "" : " for " + program.athlete);
            any = true;
        }
    if (!any) return std::nullopt;
    return out.str();
}

// The template of this name the document sees: its own first, then its uses'.
const syntax::Template* template_named(const Analysis& analysis, const std::string& name)
{
    for (const syntax::File* file : analysis.run.compilation->module.files)
        for (const auto& statement : file->statements)
            if (const auto* t = std::get_if<syntax::Template>(&statement.node); t && t->name.text == name) return t;
    return nullptr;
}

// A template's text as written, at most 40 lines of it, and where it is.
std::string template_text(const syntax::Template& found)
{
    std::string_view text = found.span.text();
    std::size_t cut = 0;
    for (int lines = 0; cut < text.size() && lines < 40; ++cut)
        if (text[cut] == '\n') ++lines;
    const bool whole = cut >= text.size();
    text = text.substr(0, cut);
    return "```meso\n" + std::string(text) + (whole ? "\n" : "...\n") + "```\n\n" + std::string(found.span.path()) + ":" +
           std::to_string(found.span.line);
}

json symbol(const std::string& name, int kind, const Span& span, const Span& selection, const LineIndex& index,
            json children = json::array())
{
    return {{"name", name.empty() ? "(unnamed)" : name},
            {"kind", kind},
            {"range", index.range(span)},
            {"selectionRange", index.range(selection)},
            {"children", std::move(children)}};
}

json program_symbols(const syntax::Program& program, const LineIndex& index)
{
    json children = json::array();
    for (const auto& statement : program.statements)
        if (const auto* use = std::get_if<syntax::BlockUse>(&statement.node))
            children.push_back(symbol(use->as_name ? use->as_name->value : use->target.text, 2, use->span, use->target.span, index));
    return symbol(program.name.value, 2, program.span, program.name.span, index, std::move(children));
}

// LSP's SymbolKind: 2 module, 5 class, 12 function, 13 variable, 19 object, 23 struct.
json top_symbol(const syntax::TopStatement& statement, const LineIndex& index)
{
    return std::visit(overloaded{
                          [&](const syntax::Use& n) { return symbol("use " + n.module.text, 2, n.span, n.module.span, index); },
                          [&](const syntax::Athlete& n) { return symbol(n.name.value, 13, n.span, n.name.span, index); },
                          [&](const syntax::Group& n) { return symbol(n.name.value, 19, n.span, n.name.span, index); },
                          [&](const syntax::Program& n) { return program_symbols(n, index); },
                          [&](const syntax::Template& n) { return symbol(n.name.text, 12, n.span, n.name.span, index); },
                          [&](const syntax::Ruleset& n) { return symbol("ruleset " + n.name.text, 5, n.span, n.name.span, index); },
                          [&](const syntax::HealthConditionDeclaration& n) { return symbol(n.name.text, 23, n.span, n.name.span, index); },
                      },
                      statement.node);
}

}  // namespace

json hover(const Context& context, Position position)
{
    const Analysis& analysis = context.document.best();
    if (!analysis.run.compilation) return nullptr;
    const std::uint32_t offset = offset_in(analysis, position, context.encoding);
    const auto word = word_at(analysis.source().text, offset);
    if (word && analysis.book.find(word->text) != nullptr) return markdown(explanation(analysis.book, word->text));
    if (word && !word->quoted)
        if (const syntax::Template* found = template_named(analysis, word->text)) return markdown(template_text(*found));
    if (auto text = prescription_hover(analysis, offset)) return markdown(*text);
    if (auto text = block_hover(analysis, offset)) return markdown(*text);
    return nullptr;
}

json definition(const Context& context, Position position)
{
    const Analysis& analysis = context.document.best();
    if (!analysis.run.compilation) return nullptr;
    const auto word = word_at(analysis.source().text, offset_in(analysis, position, context.encoding));
    if (!word) return nullptr;
    auto defined = definition_of(analysis, word->text);
    if (!defined || defined->source == nullptr) return nullptr;
    const LineIndex index(defined->source->text, context.encoding);
    return {{"uri", context.files.uri_of(*defined->source, context.document.uri, context.document.path)}, {"range", index.range(*defined)}};
}

json document_symbols(const Context& context)
{
    const Analysis& analysis = context.document.best();
    json symbols = json::array();
    if (!analysis.run.compilation || analysis.run.compilation->files.empty()) return symbols;
    const LineIndex index(analysis.source().text, context.encoding);
    for (const auto& statement : analysis.run.compilation->files.front().statements) symbols.push_back(top_symbol(statement, index));
    return symbols;
}

json inlay_hints(const Context& context)
{
    const Analysis& analysis = context.document.best();
    json hints = json::array();
    if (!analysis.run.compilation) return hints;
    const LineIndex index(analysis.source().text, context.encoding);
    std::set<std::uint32_t> said;  // a block of a program for a group: once
    for (const auto& program : analysis.programs)
        for (const auto& block : program.blocks) {
            if (block.block == nullptr || block.block->span.source != &analysis.source()) continue;
            if (!said.insert(block.block->span.begin).second) continue;
            std::uint32_t line_end = block.block->span.begin;
            while (line_end < analysis.source().text.size() && analysis.source().text[line_end] != '\n') ++line_end;
            const Position at = index.position(line_end);
            hints.push_back({{"position", {{"line", at.line}, {"character", at.character}}},
                             {"label", format_date(block.start) + " – " + format_date(block.end) + ", " +
                                           std::to_string(block.session_count) + " sessions"},
                             {"paddingLeft", true}});
        }
    return hints;
}

}  // namespace meso::lsp
