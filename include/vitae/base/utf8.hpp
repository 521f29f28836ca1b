#pragma once
// Small UTF-8 helpers shared by every stage: columns are counted in code
// points, and plain-text output needs display widths.

#include <cstddef>
#include <string>
#include <string_view>

namespace vitae::utf8 {

/// Decodes the code point starting at `text[offset]` and advances `offset`.
/// Invalid bytes decode as U+FFFD, one byte at a time (the loader has
/// already rejected invalid UTF-8, so this only guards against misuse).
char32_t next(std::string_view text, std::size_t& offset);

/// The code point that ends at `end` (0 < end <= text.size()): the one
/// `next` would read from the start of its sequence.
[[nodiscard]] char32_t before(std::string_view text, std::size_t end);

/// Offset of the first byte at or after `from` that does not start a
/// well-formed UTF-8 sequence (overlong forms, surrogates and code points
/// past U+10FFFF included), or std::string_view::npos.
[[nodiscard]] std::size_t find_invalid(std::string_view text, std::size_t from = 0);

void append(std::string& out, char32_t code_point);

[[nodiscard]] std::size_t length(std::string_view text);

/// Columns a terminal gives the text: 2 for wide East Asian characters and
/// emoji, 0 for combining marks, 1 otherwise.
[[nodiscard]] std::size_t display_width(std::string_view text);
[[nodiscard]] std::size_t display_width(char32_t code_point);

/// Upper case for the Latin letters a heading is likely to hold (ASCII,
/// Latin-1 and Latin Extended-A); other characters are returned as they are.
[[nodiscard]] char32_t to_upper(char32_t code_point);

/// Lower case for the same letters, and for Greek and Cyrillic capitals:
/// enough to compare the words of a CV and a job ad without case.
[[nodiscard]] char32_t to_lower(char32_t code_point);

/// Whether the character is a control no output prints: a C0 control (tab
/// and line feed included), DEL, a C1 control, or the line and paragraph
/// separators U+2028 and U+2029 (no font draws them and no one sees them in
/// a file). The loaders refuse them, the LaTeX writer turns them into
/// spaces, and diagnostics show them as escapes.
[[nodiscard]] bool is_control(char32_t code_point);

/// Whether the character is a space between words: ASCII's (tab and line
/// ends included) and Unicode's spaces (no-break, typographic, ideographic).
[[nodiscard]] bool is_space(char32_t code_point);

/// "'é' (U+00E9)": a character as diagnostics show it.
[[nodiscard]] std::string describe(char32_t code_point);

}  // namespace vitae::utf8
