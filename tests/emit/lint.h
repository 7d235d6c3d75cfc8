// Our own byte-level lint of an iCalendar file, independent of the emitter's
// code: what RFC 5545 and the contract (tests/design/cli.md) ask of the
// bytes. Returns one message per problem, empty when the file is clean.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace meso::test {

inline bool valid_utf8_bytes(std::string_view s)
{
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        unsigned long cp = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
        for (std::size_t k = 1; k < n; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (d & 0x3Fu);
        }
        static const unsigned long min[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n;
    }
    return true;
}

inline std::vector<std::string> lint_calendar(std::string_view bytes)
{
    std::vector<std::string> problems;
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") problems.push_back("starts with a byte-order mark");
    if (!valid_utf8_bytes(bytes)) problems.push_back("not valid UTF-8");
    if (bytes.size() < 2 || bytes.substr(bytes.size() - 2) != "\r\n") problems.push_back("does not end with CRLF");

    // Physical lines.
    std::vector<std::string_view> physical;
    for (std::size_t i = 0, n = 1; i < bytes.size(); ++n) {
        const std::size_t lf = bytes.find('\n', i);
        const std::size_t end = lf == std::string_view::npos ? bytes.size() : lf;
        std::string_view line = bytes.substr(i, end - i);
        const std::string where = "line " + std::to_string(n) + ": ";
        if (lf == std::string_view::npos) {
            if (!line.empty()) problems.push_back(where + "no line end");
        }
        else if (line.empty() || line.back() != '\r') problems.push_back(where + "LF without CR");
        else line.remove_suffix(1);
        if (line.find('\r') != std::string_view::npos) problems.push_back(where + "CR without LF");
        if (line.size() > 75) problems.push_back(where + std::to_string(line.size()) + " octets, more than 75");
        if (!valid_utf8_bytes(line)) problems.push_back(where + "not valid UTF-8 on its own (a fold split a character)");
        physical.push_back(line);
        i = end + 1;
    }

    // Logical lines: a line starting with a space or tab continues the one before.
    std::vector<std::string> lines;
    for (const auto& line : physical) {
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
            if (lines.empty()) problems.push_back("a continuation line comes first");
            else lines.back().append(line.substr(1));
        }
        else lines.emplace_back(line);
    }

    std::vector<std::string> stack;
    std::set<std::string> timezones;  // TZIDs of VTIMEZONEs seen so far
    std::set<std::string> uids;
    bool event_seen = false;
    std::map<std::string, int> event_properties;
    for (const auto& line : lines) {
        const std::size_t colon = line.find(':');
        if (colon == std::string::npos) {
            problems.push_back("no ':' in '" + line.substr(0, 40) + "'");
            continue;
        }
        const std::string head = line.substr(0, colon);
        const std::string name = head.substr(0, head.find(';'));
        const std::string value = line.substr(colon + 1);
        const std::string component = stack.empty() ? "" : stack.back();
        if (name == "BEGIN") {
            stack.push_back(value);
            if (value == "VEVENT") {
                event_seen = true;
                event_properties.clear();
            }
            continue;
        }
        if (name == "END") {
            if (stack.empty() || stack.back() != value) problems.push_back("END:" + value + " does not close " + component);
            else stack.pop_back();
            if (value == "VEVENT") {
                for (const char* required : {"UID", "DTSTAMP", "DTSTART", "DTEND"})
                    if (event_properties[required] != 1) problems.push_back(std::string("an event without exactly one ") + required);
                if (event_properties["DURATION"] != 0) problems.push_back("an event with DURATION");
            }
            continue;
        }
        if (component == "VEVENT") ++event_properties[name];
        if (component == "VTIMEZONE" && name == "TZID") {
            if (event_seen) problems.push_back("VTIMEZONE " + value + " comes after an event");
            timezones.insert(value);
        }
        // Every TZID parameter names a VTIMEZONE given before it.
        for (std::size_t p = head.find(";TZID="); p != std::string::npos; p = head.find(";TZID=", p + 1)) {
            std::string tzid = head.substr(p + 6, head.find(';', p + 6) - (p + 6));
            if (tzid.size() >= 2 && tzid.front() == '"' && tzid.back() == '"') tzid = tzid.substr(1, tzid.size() - 2);
            if (!timezones.count(tzid)) problems.push_back("TZID=" + tzid + " has no VTIMEZONE before it");
        }
        if (component == "VEVENT" && name == "UID" && !uids.insert(value).second) problems.push_back("UID " + value + " repeats");
        if (name == "DTSTAMP" && (value.empty() || value.back() != 'Z')) problems.push_back("DTSTAMP " + value + " is not UTC");
    }
    if (!stack.empty()) problems.push_back(stack.back() + " is never closed");
    if (lines.empty() || lines.front() != "BEGIN:VCALENDAR") problems.push_back("does not begin with BEGIN:VCALENDAR");
    return problems;
}

}  // namespace meso::test
