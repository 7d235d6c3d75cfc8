// meso publish FILE... -o DIR --base-url URL: a folder of feeds, one per
// athlete under a name nobody guesses, that stays right when published again
// after an edit (docs/teams.md, docs/commands.md).
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/support.h"

using meso::test::read_file;
using meso::test::run_meso;
using meso::test::write_file;
namespace fs = std::filesystem;

namespace {

const std::string athletes = "athlete \"Ann\" {\n  max squat 100 kg\n  max bench-press 60 kg\n"
                             "  condition hypertension\n  cleared bfr.precaution \"Dr Secret, 2027-01-02\"\n}\n"
                             "athlete \"Ben\" {\n  max squat 140 kg\n  max bench-press 100 kg\n}\n"
                             "group \"U18\" { \"Ann\", \"Ben\" }\n";

// Two weeks: squats on Monday, bench on Wednesday.
std::string squad(const std::string& start = "2027-01-04", const std::string& squat = "75%", const std::string& extra = "")
{
    return athletes + "program \"Winter\" for \"U18\" {\n  start " + start + "\n  timezone Europe/Berlin\n" + extra +
           "  2 weeks \"Base\" {\n    sessions 17:00\n    mon { squat 5x5 @ " + squat +
           " }\n    wed { bench-press 5x5 @ 70% }\n    allow general.rest-day \"the reason is private\"\n  }\n}\n";
}

struct Event {
    std::string text;
    int sequence = -1;
    bool cancelled = false;
};

std::string value_of(const std::string& event, const std::string& property)
{
    const auto at = event.find("\r\n" + property + ":");
    if (at == std::string::npos) return {};
    const auto start = at + 3 + property.size();
    return event.substr(start, event.find("\r\n", start) - start);
}

// The events of a calendar by UID; a UID twice fails.
std::map<std::string, Event> events_of(const std::string& calendar)
{
    std::map<std::string, Event> events;
    for (std::size_t at = calendar.find("BEGIN:VEVENT"); at != std::string::npos; at = calendar.find("BEGIN:VEVENT", at + 1)) {
        const std::string text = calendar.substr(at, calendar.find("END:VEVENT", at) - at);
        Event e{text, std::stoi(value_of(text, "SEQUENCE")), value_of(text, "STATUS") == "CANCELLED"};
        CHECK(events.emplace(value_of(text, "UID"), e).second);
    }
    return events;
}

struct Folder {
    std::string dir;
    nlohmann::json feeds;
    std::string calendar(const std::string& athlete) const
    {
        for (const auto& f : feeds["feeds"])
            if (f["athlete"] == athlete) return read_file(dir + "/" + f["file"].get<std::string>());
        FAIL("no feed for " << athlete);
        return {};
    }
};

meso::test::Run publish(const std::string& dir, const std::string& program, long long epoch)
{
    const std::string file = fs::path(dir).parent_path().string() + "/squad.meso";
    write_file(file, program);
    return run_meso({"publish", file, "-o", dir, "--base-url", "https://club.example.org/feeds/"},
                    "SOURCE_DATE_EPOCH=" + std::to_string(epoch));
}

Folder published(const std::string& dir, const std::string& program, long long epoch)
{
    const auto run = publish(dir, program, epoch);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    return {dir, nlohmann::json::parse(read_file(dir + "/feeds.json"))};
}

// The whole folder, file by file.
std::map<std::string, std::string> snapshot(const std::string& dir)
{
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::directory_iterator(dir)) files[entry.path().filename().string()] = read_file(entry.path().string());
    return files;
}

constexpr long long day = 86400;
constexpr long long first_publish = 1798761600;  // 2027-01-01

}  // namespace

TEST_CASE("meso publish writes a feed per athlete under an unguessable name, an index without indexing and a manifest")
{
    const std::string dir = meso::test::temp_dir("publish-first") + "/feeds";
    const Folder f = published(dir, squad(), first_publish);
    REQUIRE(f.feeds["feeds"].size() == 2);
    const std::regex token_file("[0-9a-f]{32}\\.ics");
    for (const auto& feed : f.feeds["feeds"]) {
        const std::string file = feed["file"];
        CHECK(std::regex_match(file, token_file));
        CHECK(feed["https"] == "https://club.example.org/feeds/" + file);
        CHECK(feed["webcal"] == "webcal://club.example.org/feeds/" + file);
        CHECK(feed["events"] == 4);
    }
    CHECK(f.feeds["feeds"][0]["file"] != f.feeds["feeds"][1]["file"]);
    const std::string index = read_file(dir + "/index.html");
    CHECK(index.find("<meta name=\"robots\" content=\"noindex") != std::string::npos);
    CHECK(index.find("webcal://club.example.org/feeds/" + f.feeds["feeds"][0]["file"].get<std::string>()) != std::string::npos);
    CHECK(fs::exists(dir + "/.meso-publish.json"));

    const auto ann = events_of(f.calendar("Ann"));
    CHECK(ann.size() == 4);
    for (const auto& [uid, e] : ann) CHECK(e.sequence == 0);
    CHECK(f.calendar("Ann").find("75 kg") != std::string::npos);  // Ann's own kilograms
    CHECK(f.calendar("Ben").find("105 kg") != std::string::npos);
}

TEST_CASE("a published feed carries the training only: no condition, clearance or allow reason")
{
    const std::string dir = meso::test::temp_dir("publish-private") + "/feeds";
    const Folder f = published(dir, squad(), first_publish);
    for (const auto& athlete : {"Ann", "Ben"}) {
        const std::string calendar = f.calendar(athlete);
        CHECK(calendar.find("hypertension") == std::string::npos);
        CHECK(calendar.find("Dr Secret") == std::string::npos);
        CHECK(calendar.find("precaution") == std::string::npos);
        CHECK(calendar.find("private") == std::string::npos);
    }
    for (const auto& file : {"/index.html", "/feeds.json"}) {
        const std::string text = read_file(dir + file);
        CHECK(text.find("hypertension") == std::string::npos);
        CHECK(text.find("Dr Secret") == std::string::npos);
    }
}

