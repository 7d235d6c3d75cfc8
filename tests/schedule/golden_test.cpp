#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/support/support.h"

namespace fs = std::filesystem;

// Every example's schedule, as JSON, is compared with its reviewed golden
// file. After an intended change: scripts/update-golden, then read the diff.
TEST_CASE("every example's schedule matches its reviewed golden file")
{
    const auto root = meso::test::source_dir();
    int compared = 0;
    for (const auto& entry : fs::directory_iterator(root + "/examples")) {
        if (entry.path().extension() != ".meso") continue;
        const std::string name = entry.path().stem().string();
        const std::string golden = root + "/tests/golden/" + name + ".schedule.json";
        INFO(name);
        REQUIRE(fs::exists(golden));
        // The machine's zone is pinned: an example without `timezone` says which zone its times are in.
        const auto run = meso::test::run_meso({"schedule", "--format", "json", entry.path().string()}, "TZ=UTC");
        INFO(run.err);
        CHECK(run.exit_code == 0);
        CHECK(run.out == meso::test::read_file(golden));
        ++compared;
    }
    CHECK(compared >= 4);
}
