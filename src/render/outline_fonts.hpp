#pragma once
// Glyphs no embedded font can show — icons, characters beyond the Basic
// Multilingual Plane, which libharu's 16-bit Identity-H fonts have no code
// for — shown as the glyphs of Type 3 fonts (PDF 32000-1 §9.6.5): each
// glyph's outline becomes a glyph procedure, and the font's ToUnicode map
// says what it reads as. Drawn as bare paths they had no text at all, and
// an /ActualText over them reaches poppler alone: pdfminer and MuPDF read
// a font's ToUnicode and nothing else.

#include <hpdf.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "vitae/layout/fonts.hpp"
#include "vitae/layout/frame.hpp"

namespace vitae::render {

/// How a glyph is shown: this font, this one-byte code.
struct OutlineCode {
    HPDF_Dict font = nullptr;
    unsigned char code = 0;
};

class OutlineFonts {
public:
    explicit OutlineFonts(const layout::FontData& font_data) : font_data_(font_data) {}

    /// The font and code that show `glyph` and read as `text`; its glyph
    /// procedure is written the first time it is asked for. nullopt when
    /// libharu failed (its error is recorded in the document). `drawn` is
    /// false when the font data has no outline for it (it then shows
    /// nothing, and still reads as its text).
    std::optional<OutlineCode> code(HPDF_Doc pdf, const layout::OutlineGlyph& glyph, std::string_view text,
                                    bool& drawn);

    /// Writes what each font learnt while the pages were drawn: its widths,
    /// encoding, ToUnicode map and bounding box. Before the document is
    /// saved; false when libharu failed.
    bool finish(HPDF_Doc pdf);

private:
    /// Glyph space, ems to the font's units (its /FontMatrix scales back).
    struct GlyphBox {
        long left = 0, bottom = 0, right = 0, top = 0;
    };
    struct Glyph {
        long width = 0;    ///< in thousandths of an em
        std::string text;  ///< what it reads as (UTF-8)
    };
    struct Font {
        HPDF_Dict dict = nullptr;
        HPDF_Dict procedures = nullptr;  ///< /CharProcs
        std::vector<Glyph> glyphs;       ///< by code, from first_code
        std::optional<GlyphBox> box;
    };
    /// A glyph of a face, reading as a text at a width: one code.
    using GlyphKey = std::tuple<layout::FaceId, std::uint32_t, std::string, long>;

    bool start_font(HPDF_Doc pdf);

    const layout::FontData& font_data_;
    std::vector<Font> fonts_;
    std::map<GlyphKey, OutlineCode> codes_;
};

}  // namespace vitae::render
