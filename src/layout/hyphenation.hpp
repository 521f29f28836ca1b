#pragma once
// Where a word may be hyphenated: Liang's patterns, as Debian installs
// them for LibreOffice (the hyphen-* packages), read and applied here.
//
// libhyphen reads the same files, but builds a state machine from them
// that took 2.2 to 3.9 s for German's 78,000 patterns on this project's
// machines: longer than a whole build. A hash table of the patterns, as in
// Liang's thesis and TeX's "trie" in spirit, loads German in milliseconds.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vitae::layout {

/// Where Debian's hyphen-* packages put their dictionaries.
inline constexpr std::string_view hyphenation_directory = "/usr/share/hyphen";

/// The installed dictionary for a language tag ("de", "pt-BR"), most
/// specific first: hyph_pt_BR.dic, hyph_pt.dic, then the first
/// hyph_pt_*.dic in name order.
[[nodiscard]] std::optional<std::string> hyphenation_dictionary(
    std::string_view language_tag, std::string_view directory = hyphenation_directory);

/// The least number of characters a hyphen leaves before and after it in a
/// word (TeX's \lefthyphenmin and \righthyphenmin).
struct FragmentMinimum {
    int left = 2;
    int right = 3;
};

/// Whether a character is part of a word the patterns can break (a letter
/// or a combining mark, in any script).
[[nodiscard]] bool is_word_character(char32_t code_point);
/// Whether a character is a capital letter.
[[nodiscard]] bool is_capital(char32_t code_point);

/// One language's hyphenation patterns, shared by every layout that uses
/// them (read once a process).
class Hyphenator {
public:
    /// The patterns of a dictionary file (libhyphen's format); nothing when
    /// it cannot be read.
    [[nodiscard]] static std::shared_ptr<const Hyphenator> load(const std::string& path);

    /// Byte offsets in `word` (UTF-8, word characters only) after which a
    /// hyphen may break it, in order. Patterns that change a word where
    /// they break it (German's old "Schiff-fahrt") are left out; a word the
    /// dictionary's characters cannot spell, or longer than TeX's 63
    /// letters, is not broken at all.
    [[nodiscard]] std::vector<std::size_t> points(std::string_view word, FragmentMinimum minimum) const;

    [[nodiscard]] const std::string& path() const { return path_; }

    struct Level;
    Hyphenator(std::string path, std::vector<Level> levels, FragmentMinimum word_minimum,
               FragmentMinimum compound_minimum);
    Hyphenator(const Hyphenator&) = delete;
    Hyphenator& operator=(const Hyphenator&) = delete;
    ~Hyphenator();

private:
    std::string path_;
    /// A dictionary of two levels (NEXTLEVEL) breaks compounds into their
    /// words with the first, and each word into syllables with the second.
    std::vector<Level> levels_;
    FragmentMinimum word_minimum_;      ///< the dictionary's own (LEFTHYPHENMIN …)
    FragmentMinimum compound_minimum_;  ///< around a compound's joints
};

}  // namespace vitae::layout
