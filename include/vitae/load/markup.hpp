#pragma once
// Inline markup (`**bold**`, `*italic*`, `` `code` ``, `[text](url)`,
// backslash escapes, paragraph and line breaks), parsed once at load time
// into styled runs.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vitae/base/diag.hpp"
#include "vitae/model/model.hpp"

namespace vitae {

/// What a field may hold: one run of text, or paragraphs (blank lines
/// between them) with forced line breaks (a backslash at a line's end).
enum class TextShape { line, block };

/// Parses `text`. `positions[i]` is where the i-th code point of `text`
/// stands in the input; when it is empty, code points are taken to follow
/// each other on the line of `where.begin`, starting at its column.
/// Malformed markup is reported to `diagnostics` with its column; the text
/// is still returned, as far as it could be read. A single line end reads
/// as a space; in a `block` field a blank line starts a paragraph and a
/// backslash right before a line end breaks the line, in a `line` field
/// either is an error.
[[nodiscard]] cv::RichText parse_markup(std::string_view text, const SourceRegion& where,
                                        const std::vector<SourcePosition>& positions,
                                        Diagnostics& diagnostics, TextShape shape = TextShape::line);

/// The scheme of `url`, lower-cased, when it is one a link may not have:
/// javascript: and vbscript: run code in the reader's browser, data: shows
/// a page or file the CV itself supplies, file: opens files on the
/// reader's machine. The scheme is read as a browser reads it: leading
/// spaces and control characters skipped, tabs and line breaks inside
/// ignored, in any case.
[[nodiscard]] std::optional<std::string> refused_link_scheme(std::string_view url);

/// An error at `where` when `url` is longer than a PDF link holds
/// (limits::max_link_target_bytes); whether it may be used.
bool check_link_length(std::string_view url, const SourceRegion& where, Diagnostics& diagnostics);

/// An error at `where` when `url` has a refused scheme (see above) or is too
/// long (see check_link_length); whether the URL may be used.
bool check_link_target(std::string_view url, const SourceRegion& where, Diagnostics& diagnostics);

/// Characters a backslash makes literal.
[[nodiscard]] bool is_markup_escapable(char32_t code_point);

}  // namespace vitae
