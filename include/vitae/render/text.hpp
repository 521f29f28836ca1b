#pragma once
// The plain-text backend: the whole CV, readable in a terminal and pasted
// into ATS forms. Every field of the model appears; links keep their URL.

#include <string>

#include "vitae/compose/blocks.hpp"
#include "vitae/model/model.hpp"
#include "vitae/style/date_format.hpp"
#include "vitae/style/publication_format.hpp"
#include "vitae/style/sheet.hpp"

namespace vitae::render {

struct TextOptions {
    /// Lines wrap at this many terminal columns (80: the classic terminal).
    std::size_t width = 80;
    style::DateWords date_words;
    /// The other words vitae writes, in the CV's language.
    style::Words words;
    /// The words of a publication's details (which details show is not
    /// asked: every one does).
    style::PublicationDetails publication_details;
};

/// The character that stands for a contact icon in text ("envelope" → ✉);
/// empty for icons without one (brand logos).
[[nodiscard]] std::string_view icon_character(std::string_view icon);

/// A contact of the header as text shows it: its icon's character (empty
/// without one) and the piece that says it (its value, or a link's label).
struct ShownContact {
    std::string_view icon;
    const compose::Piece* value = nullptr;
};
[[nodiscard]] ShownContact shown_contact(const compose::ContactItem& item);

/// What text and Markdown call a picture of a role ("Photo", "Signature").
[[nodiscard]] std::string_view picture_label(compose::Role role);

/// The style sheet the text and Markdown writers compose a CV in: one
/// column in the CV's order, every publication detail shown (text keeps
/// every field) and numbered, contacts with their icons; the date words,
/// the details' words and whether the owner stands out are the caller's.
[[nodiscard]] style::Sheet plain_sheet(const style::DateWords& date_words, const style::Words& words,
                                       const style::PublicationDetails& details, bool highlight_owner);

[[nodiscard]] std::string render_text(const cv::Document& document, const TextOptions& options = {});

}  // namespace vitae::render
