#include "vitae/frame.hpp"

#include <cstdint>
#include <limits>

#include "vitae/limits.hpp"

namespace vitae::layout {

// Offsets into a run's characters are 32 bits: a run is part of one
// paragraph, whose text comes from an input file or a BibTeX expansion,
// each bounded far below 4 GB.
static_assert(limits::max_input_bytes < std::numeric_limits<std::uint32_t>::max() / 4);
static_assert(limits::max_bibtex_expansion_bytes < std::numeric_limits<std::uint32_t>::max() / 4);

void GlyphString::push_back(std::uint32_t glyph, std::string_view text, double x, double nominal_advance) {
    characters_ += text;
    glyphs_.push_back(
        PositionedGlyph{glyph, static_cast<std::uint32_t>(characters_.size()), x, nominal_advance});
}

void GlyphString::append(const GlyphString& other, double offset) {
    const auto base = static_cast<std::uint32_t>(characters_.size());
    characters_ += other.characters_;
    glyphs_.reserve(glyphs_.size() + other.glyphs_.size());
    for (PositionedGlyph glyph : other.glyphs_) {
        glyph.text_end += base;
        glyph.x += offset;
        glyphs_.push_back(glyph);
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
