// Comments and blank lines are kept in the tree, attached where a formatter
// needs them to print the file back.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>

#include "engine/format/format.h"
#include "engine/resolve/stdlib.h"
#include "grammar/parse.h"
#include "tests/grammar/support.h"

using namespace meso;
using namespace meso::syntax;
using namespace meso::grammar_test;

namespace {

std::vector<std::string> texts(const std::vector<Comment>& comments)
{
    std::vector<std::string> out;
    out.reserve(comments.size());
    for (const auto& c : comments) out.push_back(c.text);
    return out;
}

}  // namespace

TEST_CASE("comments above a statement lead it, a comment after it on its line trails it")
{
    const auto parsed = parse_text("# the plan\n"
                                   "# for Alex\n"
                                   "use std.bfr   # the rules\n"
                                   "athlete \"Alex\" {\n"
                                   "  # maxes tested in December\n"
                                   "  max squat 180 kg  # one-rep max   \n"
                                   "  round 2.5 kg\n"
                                   "}\n");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto& use = as<Use>(parsed.file().statements.at(0).node);
    CHECK(texts(use.trivia.leading) == std::vector<std::string>{"# the plan", "# for Alex"});
    REQUIRE(use.trivia.trailing);
    CHECK(use.trivia.trailing->text == "# the rules");
    CHECK(use.trivia.trailing->span.line == 3);

    const auto& alex = as<Athlete>(parsed.file().statements.at(1).node);
    CHECK(alex.trivia.leading.empty());
    CHECK_FALSE(alex.trivia.trailing);
    const auto& max = as<Max>(alex.statements.at(0).node);
    CHECK(texts(max.trivia.leading) == std::vector<std::string>{"# maxes tested in December"});
    REQUIRE(max.trivia.trailing);
    CHECK(max.trivia.trailing->text == "# one-rep max");  // trailing blanks removed
    const auto& round = as<Round>(alex.statements.at(1).node);
    CHECK(round.trivia.leading.empty());
    CHECK_FALSE(round.trivia.trailing);
}

TEST_CASE("a comment on the line of '{' belongs to the braces, comments before '}' end the body")
{
    const auto parsed = parse_text("template t {  # opened\n"
                                   "  method bfr\n"
                                   "  mon {  # Mondays\n"
                                   "    squat 5x5 @ 75%\n"
                                   "    # more later\n"
                                   "  }\n"
                                   "  # end of the template\n"
                                   "  # really\n"
                                   "}\n"
                                   "# end of the file\n");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto& t = as<Template>(parsed.file().statements.at(0).node);
    REQUIRE(t.body.braces.open_comment);
    CHECK(t.body.braces.open_comment->text == "# opened");
    CHECK(texts(t.body.braces.end_comments) == std::vector<std::string>{"# end of the template", "# really"});
    CHECK(as<Method>(t.body.statements.at(0).node).trivia.leading.empty());

    const auto& split = as<Split>(t.body.statements.at(1).node);
    REQUIRE(split.body.braces.open_comment);
    CHECK(split.body.braces.open_comment->text == "# Mondays");
    CHECK(texts(split.body.braces.end_comments) == std::vector<std::string>{"# more later"});
    CHECK_FALSE(split.trivia.trailing);  // '# Mondays' is not the split's trailing comment

    CHECK(texts(parsed.file().end_comments) == std::vector<std::string>{"# end of the file"});
}

TEST_CASE("a trailing comment goes to the statement that ends on its line")
{
    const auto parsed = parse_text("program \"P\" {\n"
                                   "  start 2027-01-04\n"
                                   "  3 weeks kaatsu {\n"
                                   "    days mon wed fri\n"
                                   "  }  # after the block\n"
                                   "}\n");
    REQUIRE(parsed.diagnostics().empty());
    const auto& p = as<Program>(parsed.file().statements.at(0).node);
    const auto& block = as<BlockUse>(p.statements.at(1).node);
    REQUIRE(block.trivia.trailing);
    CHECK(block.trivia.trailing->text == "# after the block");
    const auto& days = as<Days>(block.body->statements.at(0).node);
    CHECK_FALSE(days.trivia.trailing);
}

TEST_CASE("blank lines before statements and comments are recorded")
{
    const auto parsed = parse_text("use std.bfr\n"
                                   "use std.templates\n"
                                   "\n"
                                   "athlete \"A\" {\n"
                                   "  max squat 100 kg\n"
                                   "\n"
                                   "  # after a blank line\n"
                                   "  round 5 kg\n"
                                   "\n"
                                   "  # the end\n"
                                   "}\n");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto& s = parsed.file().statements;
    CHECK_FALSE(as<Use>(s.at(0).node).trivia.blank_line_before);
    CHECK_FALSE(as<Use>(s.at(1).node).trivia.blank_line_before);
    const auto& a = as<Athlete>(s.at(2).node);
    CHECK(a.trivia.blank_line_before);
    CHECK_FALSE(as<Max>(a.statements.at(0).node).trivia.blank_line_before);
    const auto& round = as<Round>(a.statements.at(1).node);
    CHECK(round.trivia.blank_line_before);  // before its leading comment
    REQUIRE(round.trivia.leading.size() == 1);
    CHECK(round.trivia.leading[0].blank_line_before);
    REQUIRE(a.braces.end_comments.size() == 1);
    CHECK(a.braces.end_comments[0].blank_line_before);
}

