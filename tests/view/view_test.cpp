// meso view: one page with no script, every user text escaped, written
// whole or not at all; the browser's checks are tests/view/check.sh.
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include "tests/support/support.h"

using namespace meso::test;

namespace {

std::size_t count(const std::string& text, const std::string& what)
{
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("meso view writes one page with no script, stylesheet or link to load")
{
    const auto dir = temp_dir("view-page");
    auto run = run_meso({"view", source_dir() + "/examples/kaatsu-then-powerlifting.meso", "-o", dir + "/plan.html"});
    REQUIRE(run.exit_code == 0);
    CHECK(run.out.empty());
    const auto page = read_file(dir + "/plan.html");
    CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
    CHECK(count(page, "<script") == 0);
    CHECK(count(page, "<link") == 0);
    CHECK(count(page, "src=") == 0);
    CHECK(count(page, "http://") == 1);  // the SVG namespace, which is a name and is not fetched
    CHECK(count(page, "class=\"session") == 66);
    CHECK(page.find("<title id=\"program-1-chart-title\">") != std::string::npos);
    CHECK(page.find("bfr.cuff-pressure") != std::string::npos);  // the flagship's info, with its rule's explanation
    CHECK(page.find("Evidence for the BFR blocks") != std::string::npos);
}

TEST_CASE("every user text of meso view is escaped: an athlete named <script>alert(1)</script> is shown, not run")
{
    const auto dir = temp_dir("view-escape");
    write_file(dir + "/x.meso", R"(athlete "<script>alert(1)</script>" { max squat 100 kg }
program "Tom & \"Jerry\"" for "<script>alert(1)</script>" {
  start 2027-01-04
  1 week "<b>bold</b>" { days mon; squat 3x5 @ 70%; note "it's <i>fine</i>" }
}
)");
    auto run = run_meso({"view", dir + "/x.meso"});
    REQUIRE(run.exit_code == 0);
    CHECK(count(run.out, "<script") == 0);
    CHECK(count(run.out, "<b>") == 0);
    CHECK(run.out.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(run.out.find("Tom &amp; &quot;Jerry&quot;") != std::string::npos);
    CHECK(run.out.find("&lt;b&gt;bold&lt;/b&gt;") != std::string::npos);
}

TEST_CASE("meso view replaces the page whole or not at all, and writes nothing for a file with errors")
{
    const auto dir = temp_dir("view-write");
    const std::string flagship = source_dir() + "/examples/kaatsu-then-powerlifting.meso";
    write_file(dir + "/bad.meso", "program \"P\" { start 2027-13-01 }\n");
    write_file(dir + "/plan.html", "old");
    auto bad = run_meso({"view", dir + "/bad.meso", "-o", dir + "/plan.html"});
    CHECK(bad.exit_code == 1);
    CHECK(bad.err.find("bad.meso:1:") != std::string::npos);
    CHECK(read_file(dir + "/plan.html") == "old");
    auto to_directory = run_meso({"view", flagship, "-o", dir});
    CHECK(to_directory.exit_code == 2);
    CHECK(to_directory.err.find("meso: error: cannot write") != std::string::npos);
    auto missing = run_meso({"view", dir + "/missing.meso", "-o", dir + "/plan.html"});
    CHECK(missing.exit_code == 2);
    CHECK(read_file(dir + "/plan.html") == "old");
    auto good = run_meso({"view", flagship, "-o", dir + "/plan.html"});
    CHECK(good.exit_code == 0);
    CHECK(read_file(dir + "/plan.html").rfind("<!DOCTYPE html>", 0) == 0);
}
