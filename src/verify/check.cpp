#include "vitae/verify/check.hpp"

#include <optional>
#include <string>
#include <utility>

namespace vitae::verify {

AtsCheck check_ats(const cv::Document& loaded, CompileRequest request, layout::SystemFonts& fonts,
                   const PdfReader& reader) {
    request.formats = {OutputFormat::pdf};
    request.pdf_via_latex = nullptr;
    std::optional<Expected> expected;
    bool right_to_left = false;
    request.on_pdf_composition = [&expected, &right_to_left](const compose::Composer& composer) {
        expected = expected_text(composer);
        right_to_left = composer.sheet().language.right_to_left;
    };
    CompileResult compiled = compile(loaded, request, fonts);
    AtsCheck check;
    check.status = compiled.status;
    check.diagnostics = std::move(compiled.diagnostics);
    check.notes = std::move(compiled.notes);
    if (!compiled.ok() || compiled.outputs.empty() || !expected) return check;
    if (right_to_left) {
        // poppler puts right-to-left text in reading order by its own guess
        // at the spaces and punctuation next to nested English words and
        // numbers ("מרץ  – 2021היום"): word by word, a correct PDF would
        // fail. Its letters are in order (tests/e2e/languages_test.cpp).
        check.diagnostics.warning(
            loaded.where,
            "the ATS check does not judge right-to-left CVs yet: the PDF was built but its text was not "
            "compared",
            "poppler reorders right-to-left text by its own guess at spaces and punctuation");
        return check;
    }
    std::string error;
    const std::optional<PdfText> read = reader.read(compiled.outputs.front().bytes, error);
    if (!read) {
        check.diagnostics.error({}, "poppler cannot read the PDF vitae made: " + error);
        return check;
    }
    AtsReport report = compare(*expected, *read);
    check.diagnostics.append(report.diagnostics);
    check.scores = std::move(report.scores);
    return check;
}

}  // namespace vitae::verify
