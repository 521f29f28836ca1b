#pragma once
// "Did you mean …?" for misspelt keys, kinds and icon names.

#include <string>
#include <string_view>
#include <vector>

namespace vitae {

/// Optimal string alignment distance (Levenshtein plus swaps of two
/// neighbouring letters), case-insensitive.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `word`, if it is near enough to be a typo:
/// at most a third of the word's letters differ (and at least one may).
/// Empty when nothing is that close.
[[nodiscard]] std::string closest_match(std::string_view word,
                                        const std::vector<std::string_view>& candidates);

/// "did you mean 'x'?" or empty.
[[nodiscard]] std::string did_you_mean(std::string_view word,
                                       const std::vector<std::string_view>& candidates);

}  // namespace vitae
