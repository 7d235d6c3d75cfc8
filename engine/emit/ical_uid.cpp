#include "engine/emit/ical_uid.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <string>

#include "engine/emit/ical.h"

namespace meso::emit {

namespace ical {

void Fnv1a::add(std::string_view bytes)
{
    for (const char c : bytes) {
        value ^= static_cast<unsigned char>(c);
        value *= 1099511628211ull;
    }
}

void Fnv1a::field(std::string_view text)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, text.size()).ptr;
    add(std::string_view(digits, static_cast<std::size_t>(end - digits)));
    add(":");
    add(text);
}

void Fnv1a::field(long long n)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    field(std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

SessionPlace session_place(const scheduling::ProgramSchedule& program, const scheduling::Session& session)
{
    SessionPlace place;
    place.week = session.week;
    place.session_of_day = session.session_of_day;
    // The date the session has without the pauses: its weekday is the
    // split's, and it stays when `start` moves by a day, where the day's
    // index in the block week would hand the Monday session's UID to Tuesday's.
    const std::chrono::sys_days planned =
        session.block < program.blocks.size() ? program.blocks[session.block].planned_start + std::chrono::days{session.day} : session.date;
    place.weekday = static_cast<int>(std::chrono::weekday{planned}.c_encoding());
    return place;
}

std::string_view uid_namespace(const scheduling::ProgramSchedule& program)
{
    if (program.program == nullptr) return {};
    if (!program.program->calendar_id.empty()) return program.program->calendar_id;
    if (program.program->coach) return program.program->coach->email;
    return {};
}

Fnv1a uid_prefix(const scheduling::ProgramSchedule& program, std::uint32_t block_index, int program_occurrence)
{
    Fnv1a h;
    h.field("meso session v2");
    h.field(uid_namespace(program));
    h.field(program.name);
    h.field(program.athlete);
    if (program_occurrence > 0) h.field(program_occurrence);
    if (block_index < program.blocks.size()) {
        const auto& block = program.blocks[block_index];
        h.field(block.name);
        h.field(block.occurrence);
        // A repeated block's sessions differ by their cycle; the field is left out of the hash outside every
        // repeat, so those UIDs stay what they were.
        if (!block.cycle.empty()) {
            h.field("cycle");
            h.field(block.cycle);
        }
    }
    return h;
}

namespace {

// "<16 hex digits>.v2@meso" from the hash of a UID's fields: v2 is the
// scheme of the session's place (v1, the scheme before it, hashed the
// day's index in the block week and no namespace).
std::size_t write_uid(char* out, const Fnv1a& hash)
{
    // FNV-1a changes few bits for neighbouring sessions; a final mix
    // (splitmix64's) makes their UIDs look as different as they are.
    std::uint64_t z = hash.value + 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    static constexpr char digits[] = "0123456789abcdef";
    for (int i = 15; i >= 0; --i, z >>= 4) out[i] = digits[z & 15];
    constexpr std::string_view domain = ".v2@meso";
    std::copy(domain.begin(), domain.end(), out + 16);
    return uid_length;
}

}  // namespace

std::size_t uid_into(char* out, Fnv1a prefix, const scheduling::ProgramSchedule& program, const scheduling::Session& session)
{
    const SessionPlace place = session_place(program, session);
    // A rotated session's place is its turn in the block's rotation, not its week and weekday: a skipped
    // day under `rotate shift` moves the workout, and its event, to the next training day. The field is
    // left out of the hash outside every rotation, so those UIDs stay what they were.
    if (session.rotation != 0) {
        prefix.field("rotation");
        prefix.field(static_cast<long long>(session.rotation));
        prefix.field(place.session_of_day);
        return write_uid(out, prefix);
    }
    prefix.field(place.week);
    prefix.field(place.weekday);
    prefix.field(place.session_of_day);
    return write_uid(out, prefix);
}

std::size_t competition_uid_into(char* out, const scheduling::ProgramSchedule& program, int program_occurrence,
                                 const ir::Competition& competition)
{
    Fnv1a h;
    h.field("meso competition v2");
    h.field(uid_namespace(program));
    h.field(program.name);
    h.field(program.athlete);
    if (program_occurrence > 0) h.field(program_occurrence);
    h.field(format_date(competition.date));
    h.field(competition.name);
    return write_uid(out, h);
}

}  // namespace ical

std::string session_uid(const scheduling::ProgramSchedule& program, const scheduling::Session& session)
{
    char buffer[ical::uid_length];
    const std::size_t n = ical::uid_into(buffer, ical::uid_prefix(program, session.block, 0), program, session);
    return std::string(buffer, n);
}

namespace {

// The keys again, in a table of `size` slots.
void rehash(UidSet& set, std::size_t size)
{
    std::vector<std::uint64_t> old(size, 0);
    old.swap(set.slots);
    set.used = 0;
    for (const std::uint64_t k : old)
        if (k != 0) set.insert(k);
}

}  // namespace

void UidSet::reserve(std::size_t keys)
{
    // As insert keeps it, at most 80 % full, and no larger: a power of two
    // was up to twice that, 16 bytes a session of a large calendar's peak.
    const std::size_t size = std::max<std::size_t>(1024, (keys + 1) * 5 / 4 + 1);
    if (size > slots.size()) rehash(*this, size);
}

bool UidSet::insert(std::uint64_t key)
{
    if (key == 0) {  // 0 marks an empty slot
        const bool inserted = !has_zero;
        has_zero = true;
        return inserted;
    }
    if ((used + 1) * 5 > slots.size() * 4) rehash(*this, slots.size() < 1024 ? 1024 : slots.size() * 2);  // keep it at most 80 % full
    const std::size_t size = slots.size();
    for (std::size_t i = static_cast<std::size_t>(key * 0x9e3779b97f4a7c15ull % size);; i = i + 1 == size ? 0 : i + 1) {
        if (slots[i] == key) return false;
        if (slots[i] == 0) {
            slots[i] = key;
            ++used;
            return true;
        }
    }
}

}  // namespace meso::emit
