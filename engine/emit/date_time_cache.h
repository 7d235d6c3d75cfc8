// Dates and times of day as engine/base/text.h writes them, each formatted
// once: the emitters write a date and two times per session, and sessions
// come in order of date, many a day, at a few times of day. Internal to
// engine/emit/.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace meso::emit {

class DateTimeCache {
public:
    // format_date(day); kept until the next other day.
    const std::string& date(std::chrono::sys_days day);
    // format_time(since_midnight); kept for every time of day, 0 <= since_midnight < 24 h.
    const std::string& time(std::chrono::minutes since_midnight);

private:
    std::optional<std::chrono::sys_days> last_date_;
    std::string date_text_;
    std::vector<std::string> times_;  // by minute of the day; empty: not formatted yet
    std::string other_;               // a time outside the day
};

}  // namespace meso::emit
