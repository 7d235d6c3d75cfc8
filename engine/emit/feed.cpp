#include "engine/emit/feed.h"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/emit/ical_text.h"
#include "engine/emit/ical_uid.h"
#include "engine/emit/ical_values.h"

namespace meso::emit {

namespace {

using std::chrono::sys_seconds;

// One VEVENT of meso compile's calendar: its UID and its text without the
// DTSTAMP line (what is compared from one publish to the next).
struct CompiledEvent {
    std::string uid;
    std::string text;
};

// The calendar cut in three: the head (up to the first event), the events,
// the tail (END:VCALENDAR).
struct CutCalendar {
    std::string head;
    std::vector<CompiledEvent> events;
    std::string tail;
};

constexpr std::string_view begin_event = "BEGIN:VEVENT\r\n";
constexpr std::string_view end_event = "END:VEVENT\r\n";

// Removes the line that starts with `property` (and its folded
// continuations) from `text`; returns what followed the property's name.
std::string take_line(std::string& text, std::string_view property)
{
    const std::size_t at = text.find(std::string("\r\n").append(property));
    if (at == std::string::npos) return {};
    std::size_t end = at + 2;
    do end = text.find("\r\n", end) + 2;
    while (end < text.size() && text[end] == ' ');
    std::string value = text.substr(at + 2 + property.size(), end - at - 2 - property.size() - 2);
    text.erase(at + 2, end - at - 2);
    return value;
}

CutCalendar cut(const std::string& calendar)
{
    CutCalendar c;
    std::size_t at = calendar.find(begin_event);
    const std::size_t tail = calendar.rfind("END:VCALENDAR");
    c.head = calendar.substr(0, std::min(at, tail));
    while (at != std::string::npos && at < tail) {
        const std::size_t end = calendar.find(end_event, at) + end_event.size();
        CompiledEvent e{{}, calendar.substr(at, end - at)};
        take_line(e.text, "DTSTAMP:");
        std::string copy = e.text;
        e.uid = take_line(copy, "UID:");
        c.events.push_back(std::move(e));
        at = calendar.find(begin_event, end);
    }
    if (tail != std::string::npos) c.tail = calendar.substr(tail);
    return c;
}

std::string hash_of(const std::string& text)
{
    ical::Fnv1a h;
    h.field(text);
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(16, '0');
    std::uint64_t v = h.value;
    for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = digits[v & 15];
    return out;
}

std::string utc(sys_seconds t) { return ical::date_time(t) + "Z"; }

// The event as published: after its UID line, DTSTAMP, SEQUENCE and
// LAST-MODIFIED from the state, and STATUS:CANCELLED for an event gone from the plan.
void append_published(std::string& out, const FeedEvent& event)
{
    const std::size_t uid_end = event.text.find("\r\n", begin_event.size()) + 2;
    out.append(event.text, 0, uid_end);
    out += "DTSTAMP:" + utc(event.cancelled ? *event.cancelled : event.stamp) + "\r\n";
    out += "SEQUENCE:" + std::to_string(event.sequence) + "\r\n";
    out += "LAST-MODIFIED:" + utc(event.cancelled ? *event.cancelled : event.stamp) + "\r\n";
    if (event.cancelled) out += "STATUS:CANCELLED\r\n";
    out.append(event.text, uid_end);
}

}  // namespace

FeedResult publish_feed(const std::string& calendar, const FeedState& before, sys_seconds now)
{
    const CutCalendar c = cut(calendar);
    FeedResult result;
    result.calendar = c.head;
    for (const auto& e : c.events) {
        FeedEvent event{hash_of(e.text), 0, now, std::nullopt, e.text};
        const auto was = before.events.find(e.uid);
        const bool same = was != before.events.end() && was->second.hash == event.hash && !was->second.cancelled;
        if (was != before.events.end()) event.sequence = same ? was->second.sequence : was->second.sequence + 1;
        if (same) event.stamp = was->second.stamp;
        else ++result.changed;
        append_published(result.calendar, event);
        result.state.events.emplace(e.uid, std::move(event));
    }
    for (const auto& [uid, was] : before.events) {
        if (result.state.events.count(uid) != 0) continue;
        FeedEvent event = was;
        if (!event.cancelled) {
            event.cancelled = now;
            ++event.sequence;
        }
        if (now - *event.cancelled >= cancelled_kept) continue;  // 30 days: dropped
        ++result.cancelled;
        append_published(result.calendar, event);
        result.state.events.emplace(uid, std::move(event));
    }
    result.calendar += c.tail;
    return result;
}

nlohmann::ordered_json feed_state_json(const FeedState& state)
{
    auto events = nlohmann::ordered_json::object();
    for (const auto& [uid, e] : state.events) {
        nlohmann::ordered_json j{{"hash", e.hash}, {"sequence", e.sequence}, {"stamp", e.stamp.time_since_epoch().count()}};
        j["cancelled"] = e.cancelled ? nlohmann::ordered_json(e.cancelled->time_since_epoch().count()) : nlohmann::ordered_json();
        j["text"] = e.text;
        events[uid] = std::move(j);
    }
    return events;
}

std::optional<FeedState> read_feed_state(const nlohmann::ordered_json& json, std::string& error)
{
    if (!json.is_object()) {
        error = "the events of a feed are not an object";
        return std::nullopt;
    }
    FeedState state;
    for (const auto& [uid, j] : json.items()) {
        const bool well_formed = j.is_object() && j.contains("hash") && j["hash"].is_string() && j.contains("sequence") &&
                                 j["sequence"].is_number_integer() && j.contains("stamp") && j["stamp"].is_number_integer() &&
                                 j.contains("text") && j["text"].is_string() && j.contains("cancelled") &&
                                 (j["cancelled"].is_null() || j["cancelled"].is_number_integer());
        const bool text_is_event = well_formed && j["text"].get<std::string>().rfind(begin_event, 0) == 0 &&
                                   j["text"].get<std::string>().find("\r\nUID:") != std::string::npos;
        if (!text_is_event) {
            error = "the event '" + uid + "' is not one meso wrote";
            return std::nullopt;
        }
        FeedEvent e;
        e.hash = j["hash"].get<std::string>();
        e.sequence = j["sequence"].get<int>();
        e.stamp = sys_seconds{std::chrono::seconds{j["stamp"].get<long long>()}};
        if (!j["cancelled"].is_null()) e.cancelled = sys_seconds{std::chrono::seconds{j["cancelled"].get<long long>()}};
        e.text = j["text"].get<std::string>();
        state.events.emplace(uid, std::move(e));
    }
    return state;
}

}  // namespace meso::emit
