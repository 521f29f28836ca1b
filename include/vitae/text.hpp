#pragma once
// The plain-text backend: the whole CV, readable in a terminal and pasted
// into ATS forms. Every field of the model appears; links keep their URL.

#include <string>

#include "vitae/date_format.hpp"
#include "vitae/model.hpp"
#include "vitae/publication_format.hpp"

namespace vitae::render {

struct TextOptions {
    /// Lines wrap at this many terminal columns (80: the classic terminal).
    std::size_t width = 80;
    style::DateWords date_words;
    /// The words of a publication's details (which details show is not
    /// asked: every one does).
    style::PublicationDetails publication_details;
};

/// The character that stands for a contact icon in text ("envelope" → ✉);
/// empty for icons without one (brand logos).
[[nodiscard]] std::string_view icon_character(std::string_view icon);

[[nodiscard]] std::string render_text(const cv::Document& document, const TextOptions& options = {});

}  // namespace vitae::render
