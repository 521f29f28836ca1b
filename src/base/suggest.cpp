#include "vitae/base/suggest.hpp"
#include "vitae/base/ascii.hpp"
#include "vitae/base/limits.hpp"

#include <fmt/format.h>
#include <algorithm>

namespace vitae {

namespace {

/// A typo changes about one letter in three at most; beyond that a
/// suggestion is more confusing than none.
constexpr std::size_t letters_per_allowed_edit = 3;

std::size_t difference(std::size_t a, std::size_t b) {
    return a > b ? a - b : b - a;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    // Every edit changes the length by one at most.
    if (difference(a.size(), b.size()) > limit) return limit + 1;
    const std::size_t rows = a.size() + 1;
    const std::size_t columns = b.size() + 1;
    std::vector<std::size_t> distance(rows * columns);
    auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return distance[i * columns + j]; };
    for (std::size_t i = 0; i < rows; ++i) at(i, 0) = i;
    for (std::size_t j = 0; j < columns; ++j) at(0, j) = j;
    for (std::size_t i = 1; i < rows; ++i) {
        std::size_t row_minimum = at(i, 0);
        for (std::size_t j = 1; j < columns; ++j) {
            const std::size_t cost = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]) ? 0 : 1;
            at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
            if (i > 1 && j > 1 && ascii_lower(a[i - 1]) == ascii_lower(b[j - 2]) &&
                ascii_lower(a[i - 2]) == ascii_lower(b[j - 1])) {
                at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
            }
            row_minimum = std::min(row_minimum, at(i, j));
        }
        // Later rows never go below this row's minimum, nor below the
        // previous row's plus one (a swap reaches back two rows), and the
        // previous row's minimum is at least this one's minus one: once a
        // row is past the limit, so is the distance.
        if (row_minimum > limit) return limit + 1;
    }
    return std::min(at(rows - 1, columns - 1), limit + 1);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    return edit_distance(a, b, std::max(a.size(), b.size()));
}

std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates) {
    if (word.size() > limits::max_suggested_word_bytes) return {};
    const std::size_t allowed = std::max<std::size_t>(1, word.size() / letters_per_allowed_edit);
    std::string_view best;
    std::size_t best_distance = allowed + 1;
    std::size_t compared = 0;
    for (const std::string_view candidate : candidates) {
        if (difference(word.size(), candidate.size()) >= best_distance) continue;
        if (++compared > limits::max_suggestion_candidates) break;
        const std::size_t distance = edit_distance(word, candidate, best_distance - 1);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
            if (distance == 0) break;
        }
    }
    return std::string{best};
}

std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates) {
    return did_you_mean(word, candidates, {});
}

bool same_word(std::string_view a, std::string_view b) {
    const auto skip = [](std::string_view text, std::size_t at) {
        while (at < text.size() && (text[at] == '_' || text[at] == '-' || text[at] == ' ')) ++at;
        return at;
    };
    std::size_t i = skip(a, 0);
    std::size_t j = skip(b, 0);
    for (; i < a.size() && j < b.size(); i = skip(a, i + 1), j = skip(b, j + 1)) {
        if (ascii_lower(a[i]) != ascii_lower(b[j])) return false;
    }
    return i == a.size() && j == b.size();
}

std::string_view synonym_among(std::string_view word, const std::vector<std::string_view>& candidates,
                               const std::vector<Synonym>& synonyms) {
    if (word.size() > limits::max_suggested_word_bytes) return {};
    for (const Synonym& synonym : synonyms) {
        if (!same_word(word, synonym.word)) continue;
        for (const std::string_view meaning : synonym.meanings) {
            if (std::find(candidates.begin(), candidates.end(), meaning) != candidates.end()) return meaning;
        }
    }
    return {};
}

std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates,
                          const std::vector<Synonym>& synonyms) {
    const std::string_view meaning = synonym_among(word, candidates, synonyms);
    return meaning.empty() ? closest_match(word, candidates) : std::string{meaning};
}

std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates,
                         const std::vector<Synonym>& synonyms) {
    const std::string match = closest_match(word, candidates, synonyms);
    return match.empty() ? std::string{} : fmt::format("did you mean '{}'?", match);
}

Suggester::Suggester(std::vector<std::string_view> candidates) : candidates_(std::move(candidates)) {}

std::string Suggester::did_you_mean(std::string_view word) {
    if (offered_ >= limits::max_suggestions_per_list) return {};
    ++offered_;
    return vitae::did_you_mean(word, candidates_);
}

}  // namespace vitae
