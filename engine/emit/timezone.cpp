#include "engine/emit/timezone.h"

#include <date/tz.h>

#include <cstdlib>
#include <exception>
#include <vector>

#include "grammar/suggest.h"

namespace meso {

namespace {

bool known_zone(std::string_view name)
{
    if (name.empty()) return false;
    try {
        return date::locate_zone(name) != nullptr;
    }
    catch (const std::exception&) {
        return false;
    }
}

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

}  // namespace

std::optional<std::string> unknown_timezone_message(std::string_view name)
{
    if (name.empty() || is_floating(name) || known_zone(name)) return std::nullopt;
    std::string message = "unknown time zone '" + std::string(name) + "'";
    std::string suggestion = did_you_mean(name, zone_names());
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

std::string machine_timezone()
{
    if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0') {
        std::string_view name = tz;
        if (name.front() == ':') name.remove_prefix(1);
        constexpr std::string_view zoneinfo = "/usr/share/zoneinfo/";
        if (name.substr(0, zoneinfo.size()) == zoneinfo) name.remove_prefix(zoneinfo.size());
        if (known_zone(name)) return std::string(name);
    }
    try {
        if (const auto* zone = date::current_zone()) return std::string(zone->name());
    }
    catch (const std::exception&) {
        // No /etc/localtime: the machine keeps UTC.
    }
    return "UTC";
}

}  // namespace meso
