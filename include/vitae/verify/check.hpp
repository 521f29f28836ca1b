#pragma once
// One CV in one style through the ATS check: built in memory, its PDF read
// back by the PDF reader module, compared with its composition.

#include "vitae/compile/compile.hpp"
#include "vitae/verify/ats.hpp"
#include "vitae/verify/pdf_reader.hpp"

namespace vitae::verify {

struct AtsCheck {
    /// The build's status: the check ran only when it is ok.
    CompileStatus status = CompileStatus::ok;
    /// The build's diagnostics, then the check's mismatches.
    Diagnostics diagnostics;
    /// What the selection left out.
    Diagnostics notes;
    /// Per field (empty when the build failed).
    std::vector<FieldScore> scores;
    [[nodiscard]] bool passed() const { return status == CompileStatus::ok && !diagnostics.has_errors(); }
};

/// Builds the loaded CV as `request` says (as a PDF, by vitae's engine) and
/// checks what `reader` reads of it.
[[nodiscard]] AtsCheck check_ats(const cv::Document& loaded, CompileRequest request,
                                 layout::SystemFonts& fonts, const PdfReader& reader);

}  // namespace vitae::verify