TEST_CASE(
    "publishing again: a changed or moved session gets a higher SEQUENCE, an unchanged one keeps its bytes, a removed one is cancelled")
{
    const std::string dir = meso::test::temp_dir("publish-again") + "/feeds";
    const Folder first = published(dir, squad(), first_publish);
    const auto before = events_of(first.calendar("Ann"));
    const std::string token = first.feeds["feeds"][0]["file"];

    SECTION("the same plan again: the same bytes")
    {
        const Folder again = published(dir, squad(), first_publish + day);
        CHECK(again.calendar("Ann") == first.calendar("Ann"));
        CHECK(again.feeds["feeds"][0]["file"] == token);  // the address stays
    }
    SECTION("a heavier squat: the Monday events change in place, the Wednesday ones keep their bytes")
    {
        const Folder again = published(dir, squad("2027-01-04", "80%"), first_publish + day);
        const auto after = events_of(again.calendar("Ann"));
        REQUIRE(after.size() == before.size());
        int changed = 0;
        for (const auto& [uid, e] : after) {
            REQUIRE(before.count(uid) == 1);
            if (e.text == before.at(uid).text) continue;
            ++changed;
            CHECK(e.sequence == before.at(uid).sequence + 1);
            CHECK(value_of(e.text, "LAST-MODIFIED") == "20270102T000000Z");
            CHECK(value_of(e.text, "DTSTAMP") == "20270102T000000Z");
        }
        CHECK(changed == 2);
    }
    SECTION("a start a week later moves every event under its UID")
    {
        const auto after = events_of(published(dir, squad("2027-01-11"), first_publish + day).calendar("Ann"));
        REQUIRE(after.size() == before.size());
        for (const auto& [uid, e] : after) {
            REQUIRE(before.count(uid) == 1);
            CHECK(e.sequence == 1);
            CHECK_FALSE(e.cancelled);
        }
    }
    SECTION("a removed session is cancelled for 30 days, then dropped")
    {
        const std::string skip = "  skip 2027-01-06\n";
        const auto after = events_of(published(dir, squad("2027-01-04", "75%", skip), first_publish + day).calendar("Ann"));
        REQUIRE(after.size() == before.size());
        int cancelled = 0;
        for (const auto& [uid, e] : after) {
            if (!e.cancelled) {
                CHECK(e.text == before.at(uid).text);
                continue;
            }
            ++cancelled;
            CHECK(e.sequence == 1);
            CHECK(value_of(e.text, "DTSTART;TZID=Europe/Berlin") == value_of(before.at(uid).text, "DTSTART;TZID=Europe/Berlin"));
        }
        CHECK(cancelled == 1);
        const auto a_month_on = events_of(published(dir, squad("2027-01-04", "75%", skip), first_publish + 29 * day).calendar("Ann"));
        CHECK(a_month_on.size() == before.size());
        const auto later = events_of(published(dir, squad("2027-01-04", "75%", skip), first_publish + 31 * day).calendar("Ann"));
        CHECK(later.size() == before.size() - 1);
    }
}

TEST_CASE("a failing publish leaves the folder as it was")
{
    const std::string dir = meso::test::temp_dir("publish-fails") + "/feeds";
    published(dir, squad(), first_publish);
    write_file(dir + "/.htaccess", "Options -Indexes\n");
    const auto before = snapshot(dir);

    SECTION("a file with errors")
    {
        const auto run = publish(dir, squad("2027-02-30"), first_publish + day);
        CHECK(run.exit_code == 1);
        CHECK(run.err.find("nothing published") != std::string::npos);
    }
    SECTION("a state file meso did not write")
    {
        write_file(dir + "/.meso-publish.json", "{\"version\": 7}\n");
        const auto broken = snapshot(dir);
        const auto run = publish(dir, squad(), first_publish + day);
        CHECK(run.exit_code == 2);
        CHECK(run.err.find(".meso-publish.json is not the state of a meso publish") != std::string::npos);
        CHECK(snapshot(dir) == broken);
        return;
    }
    SECTION("a wrong --base-url")
    {
        const auto run =
            run_meso({"publish", fs::path(dir).parent_path().string() + "/squad.meso", "-o", dir, "--base-url", "club.example.org"});
        CHECK(run.exit_code == 2);
        CHECK(run.err.find("--base-url 'club.example.org': expected the address the folder is served at") != std::string::npos);
    }
    CHECK(snapshot(dir) == before);
    std::size_t beside = 0;  // no temporary folder left beside it
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(fs::path(dir).parent_path())) ++beside;
    CHECK(beside == 2);  // feeds/ and squad.meso
}

TEST_CASE("publishing again keeps the user's own files in the folder, and refuses a folder meso did not publish into")
{
    const std::string dir = meso::test::temp_dir("publish-own") + "/feeds";
    published(dir, squad(), first_publish);
    write_file(dir + "/.htaccess", "Options -Indexes\n");
    published(dir, squad("2027-01-11"), first_publish + day);
    CHECK(read_file(dir + "/.htaccess") == "Options -Indexes\n");

    const std::string other = meso::test::temp_dir("publish-other") + "/site";
    fs::create_directories(other);
    write_file(other + "/home.html", "mine\n");
    const auto run = publish(other, squad(), first_publish);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("it holds files and no .meso-publish.json") != std::string::npos);
    CHECK(read_file(other + "/home.html") == "mine\n");
}
