#include "engine/base/timezone.h"

#include <date/tz.h>

// ptz.h (POSIX time-zone rules) names `hh_mm_ss` unqualified under both
// `using namespace date` and `using namespace std::chrono`, which C++20
// makes ambiguous; one alias that only namespace date has settles it.
namespace date {
template <class Duration> using hh_mm_ss_ptz = hh_mm_ss<Duration>;
}
#define hh_mm_ss hh_mm_ss_ptz
#include <date/ptz.h>
#undef hh_mm_ss

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <system_error>

#include "engine/base/suggest.h"
#include "engine/base/tzif.h"

namespace meso {

namespace {

using std::chrono::days;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

constexpr std::string_view zoneinfo_directory = "/usr/share/zoneinfo/";

// A name of the database is a zoneinfo file under /usr/share/zoneinfo,
// named as the date library lists that directory: it skips hidden files,
// posix*, right and Factory (tests/base/timezone_test.cpp compares the two
// over the whole directory). Asking the library would have it list the
// directory first, 669 files, at every start of meso.
bool database_name(std::string_view name)
{
    if (name.empty() || name.front() == '/' || name.find('\0') != std::string_view::npos) return false;
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = name.find('/', start);
        const std::string_view part = name.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (part.empty() || part.front() == '.' || part.substr(0, 5) == "posix" || part == "right" || part == "Factory") return false;
        if (slash == std::string_view::npos) return true;
        start = slash + 1;
    }
}

bool known_zone(std::string_view name) { return ZoneRules::load(name).has_value(); }

const std::vector<std::string>& zone_names()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> all;
        try {
            const auto& db = date::get_tzdb();
            // Built on the system zoneinfo, links are files there and so zones here.
            for (const auto& zone : db.zones) all.emplace_back(zone.name());
        }
        catch (const std::exception&) {
            // No tz database at all: no suggestions.
        }
        return all;
    }();
    return names;
}

// The place a legacy or abbreviated name stands for. Only this mapping is
// written here; whether either changes its clocks comes from the database.
// EST, MST and HST are zones of the database with one offset all year; the
// POSIX-style ones (EST5EDT, ...) change their clocks as the places do; the
// rest are abbreviations, not zones, which only the suggestion for an
// unknown name uses (edit distance alone would offer 'EST' for 'PST').
struct LegacyName {
    std::string_view name;
    std::string_view place;
    std::string_view also;  // said after the suggestion, when the name fits another place
};
constexpr LegacyName legacy_names[] = {
    {"EST", "America/New_York", ""},
    {"MST", "America/Denver", " (in Arizona, which keeps UTC-07:00 all year, say 'America/Phoenix')"},
    {"HST", "Pacific/Honolulu", ""},
    {"EST5EDT", "America/New_York", ""},
    {"CST6CDT", "America/Chicago", ""},
    {"MST7MDT", "America/Denver", ""},
    {"PST8PDT", "America/Los_Angeles", ""},
    {"EDT", "America/New_York", ""},
    {"CST", "America/Chicago", ""},
    {"CDT", "America/Chicago", ""},
    {"MDT", "America/Denver", ""},
    {"PST", "America/Los_Angeles", ""},
    {"PDT", "America/Los_Angeles", ""},
    {"AKST", "America/Anchorage", ""},
    {"AKDT", "America/Anchorage", ""},
    {"HDT", "America/Adak", ""},
};

const LegacyName* legacy_name(std::string_view name)
{
    for (const auto& legacy : legacy_names) {
        if (legacy.name.size() != name.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < name.size() && same; ++i)
            same = std::toupper(static_cast<unsigned char>(name[i])) == static_cast<unsigned char>(legacy.name[i]);
        if (same) return &legacy;
    }
    return nullptr;
}

// UTC-05:00, UTC+05:30, UTC+00:00.
std::string utc_offset_text(seconds offset) { return "UTC" + signed_clock_digits(offset); }

