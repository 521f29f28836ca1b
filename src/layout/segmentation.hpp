#pragma once
// Where a line may break inside text that has no spaces between its words
// (Chinese, Japanese, Korean set without spaces): the Unicode line
// breaking algorithm (UAX #14, by libunibreak), with its kinsoku rules.

#include <cstddef>
#include <string_view>
#include <vector>

namespace vitae::layout {

/// Byte offsets in `text` (UTF-8) after which a line may break between two
/// characters, neither a space, at least one of them East Asian wide
/// (ideographs, kana, Hangul, fullwidth punctuation). No line starts with
/// closing punctuation (、。）」) or ends with opening punctuation (（「);
/// in Japanese ("ja"), none starts with a small kana or the prolonged sound
/// mark ー either (the strict rule of JIS X 4051). Breaks between words
/// with spaces, or after a hyphen, are the inline builder's own.
[[nodiscard]] std::vector<std::size_t> character_breaks(std::string_view text, std::string_view language);

/// Whether a character is written without spaces around it: an ideograph,
/// kana or a Hangul syllable (not punctuation).
[[nodiscard]] bool is_ideographic_letter(char32_t code_point);

}  // namespace vitae::layout
