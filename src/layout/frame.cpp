#include "vitae/frame.hpp"

namespace vitae::layout {

std::string TextRun::text() const {
    std::string result;
    for (const PositionedGlyph& glyph : glyphs) result += glyph.text;
    return result;
}

}  // namespace vitae::layout