// The rule a zoneinfo file ends with (the POSIX TZ string of its v2+
// footer), or "" when it has none: the files list changes only up to 2037
// and say how later years go in that rule.
std::string footer_text(std::string_view bytes)
{
    if (bytes.size() < 6 || bytes.compare(0, 4, "TZif") != 0 || bytes[4] < '2' || bytes.back() != '\n') return "";
    const std::size_t start = bytes.rfind('\n', bytes.size() - 2);
    if (start == std::string_view::npos) return "";
    return std::string(bytes.substr(start + 1, bytes.size() - start - 2));
}

// The bytes of the zone's file, "" when it cannot be read.
std::string zone_file(std::string_view name)
{
    // stdio, not a stream: a stream opens a directory ("Europe") and then
    // throws at the first read. A zone's file is a few kilobytes; more than
    // a megabyte is no zone.
    std::FILE* file = std::fopen(std::string(zoneinfo_directory).append(name).c_str(), "rb");
    if (file == nullptr) return "";
    std::string bytes;
    char buffer[4096];
    std::size_t read = 0;
    while ((read = std::fread(buffer, 1, sizeof buffer, file)) > 0 && bytes.size() < (1u << 20)) bytes.append(buffer, read);
    const bool failed = std::ferror(file) != 0;
    std::fclose(file);
    return failed ? "" : bytes;
}

// The footer's rule, when it changes the clocks.
std::shared_ptr<const Posix::time_zone> footer_rule(const std::string& rule)
{
    if (rule.empty()) return nullptr;
    try {
        auto posix = std::make_shared<const Posix::time_zone>(rule);
        // A rule without daylight saving changes nothing after the last listed
        // change (and ptz.h reports a bogus one-hour `save` for it).
        const auto january = posix->get_info(sys_days{std::chrono::year{2100} / 1 / 1});
        const auto july = posix->get_info(sys_days{std::chrono::year{2100} / 7 / 1});
        if (january.offset == july.offset) return nullptr;
        return posix;
    }
    catch (const std::exception&) {
        return nullptr;
    }
}

// TZ's value as a name of the database: ":Europe/Berlin", a path into
// /usr/share/zoneinfo, or a path to a link to such a file (":/etc/localtime").
std::optional<std::string> zone_of_tz_value(std::string_view value)
{
    if (!value.empty() && value.front() == ':') value.remove_prefix(1);
    if (value.substr(0, zoneinfo_directory.size()) == zoneinfo_directory) value.remove_prefix(zoneinfo_directory.size());
    if (known_zone(value)) return std::string(value);
    if (value.empty() || value.front() != '/') return std::nullopt;
    std::error_code error;
    const auto file = std::filesystem::canonical(std::filesystem::path(value), error);
    if (error) return std::nullopt;
    const auto directory = std::filesystem::canonical(std::filesystem::path(zoneinfo_directory), error);
    if (error) return std::nullopt;
    const auto relative = file.lexically_relative(directory);
    const std::string name = relative.generic_string();
    if (relative.empty() || name.substr(0, 2) == "..") return std::nullopt;
    if (known_zone(name)) return name;
    return std::nullopt;
}

// The zone the machine is set to, as the date library finds it: the name
// /etc/localtime links to (what follows "zoneinfo/"), or when it is no
// link the first line of /etc/timezone; none when that names no zone of
// the database.
std::optional<std::string> zone_of_localtime()
{
    std::error_code error;
    const auto target = std::filesystem::read_symlink("/etc/localtime", error);
    if (!error) {
        const std::string path = target.string();
        const std::size_t zoneinfo = path.rfind("zoneinfo");
        const std::size_t slash = zoneinfo == std::string::npos ? std::string::npos : path.find('/', zoneinfo);
        if (slash == std::string::npos) return std::nullopt;
        std::string name = path.substr(slash + 1);
        if (!known_zone(name)) return std::nullopt;
        return name;
    }
    std::ifstream file("/etc/timezone");
    std::string line;
    if (std::getline(file, line) && known_zone(line)) return line;
    return std::nullopt;
}

}  // namespace

