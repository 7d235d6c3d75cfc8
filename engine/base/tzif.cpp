#include "engine/base/tzif.h"

#include <algorithm>

namespace meso {

namespace {

using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

// The date library's beginning and end of time, which its periods start
// and end at.
const sys_seconds beginning_of_time{sys_days{std::chrono::year::min() / std::chrono::January / 1}.time_since_epoch()};
const sys_seconds end_of_time{sys_days{std::chrono::year::max() / std::chrono::December / 31}.time_since_epoch()};

// Big-endian fields, read past the end as a failure rather than as zeros.
class Bytes {
public:
    explicit Bytes(std::string_view bytes) : bytes_(bytes) {}

    bool failed() const { return failed_; }
    bool skip(std::size_t count)
    {
        if (count > bytes_.size() - at_) return failed_ = true, false;
        at_ += count;
        return true;
    }
    std::uint64_t unsigned_of(std::size_t size)
    {
        std::uint64_t value = 0;
        if (size > bytes_.size() - at_) return failed_ = true, 0;
        for (std::size_t i = 0; i < size; ++i) value = value << 8 | static_cast<unsigned char>(bytes_[at_ + i]);
        at_ += size;
        return value;
    }
    // A two's-complement field of `size` bytes.
    std::int64_t signed_of(std::size_t size)
    {
        const std::uint64_t value = unsigned_of(size);
        const std::uint64_t sign = std::uint64_t{1} << (size * 8 - 1);
        return size == 8 ? static_cast<std::int64_t>(value) : static_cast<std::int64_t>((value ^ sign)) - static_cast<std::int64_t>(sign);
    }
    std::string_view take(std::size_t count)
    {
        if (count > bytes_.size() - at_) return failed_ = true, std::string_view();
        const auto taken = bytes_.substr(at_, count);
        at_ += count;
        return taken;
    }

private:
    std::string_view bytes_;
    std::size_t at_ = 0;
    bool failed_ = false;
};

struct Counts {
    std::uint64_t ut_flags = 0, standard_flags = 0, leaps = 0, changes = 0, types = 0, characters = 0;
};

// "TZif", the version, 15 reserved bytes and the six counts.
std::optional<Counts> header(Bytes& in, char& version)
{
    if (in.take(4) != "TZif") return std::nullopt;
    const auto v = in.take(1);
    if (in.failed() || !in.skip(15)) return std::nullopt;
    version = v.front();
    Counts c;
    c.ut_flags = in.unsigned_of(4);
    c.standard_flags = in.unsigned_of(4);
    c.leaps = in.unsigned_of(4);
    c.changes = in.unsigned_of(4);
    c.types = in.unsigned_of(4);
    c.characters = in.unsigned_of(4);
    if (in.failed()) return std::nullopt;
    return c;
}

}  // namespace

std::optional<TzifZone> read_tzif(std::string_view bytes)
{
    Bytes in(bytes);
    char version = 0;
    auto counts = header(in, version);
    if (!counts) return std::nullopt;
    std::size_t time_size = 4;
    if (version != '\0') {  // version 2 and later repeat the data with 64-bit times: skip the first
        const Counts& c = *counts;
        if (!in.skip(5 * c.changes + 6 * c.types + c.characters + 8 * c.leaps + c.standard_flags + c.ut_flags)) return std::nullopt;
        counts = header(in, version);
        if (!counts) return std::nullopt;
        time_size = 8;
    }
    const Counts& c = *counts;
    if (c.leaps != 0 || c.types == 0 || c.types > 256 || c.changes > bytes.size()) return std::nullopt;

    std::vector<sys_seconds> changes;
    changes.reserve(c.changes);
    for (std::uint64_t i = 0; i < c.changes; ++i)
        changes.push_back(std::max(sys_seconds{seconds{in.signed_of(time_size)}}, beginning_of_time));
    std::vector<std::uint16_t> indices;
    indices.reserve(c.changes);
    for (std::uint64_t i = 0; i < c.changes; ++i) indices.push_back(static_cast<std::uint16_t>(in.unsigned_of(1)));
    struct Raw {
        std::int64_t offset;
        bool daylight;
        std::uint64_t abbrev_at;
    };
    std::vector<Raw> raw;
    for (std::uint64_t i = 0; i < c.types; ++i) {
        const auto offset = in.signed_of(4);
        const bool daylight = in.unsigned_of(1) != 0;
        raw.push_back({offset, daylight, in.unsigned_of(1)});
    }
    const std::string_view characters = in.take(c.characters);
    in.skip(c.standard_flags + c.ut_flags);  // unread, but a file cut short before them is no whole file
    if (in.failed()) return std::nullopt;

    TzifZone zone;
    for (const auto& r : raw) {
        if (r.abbrev_at > characters.size()) return std::nullopt;
        const auto rest = characters.substr(r.abbrev_at);
        zone.table_.push_back({seconds{r.offset}, r.daylight, std::string(rest.substr(0, rest.find('\0')))});
    }
    for (const auto index : indices)
        if (index >= zone.table_.size()) return std::nullopt;

    // Before the first change: the first type without daylight saving, or
    // the first type (the date library's choice; RFC 8536 says the first type).
    if (changes.empty() || changes.front() != beginning_of_time) {
        const auto standard = std::find_if(zone.table_.begin(), zone.table_.end(), [](const TzifZone::Type& t) { return !t.daylight; });
        zone.starts_.push_back(beginning_of_time);
        zone.types_.push_back(static_cast<std::uint16_t>(standard == zone.table_.end() ? 0 : standard - zone.table_.begin()));
    }
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const TzifZone::Type& next = zone.table_[indices[i]];
        if (!zone.types_.empty()) {  // a change that changes nothing the library tells is no change
            const TzifZone::Type& last = zone.table_[zone.types_.back()];
            if (last.offset == next.offset && last.abbrev == next.abbrev && last.daylight == next.daylight) continue;
        }
        zone.starts_.push_back(changes[i]);
        zone.types_.push_back(indices[i]);
    }
    return zone;
}

ZonePeriod TzifZone::period(sys_seconds t) const
{
    const auto after = std::upper_bound(starts_.begin(), starts_.end(), t);
    const std::size_t k = after == starts_.begin() ? 0 : static_cast<std::size_t>(after - starts_.begin()) - 1;
    const Type& type = table_[types_[k]];
    ZonePeriod p;
    p.begin = starts_[k];
    p.end = k + 1 < starts_.size() ? starts_[k + 1] : end_of_time;
    p.offset = type.offset;
    p.save = type.daylight ? std::chrono::minutes{1} : std::chrono::minutes{0};
    p.abbrev = type.abbrev;
    return p;
}

}  // namespace meso
