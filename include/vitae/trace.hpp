#pragma once
// The debug backend: frames as text, one item per line, for golden tests
// and for seeing where the engine put everything.

#include <string>

#include "vitae/fonts.hpp"
#include "vitae/frame.hpp"

namespace vitae::render {

/// Positions in pt with two decimals; faces by family and style.
[[nodiscard]] std::string trace_frames(const layout::PagedDocument& document,
                                       const layout::FontProvider& fonts);

}  // namespace vitae::render
