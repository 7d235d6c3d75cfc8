// CSV as the outputs write it (meso schedule, meso stats): one spelling of
// a field, shared so that every CSV of meso quotes alike.
#pragma once

#include <string>
#include <string_view>

namespace meso {

// A field of a CSV row as RFC 4180 writes it: in quotes, with its quotes
// doubled, when it holds a comma, a quote or a line break; as it is otherwise.
std::string csv_field(std::string_view text);

}  // namespace meso
