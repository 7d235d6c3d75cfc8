// engine/report's text: the caret stands under the column on screen, which
// engine/base/text's display_width counts (the formatter's columns too).
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "engine/base/diagnostic.h"
#include "engine/report/report.h"

namespace {

std::string printed(const meso::Source& source, std::uint32_t offset, std::uint32_t length)
{
    std::ostringstream out;
    meso::report::print_text(out, {meso::Diagnostic::error(meso::span_at(source, offset, length), "here")});
    return out.str();
}

}  // namespace

TEST_CASE("the caret under a finding counts wide characters as two columns and combining marks as none")
{
    // Each line holds 12 columns on screen before "squat": 4 of them are 深蹲's
    // two characters; the accent of Café combines with its e and takes none.
    for (const std::string line : {"note \"深蹲\" squat", "note \"Cafe\xCC\x81\" squat"}) {
        INFO(line);
        const meso::Source source{"x.meso", line + "\n"};
        const auto squat = static_cast<std::uint32_t>(source.text.find("squat"));
        CHECK(printed(source, squat, 5) ==
              "x.meso:1:" + std::to_string(squat + 1) + ": error: here\n   1 | " + line + "\n     |             ^~~~~\n");
    }
}

TEST_CASE("the caret and its tildes cover the span's columns on screen")
{
    const meso::Source wide{"wide.meso", "squat \"深蹲\"\n"};
    CHECK(printed(wide, 7, 6) == "wide.meso:1:8: error: here\n"
                                 "   1 | squat \"深蹲\"\n"
                                 "     |        ^~~~\n");
}
