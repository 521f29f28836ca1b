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

/// A word other formats use where vitae has another: `position` for
/// `subtitle` or `headline`. `meanings` in order of preference; the first
/// one among a list's candidates is the one suggested.
struct Synonym {
    std::string_view word;
    std::vector<std::string_view> meanings;
};

/// Whether two keys are one word, case, spaces, `_` and `-` aside:
/// `startDate`, `start_date`, `Start Date`.
[[nodiscard]] bool same_word(std::string_view a, std::string_view b);

/// The first meaning among `candidates` of the synonym `word` is (as
/// same_word compares), or empty.
[[nodiscard]] std::string_view synonym_among(std::string_view word,
                                             const std::vector<std::string_view>& candidates,
                                             const std::vector<Synonym>& synonyms);

/// The synonym's meaning among `candidates` when `word` is a known synonym,
/// else the nearest
/// candidate as closest_match finds it. Empty when neither.
[[nodiscard]] std::string closest_match(std::string_view word,
                                        const std::vector<std::string_view>& candidates,
                                        const std::vector<Synonym>& synonyms);

/// "did you mean 'x'?" or empty, synonyms first.
[[nodiscard]] std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates,
                                       const std::vector<Synonym>& synonyms);

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
