#pragma once
// Maps each character of a decoded TOML string back to its line and column
// in the file, so a markup or date problem inside a string is reported at
// the exact column even after escapes (\u00e9) or line breaks.

#include <string_view>
#include <vector>

#include "vitae/base/source.hpp"

namespace vitae::detail {

/// A file with the offsets of its lines, and of every
/// `checkpoint_stride`-th code point of its long lines, found once: looking
/// up a string's position then costs at most a stride, not the length of
/// the line before it (30,000 strings on one line would otherwise each walk
/// the line from its start).
class SourceText {
public:
    /// A place in the text where a walk can start: its byte offset and position.
    struct Checkpoint {
        std::size_t offset = 0;
        SourcePosition position;
    };

    /// Code points between two checkpoints of a line: the most a lookup walks.
    static constexpr std::uint32_t checkpoint_stride = 64;

    explicit SourceText(std::string_view text);
    [[nodiscard]] std::string_view text() const { return text_; }
    /// Byte offset where a 1-based line starts; the end of the text past the last line.
    [[nodiscard]] std::size_t line_start(std::uint32_t line) const;
    /// The last checkpoint at or before `target` on its line (the line's start
    /// when the column is within the first stride); the end of the text for a
    /// line past the last.
    [[nodiscard]] Checkpoint checkpoint_before(SourcePosition target) const;

private:
    std::string_view text_;
    std::vector<std::size_t> line_starts_;
    /// Byte offsets of columns 1 + k * stride (k >= 1) of every line, line after line.
    std::vector<std::size_t> checkpoints_;
    /// Where each line's checkpoints begin in `checkpoints_` (one past the last line too).
    std::vector<std::size_t> first_checkpoint_;
};

/// `opening_quote` is where the string token starts. Returns one position
/// per code point of `decoded`, or an empty vector when the token does not
/// decode to `decoded` (callers then fall back to the token's position).
[[nodiscard]] std::vector<SourcePosition> string_positions(const SourceText& source,
                                                           SourcePosition opening_quote,
                                                           std::string_view decoded);

}  // namespace vitae::detail
