// A document of meso lsp and what the server knows of it: its text, its
// last analysis by the pipeline (engine/pipeline/pipeline.h), and the last
// one whose text parsed, which hover and completion fall back to while a
// line is half typed.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/lsp/protocol.h"
#include "engine/pipeline/pipeline.h"
#include "engine/rules/rules.h"
#include "engine/schedule/schedule.h"

namespace meso::lsp {

struct Analysis {
    pipeline::FileRun run;                              // owns the sources every span points into
    std::vector<scheduling::ProgramSchedule> programs;  // scheduled and checked (those `meso check` got to while the file had no error)
    rules::RuleBook book;                               // the rules in force, for hover and completion
    bool parsed = false;                                // the document's own text has no syntax error

    const Source& source() const { return *run.compilation->sources.front(); }
};

struct Document {
    std::string uri;
    std::string path;  // of the URI: relative `use`s are read from beside it
    long long version = 0;
    std::string text;
    std::shared_ptr<const Analysis> latest;
    std::shared_ptr<const Analysis> last_good;  // the last one that parsed; may be latest
    // The other files (imports) whose diagnostics were last published for
    // this document: one that has none any more gets an empty list, so that
    // no editor keeps showing an error fixed or a file no longer used.
    std::set<std::string> published_elsewhere;

    // What hover, completion and the outline read: the latest analysis when
    // its text parsed, else the last one that did.
    const Analysis& best() const { return latest->parsed || !last_good ? *latest : *last_good; }
};

// Runs the pipeline of `meso check` on the document's text and keeps it.
void analyse(Document& document);

// Where the server writes the standard library and the rules' explanations
// (ServerOptions::cache_dir), and the file a span's source is read from:
// its own path, or for an embedded module of the standard library
// ("std/bfr.meso") the cache's copy, written read-only when first asked.
class Files {
public:
    explicit Files(std::string cache_dir);
    std::string uri_of(const Source& source, const std::string& document_uri, const std::string& document_path);
    // A rule's explanation as a Markdown file, for a diagnostic's link.
    std::optional<std::string> explanation_uri(const rules::RuleBook& book, const std::string& rule_id);

private:
    std::string write_once(const std::string& relative, const std::string& text);
    std::string cache_dir_;
    std::map<std::string, std::string> written_;  // relative path -> URI
};

// `publishDiagnostics` notifications: the document's, one per other file
// (an import) that has any, and an empty one for each file that had some
// when last published and has none now (Document::published_elsewhere).
std::vector<json> publish_diagnostics(Document& document, Files& files, Encoding encoding);
// The empty lists a closed document leaves: its own and its imports'.
std::vector<json> clear_diagnostics(const Document& document);

// A rule in words, as `meso explain` says it (Markdown).
std::string explanation(const rules::RuleBook& book, const std::string& rule_id);

// The word at `offset` of `text`: a name, a dotted or hyphenated id, or a
// quoted string's text; its byte range too.
struct Word {
    std::string text;
    std::uint32_t begin = 0, end = 0;
    bool quoted = false;
};
std::optional<Word> word_at(std::string_view text, std::uint32_t offset);

// The span that defines `name`: a template, an athlete, a group, a rule
// set, a rule (its full id) or a module of the library (`std.bfr`), in the
// document or any file it uses; the document's own first.
std::optional<Span> definition_of(const Analysis& analysis, const std::string& name);

}  // namespace meso::lsp
