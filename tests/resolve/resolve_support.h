// What the resolve tests share: the one athlete of a compiled file.
#pragma once

#include <catch2/catch.hpp>

#include "tests/support/support.h"

namespace meso::test {

// The file's only athlete; fails the test when it has none or several.
inline const ir::Athlete& only_athlete(const Compiled& c)
{
    REQUIRE(c.compilation->module.athletes.size() == 1);
    return c.compilation->module.athletes[0];
}

}  // namespace meso::test
