#pragma once
// Windows-1252 (CP1252): the single-byte encoding of the base-14 fonts'
// text and of embedded fonts whose characters it holds. Shared by the PDF
// writer and Base14Fonts.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vitae::render {

/// The values a byte can have: the size of a table indexed by one.
constexpr std::size_t byte_values = 256;
/// Shown for a character a base-14 font cannot show.
constexpr char unrepresentable_marker = '?';

/// The Windows-1252 byte of a character, if it has one that shows a glyph.
[[nodiscard]] std::optional<unsigned char> cp1252_byte(char32_t code_point);

/// The character a Windows-1252 byte shows, if it shows one.
[[nodiscard]] std::optional<char32_t> cp1252_character(unsigned char byte);

/// UTF-8 text as Windows-1252 bytes; characters it lacks become '?'.
[[nodiscard]] std::string cp1252_text(std::string_view utf8_text);

}  // namespace vitae::render