TEST_CASE("a '#' inside a string is not a comment")
{
    const auto parsed = parse_text("template t {\n  note \"set #2 is the heavy one\"  # a real one\n}\n");
    REQUIRE(parsed.diagnostics().empty());
    const auto& note = as<NoteStatement>(as<Template>(parsed.file().statements.at(0).node).body.statements.at(0).node);
    CHECK(note.text.value == "set #2 is the heavy one");
    REQUIRE(note.trivia.trailing);
    CHECK(note.trivia.trailing->text == "# a real one");
    REQUIRE(parsed.file().all_comments.size() == 1);
}

TEST_CASE("every comment of a fixture is kept exactly once in the tree")
{
    // Counts the comments attached anywhere and compares with every '#' that
    // starts a comment: none lost, none attached twice.
    for (const char* name : {"program.meso", "kaatsu_template.meso", "prescriptions.meso", "prescription_forms.meso", "clinic_ruleset.meso",
                             "table_forms.meso"}) {
        const auto parsed = parse_fixture(name);
        REQUIRE(parsed.diagnostics().empty());
        std::size_t attached = parsed.file().end_comments.size();
        auto count_trivia = [&](const Trivia& t) { attached += t.leading.size() + (t.trailing ? 1 : 0); };
        auto count_braces = [&](const Braces& b) { attached += b.end_comments.size() + (b.open_comment ? 1 : 0); };
        std::function<void(const Body&)> body = [&](const Body& b) {
            count_braces(b.braces);
            for (const auto& s : b.statements) {
                count_trivia(trivia_of(s));
                if (auto* w = std::get_if<WeekOverride>(&s.node); w && w->body) body(*w->body);
                if (auto* sp = std::get_if<Split>(&s.node)) body(sp->body);
            }
        };
        for (const auto& top : parsed.file().statements) {
            std::visit(
                [&](const auto& n) {
                    using T = std::decay_t<decltype(n)>;
                    count_trivia(n.trivia);
                    if constexpr (std::is_same_v<T, Athlete>) {
                        count_braces(n.braces);
                        for (const auto& s : n.statements) std::visit([&](const auto& x) { count_trivia(x.trivia); }, s.node);
                    }
                    else if constexpr (std::is_same_v<T, Program>) {
                        count_braces(n.braces);
                        for (const auto& s : n.statements)
                            std::visit(
                                [&](const auto& x) {
                                    count_trivia(x.trivia);
                                    if constexpr (std::is_same_v<std::decay_t<decltype(x)>, BlockUse>)
                                        if (x.body) body(*x.body);
                                },
                                s.node);
                    }
                    else if constexpr (std::is_same_v<T, Template>) {
                        body(n.body);
                    }
                    else if constexpr (std::is_same_v<T, Ruleset>) {
                        count_braces(n.braces);
                        for (const auto& s : n.statements)
                            std::visit(
                                [&](const auto& x) {
                                    count_trivia(x.trivia);
                                    if constexpr (std::is_same_v<std::decay_t<decltype(x)>, Rule>) {
                                        count_braces(x.braces);
                                        for (const auto& r : x.statements)
                                            std::visit([&](const auto& y) { count_trivia(y.trivia); }, r.node);
                                    }
                                },
                                s.node);
                    }
                },
                top.node);
        }
        // No fixture has a '#' inside a string, so every '#' starts a comment.
        const auto& text = parsed.source->text;
        const auto hashes = static_cast<std::size_t>(std::count(text.begin(), text.end(), '#'));
        CHECK(parsed.file().all_comments.size() == hashes);
        INFO(name);
        CHECK(hashes > 0);
        CHECK(attached == hashes);
    }
}

TEST_CASE("a parse that keeps no comment and checks no encoding builds the same tree, as the standard library's shared parse does")
{
    for (const auto& module : meso::resolving::embedded_stdlib()) {
        INFO(module.path);
        const meso::Source source{std::string(module.path), std::string(module.text)};
        meso::ParseLimits without;
        without.comments = false;
        without.check_encoding = false;
        const auto kept = meso::parse(source);
        const auto dropped = meso::parse(source, without);
        CHECK(kept.diagnostics.empty());  // the embedded text passes the encoding check the shared parse skips
        CHECK(dropped.diagnostics.empty());
        CHECK(meso::format::dump(dropped.file) == meso::format::dump(kept.file));
        CHECK_FALSE(kept.file.all_comments.empty());  // the library is commented: the check above compares something
        CHECK(dropped.file.all_comments.empty());
    }
}
