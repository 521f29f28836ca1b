#include "vitae/layout/frame.hpp"

#include <cmath>
#include <cstdint>
#include <limits>

#include "vitae/base/limits.hpp"

namespace vitae::layout {

// Offsets into a run's characters have 31 bits (text_end): a run is part
// of one paragraph, whose text comes from an input file or a BibTeX
// expansion, each bounded far below 2 GB.
static_assert(limits::max_input_bytes < std::numeric_limits<std::uint32_t>::max() / 4);
static_assert(limits::max_bibtex_expansion_bytes < std::numeric_limits<std::uint32_t>::max() / 4);

namespace {

/// The 31 bits of PositionedGlyph::text_end (the static_asserts above keep
/// every offset below it).
constexpr std::uint32_t text_end_mask = (std::uint32_t{1} << 31) - 1;

bool is_kerned(double x, double previous_x, double previous_nominal_advance) {
    return std::abs(x - (previous_x + previous_nominal_advance)) >= same_position_tolerance;
}

}  // namespace

void GlyphString::push_back(std::uint32_t glyph, std::string_view text, double x, double nominal_advance) {
    characters_ += text;
    const bool kerned = !glyphs_.empty() && is_kerned(x, glyphs_.back().x, last_nominal_advance_);
    glyphs_.push_back(
        PositionedGlyph{x, glyph, static_cast<std::uint32_t>(characters_.size()) & text_end_mask, kerned});
    last_nominal_advance_ = nominal_advance;
}

void GlyphString::append(const GlyphString& other, const std::vector<double>& other_nominal_advances,
                         double offset) {
    glyphs_.reserve(glyphs_.size() + other.glyphs_.size());
    characters_.reserve(characters_.size() + other.characters_.size());
    for (std::size_t index = 0; index < other.size(); ++index) {
        push_back(other[index].glyph, other.text(index), other[index].x + offset,
                  other_nominal_advances[index]);
    }
}

void GlyphString::shrink_to_fit() {
    glyphs_.shrink_to_fit();
    characters_.shrink_to_fit();
}

std::string_view GlyphString::text(std::size_t index) const {
    const std::size_t begin = index == 0 ? 0 : glyphs_[index - 1].text_end;
    return std::string_view{characters_}.substr(begin, glyphs_[index].text_end - begin);
}

}  // namespace vitae::layout
