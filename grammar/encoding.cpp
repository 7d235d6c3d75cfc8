#include "grammar/encoding.h"

#include <cstdint>
#include <string>

namespace meso::grammar {

namespace {

std::size_t utf8_sequence_length(const unsigned char* p, std::size_t n)
{
    const unsigned char c = p[0];
    std::size_t len = 0;
    std::uint32_t min = 0;
    if (c < 0x80) return 1;
    if ((c & 0xE0) == 0xC0) len = 2, min = 0x80;
    else if ((c & 0xF0) == 0xE0) len = 3, min = 0x800;
    else if ((c & 0xF8) == 0xF0) len = 4, min = 0x10000;
    else return 0;
    if (len > n) return 0;
    std::uint32_t cp = c & (0x7F >> len);
    for (std::size_t i = 1; i < len; ++i) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

// The bytes that need no look: printable ASCII and '\n'. Most of a file
// is these, skipped by a table look-up each instead of four comparisons.
struct PlainBytes {
    bool is[256] = {};
    constexpr PlainBytes()
    {
        for (int c = 0x20; c < 0x80; ++c) is[c] = true;
        is[static_cast<unsigned char>('\n')] = true;
    }
};
constexpr PlainBytes plain_bytes;

std::string fmt_hex(unsigned char c)
{
    const char* digits = "0123456789ABCDEF";
    return {digits[c >> 4], digits[c & 15]};
}

}  // namespace

EncodingCheck check_encoding(const Source& source, std::vector<Diagnostic>& out)
{
    EncodingCheck result;
    const auto* p = reinterpret_cast<const unsigned char*>(source.text.data());
    const std::size_t n = source.text.size();
    auto report = [&](std::size_t at, std::string message) {
        out.push_back(Diagnostic::error(span_at(source, static_cast<std::uint32_t>(at)), std::move(message)));
    };
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        report(0, "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM");
        result.start = 3;
    }
    std::size_t tabs = 0, crs = 0, first_tab = 0, first_cr = 0, bad = 0;
    for (std::size_t i = result.start; i < n;) {
        while (i < n && plain_bytes.is[p[i]]) ++i;
        if (i == n) break;
        const unsigned char c = p[i];
        if (c == '\t') {
            if (tabs++ == 0) first_tab = i;
        }
        else if (c == '\r') {
            if (crs++ == 0) first_cr = i;
        }
        else if (c < 0x20 && c != '\n') {
            if (bad++ < 10) report(i, "control character (byte 0x" + fmt_hex(c) + ") in the text; remove it");
            result.fatal = true;
        }
        else if (c >= 0x80) {
            const std::size_t len = utf8_sequence_length(p + i, n - i);
            if (len == 0) {
                if (bad++ < 10) report(i, "invalid UTF-8 (byte 0x" + fmt_hex(c) + "); save the file as UTF-8");
                result.fatal = true;
                ++i;
                continue;
            }
            i += len;
            continue;
        }
        ++i;
    }
    if (tabs)
        report(first_tab,
               "tab character" + std::string(tabs > 1 ? " (and " + std::to_string(tabs - 1) + " more)" : "") + "; indent with spaces");
    if (crs)
        report(first_cr, "carriage return (Windows line ending)" +
                             std::string(crs > 1 ? " (and " + std::to_string(crs - 1) + " more)" : "") +
                             "; save the file with LF line endings");
    return result;
}

}  // namespace meso::grammar
