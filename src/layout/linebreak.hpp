#pragma once
// Line breaking over TeX's items — boxes, glue and penalties — with the
// Knuth–Plass total-fit algorithm, falling back to first-fit when no set of
// breaks satisfies the tolerance.

#include <cstddef>
#include <limits>
#include <vector>

#include "vitae/style/sheet.hpp"

namespace vitae::layout {

/// A penalty at least this large forbids a break; at most its negative
/// forces one (TeX's ±10000).
constexpr double infinite_penalty = 10000;
/// The largest penalty that still allows a break (TeX's 9999): its
/// demerits lose to any other way of breaking the paragraph whose lines
/// fit, so the break is taken only when there is none.
constexpr double last_resort_penalty = infinite_penalty - 1;
/// Stretch that absorbs any amount of space (TeX's fil).
constexpr double infinite_stretch = 1e9;

struct BreakItem {
    enum class Kind { box, glue, penalty };
    Kind kind = Kind::box;
    double width = 0;
    double stretch = 0;    ///< glue only
    double shrink = 0;     ///< glue only
    double penalty = 0;    ///< penalty only
    bool flagged = false;  ///< a penalty at a hyphen
    /// A break between the characters of text set without spaces (Chinese,
    /// Japanese): glue that is no space between words, or a penalty.
    bool within_text = false;

    static BreakItem box(double width) { return {Kind::box, width, 0, 0, 0, false, false}; }
    static BreakItem glue(double width, double stretch, double shrink) {
        return {Kind::glue, width, stretch, shrink, 0, false, false};
    }
    static BreakItem spacing(double width, double stretch, double shrink) {
        return {Kind::glue, width, stretch, shrink, 0, false, true};
    }
    static BreakItem make_penalty(double width, double value, bool is_flagged = false) {
        return {Kind::penalty, width, 0, 0, value, is_flagged, false};
    }
};

struct BrokenLine {
    std::size_t begin = 0;  ///< first item on the line (after discarded glue)
    std::size_t end = 0;    ///< the break item (excluded), or items.size()
    /// Glue set ratio: >0 stretches, <0 shrinks (TeX's glue_set). For a
    /// ragged line, the stretch of the right margin is not applied.
    double ratio = 0;
    bool overfull = false;
};

struct LineBreakResult {
    std::vector<BrokenLine> lines;
    bool used_first_fit = false;
};

/// Breaks `items` into lines of `line_width` (pt). The items must end with
/// a forced break (penalty ≤ -infinite_penalty); `finish_paragraph` adds
/// the usual ending. `font_size` scales the ragged-right stretch (em).
[[nodiscard]] LineBreakResult break_lines(const std::vector<BreakItem>& items, double line_width,
                                          double font_size, const style::LineBreaking& settings);

/// Appends TeX's paragraph end: \parfillskip glue and a forced break.
void finish_paragraph(std::vector<BreakItem>& items);

}  // namespace vitae::layout
