#pragma once
// Fonts as the layout engine sees them: faces found by family name, glyph
// coverage, and HarfBuzz shaping. The engine uses only FontProvider, so it
// can be tested with made-up metrics; backends use FontData for the bytes
// and outlines they embed or draw.

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vitae/base/diag.hpp"
#include "vitae/layout/frame.hpp"

namespace vitae::layout {

struct FontRequest {
    std::string family;
    bool bold = false;
    bool italic = false;
    /// Text faces must be TrueType (glyf outlines): the PDF backend can only
    /// embed those. Faces used only for outlines (icons) may be CFF.
    bool embeddable = true;
};

struct FaceInfo {
    std::string family;  ///< as installed
    std::string style;   ///< "Bold Italic", …
    std::string path;    ///< the font file
    /// The face's PostScript name ("Lato-Bold"), empty if the file has
    /// none: the one name that picks this very face in fontconfig and XeTeX.
    std::string postscript_name;
    int index = 0;  ///< face index in a collection
    bool bold = false;
    bool italic = false;
    bool embeddable = true;
    // Vertical metrics as fractions of the em (descender negative).
    double ascender = 0.8;
    double descender = -0.2;
    double line_gap = 0;
};

/// How far type of one size reaches above and below the baseline on a line
/// of `line_height` times its size: TeX's baselineskip, the leading shared
/// above and below. A line of several types takes the largest of each side
/// (the engine and the .tex alike).
struct TypeReach {
    double ascent = 0;
    double descent = 0;
};
/// `ink`: how far its glyphs reach, where they may reach past the leading
/// (a face taller than its lines: is_tall): the line reaches that far at
/// least, and a tall letter stays clear of the next line's.
[[nodiscard]] inline TypeReach type_reach(double natural_ascent, double natural_descent, double size,
                                          double line_height, TypeReach ink = {}) {
    const double half_leading = (line_height * size - natural_ascent - natural_descent) / 2;
    return {std::max(natural_ascent + half_leading, ink.ascent),
            std::max(natural_descent + half_leading, ink.descent)};
}

struct ShapedGlyph {
    std::uint32_t glyph = 0;
    std::uint32_t cluster = 0;   ///< byte offset of its first character in the shaped text
    double advance = 0;          ///< in ems, kerning included
    double nominal_advance = 0;  ///< in ems, the glyph's own advance
    double x_offset = 0;         ///< in ems
    double y_offset = 0;         ///< in ems
};

/// A face with no bold of its own is made bold by stroking its outlines
/// as well as filling them, with a line this many ems wide: a stem half
/// as wide again, about the difference between a CJK face's regular and
/// bold weights (xeCJK's AutoFakeBold draws the same way).
inline constexpr double synthetic_bold_stroke = 0.04;

/// A face with no italic is slanted this far (the tangent of the angle,
/// about 11°): an oblique's usual slant, and what fontspec's FakeSlant is
/// commonly given (the .tex asks XeTeX for the same).
inline constexpr double synthetic_italic_slant = 0.2;

/// Whether a face's own ascender and descender span more than a line
/// (`line_height` ems): Amiri's span 1.76 em, for its marks above and
/// below, where a line is 1.2. Its lines are as high as its glyphs' ink
/// needs (type_reach), not as its metrics say: the leading of a line of
/// such text is negative, and its tallest letters ran into the next line.
[[nodiscard]] inline bool is_tall(const FaceInfo& face, double line_height) {
    return face.ascender - face.descender > line_height;
}

class FontProvider {
public:
    virtual ~FontProvider() = default;
    /// The installed face for a request, or nothing (no such family, or
    /// only a non-TrueType file when an embeddable face is asked for).
    /// Asking twice gives the same id.
    [[nodiscard]] virtual std::optional<FaceId> find_face(const FontRequest& request) = 0;
    [[nodiscard]] virtual const FaceInfo& face(FaceId face) const = 0;
    [[nodiscard]] virtual bool has_glyph(FaceId face, char32_t code_point) const = 0;
    /// The glyph for a character, if the face has one.
    [[nodiscard]] virtual std::optional<std::uint32_t> glyph_for(FaceId face, char32_t code_point) const = 0;
    /// Shapes one run of text in one face: kerning on, ligatures off (one
    /// glyph per character keeps text extractable from the PDF).
    [[nodiscard]] virtual std::vector<ShapedGlyph> shape(FaceId face, std::string_view text) const = 0;
    /// shape() in a direction: right to left, the glyphs come in visual
    /// order (their clusters falling) and mirrored characters ("(")
    /// show their mirror image. This default reverses shape()'s glyphs.
    [[nodiscard]] virtual std::vector<ShapedGlyph> shape_directed(FaceId face, std::string_view text,
                                                                  bool right_to_left) const {
        std::vector<ShapedGlyph> glyphs = shape(face, text);
        if (right_to_left) std::reverse(glyphs.begin(), glyphs.end());
        return glyphs;
    }
    /// How far a glyph's ink reaches above and below the baseline (ems);
    /// nothing when unknown.
    [[nodiscard]] virtual std::optional<TypeReach> glyph_ink(FaceId /*face*/, std::uint32_t /*glyph*/) const {
        return std::nullopt;
    }
};

/// How far the ink of `glyphs`, shaped in `face`, reaches (pt at `size`).
[[nodiscard]] TypeReach ink_of(const FontProvider& fonts, FaceId face, const std::vector<ShapedGlyph>& glyphs,
                               double size);

/// Receives a glyph outline, in ems, y up, origin on the baseline.
class OutlineSink {
public:
    virtual ~OutlineSink() = default;
    virtual void move_to(double x, double y) = 0;
    virtual void line_to(double x, double y) = 0;
    virtual void cubic_to(double x1, double y1, double x2, double y2, double x, double y) = 0;
    virtual void close() = 0;
};

class FontData {
public:
    virtual ~FontData() = default;
    /// A TrueType file holding only the given characters of the face
    /// (hb-subset, no hinting), ready to embed.
    [[nodiscard]] virtual std::optional<std::string> subset(
        FaceId face, const std::vector<char32_t>& code_points) const = 0;
    /// Draws a glyph's outline (quadratic curves raised to cubics); false when
    /// the face has no such glyph or its outline cannot be read (a glyph
    /// with no ink, a space, draws nothing and succeeds).
    virtual bool draw_glyph(FaceId face, std::uint32_t glyph, OutlineSink& sink) const = 0;
};

/// The fonts installed on this system: fontconfig to find them, HarfBuzz
/// to read, shape, subset and draw them.
class SystemFonts final : public FontProvider, public FontData {
public:
    SystemFonts();
    ~SystemFonts() override;
    SystemFonts(const SystemFonts&) = delete;
    SystemFonts& operator=(const SystemFonts&) = delete;

