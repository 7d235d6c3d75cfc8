// The emitter's fast paths against what they replace: format_number's
// digits against fmt's "{:.3f}" with the trailing zeros dropped, escape_text
// against a byte-by-byte reference, and the set of UID hashes.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <cmath>
#include <random>
#include <set>
#include <string>

#include "engine/emit/ical.h"
#include "engine/emit/ical_text.h"
#include "engine/emit/sessions.h"

namespace {

// What format_number wrote before its fast path, for non-whole numbers.
std::string reference_number(double value)
{
    const double r = std::round(value * 1000.0) / 1000.0;
    if (r == std::floor(r)) return fmt::format("{}", static_cast<long long>(r));
    std::string s = fmt::format("{:.3f}", r);
    while (!s.empty() && s.back() == '0') s.pop_back();
    return s;
}

// Escaping as RFC 5545 says, one character at a time, after replacing
// invalid UTF-8 (valid_utf8 is tested on its own).
std::string reference_escape(std::string_view text)
{
    std::string out;
    for (const char c : meso::emit::ical::valid_utf8(text)) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\\') out += "\\\\";
        else if (c == ';') out += "\\;";
        else if (c == ',') out += "\\,";
        else if (c == '\n') out += "\\n";
        else if (c == '\r') continue;
        else if (c == '\t') out += c;
        else if (byte < 0x20 || byte == 0x7F) out += ' ';
        else out += c;
    }
    return out;
}

}  // namespace

TEST_CASE("format_number writes a number's digits as fmt's {:.3f} does, without trailing zeros")
{
    for (double v :
         {0.5, -0.5, 77.5, 107.25, 0.125, 0.005, -0.005, 1e-4, 99.9999, 12.3456, 2.675, 1e9 + 0.5, -123456.789, 0.0005, 0.0015, 1.0005})
        CHECK(meso::format_number(v) == reference_number(v));
    std::mt19937_64 random(8);
    std::uniform_real_distribution<double> wide(-1e7, 1e7);
    std::uniform_int_distribution<int> thousandths(-2'000'000, 2'000'000);
    for (int i = 0; i < 200'000; ++i) {
        const double a = wide(random);
        const double b = thousandths(random) / 1000.0;
        const double c = thousandths(random) / 400.0;  // halves and quarters of thousandths: rounding ties
        REQUIRE(meso::format_number(a) == reference_number(a));
        REQUIRE(meso::format_number(b) == reference_number(b));
        REQUIRE(meso::format_number(c) == reference_number(c));
    }
}

TEST_CASE("escape_text gives what escaping character by character gives, for any bytes")
{
    CHECK(meso::emit::ical::escape_text("squat: 5 sets, 3 reps; rest\\n\n\r\tx\x01\x7F") == "squat: 5 sets\\, 3 reps\\; rest\\\\n\\n\tx  ");
    std::mt19937_64 random(5);
    const std::string alphabet = std::string("ab ,;\\\n\r\t\x01\x7F") + "\xC3\xA9\xE2\x80\x94\xF0\x9F\x92\xAA\xFF\xC3\xE2\x80";
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    std::uniform_int_distribution<int> length(0, 200);
    for (int i = 0; i < 20'000; ++i) {
        std::string text;
        for (int n = length(random); n > 0; --n) text += alphabet[pick(random)];
        REQUIRE(meso::emit::ical::escape_text(text) == reference_escape(text));
    }
}

TEST_CASE("the set of UID hashes says whether a hash was there, zero included, as it grows")
{
    meso::emit::UidSet uids;
    std::set<std::uint64_t> reference;
    std::mt19937_64 random(3);
    for (int i = 0; i < 100'000; ++i) {
        // Few distinct keys, so that many come again; 0 among them.
        const std::uint64_t key = i % 7 == 0 ? random() % 4 : random() % 60'000 * 0x9e3779b97f4a7c15ull;
        REQUIRE(uids.insert(key) == reference.insert(key).second);
    }
    CHECK(uids.used + (uids.has_zero ? 1 : 0) == reference.size());
    CHECK(uids.used * 5 <= uids.slots.size() * 4);
}

TEST_CASE("the set of UID hashes reserved for n keys holds them in about 5/4 of n slots, without growing")
{
    for (const std::size_t n : {std::size_t{10}, std::size_t{5'000}, std::size_t{262'144}, std::size_t{300'001}}) {
        INFO(n);
        meso::emit::UidSet uids;
        uids.insert(42);  // a key from before the reservation stays
        uids.reserve(n);
        const std::size_t reserved = uids.slots.size();
        CHECK(reserved <= std::max<std::size_t>(1024, n * 5 / 4 + 2));  // not rounded up to a power of two
        std::mt19937_64 random(n);
        std::size_t inserted = 1;
        while (inserted < n) inserted += uids.insert(random() | 1) ? 1 : 0;
        CHECK(uids.slots.size() == reserved);
        CHECK_FALSE(uids.insert(42));
        CHECK(uids.used == n);
    }
}
