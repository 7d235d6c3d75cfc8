#include "engine/emit/ical_text.h"

#include <array>
#include <cstdint>

namespace meso::emit::ical {

namespace {

// Length of the well-formed UTF-8 sequence at text[i], or 0 when it is not one.
std::size_t utf8_length(std::string_view text, std::size_t i)
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) return 1;
    std::size_t n = 0;
    std::uint32_t min = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) n = 2, min = 0x80, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) n = 3, min = 0x800, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) n = 4, min = 0x10000, cp = c & 0x07;
    else return 0;
    if (i + n > text.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

std::string valid_utf8(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_length(text, i);
        if (n == 0) {
            out += replacement;
            ++i;
        }
        else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

std::string escape_text(std::string_view text)
{
    std::string out;
    append_escaped(out, text);
    return out;
}

void append_escaped(std::string& out, std::string_view text)
{
    // valid_utf8, then the escapes, in one pass: the calendar escapes every
    // summary and description, and the copy in between was a third of the
    // emitter's time. U+FFFD's bytes need no escape, so the result is the same.
    out.reserve(out.size() + text.size() + text.size() / 8);
    std::size_t plain = 0;  // start of the run of bytes copied as they are
    const auto flush = [&](std::size_t i) { out.append(text.data() + plain, i - plain); };
    // What each byte needs: 0 nothing (most of any text), 1 a look.
    static constexpr auto needs_look = [] {
        std::array<unsigned char, 256> table{};
        for (int c = 0; c < 256; ++c)
            table[static_cast<std::size_t>(c)] = c >= 0x80 || c < 0x20 || c == 0x7F || c == '\\' || c == ';' || c == ',';
        return table;
    }();
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (needs_look[c] == 0) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            const std::size_t n = utf8_length(text, i);
            if (n != 0) {
                i += n;
                continue;
            }
            flush(i);
            out += replacement;
            plain = ++i;
            continue;
        }
        const char* escaped = nullptr;
        switch (c) {
        case '\\': escaped = "\\\\"; break;
        case ';': escaped = "\\;"; break;
        case ',': escaped = "\\,"; break;
        case '\n': escaped = "\\n"; break;
        case '\r': escaped = ""; break;
        case '\t': break;
        default:
            if (c < 0x20 || c == 0x7F) escaped = " ";
        }
        if (escaped != nullptr) {
            flush(i);
            out += escaped;
            plain = i + 1;
        }
        ++i;
    }
    flush(text.size());
}

std::string param_value(std::string_view text)
{
    const std::string clean = valid_utf8(text);
    std::string value;
    bool quote = false;
    for (const char c : clean) {
        // RFC 6868: a parameter value cannot hold '"' or a newline; ^' and ^n say them, ^^ a caret.
        if (c == '"') value += "^'";
        else if (c == '^') value += "^^";
        else if (c == '\n') value += "^n";
        else if (c == '\r') continue;
        else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) value += ' ';
        else value += c;
        if (c == ':' || c == ';' || c == ',') quote = true;
    }
    return quote ? "\"" + value + "\"" : value;
}

void append_line(std::string& out, std::string_view line)
{
    constexpr std::size_t limit = 75;
    std::size_t room = limit;  // octets allowed on this physical line
    while (line.size() > room) {
        std::size_t cut = room;
        // Never split a character: back up to the first byte of the one at `cut`.
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        if (cut == 0) cut = room;  // not UTF-8 at all; cannot happen after valid_utf8
        out.append(line.data(), cut);
        out.append("\r\n ");
        line.remove_prefix(cut);
        room = limit - 1;  // the leading space counts
    }
    out.append(line.data(), line.size());
    out.append("\r\n");
}

void write_line(std::ostream& out, std::string_view line)
{
    std::string folded;
    folded.reserve(line.size() + line.size() / 24 + 2);
    append_line(folded, line);
    out.write(folded.data(), static_cast<std::streamsize>(folded.size()));
}

}  // namespace meso::emit::ical
