#pragma once
// The Unicode bidirectional algorithm (UAX #9) for the engine: which
// characters of a text read right to left (their embedding levels, from
// fribidi), and the order in which the pieces of a line are shown.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "vitae/compose/blocks.hpp"

namespace vitae::layout {

/// A character's embedding level: even reads left to right, odd right to
/// left; higher levels are nested in lower ones (an English name in
/// Hebrew text is at 2 inside the text's 1).
using BidiLevel = std::uint8_t;

[[nodiscard]] inline bool reads_right_to_left(BidiLevel level) {
    return (level & 1U) != 0;
}

/// Whose direction a text takes.
enum class BaseDirection : std::uint8_t {
    /// The document's: a piece of a line vitae composes (a title, a date,
    /// a separator), which lines up with the pieces beside it.
    of_document,
    /// Its first strong character's (UAX #9's rules P2 and P3), else the
    /// document's: a paragraph of the CV's text, which may be English in
    /// a Hebrew CV.
    of_text,
};

/// Whose direction composed pieces take: their text's when they are a
/// paragraph of the CV's own text (one rich piece, not set bold or broken
/// as a contact), else the document's. `paragraph` false: pieces joined
/// with others on a line (a contact among contacts) take the document's.
[[nodiscard]] BaseDirection base_direction_of(const compose::Inline& pieces, bool paragraph = true);

/// A paragraph's direction and the level of each of its characters.
struct BidiParagraph {
    BidiLevel base = 0;  ///< the paragraph's own level: 1 right to left, else 0
    std::vector<BidiLevel> levels;
};

/// The levels of UTF-8 `text`, a paragraph of its own, in a document that
/// reads right to left or not. All the base level, without asking fribidi,
/// when nothing in either reads right to left.
[[nodiscard]] BidiParagraph bidi_paragraph(std::string_view text, bool right_to_left_document,
                                           BaseDirection base);

/// The levels of a text of the CV's, resolved over all its spans (a bold
/// English word inside Arabic text is nested in it, as in the plain text):
/// the engine and the .tex read them alike.
[[nodiscard]] BidiParagraph bidi_paragraph(const cv::RichText& text, bool right_to_left_document,
                                           BaseDirection base);

/// The level of each character (code point) of such a paragraph.
[[nodiscard]] inline std::vector<BidiLevel> bidi_levels(std::string_view text, bool right_to_left_document,
                                                        BaseDirection base) {
    return bidi_paragraph(text, right_to_left_document, base).levels;
}

/// The character shown for `code_point` in right-to-left text: its mirror
/// image where Unicode gives one ('(' for ')', '«' for '»'), else itself.
[[nodiscard]] char32_t mirrored(char32_t code_point);

/// The lowest level above `level` that reads left to right: of text kept
/// left to right whatever surrounds it (an e-mail address, a URL, a phone
/// number: UAX #9's left-to-right isolate).
[[nodiscard]] inline BidiLevel left_to_right_above(BidiLevel level) {
    return static_cast<BidiLevel>(reads_right_to_left(level) ? level + 1 : level);
}

/// The order in which to show pieces at `levels`, from the left (UAX #9's
/// rule L2): from the highest level down to the lowest odd one, every
/// stretch at that level or higher is reversed.
[[nodiscard]] std::vector<std::size_t> visual_order(const std::vector<BidiLevel>& levels);

/// Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana,
/// N'Ko and their presentation forms): text without any needs no levels.
[[nodiscard]] bool is_right_to_left(char32_t code_point);
/// Whether UTF-8 `text` holds such a character.
[[nodiscard]] bool has_right_to_left(std::string_view text);

}  // namespace vitae::layout
