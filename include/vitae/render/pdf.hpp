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
#include "vitae/style/pdf_standard.hpp"

namespace vitae::render {

struct PdfOptions {
    /// Seconds since 1970 for the creation and modification dates
    /// (SOURCE_DATE_EPOCH); no date is written when absent, so the bytes
    /// depend on the input only.
    std::optional<long long> date;
    /// The standards the PDF claims and conforms to (PDF/A-2, PDF/UA-1):
    /// more metadata, an output intent, and errors for what they forbid.
    style::PdfStandards standards{};
    /// The sRGB ICC profile a PDF/A file embeds; empty: the one configured
    /// at build time (Debian's icc-profiles-free).
    std::string srgb_profile{};
    /// A tagged PDF: a structure tree of the CV's blocks, artifacts for
    /// page furniture (PDF/UA's logical structure).
    bool tagged = true;
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
    void block(const layout::BlockNote& note) override;
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
