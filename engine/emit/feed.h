// A published feed (`meso publish`, docs/teams.md): an athlete's calendar as
// meso compile writes it in, the feed a subscriber has already seen (its
// state, kept beside the feed) in; the calendar to publish and the new
// state out.
//
//   FeedState state = *read_feed_state(json_from_last_time, error);   // {} the first time
//   FeedResult feed = publish_feed(calendar_text, state, now);
//   write feed.calendar; keep feed.state (feed_state_json) for next time
//
// What a subscriber needs to update events in place (RFC 5545 3.8.7.4,
// RFC 5546 2.1.4): an event whose text changed gets a SEQUENCE one higher and
// a new DTSTAMP and LAST-MODIFIED; an unchanged one keeps its bytes (its
// DTSTAMP, SEQUENCE and LAST-MODIFIED come from the state); an event that is
// gone is published once more as STATUS:CANCELLED, with a higher SEQUENCE,
// for 30 days after it went, then dropped. Events are told apart by UID
// (engine/emit/ical_uid.h): a moved session is a changed event.
//
// What can go wrong: a state file that is not one meso wrote (read_feed_state
// says why); a calendar not made by meso compile is not expected.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace meso::emit {

// What a feed remembers of one event.
struct FeedEvent {
    std::string hash;  // of the event's text without DTSTAMP, SEQUENCE, LAST-MODIFIED, STATUS
    int sequence = 0;
    std::chrono::sys_seconds stamp;                     // its DTSTAMP and LAST-MODIFIED: when it last changed
    std::optional<std::chrono::sys_seconds> cancelled;  // when it went from the plan
    std::string text;                                   // BEGIN:VEVENT ... END:VEVENT as last published, without those three
};

struct FeedState {
    std::map<std::string, FeedEvent> events;  // by UID
};

struct FeedResult {
    std::string calendar;  // the feed's calendar, CRLF
    FeedState state;
    std::size_t changed = 0;    // new or changed events
    std::size_t cancelled = 0;  // events published as cancelled
};

// How long a removed event stays in the feed as cancelled.
inline constexpr std::chrono::days cancelled_kept{30};

FeedResult publish_feed(const std::string& calendar, const FeedState& before, std::chrono::sys_seconds now);

// The state as a JSON object (for the state file of the folder), and back;
// nullopt with `error` said when the JSON is not a feed's state.
nlohmann::ordered_json feed_state_json(const FeedState& state);
std::optional<FeedState> read_feed_state(const nlohmann::ordered_json& json, std::string& error);

}  // namespace meso::emit
