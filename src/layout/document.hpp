#pragma once
// The layout of a whole CV, with what the fitter keeps between its trials.

#include "inline.hpp"
#include "vitae/layout.hpp"

namespace vitae::layout {

/// layout_document, reusing and adding to `memo`: for layouts that differ
/// only in spacing, type sizes and margins (see ContentMemo).
[[nodiscard]] PagedDocument layout_document(const cv::Document& document, const style::Sheet& sheet,
                                            FontProvider& fonts, Diagnostics& diagnostics, ContentMemo& memo);

}  // namespace vitae::layout
