#include "engine/format/format.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace meso::format {

namespace {

// A range of code points, both ends included.
struct CodePoints {
    std::uint32_t first;
    std::uint32_t last;
};

// Combining marks and zero-width spaces and joiners: no column.
constexpr std::array<CodePoints, 7> zero_width = {{
    {0x0300, 0x036F},
    {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF},
    {0x20D0, 0x20FF},
    {0xFE20, 0xFE2F},
    {0x200B, 0x200F},
    {0xFE00, 0xFE0F},
}};

// East Asian wide characters and emoji: two columns.
constexpr std::array<CodePoints, 14> double_width = {{
    {0x1100, 0x115F},
    {0x2E80, 0x303E},
    {0x3041, 0x33FF},
    {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},
    {0xAC00, 0xD7A3},
    {0xF900, 0xFAFF},
    {0xFE30, 0xFE4F},
    {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6},
    {0x1F300, 0x1F64F},
    {0x1F900, 0x1F9FF},
    {0x20000, 0x3FFFD},
}};

template <std::size_t N> bool in_any(std::uint32_t cp, const std::array<CodePoints, N>& ranges)
{
    return std::any_of(ranges.begin(), ranges.end(), [cp](const CodePoints& r) { return cp >= r.first && cp <= r.last; });
}

// The code point that starts at text[i], and its length in bytes. A byte
// that starts no sequence, or a sequence cut by the end of the text, counts
// as one code point of its own: the width of invalid UTF-8 is a guess anyway.
struct Decoded {
    std::uint32_t code_point;
    std::size_t length;
};

Decoded decode(std::string_view text, std::size_t i)
{
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    if ((c & 0xE0) == 0xC0) length = 2;
    else if ((c & 0xF0) == 0xE0) length = 3;
    else if ((c & 0xF8) == 0xF0) length = 4;
    if (c < 0x80 || i + length > text.size()) length = 1;
    std::uint32_t cp = length == 1 ? c : c & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    return {cp, length};
}

}  // namespace

std::size_t display_width(std::string_view text)
{
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        const Decoded d = decode(text, i);
        i += d.length;
        if (in_any(d.code_point, zero_width)) continue;
        width += in_any(d.code_point, double_width) ? 2 : 1;
    }
    return width;
}

}  // namespace meso::format
