// engine/base/diagnostic: the factories every stage builds its messages with.
#include <catch2/catch.hpp>

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
