#pragma once
// Selection: which parts of a CV a build shows, decided by the style's
// [select] table (or --tags). It runs right after loading, before any
// backend, and records everything it leaves out with the reason, so that
// `vitae build --explain` can account for every missing item.

#include <string>
#include <vector>

#include "vitae/base/diag.hpp"
#include "vitae/model/model.hpp"
#include "vitae/style/sheet.hpp"

namespace vitae::style {

/// Something the selection left out.
struct Omission {
    SourceRegion where;  ///< the item in the CV
    std::string what;    ///< "entry 'University of California, Berkeley' in 'Academic Research Experience'"
    std::string why;     ///< "none of its tags (academic) is selected (industry)"
};

struct SelectionResult {
    cv::Document document;  ///< a copy of the CV with only what was selected
    /// In the order of the CV; a section left out stands for its contents.
    std::vector<Omission> omissions;
};

/// Applies `selection` to `document` (moved in when the caller needs it no
/// more: a long CV's model is then never held twice). A non-empty `tags_override`
/// (from --tags) replaces the selection's tags. Titles the style names but
/// the CV lacks, and selected tags no item has, are warnings. Nothing is
/// reordered except the sections, when `selection.sections` orders them.
[[nodiscard]] SelectionResult select(cv::Document document, const Selection& selection,
                                     const std::vector<std::string>& tags_override, Diagnostics& diagnostics);

/// Each omission as a note at its item: "left out <what>: <why>".
void explain(const std::vector<Omission>& omissions, Diagnostics& diagnostics);

}  // namespace vitae::style
