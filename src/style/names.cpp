// Telling the CV's owner in author lists; the rules are in vitae/style/names.hpp
// and docs/cv-format.md.
#include "vitae/style/names.hpp"

#include <algorithm>
#include <array>

#include "vitae/base/utf8.hpp"

namespace vitae::style {

namespace {

// --- folding ------------------------------------------------------------------

constexpr char32_t first_latin1_letter = 0xC0;            // À
constexpr char32_t last_latin_extended_a_letter = 0x17F;  // ſ
constexpr char32_t first_combining_accent = 0x300;
constexpr char32_t last_combining_accent = 0x36F;

/// Latin-1 Supplement letters (from U+00C0) and Latin Extended-A
/// (U+0100–U+017F), lower case and without accents, in code point order.
/// Letters with no accent to drop spell out their usual transliteration
/// (æ → ae, ß → ss, þ → th); "" keeps a character that is not a letter.
// One row per 16 code points, as in the Unicode charts, so each entry can be checked.
// clang-format off
constexpr std::array<std::string_view, last_latin_extended_a_letter - first_latin1_letter + 1> latin_folds = {
    // U+00C0 ÀÁÂÃÄÅÆÇ ÈÉÊËÌÍÎÏ
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // U+00D0 ÐÑÒÓÔÕÖ× ØÙÚÛÜÝÞß
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
    // U+00E0 àáâãäåæç èéêëìíîï
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // U+00F0 ðñòóôõö÷ øùúûüýþÿ
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    // U+0100 ĀāĂăĄąĆć ĈĉĊċČčĎď
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    // U+0110 ĐđĒēĔĕĖė ĘęĚěĜĝĞğ
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    // U+0120 ĠġĢģĤĥĦħ ĨĩĪīĬĭĮį
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    // U+0130 İıĲĳĴĵĶķ ĸĹĺĻļĽľĿ
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    // U+0140 ŀŁłŃńŅņŇ ňŉŊŋŌōŎŏ
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    // U+0150 ŐőŒœŔŕŖŗ ŘřŚśŜŝŞş
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    // U+0160 ŠšŢţŤťŦŧ ŨũŪūŬŭŮů
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    // U+0170 ŰűŲųŴŵŶŷ ŸŹźŻżŽžſ
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};
// clang-format on

bool is_hyphen(char32_t c) {
    constexpr char32_t hyphen = 0x2010;
    constexpr char32_t non_breaking_hyphen = 0x2011;
    return c == U'-' || c == hyphen || c == non_breaking_hyphen;
}

/// Characters a name is compared without: apostrophes ("D’Souza" =
/// "D'Souza" = "DSouza") and combining accents (a decomposed "é").
bool is_ignored(char32_t c) {
    constexpr char32_t right_single_quotation_mark = 0x2019;
    constexpr char32_t modifier_letter_apostrophe = 0x2BC;
    return c == U'\'' || c == right_single_quotation_mark || c == modifier_letter_apostrophe ||
           (c >= first_combining_accent && c <= last_combining_accent);
}

void append_folded(std::string& out, char32_t c) {
    if (c >= U'A' && c <= U'Z') {
        out += static_cast<char>(c - U'A' + U'a');
        return;
    }
    if (c >= first_latin1_letter && c <= last_latin_extended_a_letter) {
        const std::string_view folded = latin_folds[c - first_latin1_letter];
        if (!folded.empty()) {
            out += folded;
            return;
        }
    }
    utf8::append(out, c);
}

// --- words --------------------------------------------------------------------

/// A word of a name; a hyphenated word has several parts ("jean", "paul").
using Word = std::vector<std::string>;

struct Tokens {
    std::vector<Word> words;
    /// Where commas stand: the number of words before each.
    std::vector<std::size_t> commas;
};

/// Folds `name` and cuts it into words at spaces, periods and commas, and
/// words into parts at hyphens. A hyphen joins across periods and spaces,
/// so "J.-P." and "Jean - Paul" are one word of two parts.
Tokens tokenize(std::string_view name) {
    Tokens tokens;
    Word word;
    std::string part;
    bool after_hyphen = false;
    auto end_part = [&] {
        if (!part.empty()) word.push_back(std::move(part));
        part.clear();
    };
    auto end_word = [&] {
        end_part();
        if (!word.empty()) tokens.words.push_back(std::move(word));
        word.clear();
    };
    for (std::size_t offset = 0; offset < name.size();) {
        const char32_t c = utf8::next(name, offset);
        if (is_ignored(c)) continue;
        if (utf8::is_space(c) || c == U'.') {
            if (!after_hyphen) end_word();
        } else if (c == U',') {
            end_word();
            after_hyphen = false;
            tokens.commas.push_back(tokens.words.size());
        } else if (is_hyphen(c)) {
            end_part();
            // "J.-P.": the period ended the word the hyphen continues.
            const bool word_closed_by_comma =
                !tokens.commas.empty() && tokens.commas.back() == tokens.words.size();
            if (word.empty() && !tokens.words.empty() && !word_closed_by_comma) {
                word = std::move(tokens.words.back());
                tokens.words.pop_back();
            }
            after_hyphen = !word.empty();
        } else {
            after_hyphen = false;
            append_folded(part, c);
        }
    }
    end_word();
    return tokens;
}

bool is_initial(std::string_view part) {
    return utf8::length(part) == 1;
}

bool is_initials(const Word& word) {
    return std::all_of(word.begin(), word.end(), [](const std::string& part) { return is_initial(part); });
}

void append_parts(std::vector<std::string>& parts, std::vector<Word>::const_iterator begin,
                  std::vector<Word>::const_iterator end) {
    for (auto word = begin; word != end; ++word) parts.insert(parts.end(), word->begin(), word->end());
}

// --- comparing ------------------------------------------------------------------

std::string first_letter(std::string_view part) {
    std::size_t offset = 0;
    std::string letter;
    if (!part.empty()) utf8::append(letter, utf8::next(part, offset));
    return letter;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string text;
    for (const std::string& part : parts) text += part;
    return text;
}

/// An initial in the author list stands for the owner's full name part;
/// an initial of the owner's stands only for itself.
bool part_matches(const std::string& author, const std::string& owner) {
    return author == owner || (is_initial(author) && !is_initial(owner) && first_letter(owner) == author);
}

bool given_names_match(const std::vector<std::string>& author, const std::vector<std::string>& owner) {
    if (author.empty() || owner.empty()) return author.empty() && owner.empty();
    // "Zang Wei", "Zang-Wei", "Zangwei".
    if (joined(author) == joined(owner)) return true;
    // "J.-P." or "Jean P." for "Jean-Paul".
    if (author.size() == owner.size() &&
        std::equal(author.begin(), author.end(), owner.begin(), part_matches))
        return true;
    // "J." for "Jean-Paul": one initial for all the given names.
    return author.size() == 1 && is_initial(author.front()) && first_letter(owner.front()) == author.front();
}

/// The owner's split decides where the surname starts; the author's only
/// its order (a comma or trailing initials put the surname last).
bool matches_split(const NameParts& author, const NameParts& owner) {
    if (owner.surname.empty()) return false;
    std::vector<std::string> sequence = author.given;
    sequence.insert(sequence.end(), author.surname.begin(), author.surname.end());
    if (sequence.size() < owner.surname.size()) return false;
    const auto surname_start = sequence.end() - static_cast<std::ptrdiff_t>(owner.surname.size());
    if (!std::equal(surname_start, sequence.end(), owner.surname.begin())) return false;
    return given_names_match({sequence.begin(), surname_start}, owner.given);
}

std::vector<std::string> spellings_of(const cv::Person& person) {
    std::vector<std::string> spellings{person.name.plain()};
    spellings.insert(spellings.end(), person.aliases.begin(), person.aliases.end());
    return spellings;
}

}  // namespace

std::string fold_name(std::string_view name) {
    const Tokens tokens = tokenize(name);
    std::string folded;
    for (std::size_t i = 0; i < tokens.words.size(); ++i) {
        if (i > 0) folded += ' ';
        for (std::size_t j = 0; j < tokens.words[i].size(); ++j) {
            if (j > 0) folded += '-';
            folded += tokens.words[i][j];
        }
        const auto commas_here = std::count(tokens.commas.begin(), tokens.commas.end(), i + 1);
        folded.append(static_cast<std::size_t>(commas_here), ',');
    }
    return folded;
}

NameParts split_name(std::string_view name) {
    const Tokens tokens = tokenize(name);
    const std::vector<Word>& words = tokens.words;
    NameParts parts;
    if (!tokens.commas.empty()) {
        // "Last, First" (and BibTeX's "Last, Jr., First": the middle is dropped).
        const auto surname_end = words.begin() + static_cast<std::ptrdiff_t>(tokens.commas.front());
        const auto given_begin = words.begin() + static_cast<std::ptrdiff_t>(tokens.commas.back());
        append_parts(parts.surname, words.begin(), surname_end);
        append_parts(parts.given, given_begin, words.end());
        return parts;
    }
    // "Zheng Z. W.": initials after a full word are the given names.
    const auto trailing_initials = std::find_if_not(words.rbegin(), words.rend(), is_initials).base();
    if (trailing_initials != words.begin() && trailing_initials != words.end()) {
        append_parts(parts.surname, words.begin(), trailing_initials);
        append_parts(parts.given, trailing_initials, words.end());
        return parts;
    }
    if (words.empty()) return parts;
    append_parts(parts.given, words.begin(), words.end() - 1);
    append_parts(parts.surname, words.end() - 1, words.end());
    return parts;
}

bool is_same_person(std::string_view author, std::string_view owner) {
    return matches_split(split_name(author), split_name(owner));
}

NameMatcher::NameMatcher(const cv::Person& person) : NameMatcher(spellings_of(person)) {}

NameMatcher::NameMatcher(const std::vector<std::string>& owner_spellings) {
    for (const std::string& spelling : owner_spellings) {
        NameParts parts = split_name(spelling);
        // A spelling without letters could match nothing.
        if (!parts.surname.empty()) owner_spellings_.push_back(std::move(parts));
    }
}

bool NameMatcher::matches(std::string_view author) const {
    const NameParts author_parts = split_name(author);
    return std::any_of(owner_spellings_.begin(), owner_spellings_.end(),
                       [&](const NameParts& owner) { return matches_split(author_parts, owner); });
}

bool NameMatcher::matches(const cv::RichText& author) const {
    return matches(author.plain());
}

}  // namespace vitae::style
