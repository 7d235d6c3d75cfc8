// Comments and blank lines, attached to the statements of a parsed file as
// their Trivia (so that `meso fmt` keeps them). Internal to grammar/.
#pragma once

#include <cstddef>

#include "engine/base/source.h"
#include "grammar/syntax.h"

namespace meso::grammar {

// Scans the text from byte `start` (after a byte-order mark) for comments
// and gives each statement of `file`, at every depth, its leading and
// trailing comments and whether a blank line precedes it; the comments no
// statement takes go to the bodies' end_comments and file.end_comments.
void attach_trivia(const Source& source, std::size_t start, syntax::File& file);

}  // namespace meso::grammar
