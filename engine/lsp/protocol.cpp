#include "engine/lsp/protocol.h"

#include <algorithm>
#include <cctype>
#include <istream>
#include <limits>
#include <ostream>

namespace meso::lsp {

namespace {

// A header line without its "\r\n" (a lone "\n" is taken too); nullopt at the end of the input.
std::optional<std::string> header_line(std::istream& in)
{
    std::string line;
    if (!std::getline(in, line)) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

bool starts_with_nocase(std::string_view text, std::string_view prefix)
{
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) return false;
    return true;
}

std::optional<std::size_t> content_length(std::string_view value)
{
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (value.empty() || value.size() > 12) return std::nullopt;
    std::size_t length = 0;
    for (const char c : value) {
        if (c < '0' || c > '9') return std::nullopt;
        length = length * 10 + static_cast<std::size_t>(c - '0');
    }
    return length;
}

int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The UTF-16 code units of the UTF-8 character whose first byte is `lead`;
// 0 for a continuation byte (it belongs to the character before).
std::uint32_t utf16_units(unsigned char lead)
{
    if ((lead & 0xC0) == 0x80) return 0;
    return (lead & 0xF8) == 0xF0 ? 2 : 1;
}

}  // namespace

Frame read_frame(std::istream& in)
{
    Frame frame;
    std::optional<std::size_t> length;
    bool any_header = false;
    while (auto line = header_line(in)) {
        if (line->empty()) {
            if (!any_header) continue;  // blank lines between messages
            if (!length) {
                frame.framing_error = "a message without a Content-Length header";
                return frame;
            }
            if (*length > max_message_bytes) {
                frame.framing_error =
                    "a message of " + std::to_string(*length) + " bytes; meso lsp reads at most " + std::to_string(max_message_bytes);
                return frame;
            }
            std::string body(*length, '\0');
            in.read(body.data(), static_cast<std::streamsize>(*length));
            if (static_cast<std::size_t>(in.gcount()) != *length) {
                frame.framing_error = "the input ended inside a message";
                return frame;
            }
            frame.body = std::move(body);
            return frame;
        }
        any_header = true;
        if (starts_with_nocase(*line, "content-length:")) {
            length = content_length(std::string_view(*line).substr(15));
            if (!length) {
                frame.framing_error = "a Content-Length that is not a number: '" + line->substr(0, 80) + "'";
                return frame;
            }
        }
        else if (line->find(':') == std::string::npos) {
            frame.framing_error = "a header line without ':': '" + line->substr(0, 80) + "'";
            return frame;
        }
    }
    if (any_header) frame.framing_error = "the input ended inside a message's headers";
    return frame;
}

void write_frame(std::ostream& out, const json& message)
{
    // Invalid UTF-8 in a document's text is replaced, never thrown on.
    const std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
    out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
    out.flush();
}

json error_response(const json& id, int code, const std::string& message)
{
    return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

std::string path_of_uri(const std::string& uri)
{
    const std::string scheme = "file://";
    if (uri.compare(0, scheme.size(), scheme) != 0) return uri;
    std::string path;
    const std::string rest = uri.substr(scheme.size());
    const std::size_t start = rest.find('/');  // after an authority such as "localhost"
    for (std::size_t i = start == std::string::npos ? rest.size() : start; i < rest.size(); ++i) {
        if (rest[i] == '%' && i + 2 < rest.size() && hex_value(rest[i + 1]) >= 0 && hex_value(rest[i + 2]) >= 0) {
            path += static_cast<char>(hex_value(rest[i + 1]) * 16 + hex_value(rest[i + 2]));
            i += 2;
        }
        else path += rest[i];
    }
    return path;
}

std::string uri_of_path(const std::string& path)
{
    static const char* const hex = "0123456789ABCDEF";
    std::string uri = "file://";
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || std::string_view("/-._~").find(c) != std::string_view::npos) uri += c;
        else {
            uri += '%';
            uri += hex[byte >> 4];
            uri += hex[byte & 15];
        }
    }
    return uri;
}

LineIndex::LineIndex(std::string_view text, Encoding encoding) : text_(text), encoding_(encoding)
{
    line_starts_.push_back(0);
    for (std::uint32_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') line_starts_.push_back(i + 1);
}

Position LineIndex::position(std::uint32_t offset) const
{
    offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
    const auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const auto line = static_cast<std::uint32_t>(after - line_starts_.begin() - 1);
    const std::uint32_t start = line_starts_[line];
    if (encoding_ == Encoding::utf8) return {line, offset - start};
    std::uint32_t units = 0;
    for (std::uint32_t i = start; i < offset; ++i) units += utf16_units(static_cast<unsigned char>(text_[i]));
    return {line, units};
}

std::uint32_t LineIndex::offset(Position position) const
{
    if (position.line >= line_starts_.size()) return static_cast<std::uint32_t>(text_.size());
    const std::uint32_t start = line_starts_[position.line];
    std::uint32_t end =
        position.line + 1 < line_starts_.size() ? line_starts_[position.line + 1] - 1 : static_cast<std::uint32_t>(text_.size());
    // Clamped before it is added: `start + character` past 2^32 would wrap
    // to an offset on an earlier line.
    if (encoding_ == Encoding::utf8) return start + std::min(position.character, end - start);
    std::uint32_t units = 0, i = start;
    while (i < end && units < position.character) {
        units += utf16_units(static_cast<unsigned char>(text_[i]));
        ++i;
        while (i < end && utf16_units(static_cast<unsigned char>(text_[i])) == 0) ++i;  // the rest of the character
    }
    return i;
}

json LineIndex::range(std::uint32_t begin, std::uint32_t end) const
{
    const Position a = position(begin), b = position(std::max(begin, end));
    return {{"start", {{"line", a.line}, {"character", a.character}}}, {"end", {{"line", b.line}, {"character", b.character}}}};
}

std::optional<Position> position_param(const json& params)
{
    if (!params.is_object() || !params.contains("position")) return std::nullopt;
    const json& p = params["position"];
    if (!p.is_object() || !p.contains("line") || !p.contains("character")) return std::nullopt;
    if (!p["line"].is_number_unsigned() || !p["character"].is_number_unsigned()) return std::nullopt;
    // Past 32 bits a number means "beyond the end", as any too large one
    // does; narrowing it would wrap it into the document.
    const auto saturated = [](const json& n) {
        return static_cast<std::uint32_t>(std::min<std::uint64_t>(n.get<std::uint64_t>(), std::numeric_limits<std::uint32_t>::max()));
    };
    return Position{saturated(p["line"]), saturated(p["character"])};
}

}  // namespace meso::lsp
