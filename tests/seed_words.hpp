#pragma once
// The words of the seed CV (tests/data/seed-cv.txt), for checking that an
// output says everything the seed says, as often as the seed says it: a normaliser that reduces Markdown,
// the seed's bits of HTML and plain output alike to lower-cased words.

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace vitae::test {

/// `text` with every `from` replaced by `to`. Builds a new string: GCC 12
/// warns (-Wrestrict, wrongly) about std::string::replace in place.
inline std::string replaced_all(std::string_view text, std::string_view from, std::string_view to) {
    std::string result;
    std::size_t start = 0;
    for (std::size_t at = text.find(from); at != std::string_view::npos; at = text.find(from, start)) {
        result.append(text.substr(start, at - start)).append(to);
        start = at + from.size();
    }
    return result.append(text.substr(start));
}

/// pdftotext's text (run with -raw, which keeps a hyphen that ends a line;
/// without it pdftotext drops the hyphen and joins the halves) with every
/// line that ends at a hyphen joined to the next. vitae breaks lines only
/// after hyphens the text has, so the joined word is the word as written.
inline std::string joined_at_hyphen_breaks(std::string_view raw_pdf_text) {
    return replaced_all(raw_pdf_text, "-\n", "-");
}

inline bool consists_of(std::string_view word, char character) {
    return !word.empty() && word.find_first_not_of(character) == std::string_view::npos;
}

/// "1.", "10.": the number of a Markdown list item.
inline bool is_list_number(std::string_view word) {
    return word.size() >= 2 && word.back() == '.' &&
           std::all_of(word.begin(), word.end() - 1, [](char c) { return c >= '0' && c <= '9'; });
}

/// The words a reader sees in `text`, lower-cased (ASCII letters only), in
/// order. Markdown and HTML syntax is dropped, so the Markdown-ish seed CV and
/// the plain-text output can be compared word by word.
inline std::vector<std::string> words_of(std::string text) {
    // The seed's copy-paste mangled the typeset LaTeX logo.
    text = replaced_all(text, "<del>AT</del> X", "LaTeX");
    text = replaced_all(text, "<b>", " ");
    text = replaced_all(text, "</b>", " ");
    // Every asterisk in the seed is emphasis or an equal-contribution mark
    // (escaped as \*), and in the output only the latter.
    text = replaced_all(text, "\\*", "*");
    std::erase(text, '*');

    std::vector<std::string> words;
    std::istringstream stream{text};
    for (std::string word; stream >> word;) {
        // Headings (#), rules (---), bullets (-) and list numbers.
        if (consists_of(word, '#') || consists_of(word, '-') || is_list_number(word)) continue;
        constexpr std::string_view punctuation = ",.;:()";
        const std::size_t first = word.find_first_not_of(punctuation);
        if (first == std::string::npos) continue;
        word = word.substr(first, word.find_last_not_of(punctuation) - first + 1);
        std::transform(word.begin(), word.end(), word.begin(),
                       [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
        words.push_back(std::move(word));
    }
    return words;
}

/// Words of `expected` that `actual` holds fewer times than `expected`
/// does, once each, in the order of `expected`. Counting, not just
/// looking up, notices a lost passage whose words all occur elsewhere
/// too (an author list of names that recur in other lists).
inline std::vector<std::string> missing_words(const std::vector<std::string>& expected,
                                              const std::vector<std::string>& actual) {
    std::map<std::string_view, std::size_t> available;
    for (const std::string& word : actual) ++available[word];
    std::map<std::string_view, std::size_t> needed;
    for (const std::string& word : expected) ++needed[word];
    std::vector<std::string> missing;
    for (const std::string& word : expected) {
        auto wanted = needed.find(word);
        if (wanted == needed.end()) continue;  // reported already, or enough
        if (available[word] < wanted->second) missing.push_back(word);
        needed.erase(wanted);
    }
    return missing;
}

inline std::string joined(const std::vector<std::string>& words) {
    std::string text;
    for (const std::string& word : words) text += (text.empty() ? "" : " ") + word;
    return text;
}

}  // namespace vitae::test
