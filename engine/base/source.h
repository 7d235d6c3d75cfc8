// Source text and spans: where every piece of the syntax tree came from.
//
// A Source owns the text of one file. A Span names a byte range of it,
// with the 1-based line and column of its first byte, so that any node of
// the syntax tree, the IR or a dated session can point back at the text the
// user wrote.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace meso {

struct Source {
    std::string path;  // as the user named it; "<stdin>" or "std/bfr.meso" for embedded files
    std::string text;
};

struct Span {
    const Source* source = nullptr;
    std::uint32_t line = 0;    // 1-based; 0 when the span points nowhere
    std::uint32_t column = 0;  // 1-based, counted in bytes
    std::uint32_t begin = 0;   // byte offsets into source->text, [begin, end)
    std::uint32_t end = 0;

    bool valid() const { return source != nullptr && line != 0; }
    std::string_view text() const
    {
        if (source == nullptr || end < begin || end > source->text.size()) return {};
        return std::string_view(source->text).substr(begin, end - begin);
    }
    std::string_view path() const { return source ? std::string_view(source->path) : std::string_view(); }
};

// A span covering both, for nodes built from several pieces.
inline Span join(const Span& a, const Span& b)
{
    if (!a.valid()) return b;
    if (!b.valid()) return a;
    Span s = a.begin <= b.begin ? a : b;
    s.end = a.end > b.end ? a.end : b.end;
    return s;
}

// The span of the byte at `offset` of `source`, with line and column
// counted from the text.
Span span_at(const Source& source, std::uint32_t offset, std::uint32_t length = 1);

}  // namespace meso
