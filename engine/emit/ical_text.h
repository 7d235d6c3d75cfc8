// The text layer of iCalendar (RFC 5545 section 3.1 and 3.3.11): content
// lines folded at 75 octets, TEXT values escaped, parameter values quoted.
// Used by the emitter; exposed for its tests.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace meso::emit::ical {

// `text` with every invalid UTF-8 sequence replaced by U+FFFD, so that what
// we write is always valid UTF-8 whatever a string held.
std::string valid_utf8(std::string_view text);

// A TEXT value: `\` `;` `,` and newlines escaped (\\ \; \, \n), carriage
// returns dropped, other control characters (not allowed in TEXT) turned
// into spaces, invalid UTF-8 replaced.
std::string escape_text(std::string_view text);
// The same, appended to `out` (whose buffer the emitter reuses).
void append_escaped(std::string& out, std::string_view text);

// A parameter value (CN=...) in RFC 6868's encoding: `"` is ^', a newline
// ^n, `^` itself ^^ (readers without RFC 6868 show those as written); other
// control characters become spaces; quoted when it holds `:` `;` or `,`.
std::string param_value(std::string_view text);

// Writes one content line and its CRLF, folded so that no physical line
// exceeds 75 octets (a continuation's leading space counts) and no fold
// falls inside a UTF-8 character.
void write_line(std::ostream& out, std::string_view line);

// The same content line, folded and ended with CRLF, appended to `out`: the
// emitter builds each event in one buffer and writes it at once.
void append_line(std::string& out, std::string_view line);

}  // namespace meso::emit::ical