std::optional<std::string> unknown_timezone_message(std::string_view name)
{
    if (name.empty() || is_floating(name) || known_zone(name)) return std::nullopt;
    std::string message = "unknown time zone '" + std::string(name) + "'";
    std::string suggestion;
    if (const auto* legacy = legacy_name(name); legacy != nullptr && known_zone(legacy->place))
        suggestion = "; did you mean '" + std::string(legacy->place) + "'?" + std::string(legacy->also);
    if (suggestion.empty()) suggestion = did_you_mean(name, zone_names());
    if (suggestion.empty()) suggestion = "; expected a name of the tz database such as 'Europe/Berlin', or 'floating'";
    return message + suggestion;
}

std::optional<Diagnostic> check_timezone(std::string_view name, const Span& span)
{
    auto message = unknown_timezone_message(name);
    if (!message) return std::nullopt;
    Diagnostic d;
    d.severity = Severity::error;
    d.span = span;
    d.message = std::move(*message);
    return d;
}

const char* to_string(ZoneSource source)
{
    switch (source) {
    case ZoneSource::program: return "program";
    case ZoneSource::option: return "--timezone";
    case ZoneSource::tz_variable: return "TZ";
    case ZoneSource::localtime: return "/etc/localtime";
    case ZoneSource::fallback: return "default";
    }
    return "default";
}

ZoneChoice zone_for(std::string_view program_timezone, const ZoneChoice& otherwise)
{
    if (program_timezone.empty()) return otherwise;
    return {std::string(program_timezone), ZoneSource::program};
}

MachineZone machine_zone()
{
    MachineZone machine;
    if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0') {
        if (auto name = zone_of_tz_value(tz)) {
            machine.zone = {std::move(*name), ZoneSource::tz_variable};
            return machine;
        }
        std::string_view shown = tz;
        if (!shown.empty() && shown.front() == ':') shown.remove_prefix(1);
        auto message = unknown_timezone_message(shown);
        machine.error = "TZ='" + std::string(tz) + "': " + (message ? *message : "unknown time zone '" + std::string(shown) + "'") +
                        " (set TZ to a zone of the tz database, or give --timezone)";
        return machine;
    }
    if (auto name = zone_of_localtime()) machine.zone = {std::move(*name), ZoneSource::localtime};
    return machine;  // else UTC
}

std::string machine_timezone() { return machine_zone().zone.name; }

struct ZoneRules::Data {
    TzifZone listed;                               // the periods the zone's file lists
    std::shared_ptr<const Posix::time_zone> rule;  // none when the file has no rule with clock changes
    std::optional<PosixRule> current;              // the same rule, as the calendar writes it
};

std::optional<ZoneRules> ZoneRules::load(std::string_view name)
{
    if (is_floating(name) || !database_name(name)) return std::nullopt;
    const auto read = [name]() -> std::optional<ZoneRules> {
        const std::string bytes = zone_file(name);
        auto listed = read_tzif(bytes);
        if (!listed) return std::nullopt;
        auto data = std::make_shared<Data>();
        data->listed = std::move(*listed);
        ZoneRules rules;
        rules.name_ = std::string(name);
        const std::string footer = footer_text(bytes);
        data->rule = footer_rule(footer);
        if (data->rule) data->current = parse_posix_rule(footer);
        rules.data_ = std::move(data);
        return rules;
    };
    // Read once per zone: a federation's file checks the clock changes of
    // each of thousands of programs, and reading the zone's file for each
    // was 4% of meso check. The rules are immutable; copies share them.
    static std::mutex mutex;
    static std::map<std::string, std::optional<ZoneRules>, std::less<>> loaded;
    const std::lock_guard<std::mutex> lock(mutex);
    if (const auto it = loaded.find(name); it != loaded.end()) return it->second;
    if (loaded.size() >= 256) loaded.clear();  // names typed into a language server, not the zones of a file
    return loaded.emplace(std::string(name), read()).first->second;
}

