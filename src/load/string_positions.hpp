#pragma once
// Maps each character of a decoded TOML string back to its line and column
// in the file, so a markup or date problem inside a string is reported at
// the exact column even after escapes (\u00e9) or line breaks.

#include <string_view>
#include <vector>

#include "vitae/source.hpp"

namespace vitae::detail {

/// A file with the offsets of its lines, found once: looking up a string's
/// position then costs the length of its line, not of the file before it.
class SourceText {
public:
    explicit SourceText(std::string_view text);
    [[nodiscard]] std::string_view text() const { return text_; }
    /// Byte offset where a 1-based line starts; the end of the text past the last line.
    [[nodiscard]] std::size_t line_start(std::uint32_t line) const;

private:
    std::string_view text_;
    std::vector<std::size_t> line_starts_;
};

/// `opening_quote` is where the string token starts. Returns one position
/// per code point of `decoded`, or an empty vector when the token does not
/// decode to `decoded` (callers then fall back to the token's position).
[[nodiscard]] std::vector<SourcePosition> string_positions(const SourceText& source,
                                                           SourcePosition opening_quote,
                                                           std::string_view decoded);

}  // namespace vitae::detail
