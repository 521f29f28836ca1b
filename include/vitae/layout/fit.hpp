#pragma once
// Fitting a CV to a number of pages: tighten spacing, then type size, then
// margins, each within bounds the style declares, then (only when the style
// sets drop_items) drop the lowest-priority items of any kind — and report
// every step taken.

#include <optional>
#include <string>
#include <vector>

#include "vitae/base/diag.hpp"
#include "vitae/layout/fonts.hpp"
#include "vitae/layout/frame.hpp"
#include "vitae/model/model.hpp"
#include "vitae/style/sheet.hpp"

namespace vitae::layout {

/// An item the fitter left out.
struct DroppedItem {
    SourceRegion where;
    std::string what;  ///< "entry 'Berkeley' in 'Research'", "list item 'Chess' in 'Hobbies'"
    int priority = 0;
    double relevance = 0;  ///< to the job ad the build tailors for; 0 without one
};

struct FitResult {
    PagedDocument pages;
    style::Sheet sheet;  ///< the sheet as finally used (for other backends)
    /// The CV as finally laid out when the fitter dropped items from it;
    /// empty when it is the CV given, which is not copied: a copy lived
    /// through the whole layout, as large as the CV's model.
    std::optional<cv::Document> reduced;
    /// What changed, in order: "body 10→9.5 pt", "section gaps 10→6 pt".
    std::vector<std::string> steps;
    std::vector<DroppedItem> dropped;
    bool fits = true;

    /// The CV as finally laid out: `reduced`, or `given` (the CV passed to
    /// fit_to_pages).
    [[nodiscard]] const cv::Document& laid_out(const cv::Document& given) const {
        return reduced ? *reduced : given;
    }
};

/// Lays out `document`; when the sheet sets max_pages and the CV is longer,
/// fits it. A CV that already fits is laid out exactly as designed.
[[nodiscard]] FitResult fit_to_pages(const cv::Document& document, const style::Sheet& sheet,
                                     FontProvider& fonts, Diagnostics& diagnostics);

/// "fit: 1 page — body 10→9.5 pt, section gaps 10→6 pt; 2 items left out"
/// (the build names each item left out in a warning of its own).
[[nodiscard]] std::string describe(const FitResult& result, std::size_t max_pages);

}  // namespace vitae::layout
