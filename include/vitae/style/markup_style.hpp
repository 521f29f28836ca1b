#pragma once
// How markup the style sheet has no key for is set, alike in the engine
// and in the .tex: the face of `code`, the gap between paragraphs.

#include <string_view>

#include "vitae/style/sheet.hpp"

namespace vitae::style {

/// The face of `` `code` ``: DejaVu Sans Mono is TrueType (the engine embeds
/// TrueType only), in Debian's fonts-dejavu-core, and covers what DejaVu
/// Sans, the built-in styles' first fallback, covers.
inline constexpr std::string_view code_family = "DejaVu Sans Mono";

/// Space between the paragraphs of one field, in lines of its type: half a
/// line, the parskip package's \parskip (.5\baselineskip).
inline constexpr double paragraph_gap_lines = 0.5;

/// The gap between two paragraphs set in `text` (pt).
[[nodiscard]] inline double paragraph_gap(const Sheet& sheet, const TextStyle& text) {
    return paragraph_gap_lines * sheet.line_height * text.size;
}

}  // namespace vitae::style