ZonePeriod ZoneRules::listed(sys_seconds t) const { return data_->listed.period(t); }

ZonePeriod ZoneRules::info(sys_seconds t) const
{
    ZonePeriod listed = data_->listed.period(t);
    // The last listed period runs "forever" (to year 32767), as in the date library.
    const sys_seconds forever{sys_days{std::chrono::year{10000} / 1 / 1}.time_since_epoch()};
    if (!data_->rule || listed.end < forever) return listed;
    auto ruled = data_->rule->get_info(t);
    if (ruled.begin < listed.begin) ruled.begin = listed.begin;
    return ZonePeriod{ruled.begin, ruled.end, ruled.offset, ruled.save, ruled.abbrev};
}

const std::optional<PosixRule>& ZoneRules::current_rule() const { return data_->current; }

std::vector<ClockChange> clock_changes(const ZoneRules& zone, sys_days first, sys_days last)
{
    std::vector<ClockChange> changes;
    const sys_seconds from{first.time_since_epoch()};
    const sys_seconds to{(last + days{1}).time_since_epoch()};
    auto period = zone.info(from);
    while (period.end < to) {
        auto next = zone.info(period.end);
        if (next.begin <= period.begin) break;  // no progress: a period the library cannot place
        // A change of name or of `save` alone moves no clock.
        if (next.offset != period.offset) changes.push_back({next.begin, period.offset, next.offset});
        period = next;
    }
    return changes;
}

std::optional<std::string> zone_without_daylight_saving(std::string_view zone, sys_days around)
{
    const LegacyName* legacy = legacy_name(zone);
    if (legacy == nullptr || legacy->name != zone) return std::nullopt;
    const auto rules = ZoneRules::load(zone);
    const auto place = ZoneRules::load(legacy->place);
    if (!rules || !place) return std::nullopt;
    const sys_days until = around + days{366};
    if (!clock_changes(*rules, around, until).empty() || clock_changes(*place, around, until).empty()) return std::nullopt;
    const seconds offset = rules->info(sys_seconds{around.time_since_epoch()}).offset;
    return "time zone '" + std::string(zone) + "' is " + utc_offset_text(offset) +
           " all year, without daylight saving time; did you mean '" + std::string(legacy->place) + "'?" + std::string(legacy->also);
}

std::string clock_digits(seconds elapsed, std::string_view separator)
{
    const long s = static_cast<long>(elapsed.count());
    const auto two_digits = [](long value) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%02ld", value);
        return std::string(buffer);
    };
    std::string out = two_digits(s / 3600);
    out.append(separator).append(two_digits(s / 60 % 60));
    if (s % 60 != 0) out.append(separator).append(two_digits(s % 60));
    return out;
}

std::string signed_clock_digits(seconds offset, std::string_view separator)
{
    const bool west = offset < seconds{0};
    return (west ? "-" : "+") + clock_digits(west ? -offset : offset, separator);
}

std::string tz_database_version()
{
    // Debian's tzdata ships no +VERSION file, where the date library looks
    // (and asking it lists the whole database); its tzdata.zi starts
    // "# version 2025b".
    std::ifstream zi(std::string(zoneinfo_directory) + "tzdata.zi");
    std::string line;
    const std::string prefix = "# version ";
    if (std::getline(zi, line) && line.compare(0, prefix.size(), prefix) == 0 && line.size() > prefix.size())
        return line.substr(prefix.size());
    try {
        const std::string& version = date::get_tzdb().version;
        if (!version.empty()) return version;
    }
    catch (const std::exception&) {
        // no tz database at all
    }
    return "unknown";
}

const std::vector<std::string>& timezone_names() { return zone_names(); }

}  // namespace meso
