#pragma once
// The HTML backend: the CV as one self-contained web page. The composed
// blocks become semantic HTML5 (header, main, section, h1/h2, ul/li, time,
// a), the style sheet becomes CSS (fonts, sizes, colours, spacing, the
// sidebar as a column that folds under the header on a phone, a print
// stylesheet with the PDF's page size and margins), the fonts are embedded
// as subsets (data: URIs) and icons as inline SVG: the page makes no
// request at all. Schema.org's Person (JSON-LD) and the h-resume
// microformat tell machines what the page is.

#include <optional>
#include <string>

#include "vitae/base/diag.hpp"
#include "vitae/compose/blocks.hpp"
#include "vitae/layout/fonts.hpp"

namespace vitae::render {

struct HtmlOptions {
    /// The day the CV is built for (SOURCE_DATE_EPOCH): the page's
    /// `dateModified`. None: the page has no date.
    std::optional<long long> source_date_epoch;
};

/// The page of a composed CV or letter, in the composer's style sheet.
/// Faces are found as the engine finds them; a face that cannot be
/// subset is named for the reader's system to supply (a warning).
[[nodiscard]] std::string write_html(const compose::Composer& composer, layout::FontProvider& fonts,
                                     const layout::FontData& font_data, const HtmlOptions& options,
                                     Diagnostics& diagnostics);

/// Text with HTML's special characters as references (&amp; &lt; &gt; &quot;).
[[nodiscard]] std::string escape_html(std::string_view text);

}  // namespace vitae::render
