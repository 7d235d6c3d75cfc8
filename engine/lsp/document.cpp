#include "engine/lsp/document.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "engine/base/overloaded.h"
#include "engine/resolve/stdlib.h"
#include "grammar/parse.h"

namespace meso::lsp {

namespace {

int severity_number(Severity severity)
{
    switch (severity) {
    case Severity::error: return 1;
    case Severity::warning: return 2;
    case Severity::info: return 3;
    case Severity::note: return 4;
    }
    return 1;
}

std::string read_whole(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool is_word_byte(char c)
{
    const auto byte = static_cast<unsigned char>(c);
    return std::isalnum(byte) || byte >= 0x80 || c == '-' || c == '_' || c == '.' || c == '/' || c == '+';
}

// The quoted string of the line that holds `offset`, when one does.
std::optional<Word> quoted_at(std::string_view text, std::uint32_t line_start, std::uint32_t offset)
{
    std::optional<std::uint32_t> open;
    for (std::uint32_t i = line_start; i < text.size() && text[i] != '\n'; ++i) {
        if (text[i] == '#' && !open) return std::nullopt;  // a comment
        if (text[i] == '\\' && open) {
            ++i;
            continue;
        }
        if (text[i] != '"') continue;
        if (!open) {
            open = i;
            continue;
        }
        if (offset > *open && offset <= i) return Word{std::string(text.substr(*open + 1, i - *open - 1)), *open + 1, i, true};
        open.reset();
    }
    return std::nullopt;
}

// The line index of each file a diagnostic or a note points into, made once
// per publication: a note into the standard library (std/bfr.meso) made its
// module's index again for every diagnostic that had one.
using LineIndexes = std::map<const Source*, LineIndex>;

const LineIndex& index_of(LineIndexes& indexes, const Source* source, Encoding encoding)
{
    return indexes.try_emplace(source, source ? std::string_view(source->text) : std::string_view(), encoding).first->second;
}

json diagnostic_json(const Diagnostic& d, const LineIndex& index, LineIndexes& indexes, Files& files, const Document& document,
                     const rules::RuleBook& book, Encoding encoding)
{
    std::string message = printed_message(d);
    json related = json::array();
    for (const auto& note : d.notes) {
        if (!note.span.valid()) {
            message += "\nnote: " + note.message;
            continue;
        }
        const LineIndex& note_index = index_of(indexes, note.span.source, encoding);
        related.push_back(
            {{"location", {{"uri", files.uri_of(*note.span.source, document.uri, document.path)}, {"range", note_index.range(note.span)}}},
             {"message", note.message}});
    }
    json out = {{"range", d.span.valid() ? index.range(d.span) : index.range(0, 0)},
                {"severity", severity_number(d.severity)},
                {"source", "meso"},
                {"message", message}};
    if (!related.empty()) out["relatedInformation"] = related;
    if (d.rule) {
        out["code"] = *d.rule;
        if (auto href = files.explanation_uri(book, *d.rule)) out["codeDescription"] = {{"href", *href}};
    }
    return out;
}

json empty_diagnostics(const std::string& uri)
{
    return {{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", {{"uri", uri}, {"diagnostics", json::array()}}}};
}

void add_definitions_of(const syntax::File& file, const std::string& name, std::optional<Span>& found)
{
    for (const auto& statement : file.statements) {
        if (found) return;
        std::visit(
            overloaded{
                [&](const syntax::Template& t) { found = t.name.text == name ? std::optional(t.name.span) : found; },
                [&](const syntax::Athlete& a) { found = a.name.value == name ? std::optional(a.name.span) : found; },
                [&](const syntax::Group& g) { found = g.name.value == name ? std::optional(g.name.span) : found; },
                [&](const syntax::Ruleset& r) {
                    if (r.name.text == name) found = r.name.span;
                    for (const auto& s : r.statements)
                        if (const auto* rule = std::get_if<syntax::Rule>(&s.node); rule && r.name.text + "." + rule->id.text == name)
                            found = rule->id.span;
                },
                [&](const syntax::HealthConditionDeclaration& c) { found = c.name.text == name ? std::optional(c.name.span) : found; },
                [&](const syntax::Use&) {},
                [&](const syntax::Program&) {},
            },
            statement.node);
    }
}

}  // namespace

void analyse(Document& document)
{
    auto analysis = std::make_shared<Analysis>();
    const pipeline::Options options;
    analysis->run = pipeline::resolve_text(Source{document.path, document.text}, options);
    analysis->parsed = analysis->run.compilation->main_file_parsed;
    pipeline::stream_programs(analysis->run, options, pipeline::Stages::rules,
                              [&](std::size_t, scheduling::ProgramSchedule& program) { analysis->programs.push_back(std::move(program)); });
    // After an error of resolving nothing was checked, and hover still explains the rules in force.
    if (analysis->run.rules) analysis->book = std::move(*analysis->run.rules);
    else analysis->book = rules::load_rules(analysis->run.compilation->module);
    document.latest = analysis;
    if (analysis->parsed) document.last_good = analysis;
}

namespace {

// The standard library's own text, not a user's file that happens to be
// named "std/bfr.meso" from where the server runs.
bool is_embedded(const Source& source)
{
    const auto& library = resolving::embedded_stdlib();
    return std::any_of(library.begin(), library.end(),
                       [&](const resolving::EmbeddedFile& file) { return file.path == source.path && file.text == source.text; });
}

}  // namespace

Files::Files(std::string cache_dir) : cache_dir_(std::move(cache_dir))
{
    if (!cache_dir_.empty()) return;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') cache_dir_ = std::string(xdg) + "/meso";
    else if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') cache_dir_ = std::string(home) + "/.cache/meso";
    else cache_dir_ = (std::filesystem::temp_directory_path() / "meso-cache").string();
}

std::string Files::write_once(const std::string& relative, const std::string& text)
{
    if (auto known = written_.find(relative); known != written_.end()) return known->second;
    // A folder per version: an older meso's copy is never shown for this one's library.
    const std::filesystem::path path = std::filesystem::path(cache_dir_) / MESO_VERSION / relative;
    std::error_code error;
    std::filesystem::create_directories(path.parent_path(), error);
    if (!std::filesystem::exists(path, error) || read_whole(path) != text) {
        std::filesystem::permissions(path, std::filesystem::perms::owner_write, std::filesystem::perm_options::add, error);
        std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
        // Read-only: an edit there would change nothing meso reads.
        ::chmod(path.c_str(), S_IRUSR | S_IRGRP | S_IROTH);
    }
    return written_[relative] = uri_of_path(path.string());
}

std::string Files::uri_of(const Source& source, const std::string& document_uri, const std::string& document_path)
{
    if (source.path == document_path) return document_uri;
    if (!source.path.empty() && source.path.front() == '/') return uri_of_path(source.path);
    if (source.path.front() == '<') return document_uri;                   // no file at all
    if (is_embedded(source)) return write_once(source.path, source.text);  // "std/bfr.meso"
    // A file a document that is no file ("untitled:1") uses, named from the
    // server's working folder: shown where it is. Copying it into the cache
    // under its own name would write outside the cache with "../".
    std::error_code error;
    const auto absolute = std::filesystem::weakly_canonical(std::filesystem::absolute(source.path, error), error);
    return uri_of_path(error ? source.path : absolute.string());
}

std::optional<std::string> Files::explanation_uri(const rules::RuleBook& book, const std::string& rule_id)
{
    if (book.find(rule_id) == nullptr) return std::nullopt;
    return write_once("rules/" + rule_id + ".md", explanation(book, rule_id));
}

std::vector<json> publish_diagnostics(Document& document, Files& files, Encoding encoding)
{
    const Analysis& analysis = *document.latest;
    std::map<const Source*, json> by_source;
    const Source* main = analysis.run.compilation ? &analysis.source() : nullptr;
    by_source[main] = json::array();
    LineIndexes indexes;
    for (const auto& d : analysis.run.diagnostics) {
        if (d.suppressed_by) continue;                                 // accepted by an `allow`, as `meso check` shows them
        const Source* source = d.span.valid() ? d.span.source : main;  // one without a place is at the document's start
        by_source[source].push_back(
            diagnostic_json(d, index_of(indexes, source, encoding), indexes, files, document, analysis.book, encoding));
    }
    std::vector<json> notifications;
    std::set<std::string> elsewhere;
    for (auto& [source, list] : by_source) {
        const std::string uri = source ? files.uri_of(*source, document.uri, document.path) : document.uri;
        if (uri != document.uri) elsewhere.insert(uri);
        json params = {{"uri", uri}, {"diagnostics", std::move(list)}};
        if (source == main) params["version"] = document.version;
        notifications.push_back({{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", std::move(params)}});
    }
    for (const auto& uri : document.published_elsewhere)
        if (elsewhere.count(uri) == 0) notifications.push_back(empty_diagnostics(uri));
    document.published_elsewhere = std::move(elsewhere);
    return notifications;
}

std::vector<json> clear_diagnostics(const Document& document)
{
    std::vector<json> notifications = {empty_diagnostics(document.uri)};
    for (const auto& uri : document.published_elsewhere) notifications.push_back(empty_diagnostics(uri));
    return notifications;
}

std::string explanation(const rules::RuleBook& book, const std::string& rule_id)
{
    const rules::Rule* rule = book.find(rule_id);
    const rules::RuleSet* set = book.set_of(rule_id);
    if (rule == nullptr || set == nullptr) return "";
    std::ostringstream out;
    out << "**" << rule->id << "** (" << to_string(rule->severity) << "): " << rule->message << "\n\n";
    out << "`" << rule->condition_text << "`" << (set->applies_text.empty() ? "" : " where `" + set->applies_text + "`") << "\n\n";
    for (const auto& note : rule->notes) out << "Why: " << note << "\n\n";
    const auto& sources = rule->sources.empty() ? set->sources : rule->sources;
    for (const auto& citation : sources) out << "- " << rules::citation_text(citation) << "\n";
    out << "\nRule set '" << set->name << "'" << (set->title.empty() ? "" : ": " + set->title) << ". `meso explain " << rule->id
        << "` shows a program that breaks it.\n";
    return out.str();
}

std::optional<Word> word_at(std::string_view text, std::uint32_t offset)
{
    if (offset > text.size()) return std::nullopt;
    std::uint32_t line_start = offset;
    while (line_start > 0 && text[line_start - 1] != '\n') --line_start;
    if (auto quoted = quoted_at(text, line_start, offset)) return quoted;
    std::uint32_t begin = offset, end = offset;
    while (begin > line_start && is_word_byte(text[begin - 1])) --begin;
    while (end < text.size() && is_word_byte(text[end])) ++end;
    if (begin == end) return std::nullopt;
    return Word{std::string(text.substr(begin, end - begin)), begin, end, false};
}

std::optional<Span> definition_of(const Analysis& analysis, const std::string& name)
{
    if (!analysis.run.compilation) return std::nullopt;
    std::optional<Span> found;
    for (const syntax::File* file : analysis.run.compilation->module.files)
        if (file != nullptr && !found) add_definitions_of(*file, name, found);
    if (found) return found;
    for (const Source* source : analysis.run.compilation->sources) {
        std::string module = source->path;  // "std/bfr.meso" is `use std.bfr`
        if (module.size() < 6 || module.compare(module.size() - 5, 5, ".meso") != 0 || module.front() == '/') continue;
        module.resize(module.size() - 5);
        std::replace(module.begin(), module.end(), '/', '.');
        if (module == name) return span_at(*source, 0, 0);
    }
    return std::nullopt;
}

}  // namespace meso::lsp
