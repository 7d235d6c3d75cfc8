// engine/ir's cuff pressure: the athlete's AOP for the cuffed limb and the
// conversion between mmHg and % AOP, the one definition that the calendars
// (the session's mmHg) and the rules (their samples) both use.
#include <catch2/catch.hpp>

#include "engine/ir/ir.h"

using meso::ir::Athlete;
using meso::ir::Limb;
using meso::ir::OcclusionPressure;
using meso::ir::Pressure;

namespace {

Athlete athlete_with_leg_aop(double mmhg)
{
    Athlete athlete;
    OcclusionPressure leg;
    leg.limb = Limb::leg;
    leg.mmhg = mmhg;
    athlete.occlusion_pressures.push_back(leg);
    return athlete;
}

}  // namespace

TEST_CASE("a cuff's AOP is the athlete's for the cuffed limb, and none on no limb, another limb or without an athlete")
{
    const Athlete athlete = athlete_with_leg_aop(180);
    REQUIRE(meso::ir::cuff_aop(&athlete, Limb::leg) != nullptr);
    CHECK(meso::ir::cuff_aop(&athlete, Limb::leg)->mmhg == 180);
    CHECK(meso::ir::cuff_aop(&athlete, Limb::arm) == nullptr);
    CHECK(meso::ir::cuff_aop(&athlete, Limb::unspecified) == nullptr);
    CHECK(meso::ir::cuff_aop(nullptr, Limb::leg) == nullptr);
}

TEST_CASE("a pressure converts between mmHg and % AOP with an AOP, and not without a positive one")
{
    CHECK(meso::ir::convert_pressure(60, true, 180.0) == Approx(108));
    CHECK(meso::ir::convert_pressure(120, false, 180.0) == Approx(66.666666).epsilon(1e-6));
    CHECK_FALSE(meso::ir::convert_pressure(60, true, std::nullopt).has_value());
    CHECK_FALSE(meso::ir::convert_pressure(120, false, 0.0).has_value());
}

TEST_CASE("what a cuff presses in mmHg is as written, or its % AOP of the cuffed limb's AOP, or unknown")
{
    const Athlete athlete = athlete_with_leg_aop(180);
    CHECK(meso::ir::cuff_mmhg(Pressure{150, false}, Limb::unspecified, nullptr) == 150);
    CHECK(meso::ir::cuff_mmhg(Pressure{60, true}, Limb::leg, &athlete) == Approx(108));
    CHECK_FALSE(meso::ir::cuff_mmhg(Pressure{60, true}, Limb::arm, &athlete).has_value());
    CHECK_FALSE(meso::ir::cuff_mmhg(Pressure{60, true}, Limb::unspecified, &athlete).has_value());
    CHECK_FALSE(meso::ir::cuff_mmhg(Pressure{60, true}, Limb::leg, nullptr).has_value());
}
