// Fuzz target: the formatter's round trip. A file that parses formats to
// text that parses with no error, holds the same tree and comments
// (format::verify), and is a fixed point of fmt (invariants.h).
#include <cstdint>
#include <string_view>

#include "tests/fuzz/invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    meso::fuzz::check_format(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
