#pragma once
// Where a piece of input came from: every diagnostic and every model node
// carries one, so any problem can be reported as file:line:col.

#include <cstdint>
#include <memory>
#include <string>

namespace vitae {

/// 1-based line and column; columns count Unicode code points, as editors do.
/// Line 0 means "no position known" (for example a problem with a whole file).
struct SourcePosition {
    std::uint32_t line = 0;
    std::uint32_t column = 0;

    friend bool operator==(const SourcePosition&, const SourcePosition&) = default;
    friend auto operator<=>(const SourcePosition&, const SourcePosition&) = default;
};

/// A half-open range in one file. The path is shared by every node of a file.
struct SourceRegion {
    std::shared_ptr<const std::string> path;
    SourcePosition begin;
    SourcePosition end;

    [[nodiscard]] const std::string& file() const;
    /// `file:line:col`, or just `file` when no position is known.
    [[nodiscard]] std::string to_string() const;
    /// The same file, starting at another position (for a part of a value).
    [[nodiscard]] SourceRegion at(SourcePosition position) const;
};

}  // namespace vitae
