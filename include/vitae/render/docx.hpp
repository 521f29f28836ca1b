#pragma once
// The DOCX backend: the CV as a Word document (Office Open XML in a zip,
// written with libzip). Real Word styles (Title, Heading 1 to 3, List
// Bullet, List Number; a character style per text style of the sheet),
// dates flush right at a right tab stop rather than in a table (parsers
// read title and dates as one line), hyperlinks, the photo, document
// properties, and the sheet's page size and margins. The sidebar's
// sections are put back in the CV's order: a Word file is one column.

#include <optional>
#include <string>

#include "vitae/compose/blocks.hpp"
#include "vitae/model/model.hpp"
#include "vitae/style/sheet.hpp"

namespace vitae::render {

struct DocxOptions {
    /// The zip entries' times and the document's dates (SOURCE_DATE_EPOCH);
    /// none: 1980-01-01, zip's first day, so the bytes depend on the input only.
    std::optional<long long> source_date_epoch;
};

/// The Word document of a CV or letter in a sheet: the same bytes for the
/// same input. Throws std::runtime_error when libzip fails (out of memory).
[[nodiscard]] std::string write_docx(const cv::Document& document, const style::Sheet& sheet,
                                     const DocxOptions& options);

}  // namespace vitae::render
