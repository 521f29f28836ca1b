#include "vitae/base/utf8.hpp"

#include <fmt/format.h>

namespace vitae::utf8 {

namespace {

constexpr char32_t replacement_character = 0xFFFD;

bool is_continuation(unsigned char byte) {
    return (byte & 0xC0) == 0x80;
}

}  // namespace

char32_t before(std::string_view text, std::size_t end) {
    std::size_t start = end - 1;
    // Back over continuation bytes (10xxxxxx) to the sequence's lead byte.
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0U) == 0x80U) --start;
    return next(text, start);
}

char32_t next(std::string_view text, std::size_t& offset) {
    const auto lead = static_cast<unsigned char>(text[offset]);
    std::size_t extra = 0;
    char32_t code_point = 0;
    if (lead < 0x80) {
        ++offset;
        return lead;
    }
    if ((lead & 0xE0) == 0xC0) {
        extra = 1;
        code_point = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        extra = 2;
        code_point = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        extra = 3;
        code_point = lead & 0x07;
    } else {
        ++offset;
        return replacement_character;
    }
    if (offset + extra >= text.size()) {  // truncated sequence
        ++offset;
        return replacement_character;
    }
    for (std::size_t i = 1; i <= extra; ++i) {
        const auto byte = static_cast<unsigned char>(text[offset + i]);
        if (!is_continuation(byte)) {
            ++offset;
            return replacement_character;
        }
        code_point = (code_point << 6) | (byte & 0x3F);
    }
    offset += extra + 1;
    return code_point;
}

std::size_t find_invalid(std::string_view text, std::size_t from) {
    std::size_t offset = from;
    while (offset < text.size()) {
        const std::size_t begin = offset;
        const auto lead = static_cast<unsigned char>(text[offset]);
        const std::size_t length = lead < 0x80             ? 1
                                   : (lead & 0xE0) == 0xC0 ? 2
                                   : (lead & 0xF0) == 0xE0 ? 3
                                   : (lead & 0xF8) == 0xF0 ? 4
                                                           : 0;
        const char32_t code_point = next(text, offset);
        const bool well_formed = length != 0 && offset - begin == length &&
                                 code_point != replacement_character && !(length == 2 && code_point < 0x80) &&
                                 !(length == 3 && code_point < 0x800) &&
                                 !(length == 4 && code_point < 0x10000) &&
                                 !(code_point >= 0xD800 && code_point <= 0xDFFF) && code_point <= 0x10FFFF;
        // A literal U+FFFD in the text is well formed too.
        const bool literal_replacement = length == 3 && text.substr(begin, 3) == "\xEF\xBF\xBD";
        if (!well_formed && !literal_replacement) return begin;
    }
    return std::string_view::npos;
}

void append(std::string& out, char32_t code_point) {
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code_point >> 18));
        out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
}

std::size_t length(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t offset = 0; offset < text.size();) {
        next(text, offset);
        ++count;
    }
    return count;
}

std::size_t display_width(char32_t c) {
    const bool combining = (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
                           (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F) || c == 0x200B ||
                           c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F);
    if (combining) return 0;
    const bool wide =
        (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
        (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
        (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x20000 && c <= 0x3FFFD);
    return wide ? 2 : 1;
}

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (std::size_t offset = 0; offset < text.size();) width += display_width(next(text, offset));
    return width;
}

namespace {

// Latin Extended-A (U+0100–U+017F) sets each capital beside its small
// letter. The capital comes first at even code points, except in the runs
// Ĺ–ň and Ź–ž, which start at odd ones; ı, ĸ, ŉ and ſ have no pair here.
constexpr char32_t latin_a_first = 0x100;
constexpr char32_t latin_a_last = 0x17E;

bool in_latin_a_pairs(char32_t c) {
    return c >= latin_a_first && c <= latin_a_last && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 &&
           c != 0x178;
}

bool is_latin_a_capital(char32_t c) {
    const bool capital_is_odd = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    return (c % 2 == 1) == capital_is_odd;
}

// Latin-1's letters: small ones 0x20 above their capitals (× and ÷ aside).
constexpr char32_t latin1_capital_first = 0xC0;
constexpr char32_t latin1_capital_last = 0xDE;
constexpr char32_t latin1_case_offset = 0x20;
constexpr char32_t multiplication_sign = 0xD7;
constexpr char32_t y_diaeresis = 0xFF;
constexpr char32_t capital_y_diaeresis = 0x178;

}  // namespace

char32_t to_upper(char32_t c) {
    if (c >= U'a' && c <= U'z') return c - 32;
    if (c >= latin1_capital_first + latin1_case_offset && c <= latin1_capital_last + latin1_case_offset &&
        c != multiplication_sign + latin1_case_offset)
        return c - latin1_case_offset;
    if (c == y_diaeresis) return capital_y_diaeresis;
    if (in_latin_a_pairs(c) && !is_latin_a_capital(c)) return c - 1;
    return c;
}

char32_t to_lower(char32_t c) {
    if (c >= U'A' && c <= U'Z') return c + 32;
    if (c >= latin1_capital_first && c <= latin1_capital_last && c != multiplication_sign)
        return c + latin1_case_offset;
    if (c == capital_y_diaeresis) return y_diaeresis;
    if (in_latin_a_pairs(c) && is_latin_a_capital(c)) return c + 1;
    // Greek Α–Ω and Cyrillic А–Я sit 0x20 below their small letters,
    // Cyrillic Ѐ–Џ 0x50 below.
    if ((c >= 0x391 && c <= 0x3A9 && c != 0x3A2) || (c >= 0x410 && c <= 0x42F)) return c + 0x20;
    if (c >= 0x400 && c <= 0x40F) return c + 0x50;
    return c;
}

std::string describe(char32_t code_point) {
    std::string shown;
    append(shown, code_point);
    return fmt::format("'{}' (U+{:04X})", shown, static_cast<unsigned>(code_point));
}

bool is_space(char32_t code_point) {
    constexpr char32_t no_break_space = 0xA0;
    constexpr char32_t first_typographic_space = 0x2000;  // en quad …
    constexpr char32_t last_typographic_space = 0x200A;   // … hair space
    constexpr char32_t narrow_no_break_space = 0x202F;
    constexpr char32_t medium_mathematical_space = 0x205F;
    constexpr char32_t ideographic_space = 0x3000;
    return code_point == U' ' || code_point == U'\t' || code_point == U'\n' || code_point == U'\r' ||
           code_point == U'\f' || code_point == no_break_space ||
           (code_point >= first_typographic_space && code_point <= last_typographic_space) ||
           code_point == narrow_no_break_space || code_point == medium_mathematical_space ||
           code_point == ideographic_space;
}

bool is_control(char32_t code_point) {
    constexpr char32_t last_c0 = 0x1F;
    constexpr char32_t delete_character = 0x7F;
    constexpr char32_t last_c1 = 0x9F;
    constexpr char32_t line_separator = 0x2028;
    constexpr char32_t paragraph_separator = 0x2029;
    return code_point <= last_c0 || (code_point >= delete_character && code_point <= last_c1) ||
           code_point == line_separator || code_point == paragraph_separator;
}

}  // namespace vitae::utf8
