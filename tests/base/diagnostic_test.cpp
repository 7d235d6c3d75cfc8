// engine/base/diagnostic: the factories every stage builds its messages
// with, the sink stages append them to, and the order users read them in.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/base/diagnostic.h"

TEST_CASE("Diagnostic factories set the severity and leave rule, notes and suppression empty")
{
    const meso::Diagnostic e = meso::Diagnostic::error({}, "bad");
    CHECK(e.severity == meso::Severity::error);
    CHECK(e.message == "bad");
    CHECK_FALSE(e.rule);
    CHECK(e.notes.empty());
    CHECK_FALSE(e.suppressed_by);
    CHECK(meso::Diagnostic::warning({}, "w").severity == meso::Severity::warning);
    CHECK(meso::Diagnostic::note({}, "n").severity == meso::Severity::note);
}

namespace {

meso::Span at(const meso::Source& source, std::uint32_t begin) { return meso::span_at(source, begin); }

std::vector<std::string> messages(const std::vector<meso::Diagnostic>& diagnostics)
{
    std::vector<std::string> out;
    for (const auto& d : diagnostics) out.push_back(d.message);
    return out;
}

}  // namespace

TEST_CASE("a diagnostic sink appends to its stage's vector in the order found, and a note goes on the one just added")
{
    const meso::Source source{"a.meso", "athlete \"A\" { max squat 1 kg }\n"};
    std::vector<meso::Diagnostic> found;
    meso::DiagnosticSink sink(found);
    sink.warning(at(source, 8), "first");
    sink.error(at(source, 0), "second").notes.push_back({at(source, 14), "see here"});
    sink.note({}, "third");
    REQUIRE(found.size() == 3);
    CHECK(messages(found) == std::vector<std::string>{"first", "second", "third"});
    CHECK(found[0].severity == meso::Severity::warning);
    CHECK(found[1].severity == meso::Severity::error);
    REQUIRE(found[1].notes.size() == 1);
    CHECK(found[1].notes[0].message == "see here");
    CHECK(found[2].severity == meso::Severity::note);
    CHECK(sink.size() == 3);
}

TEST_CASE("a diagnostic sink appends another step's diagnostics after its own, in their order")
{
    std::vector<meso::Diagnostic> found;
    meso::DiagnosticSink sink(found);
    sink.append({meso::Diagnostic::warning({}, "a"), meso::Diagnostic::warning({}, "b")});
    sink.warning({}, "c");
    sink.append({meso::Diagnostic::note({}, "d")});
    sink.append({});
    CHECK(messages(found) == std::vector<std::string>{"a", "b", "c", "d"});
}

TEST_CASE("a diagnostic sink says whether it holds an error, or one since a mark, an allowed error is none")
{
    std::vector<meso::Diagnostic> found;
    meso::DiagnosticSink sink(found);
    sink.warning({}, "w");
    CHECK_FALSE(sink.has_errors());
    sink.error({}, "allowed").suppressed_by = "a clinician's reason";
    CHECK_FALSE(sink.has_errors());
    CHECK_FALSE(meso::has_errors(found));
    sink.error({}, "e");
    const std::size_t mark = sink.size();
    CHECK(sink.has_errors());
    CHECK_FALSE(sink.has_errors_since(mark));
    sink.warning({}, "w2");
    CHECK_FALSE(sink.has_errors_since(mark));
    sink.error({}, "e2");
    CHECK(sink.has_errors_since(mark));
    CHECK(sink.has_errors_since(found.size() + 5) == false);
    CHECK(meso::is_error(found.back()));
}

TEST_CASE("diagnostics are sorted by file in the order given, then by position, the unlocated and unknown files last")
{
    const meso::Source main{"main.meso", "use \"lib.meso\"\nprogram \"P\" {}\n"};
    const meso::Source lib{"lib.meso", "template t {}\ntemplate u {}\n"};
    const meso::Source other{"other.meso", "x\n"};
    std::vector<meso::Diagnostic> found = {
        meso::Diagnostic::error({}, "nowhere"),
        meso::Diagnostic::error(at(lib, 14), "lib second"),
        meso::Diagnostic::error(at(other, 0), "other"),
        meso::Diagnostic::error(at(main, 15), "main second"),
        meso::Diagnostic::error(at(lib, 0), "lib first"),
        meso::Diagnostic::warning(at(main, 15), "main second, found later"),
        meso::Diagnostic::error(at(main, 0), "main first"),
    };
    meso::sort_by_position(found, {&main, &lib});
    CHECK(messages(found) ==
          std::vector<std::string>{"main first", "main second", "main second, found later", "lib first", "lib second", "nowhere", "other"});
}

TEST_CASE("with no files given, diagnostics are sorted by position alone, keeping the order found at one place")
{
    const meso::Source one{"one.meso", "program \"P\" {\n  pause 2027-01-01\n  skip 2027-02-01\n}\n"};
    std::vector<meso::Diagnostic> found = {meso::Diagnostic::warning(at(one, 33), "skip"), meso::Diagnostic::warning(at(one, 16), "pause"),
                                           meso::Diagnostic::warning(at(one, 33), "skip again")};
    meso::sort_by_position(found, {});
    CHECK(messages(found) == std::vector<std::string>{"pause", "skip", "skip again"});
}
