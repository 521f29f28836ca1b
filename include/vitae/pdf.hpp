#pragma once
// The PDF backend (libharu): frames in, PDF bytes out.

#include <optional>
#include <string>

#include "vitae/diag.hpp"
#include "vitae/fonts.hpp"
#include "vitae/frame.hpp"

namespace vitae::render {

struct PdfOptions {
    /// Seconds since 1970 for the creation and modification dates
    /// (SOURCE_DATE_EPOCH); no date is written when absent, so the bytes
    /// depend on the input only.
    std::optional<long long> date;
};

/// The whole PDF in memory; nothing on errors (reported to diagnostics).
[[nodiscard]] std::optional<std::string> write_pdf(const layout::PagedDocument& document,
                                                   const layout::FontProvider& fonts,
                                                   const layout::FontData& font_data,
                                                   const PdfOptions& options, Diagnostics& diagnostics);

}  // namespace vitae::render
