// Did-you-mean: the known name nearest to a misspelt one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meso {

// Optimal-string-alignment distance: insertions, deletions, substitutions
// and swaps of two neighbours each cost 1.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word`, when it is near enough to be a likely
// typo (at most a third of the word's length, and at least one edit);
// ties go to the earlier candidate.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

// "; did you mean 'X'?" or "" — to append to a message.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace meso
