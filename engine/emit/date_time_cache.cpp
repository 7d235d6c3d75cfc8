#include "engine/emit/date_time_cache.h"

#include "engine/base/text.h"

namespace meso::emit {

namespace {

constexpr long minutes_per_day = 24L * 60;

}  // namespace

const std::string& DateTimeCache::date(std::chrono::sys_days day)
{
    if (!last_date_ || *last_date_ != day) {
        last_date_ = day;
        date_text_ = format_date(day);
    }
    return date_text_;
}

const std::string& DateTimeCache::time(std::chrono::minutes since_midnight)
{
    const auto m = since_midnight.count();
    if (m < 0 || m >= minutes_per_day) {
        other_ = format_time(since_midnight);
        return other_;
    }
    if (times_.empty()) times_.resize(minutes_per_day);
    auto& text = times_[static_cast<std::size_t>(m)];
    if (text.empty()) text = format_time(since_midnight);
    return text;
}

}  // namespace meso::emit
