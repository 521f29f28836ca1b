#pragma once
// Where a contact (an e-mail address, a URL, a postal address) may break
// besides its spaces: one rule for the layout engine and the LaTeX writer,
// so that both break a contact too wide for its column at the same points.

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace vitae::style {

/// A part of a contact between two of its break points.
struct ContactPiece {
    std::string_view text;
    std::size_t offset = 0;  ///< bytes before `text` in the whole contact
    /// The cost of a line break after this piece, as a TeX penalty; none
    /// after the last piece.
    std::optional<double> break_after;
};

/// `text` cut after each '@', '/' and the other marks that part an address
/// or a URL (cheapest), and after each '.', '_', '~' or ':' that joins the
/// parts of a name (dearer); never inside a word, never before a space (the
/// space is the break), never inside a run of marks ("://") nor inside a
/// number ("2,4"). Explicit hyphens break as in any text. The pieces
/// concatenate to `text`.
[[nodiscard]] std::vector<ContactPiece> split_contact(std::string_view text);

}  // namespace vitae::style
