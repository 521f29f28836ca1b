#pragma once
// Fonts for a system without any: the PDF's base-14 set, which every PDF
// reader has. A font provider of the render stage, not of layout: its
// widths are libharu's, the ones the PDF writer writes for these fonts.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vitae/layout/fonts.hpp"

namespace vitae::render {

/// The fonts every PDF reader has: Helvetica and Times from the PDF's
/// base-14 set, measured with libharu's built-in Adobe metrics, for a
/// system without a single TrueType font. They are not embedded, so they
/// can only show Windows-1252 (CP1252) text: Western European letters and
/// typographic punctuation. Sans-serif families become Helvetica, serif
/// ones (Times, Garamond, "… Serif", …) Times. Every text family is
/// answered; outline-only requests (icons) are not, since these faces have
/// no outlines to draw. A face's file path is empty, which is how write_pdf
/// tells it apart from an embedded font; its family is the base-14 name.
class Base14Fonts final : public layout::FontProvider, public layout::FontData {
public:
    Base14Fonts();
    ~Base14Fonts() override;
    Base14Fonts(const Base14Fonts&) = delete;
    Base14Fonts& operator=(const Base14Fonts&) = delete;

    [[nodiscard]] std::optional<layout::FaceId> find_face(const layout::FontRequest& request) override;
    [[nodiscard]] const layout::FaceInfo& face(layout::FaceId face) const override;
    /// True for the characters CP1252 holds, except control characters.
    [[nodiscard]] bool has_glyph(layout::FaceId face, char32_t code_point) const override;
    /// The character's CP1252 byte.
    [[nodiscard]] std::optional<std::uint32_t> glyph_for(layout::FaceId face,
                                                         char32_t code_point) const override;
    /// One glyph per character at its Adobe width, no kerning; a character
    /// outside CP1252 is measured as the '?' it will be shown as.
    [[nodiscard]] std::vector<layout::ShapedGlyph> shape(layout::FaceId face,
                                                         std::string_view text) const override;
    /// Nothing: base-14 fonts are not embedded.
    [[nodiscard]] std::optional<std::string> subset(layout::FaceId face,
                                                    const std::vector<char32_t>& code_points) const override;
    /// False: libharu has the widths of these fonts, not their outlines.
    bool draw_glyph(layout::FaceId face, std::uint32_t glyph, layout::OutlineSink& sink) const override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace vitae::render
