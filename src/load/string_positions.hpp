#pragma once
// Maps each character of a decoded TOML string back to its line and column
// in the file, so a markup or date problem inside a string is reported at
// the exact column even after escapes (\u00e9) or line breaks.

#include <string_view>
#include <vector>

#include "vitae/source.hpp"

namespace vitae::detail {

/// `source` is the whole file; `opening_quote` is where the string token
/// starts. Returns one position per code point of `decoded`, or an empty
/// vector when the token does not decode to `decoded` (callers then fall
/// back to the token's position).
[[nodiscard]] std::vector<SourcePosition> string_positions(std::string_view source,
                                                           SourcePosition opening_quote,
                                                           std::string_view decoded);

}  // namespace vitae::detail
