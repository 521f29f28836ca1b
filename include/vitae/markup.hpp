#pragma once
// Inline markup (`**bold**`, `*italic*`, `[text](url)`, backslash escapes),
// parsed once at load time into styled runs.

#include <string_view>
#include <vector>

#include "vitae/diag.hpp"
#include "vitae/model.hpp"

namespace vitae {

/// Parses `text`. `positions[i]` is where the i-th code point of `text`
/// stands in the input; when it is empty, code points are taken to follow
/// each other on the line of `where.begin`, starting at its column.
/// Malformed markup is reported to `diagnostics` with its column; the text
/// is still returned, as far as it could be read.
[[nodiscard]] cv::RichText parse_markup(std::string_view text, const SourceRegion& where,
                                        const std::vector<SourcePosition>& positions,
                                        Diagnostics& diagnostics);

/// Characters a backslash makes literal.
[[nodiscard]] bool is_markup_escapable(char32_t code_point);

}  // namespace vitae
