#include "engine/base/source.h"

namespace meso {

Span span_at(const Source& source, std::uint32_t offset, std::uint32_t length)
{
    Span s;
    s.source = &source;
    s.begin = offset;
    s.end = offset + length;
    if (s.end > source.text.size()) s.end = static_cast<std::uint32_t>(source.text.size());
    std::uint32_t line = 1, column = 1;
    for (std::uint32_t i = 0; i < offset && i < source.text.size(); ++i) {
        if (source.text[i] == '\n') {
            ++line;
            column = 1;
        }
        else {
            ++column;
        }
    }
    s.line = line;
    s.column = column;
    return s;
}

}  // namespace meso
