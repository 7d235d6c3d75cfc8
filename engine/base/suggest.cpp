#include "engine/base/suggest.h"

#include <algorithm>

namespace meso {

std::size_t edit_distance(std::string_view a, std::string_view b)
{
    // Optimal string alignment distance, keeping three rows of the table
    // (a transposition looks two rows back) in one allocation.
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::size_t> rows(3 * (m + 1));
    auto row = [&](std::size_t i) { return rows.data() + (i % 3) * (m + 1); };
    for (std::size_t j = 0; j <= m; ++j) row(0)[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        std::size_t* d = row(i);
        const std::size_t* up = row(i - 1);
        const std::size_t* up2 = row(i + 1);  // row i - 2
        d[0] = i;
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[j] = std::min({up[j] + 1, d[j - 1] + 1, up[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[j] = std::min(d[j], up2[j - 2] + 1);
        }
    }
    return row(n)[m];
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates)
{
    if (word.size() > 64) return std::nullopt;  // no one misspells a 65-letter name; keep the cost bounded
    const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
    std::optional<std::string> best;
    std::size_t best_distance = limit + 1;
    for (const auto& candidate : candidates) {
        if (candidate == word) continue;
        // The distance is at least the difference of the lengths.
        const std::size_t length_difference =
            candidate.size() > word.size() ? candidate.size() - word.size() : word.size() - candidate.size();
        if (length_difference >= best_distance) continue;
        const std::size_t distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    }
    return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates)
{
    if (auto match = closest_match(word, candidates)) return "; did you mean '" + *match + "'?";
    return {};
}

}  // namespace meso
