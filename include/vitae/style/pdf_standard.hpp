#pragma once
// The PDF standards a build can claim: PDF/A-2 (archiving, one of its
// three conformance levels) and PDF/UA-1 (accessibility), alone or
// together. Named as `vitae build --pdf-standard` and a style sheet's
// `pdf_standard` name them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vitae::style {

/// PDF/A-2's conformance levels (ISO 19005-2): b, the look is kept; u,
/// and every character has its Unicode meaning; a, and the document is
/// tagged.
enum class PdfArchive { none, level_b, level_u, level_a };

struct PdfStandards {
    PdfArchive archive = PdfArchive::none;
    bool universal_access = false;  ///< PDF/UA-1 (ISO 14289-1)

    [[nodiscard]] bool any() const { return archive != PdfArchive::none || universal_access; }
    /// Every font must be embedded (PDF/A and PDF/UA alike).
    [[nodiscard]] bool needs_embedded_fonts() const { return any(); }
    /// PDF/A needs the document's dates (SOURCE_DATE_EPOCH).
    [[nodiscard]] bool needs_dates() const { return archive != PdfArchive::none; }
    /// PDF/UA and PDF/A level a need a tagged structure.
    [[nodiscard]] bool needs_tags() const { return universal_access || archive == PdfArchive::level_a; }

    friend bool operator==(const PdfStandards&, const PdfStandards&) = default;
};

/// Every name a standard is given by, in the order they are suggested:
/// "ua-1", "a-2b", "a-2u", "a-2a".
[[nodiscard]] const std::vector<std::string_view>& pdf_standard_names();

/// What is wrong with a name given for a standard.
struct PdfStandardProblem {
    std::string message;
    std::string hint;
};

/// Adds the standard called `name` to `standards`, or says why not: an
/// unknown name (with the nearest known one), or a second PDF/A level.
[[nodiscard]] std::optional<PdfStandardProblem> add_pdf_standard(PdfStandards& standards,
                                                                 std::string_view name);

/// The standards' names, comma separated ("a-2b,ua-1"); "none" for none.
[[nodiscard]] std::string describe(const PdfStandards& standards);

}  // namespace vitae::style
