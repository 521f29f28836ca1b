#pragma once
// The layout engine: a CV and a style sheet become pages of frames.

#include "vitae/diag.hpp"
#include "vitae/fonts.hpp"
#include "vitae/frame.hpp"
#include "vitae/model.hpp"
#include "vitae/sheet.hpp"

namespace vitae::layout {

/// Lays out the whole CV. Problems (a missing font, a character no font
/// has, a line too wide) go to `diagnostics`, each pointing at the input.
[[nodiscard]] PagedDocument layout_document(const cv::Document& document, const style::Sheet& sheet,
                                            FontProvider& fonts, Diagnostics& diagnostics);

}  // namespace vitae::layout
