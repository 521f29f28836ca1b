#pragma once
// The Markdown backend: the whole CV for a personal web page or a README,
// every field of the model in reading order, bold, italics and links kept.

#include <string>

#include "vitae/model/model.hpp"
#include "vitae/style/date_format.hpp"
#include "vitae/style/locale.hpp"
#include "vitae/style/publication_format.hpp"

namespace vitae::render {

struct MarkdownOptions {
    style::DateWords date_words;
    /// The other words vitae writes, in the CV's language.
    style::Words words;
    /// The CV's owner, bold in author lists (names.hpp tells who).
    bool highlight_owner = true;
    /// The words of a publication's details (which details show is not
    /// asked: every one does).
    style::PublicationDetails publication_details;
};

[[nodiscard]] std::string render_markdown(const cv::Document& document, const MarkdownOptions& options = {});

/// Text with every character Markdown would read as syntax escaped.
[[nodiscard]] std::string escape_markdown(std::string_view text);

}  // namespace vitae::render
