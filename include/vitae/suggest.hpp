#pragma once
// "Did you mean …?" for misspelt keys, kinds and icon names.

#include <string>
#include <string_view>
#include <vector>

namespace vitae {

/// Optimal string alignment distance (Levenshtein plus swaps of two
/// neighbouring letters), case-insensitive.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The same distance when it is at most `limit`, else `limit + 1`: the
/// work stops as soon as no alignment can stay within the limit.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

/// The candidate nearest to `word`, if it is near enough to be a typo:
/// at most a third of the word's letters differ (and at least one may).
/// Empty when nothing is that close. The work is bounded whatever the
/// input: words longer than limits::max_suggested_word_bytes get no
/// suggestion, candidates whose length alone puts them too far are skipped,
/// and at most limits::max_suggestion_candidates others are compared.
[[nodiscard]] std::string closest_match(std::string_view word,
                                        const std::vector<std::string_view>& candidates);

/// "did you mean 'x'?" or empty.
[[nodiscard]] std::string did_you_mean(std::string_view word,
                                       const std::vector<std::string_view>& candidates);

/// Suggestions for many misspelt words against one list of candidates (a
/// style's titles against a CV's, keys against a .bib file's): the first
/// limits::max_suggestions_per_list words get one, later ones none, so that
/// thousands of misses against thousands of candidates stay linear.
class Suggester {
public:
    explicit Suggester(std::vector<std::string_view> candidates);
    /// "did you mean 'x'?" or empty.
    [[nodiscard]] std::string did_you_mean(std::string_view word);

private:
    std::vector<std::string_view> candidates_;
    std::size_t offered_ = 0;
};

}  // namespace vitae
