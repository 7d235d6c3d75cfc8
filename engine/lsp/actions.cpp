// Code actions of meso lsp: a did-you-mean's fix, and `allow RULE "reason"`
// in the block or template a finding is about.
#include <regex>

#include "engine/lsp/features.h"

namespace meso::lsp {

namespace {

// The body a finding at `span` can be allowed in: the program's block that
// holds it, else the template of the document that does.
struct Allowable {
    const Span* statement = nullptr;     // the block's line, or the template
    const syntax::Body* body = nullptr;  // its `{ ... }`, when it has one
};

bool holds(const Span& outer, const Span& inner)
{
    return outer.source == inner.source && outer.begin <= inner.begin && inner.end <= outer.end;
}

Allowable allowable_at(const syntax::File& file, const Span& at)
{
    for (const auto& statement : file.statements) {
        if (const auto* program = std::get_if<syntax::Program>(&statement.node); program && holds(program->span, at)) {
            for (const auto& s : program->statements)
                if (const auto* use = std::get_if<syntax::BlockUse>(&s.node); use && holds(use->span, at))
                    return {&use->span, use->body ? &*use->body : nullptr};
        }
        if (const auto* t = std::get_if<syntax::Template>(&statement.node); t && holds(t->span, at)) return {&t->span, &t->body};
    }
    return {};
}

json edit(const std::string& uri, json range, const std::string& text)
{
    return {{"changes", {{uri, json::array({{{"range", std::move(range)}, {"newText", text}}})}}}};
}

json action(const std::string& title, const json& diagnostic, json workspace_edit, bool preferred)
{
    return {{"title", title},
            {"kind", "quickfix"},
            {"diagnostics", json::array({diagnostic})},
            {"edit", std::move(workspace_edit)},
            {"isPreferred", preferred}};
}

// "unknown template 'hypertrophy-rr'; did you mean 'hypertrophy-rir'?": the
// span's text with the misspelt word replaced.
std::optional<std::string> corrected(const Diagnostic& d)
{
    static const std::regex suggestion(R"('([^']+)'[^']*; did you mean '([^']+)'\?)");
    std::smatch match;
    if (!std::regex_search(d.message, match, suggestion)) return std::nullopt;
    std::string text(d.span.text());
    const std::size_t at = text.find(match[1].str());
    if (at == std::string::npos || text.find(match[1].str(), at + 1) != std::string::npos) return std::nullopt;
    return text.replace(at, match[1].length(), match[2].str());
}

// `allow RULE "reason"` as the body's first statement, or a body of its own.
std::optional<json> allow_edit(const Context& context, const Analysis& analysis, const Diagnostic& d, const LineIndex& index)
{
    if (analysis.run.compilation->files.empty()) return std::nullopt;
    const Allowable target = allowable_at(analysis.run.compilation->files.front(), d.span);
    if (target.statement == nullptr) return std::nullopt;
    const std::string statement = "allow " + *d.rule + " \"reason\"";
    if (target.body == nullptr)  // `3 weeks bfr` -> `3 weeks bfr { allow ... }`
        return edit(context.document.uri, index.range(target.statement->end, target.statement->end), " { " + statement + " }");
    const std::uint32_t open = target.body->braces.span.begin + 1;
    std::uint32_t line_start = target.statement->begin;
    while (line_start > 0 && analysis.source().text[line_start - 1] != '\n') --line_start;
    const std::string indent(target.statement->begin - line_start + 2, ' ');
    return edit(context.document.uri, index.range(open, open), "\n" + indent + statement + (target.body->braces.single_line ? "\n" : ""));
}

}  // namespace

json code_actions(const Context& context, const json& params)
{
    json actions = json::array();
    const Analysis& analysis = *context.document.latest;
    if (!analysis.run.compilation || !params.contains("range") || !params["range"].is_object()) return actions;
    const LineIndex index(analysis.source().text, context.encoding);
    const auto position = [&](const char* end) { return position_param({{"position", params["range"].value(end, json())}}); };
    const auto first = position("start"), last = position("end");
    if (!first || !last) return actions;
    const std::uint32_t begin = index.offset(*first), end = index.offset(*last);
    for (const auto& d : analysis.run.diagnostics) {
        if (!d.span.valid() || d.span.source != &analysis.source() || d.span.end < begin || d.span.begin > end || d.suppressed_by) continue;
        const json diagnostic = {{"range", index.range(d.span)}, {"message", printed_message(d)}};
        if (auto fixed = corrected(d))
            actions.push_back(
                action("Change to '" + *fixed + "'", diagnostic, edit(context.document.uri, index.range(d.span), *fixed), true));
        if (d.rule && d.severity != Severity::note)
            if (auto allowed = allow_edit(context, analysis, d, index))
                actions.push_back(action("Allow " + *d.rule + " here (say why in the reason)", diagnostic, std::move(*allowed), false));
    }
    return actions;
}

}  // namespace meso::lsp
