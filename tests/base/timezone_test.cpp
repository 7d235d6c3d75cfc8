// meso reads each zone's zoneinfo file itself (engine/base/tzif.h) rather
// than through the date library, whose first lookup lists the whole
// database. These tests hold the two to the same answers on this machine's
// tz database: the same names, and the same periods for every zone.
#include <catch2/catch.hpp>

#include <date/tz.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/timezone.h"
#include "engine/base/tzif.h"

namespace {

using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

const std::filesystem::path zoneinfo = "/usr/share/zoneinfo";

std::string file_bytes(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool library_knows(const std::string& name)
{
    try {
        return date::locate_zone(name) != nullptr;
    }
    catch (const std::exception&) {
        return false;
    }
}

std::string text_of(sys_seconds begin, sys_seconds end, seconds offset, std::chrono::minutes save, const std::string& abbrev)
{
    return std::to_string(begin.time_since_epoch().count()) + ".." + std::to_string(end.time_since_epoch().count()) + " " +
           std::to_string(offset.count()) + " s save " + std::to_string(save.count()) + " " + abbrev;
}

sys_seconds at(int year) { return sys_seconds{sys_days{std::chrono::year{year} / 1 / 1}.time_since_epoch()}; }

}  // namespace

TEST_CASE("every zone of the database has the periods the date library reads from its file, change by change from 1800 to 2100")
{
    if (!std::filesystem::is_directory(zoneinfo)) {
        WARN("skipped: no tz database at /usr/share/zoneinfo (Debian's tzdata)");
        return;
    }
    const auto& zones = date::get_tzdb().zones;
    REQUIRE(zones.size() > 300);
    std::vector<std::string> differences;
    std::size_t periods = 0;
    for (const auto& zone : zones) {
        const std::string& name = zone.name();
        const auto mine = meso::ZoneRules::load(name);
        if (file_bytes(zoneinfo / name).compare(0, 4, "TZif") != 0) {  // a table the library lists, not a zone
            if (mine) differences.push_back(name + ": not a zoneinfo file, but read as a zone");
            continue;
        }
        if (!mine) {
            differences.push_back(name + ": the library reads it, meso does not");
            continue;
        }
        std::vector<sys_seconds> instants = {at(-1000), at(3000), at(20000)};
        for (sys_seconds t = at(1800); t < at(2100);) {
            const auto theirs = zone.get_info(t);
            instants.push_back(t);
            instants.push_back(theirs.end - seconds{1});
            t = theirs.end;
        }
        for (const auto t : instants) {
            const auto theirs = zone.get_info(t);
            const auto ours = mine->listed(t);
            ++periods;
            const std::string expected = text_of(theirs.begin, theirs.end, theirs.offset, theirs.save, theirs.abbrev);
            const std::string found = text_of(ours.begin, ours.end, ours.offset, ours.save, ours.abbrev);
            if (expected != found && differences.size() < 20) {
                std::string difference = name;
                difference.append(" at ").append(std::to_string(t.time_since_epoch().count()));
                difference.append(": the library ").append(expected).append(", meso ").append(found);
                differences.push_back(std::move(difference));
            }
        }
    }
    INFO(periods << " periods compared");
    for (const auto& d : differences) UNSCOPED_INFO(d);
    CHECK(differences.empty());
    CHECK(periods > 50000);
}

TEST_CASE("a name is a zone for meso exactly when the date library lists it and its file is a zoneinfo file, over the whole directory")
{
    if (!std::filesystem::is_directory(zoneinfo)) {
        WARN("skipped: no tz database at /usr/share/zoneinfo (Debian's tzdata)");
        return;
    }
    std::vector<std::string> differences;
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(zoneinfo)) {
        if (!std::filesystem::is_regular_file(entry.path())) continue;  // follows links, as the library does
        const std::string name = entry.path().lexically_relative(zoneinfo).generic_string();
        const bool expected = library_knows(name) && file_bytes(entry.path()).compare(0, 4, "TZif") == 0;
        const bool found = !meso::unknown_timezone_message(name).has_value();
        ++files;
        if (expected != found)
            differences.push_back(name + (expected ? ": the library knows it, meso does not" : ": meso takes it, the library does not"));
    }
    for (const std::string name :
         {"Europe/Berln", "Europe//Berlin", "Europe/./Berlin", "../zoneinfo/Europe/Berlin", "/usr/share/zoneinfo/Europe/Berlin",
          "posix/Europe/Berlin", "right/Europe/Berlin", "posixrules", "Factory", "europe/berlin", "Europe"}) {
        const bool found = !meso::unknown_timezone_message(name).has_value();
        if (found != library_knows(name))
            differences.push_back(name + (found ? ": meso takes it, the library does not" : ": the library knows it, meso does not"));
    }
    for (const auto& d : differences) UNSCOPED_INFO(d);
    CHECK(differences.empty());
    CHECK(files > 500);
    CHECK(meso::ZoneRules::load("Europe/Berlin"));
    CHECK_FALSE(meso::ZoneRules::load("floating"));
}

TEST_CASE("without TZ the machine's zone is the one the date library finds from /etc/localtime")
{
    const char* tz = std::getenv("TZ");
    const std::optional<std::string> saved = tz ? std::optional<std::string>(tz) : std::nullopt;
    unsetenv("TZ");
    const auto machine = meso::machine_zone();
    if (saved) setenv("TZ", saved->c_str(), 1);
    std::string theirs = "UTC";
    try {
        if (const auto* zone = date::current_zone()) theirs = std::string(zone->name());
    }
    catch (const std::exception&) {
        // the library finds none: UTC, as meso keeps
    }
    CHECK(machine.error.empty());
    CHECK(machine.zone.name == theirs);
}

TEST_CASE("a zoneinfo file cut short anywhere before its footer is refused, not read past its end")
{
    const std::string bytes = file_bytes(zoneinfo / "Europe/Berlin");
    if (bytes.empty()) {
        WARN("skipped: no /usr/share/zoneinfo/Europe/Berlin (Debian's tzdata)");
        return;
    }
    REQUIRE(meso::read_tzif(bytes));
    const std::size_t footer = bytes.size() - bytes.rfind('\n', bytes.size() - 2);  // "\nCET-1CEST,...\n"
    std::size_t accepted_short = 0;
    for (std::size_t n = 0; n + footer < bytes.size(); ++n)
        if (meso::read_tzif(std::string_view(bytes).substr(0, n))) {
            UNSCOPED_INFO("accepted the first " << n << " of " << bytes.size() << " bytes");
            ++accepted_short;
        }
    CHECK(accepted_short == 0);
    std::string other = bytes;
    other[0] = 'X';  // not "TZif"
    CHECK_FALSE(meso::read_tzif(other));
}
