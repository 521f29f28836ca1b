#include "vitae/layout/segmentation.hpp"

#include <linebreak.h>
#include <thai/thbrk.h>
#include <thai/thwbrk.h>

#include <algorithm>
#include <climits>
#include <memory>
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

struct ThaiBreakerDelete {
    void operator()(ThBrk* breaker) const { th_brk_delete(breaker); }
};

/// Adds to `breaks` the byte offsets between the words of a stretch of Thai
/// (`characters`, at byte offsets `offsets`), by libthai's dictionary;
/// none at either end of it.
void break_thai_words(const std::u32string& characters, const std::vector<std::size_t>& offsets,
                      std::vector<std::size_t>& breaks) {
    // Loaded once (the dictionary is a trie of some 700 KB); libthai's
    // breaker keeps state while it works: one caller at a time.
    static std::mutex in_use;
    static const std::unique_ptr<ThBrk, ThaiBreakerDelete> breaker{th_brk_new(nullptr)};
    if (!breaker || characters.size() < 2 || characters.size() > static_cast<std::size_t>(INT_MAX)) return;
    const std::wstring wide(characters.begin(), characters.end());  // wchar_t is UCS-4 here
    std::vector<int> positions(characters.size());
    int found = 0;
    {
        const std::lock_guard lock{in_use};
        found = th_brk_wc_find_breaks(breaker.get(), wide.c_str(), positions.data(), positions.size());
    }
    for (int index = 0; index < found; ++index) {
        const auto position = static_cast<std::size_t>(positions[static_cast<std::size_t>(index)]);
        if (position > 0 && position < characters.size()) breaks.push_back(offsets[position]);
    }
}

}  // namespace

std::vector<std::size_t> thai_word_breaks(std::string_view text) {
    std::vector<std::size_t> breaks;
    std::u32string stretch;
    std::vector<std::size_t> offsets;  // of each character of the stretch
    const auto finish = [&] {
        break_thai_words(stretch, offsets, breaks);
        stretch.clear();
        offsets.clear();
    };
    for (std::size_t offset = 0; offset < text.size();) {
        const std::size_t begin = offset;
        const char32_t character = utf8::next(text, offset);
        if (is_thai(character)) {
            stretch.push_back(character);
            offsets.push_back(begin);
        } else if (!stretch.empty()) {
            finish();
        }
    }
    if (!stretch.empty()) finish();
    return breaks;
}

bool is_ideographic_letter(char32_t c) {
    return (c >= 0x3040 && c <= 0x30FF && c != 0x30FB) ||  // kana, not the middle dot
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x20000 && c <= 0x3FFFF);
}

std::vector<std::size_t> character_breaks(std::string_view text, std::string_view language) {
    std::vector<std::size_t> breaks;
    // Most text has no wide character and no Thai: no work for it. (Thai
    // starts with byte 0xE0, wide characters from 0xE1.)
    bool any_wide = false;
    bool any_thai = false;
    for (std::size_t offset = 0; offset < text.size() && !(any_wide && any_thai);) {
        if (static_cast<unsigned char>(text[offset]) < 0xE0) {
            utf8::next(text, offset);
            continue;
        }
        const char32_t character = utf8::next(text, offset);
        any_wide = any_wide || is_wide(character);
        any_thai = any_thai || is_thai(character);
    }
    // In the text's order; merged with the wide characters' below.
    if (any_thai) breaks = thai_word_breaks(text);
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
    std::sort(breaks.begin(), breaks.end());
    breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
    return breaks;
}

}  // namespace vitae::layout
