#include "segmentation.hpp"

#include <linebreak.h>

#include <mutex>
#include <string>

#include "vitae/base/utf8.hpp"

namespace vitae::layout {

namespace {

/// East Asian wide or fullwidth (utf8::display_width's two columns).
bool is_wide(char32_t code_point) {
    return utf8::display_width(code_point) == 2;
}

/// Japanese characters no line may start with under the strict rule: small
/// kana and the prolonged sound mark (UAX #14's class CJ, which it breaks
/// before as an ideograph unless told to be strict).
bool is_small_kana(char32_t code_point) {
    constexpr std::u32string_view small_kana = U"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶー";
    return small_kana.find(code_point) != std::u32string_view::npos ||
           (code_point >= 0x31F0 && code_point <= 0x31FF);  // Katakana Phonetic Extensions
}

}  // namespace

bool is_ideographic_letter(char32_t c) {
    return (c >= 0x3040 && c <= 0x30FF && c != 0x30FB) ||  // kana, not the middle dot
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x20000 && c <= 0x3FFFF);
}

std::vector<std::size_t> character_breaks(std::string_view text, std::string_view language) {
    std::vector<std::size_t> breaks;
    // Most text has no wide character: no work for it.
    bool any_wide = false;
    for (std::size_t offset = 0; offset < text.size() && !any_wide;) {
        if (static_cast<unsigned char>(text[offset]) < 0xE1) {
            utf8::next(text, offset);
            continue;
        }
        any_wide = is_wide(utf8::next(text, offset));
    }
    if (!any_wide) return breaks;
    static std::once_flag initialised;
    std::call_once(initialised, init_linebreak);
    // libunibreak: brks[i] says what may happen after byte i.
    std::vector<char> opportunities(text.size());
    const std::string language_tag{language};
    set_linebreaks_utf8(reinterpret_cast<const utf8_t*>(text.data()), text.size(), language_tag.c_str(),
                        opportunities.data());
    const bool strict = language.starts_with("ja");
    for (std::size_t offset = 0; offset < text.size();) {
        const char32_t character = utf8::next(text, offset);
        if (offset < text.size() && opportunities[offset - 1] == LINEBREAK_ALLOWBREAK) {
            std::size_t next_offset = offset;
            const char32_t after = utf8::next(text, next_offset);
            const bool spaces = utf8::is_space(character) || utf8::is_space(after);
            const bool east_asian = is_wide(character) || is_wide(after);
            if (!spaces && east_asian && character != U'-' && !(strict && is_small_kana(after)))
                breaks.push_back(offset);
        }
    }
    return breaks;
}

}  // namespace vitae::layout
