#pragma once
// What a PDF says about itself beyond its pages, and what the standards
// it may claim (PDF/A-2, PDF/UA-1) add: the XMP metadata, the viewer's
// title bar, the sRGB output intent, the file identifier and the checks
// that refuse what those standards forbid. Written through libharu's
// object layer, as pdf.cpp writes its ToUnicode maps: libharu 2.3.0's own
// PDF/A calls write a date-dependent /ID and a misspelt output intent key.

#include <optional>
#include <string>
#include <vector>

#include "libharu.hpp"
#include "vitae/base/diag.hpp"
#include "vitae/layout/fonts.hpp"
#include "vitae/layout/frame.hpp"
#include "vitae/style/pdf_standard.hpp"

namespace vitae::render {

/// The document's description, as the Info dictionary holds it: the XMP
/// packet must say the same (PDF/A-2, ISO 19005-2 6.6.3). Empty fields
/// are left out of both.
struct DocumentDescription {
    std::string title;
    std::string author;
    std::string subject;
    std::string keywords;
    std::string creator;   ///< the tool that made the input (Info /Creator)
    std::string producer;  ///< the tool that wrote the PDF (Info /Producer)
    std::string language;  ///< a BCP 47 tag
    /// Seconds since 1970 (SOURCE_DATE_EPOCH): the creation and
    /// modification dates; none when absent.
    std::optional<long long> date;
};

/// The XMP packet (UTF-8, no byte order mark inside) that describes the
/// document and names the standards it claims. Depends on nothing but its
/// arguments.
[[nodiscard]] std::string xmp_packet(const DocumentDescription& description,
                                     const style::PdfStandards& standards);

/// What a standard needs before anything is written: PDF/A a date, every
/// standard every font embedded (a face without a file, one of the base-14
/// fonts, is an error naming it). False after reporting each problem.
[[nodiscard]] bool check_standard_requirements(const style::PdfStandards& standards,
                                               const std::optional<long long>& date,
                                               const layout::DocumentPlan& plan,
                                               const layout::FontProvider& fonts, Diagnostics& diagnostics);

/// Adds to the catalog the XMP metadata stream and /ViewerPreferences
/// << /DisplayDocTitle true >>; under a standard also the sRGB output
/// intent with its ICC profile (read from `srgb_profile`, or from the
/// file configured at build time when empty) and the PDF version 1.7.
/// False after reporting a problem (an unreadable profile); libharu's
/// errors go to its own log.
[[nodiscard]] bool add_document_metadata(HPDF_Doc pdf, const DocumentDescription& description,
                                         const style::PdfStandards& standards,
                                         const std::string& srgb_profile, Diagnostics& diagnostics);

/// What a standard needs once every page is drawn, before saving: every
/// annotation gets the Print flag (/F 4, which PDF/A requires), and the
/// trailer a file identifier /ID, an MD5 digest of the metadata and of
/// every page's content, so that the same input gives the same bytes.
/// Does nothing without a standard.
[[nodiscard]] bool finish_for_standard(HPDF_Doc pdf, const std::vector<HPDF_Page>& pages,
                                       const style::PdfStandards& standards);

/// The ICC profile compiled in as the sRGB output intent's.
[[nodiscard]] std::string configured_srgb_profile();

}  // namespace vitae::render
