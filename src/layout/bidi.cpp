#include "vitae/layout/bidi.hpp"

#include <fribidi.h>

#include <algorithm>
#include <climits>
#include <numeric>

#include "vitae/base/utf8.hpp"

namespace vitae::layout {

bool is_right_to_left(char32_t c) {
    return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

bool has_right_to_left(std::string_view text) {
    for (std::size_t offset = 0; offset < text.size();) {
        if (is_right_to_left(utf8::next(text, offset))) return true;
    }
    return false;
}

BaseDirection base_direction_of(const compose::Inline& pieces, bool paragraph) {
    if (!paragraph || pieces.size() != 1) return BaseDirection::of_document;
    const compose::Piece& only = pieces.front();
    return only.kind == compose::Piece::Kind::rich && !only.bold && !only.breakable
               ? BaseDirection::of_text
               : BaseDirection::of_document;
}

char32_t mirrored(char32_t code_point) {
    FriBidiChar mirror = code_point;
    return fribidi_get_mirror_char(code_point, &mirror) != 0 ? static_cast<char32_t>(mirror) : code_point;
}

BidiParagraph bidi_paragraph(std::string_view text, bool right_to_left_document, BaseDirection base) {
    std::vector<FriBidiChar> characters;
    bool any_right_to_left = false;
    for (std::size_t offset = 0; offset < text.size();) {
        const char32_t code_point = utf8::next(text, offset);
        any_right_to_left = any_right_to_left || is_right_to_left(code_point);
        characters.push_back(code_point);
    }
    // Text of a left-to-right CV with no right-to-left character: all
    // left to right, whatever it holds (fribidi would say the same).
    const BidiLevel document_level = right_to_left_document ? 1 : 0;
    if ((!any_right_to_left && !right_to_left_document) || characters.empty() ||
        characters.size() > static_cast<std::size_t>(INT_MAX))
        return {document_level, std::vector<BidiLevel>(characters.size(), document_level)};
    const auto length = static_cast<FriBidiStrIndex>(characters.size());
    std::vector<FriBidiCharType> types(characters.size());
    std::vector<FriBidiBracketType> brackets(characters.size());
    std::vector<FriBidiLevel> levels(characters.size());
    fribidi_get_bidi_types(characters.data(), length, types.data());
    fribidi_get_bracket_types(characters.data(), length, types.data(), brackets.data());
    FriBidiParType direction = base == BaseDirection::of_text
                                   ? (right_to_left_document ? FRIBIDI_PAR_WRTL : FRIBIDI_PAR_WLTR)
                                   : (right_to_left_document ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR);
    if (fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), length, &direction,
                                            levels.data()) == 0)
        return {document_level, std::vector<BidiLevel>(characters.size(), document_level)};
    return {static_cast<BidiLevel>(FRIBIDI_IS_RTL(direction) ? 1 : 0), {levels.begin(), levels.end()}};
}

BidiParagraph bidi_paragraph(const cv::RichText& text, bool right_to_left_document, BaseDirection base) {
    std::string whole;
    for (const cv::Span& span : text.spans) whole += span.text;
    return bidi_paragraph(whole, right_to_left_document, base);
}

std::vector<std::size_t> visual_order(const std::vector<BidiLevel>& levels) {
    std::vector<std::size_t> order(levels.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (levels.empty()) return order;
    const BidiLevel highest = *std::max_element(levels.begin(), levels.end());
    BidiLevel lowest_odd = UCHAR_MAX;
    for (const BidiLevel level : levels) {
        if (reads_right_to_left(level)) lowest_odd = std::min(lowest_odd, level);
    }
    if (lowest_odd == UCHAR_MAX) return order;
    for (int level = highest; level >= lowest_odd; --level) {
        for (std::size_t start = 0; start < order.size();) {
            if (levels[order[start]] < level) {
                ++start;
                continue;
            }
            std::size_t end = start;
            while (end < order.size() && levels[order[end]] >= level) ++end;
            std::reverse(order.begin() + static_cast<std::ptrdiff_t>(start),
                         order.begin() + static_cast<std::ptrdiff_t>(end));
            start = end;
        }
    }
    return order;
}

}  // namespace vitae::layout
