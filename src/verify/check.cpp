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
    request.on_pdf_composition = [&expected](const compose::Composer& composer) {
        expected = expected_text(composer);
    };
    CompileResult compiled = compile(loaded, request, fonts);
    AtsCheck check;
    check.status = compiled.status;
    check.diagnostics = std::move(compiled.diagnostics);
    check.notes = std::move(compiled.notes);
    if (!compiled.ok() || compiled.outputs.empty() || !expected) return check;
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
