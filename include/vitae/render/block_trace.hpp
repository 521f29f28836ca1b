#pragma once
// The blocks backend: a CV's composition as text, one block and one piece
// per line, for golden tests and for seeing what the composition decided
// before any font or page is known (`vitae build -f blocks`).

#include <string>

#include "vitae/compose/blocks.hpp"

namespace vitae::render {

/// Every block of the composition, flow by flow, with its roles, keeps,
/// source positions and pieces; then the footer and the document's info.
[[nodiscard]] std::string trace_blocks(const compose::Composer& composer);

}  // namespace vitae::render