    [[nodiscard]] std::optional<FaceId> find_face(const FontRequest& request) override;
    [[nodiscard]] const FaceInfo& face(FaceId face) const override;
    [[nodiscard]] bool has_glyph(FaceId face, char32_t code_point) const override;
    [[nodiscard]] std::optional<std::uint32_t> glyph_for(FaceId face, char32_t code_point) const override;
    [[nodiscard]] std::vector<ShapedGlyph> shape(FaceId face, std::string_view text) const override;
    [[nodiscard]] std::optional<TypeReach> glyph_ink(FaceId face, std::uint32_t glyph) const override;
    [[nodiscard]] std::vector<ShapedGlyph> shape_directed(FaceId face, std::string_view text,
                                                          bool right_to_left) const override;
    [[nodiscard]] std::optional<std::string> subset(FaceId face,
                                                    const std::vector<char32_t>& code_points) const override;
    bool draw_glyph(FaceId face, std::uint32_t glyph, OutlineSink& sink) const override;

    /// Why the last find_face failed ("not installed (fontconfig offers
    /// DejaVu Sans)", "only an OpenType/CFF file is installed: …").
    [[nodiscard]] const std::string& last_failure() const;

private:
    [[nodiscard]] std::vector<ShapedGlyph> shape_uncached(FaceId face, std::string_view text,
                                                          bool right_to_left) const;

    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The code point of an icon in the icon font (Font Awesome 4.7).
[[nodiscard]] std::optional<char32_t> icon_code_point(std::string_view icon_name);

/// The one character a base followed by combining marks composes into
/// ("n" U+0303: "ñ"; "e" U+0323 U+0302: "ệ"), by Unicode's canonical
/// composition; nothing if the text is not such a sequence. Shaping turns
/// such a sequence into the precomposed character's glyph when the face
/// has it, and a backend that shows characters must show that one.
[[nodiscard]] std::optional<char32_t> composed_character(std::string_view text);

/// Whether a family name reads as a serif face ("CMU Serif", "Times New
/// Roman", "Georgia"), for choosing a stand-in font the backends have.
[[nodiscard]] bool is_serif_family(std::string_view family);

}  // namespace vitae::layout
