#pragma once
// The PDF backend (libharu): frames in, PDF bytes out.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vitae/base/diag.hpp"
#include "vitae/layout/fonts.hpp"
#include "vitae/layout/frame.hpp"

namespace vitae::render {

struct PdfOptions {
    /// Seconds since 1970 for the creation and modification dates
    /// (SOURCE_DATE_EPOCH); no date is written when absent, so the bytes
    /// depend on the input only.
    std::optional<long long> date;
};

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

/// A PDF written page by page as a layout hands them over (see
/// layout_document with a sink): each page is drawn when it comes, so a
/// long CV's pages need not all be held. What write_pdf makes of the same
/// pages, byte for byte.
class PdfPages final : public layout::PageSink {
public:
    PdfPages(const layout::FontProvider& fonts, const layout::FontData& font_data, const PdfOptions& options,
             Diagnostics& diagnostics);
    ~PdfPages() override;

    void begin(const layout::DocumentPlan& plan) override;
    void page(const layout::Page& page) override;
    void end(const std::vector<layout::Bookmark>& bookmarks) override;
    /// The PDF once end() made it; nothing on errors (reported to
    /// diagnostics) or when the layout never began it.
    [[nodiscard]] std::optional<std::string> take();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The whole PDF in memory; nothing on errors (reported to diagnostics).
/// Faces without a file (Base14Fonts) are referenced by name, not
/// embedded, and their text is written in CP1252. A face with a file is
/// embedded as a subset: as a simple TrueType font in CP1252
/// (WinAnsiEncoding) when every character it shows has a CP1252 byte
/// (but the no-break space and the soft hyphen, which readers look up as
/// others), as a Type0 font (Identity-H) otherwise. Either has a ToUnicode
/// map.
[[nodiscard]] std::optional<std::string> write_pdf(const layout::PagedDocument& document,
                                                   const layout::FontProvider& fonts,
                                                   const layout::FontData& font_data,
                                                   const PdfOptions& options, Diagnostics& diagnostics);

}  // namespace vitae::render
