#pragma once
// The layout of a whole CV, with what the fitter keeps between its trials.

#include <cstddef>
#include <memory>

#include "inline.hpp"
#include "vitae/layout/layout.hpp"

namespace vitae::layout {

/// The vertical lists of a laid-out CV without their contents: the height
/// of every line and space and where pages may break. Enough to count the
/// CV's pages at another spacing and line height, which change nothing
/// else, without laying it out again.
class PageSkeleton {
public:
    struct Columns;  ///< defined with the layout

    PageSkeleton();
    ~PageSkeleton();
    PageSkeleton(PageSkeleton&&) noexcept;
    PageSkeleton& operator=(PageSkeleton&&) noexcept;

    /// The pages with every space `space_scale` times as high as laid out
    /// and lines at `line_height`; what a layout with those settings gives.
    [[nodiscard]] std::size_t pages(double space_scale, double line_height) const;

    [[nodiscard]] Columns& columns() { return *columns_; }

private:
    std::unique_ptr<Columns> columns_;
};

/// A fitting trial's layout: its pages, or, for a CV past
/// stream_above_glyphs, only their number (its lines were dropped once
/// measured: a trial of a long CV need not hold it).
struct TrialLayout {
    PagedDocument pages;  ///< empty when not held
    std::size_t page_count = 0;
    bool held = true;
};

/// layout_document as a fitting trial: see TrialLayout and the next one.
[[nodiscard]] TrialLayout layout_trial(const cv::Document& document, const style::Sheet& sheet,
                                       FontProvider& fonts, Diagnostics& diagnostics, ContentMemo& memo,
                                       PageSkeleton* skeleton = nullptr);

/// layout_document, reusing and adding to `memo` (for layouts that differ
/// only in spacing, type sizes and margins: see ContentMemo), and filling
/// `skeleton` when it is given.
[[nodiscard]] PagedDocument layout_document(const cv::Document& document, const style::Sheet& sheet,
                                            FontProvider& fonts, Diagnostics& diagnostics, ContentMemo& memo,
                                            PageSkeleton* skeleton = nullptr);

}  // namespace vitae::layout
