#pragma once
// Where a line may break inside text that has no spaces between its words
// (Chinese, Japanese, Korean set without spaces): the Unicode line
// breaking algorithm (UAX #14, by libunibreak), with its kinsoku rules;
// between the words of Thai text, which UAX #14 leaves to a dictionary
// (libthai's).

#include <cstddef>
#include <string_view>
#include <vector>

namespace vitae::layout {

/// Byte offsets in `text` (UTF-8) after which a line may break between two
/// characters, neither a space, at least one of them East Asian wide
/// (ideographs, kana, Hangul, fullwidth punctuation). No line starts with
/// closing punctuation (、。）」) or ends with opening punctuation (（「);
/// in Japanese ("ja"), none starts with a small kana or the prolonged sound
/// mark ー either (the strict rule of JIS X 4051). In Thai text, offsets
/// between its words. Breaks between words with spaces, or after a
/// hyphen, are the inline builder's own.
[[nodiscard]] std::vector<std::size_t> character_breaks(std::string_view text, std::string_view language);

/// Byte offsets in `text` between two words of Thai (libthai's dictionary),
/// where a line may break: the part of character_breaks that a writer
/// through another program (the .tex) must say itself.
[[nodiscard]] std::vector<std::size_t> thai_word_breaks(std::string_view text);

/// Thai letters, vowels and marks (not its digits, which break like ours).
[[nodiscard]] inline bool is_thai(char32_t code_point) {
    return code_point >= 0x0E01 && code_point <= 0x0E4E;
}

/// Whether a character is written without spaces around it: an ideograph,
/// kana or a Hangul syllable (not punctuation).
[[nodiscard]] bool is_ideographic_letter(char32_t code_point);

}  // namespace vitae::layout
