// Formatting: a parsed file in, its one canonical layout out (`meso fmt`).
//
//   ParseResult parsed = parse(source);
//   if (!has_errors(parsed.diagnostics)) {
//       std::string text = format::format(parsed.file);
//       if (auto problem = format::verify(parsed.file, text)) ...  // never write it
//   }
//
// The layout has no options (docs/fmt.md describes it in full):
// - two spaces of indentation per '{ }', one statement per line ('a; b'
//   becomes two lines); `then` joins stay on one line, as written;
// - a body written on one line with one short statement and no comment stays
//   on one line (`mon { squat 5x5 @ 75% }`), any other body is spread out;
//   an empty body without comments is `{ }`;
// - consecutive prescriptions of a body (no blank line between) are aligned:
//   exercise names padded so schemes line up, `@` lined up, `rest` lined up;
//   widths count columns on screen, not bytes ("Übung", "深蹲");
// - consecutive statements with trailing comments have them aligned, at
//   least two spaces after the code;
// - quantities spaced one way (`20%`, `50% AOP`, `30 s`, `142.5 kg`,
//   `5x5 @ 75%`, `20% x 30,15,15,15`, `+2.5% per week`, `70%..85%`), clock
//   times as `08:00`, weekdays short (`monday` -> `mon`), `×` as `x`;
// - blank lines between statements kept, several collapsed to one; none
//   right after '{', before '}' or at the start and end of the file;
// - every comment kept, on the statement it was written on or above.
// What it never changes: names (quoted or not), numbers as written
// (`2.50` stays `2.50`), unit spellings (`weeks`, `sec`, `lbs`), the strings'
// text, the order of statements, `then`, commas in a weekday list.
//
// Precondition: the file parsed without errors (a tree with holes would be
// printed with holes). meso fmt checks that before calling format().
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "grammar/syntax.h"

namespace meso::format {

// The canonical text of the file; ends with one new line (empty for a file
// with no statements and no comments).
std::string format(const syntax::File& file);

// Re-parses `formatted` and compares it with `original`: it must parse with
// no error, give the same syntax tree (see dump) and hold the same
// comments. Returns what differs, or nothing when all holds. meso fmt runs
// this before printing or writing anything, so a formatter bug can never
// cost a user a comment or change a program's meaning.
std::optional<std::string> verify(const syntax::File& original, const std::string& formatted);

// The syntax tree as text, one node per line, without spans, comments or
// blank lines and without what the layout may change (a body's being on one
// line, a `then` block's sharing the line of the block before). Two files with equal dumps say the same thing in the same words.
std::string dump(const syntax::File& file);

}  // namespace meso::format
