#include "cp1252.hpp"

#include <algorithm>
#include <array>

#include "vitae/base/utf8.hpp"

namespace vitae::render {

namespace {

/// Where Windows-1252 agrees with Unicode: printable ASCII, and Latin-1
/// from the no-break space on. Control characters have no glyph.
constexpr char32_t first_printable_ascii = 0x20;
constexpr char32_t last_printable_ascii = 0x7E;
constexpr char32_t first_latin1_letter_block = 0xA0;
constexpr char32_t last_latin1 = 0xFF;
/// Windows-1252 puts typographic characters at 0x80–0x9F, where Latin-1
/// has control codes: the euro, curly quotes, dashes, the bullet, …
constexpr unsigned char first_windows_extra = 0x80;
constexpr std::array<char32_t, 32> windows_extras = {
    U'€', 0,    U'‚', U'ƒ', U'„', U'…', U'†', U'‡', U'ˆ', U'‰', U'Š', U'‹', U'Œ', 0, U'Ž', 0,
    0,    U'‘', U'’', U'“', U'”', U'•', U'–', U'—', U'˜', U'™', U'š', U'›', U'œ', 0, U'ž', U'Ÿ',
};  // 0: a byte Windows-1252 leaves unassigned

}  // namespace

std::optional<unsigned char> cp1252_byte(char32_t code_point) {
    const bool same_as_unicode =
        (code_point >= first_printable_ascii && code_point <= last_printable_ascii) ||
        (code_point >= first_latin1_letter_block && code_point <= last_latin1);
    if (same_as_unicode) return static_cast<unsigned char>(code_point);
    if (code_point == 0) return std::nullopt;  // an unassigned byte in the table
    const auto found = std::find(windows_extras.begin(), windows_extras.end(), code_point);
    if (found == windows_extras.end()) return std::nullopt;
    return static_cast<unsigned char>(first_windows_extra + (found - windows_extras.begin()));
}

std::optional<char32_t> cp1252_character(unsigned char byte) {
    const std::size_t extra_index = static_cast<std::size_t>(byte) - first_windows_extra;
    if (byte >= first_windows_extra && extra_index < windows_extras.size()) {
        const char32_t extra = windows_extras[extra_index];
        if (extra == 0) return std::nullopt;
        return extra;
    }
    if (cp1252_byte(byte) != byte) return std::nullopt;  // a control character
    return byte;
}

std::string cp1252_text(std::string_view utf8_text) {
    std::string out;
    out.reserve(utf8_text.size());
    for (std::size_t offset = 0; offset < utf8_text.size();) {
        const std::optional<unsigned char> byte = cp1252_byte(utf8::next(utf8_text, offset));
        out += byte ? static_cast<char>(*byte) : unrepresentable_marker;
    }
    return out;
}

}  // namespace vitae::render
