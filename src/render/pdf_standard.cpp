// The PDF's self-description (XMP, viewer preferences) and what PDF/A-2
// and PDF/UA-1 add to it. See pdf_standard.hpp; docs/pdf-standards.md
// lists the rules and the tests that check them.
#include "pdf_standard.hpp"

#include <fmt/format.h>
#include <hpdf.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string_view>

#include "vitae/base/utf8.hpp"

#ifndef VITAE_SRGB_PROFILE
#error "VITAE_SRGB_PROFILE (the sRGB ICC profile's path) is set by CMakeLists.txt"
#endif

namespace vitae::render {

namespace {

/// The values PDF/A's identification schema and PDF/UA's give.
constexpr int archive_part = 2;           // ISO 19005-2
constexpr int universal_access_part = 1;  // ISO 14289-1

/// An ICC profile of RGB has three components (the stream's /N).
constexpr int rgb_components = 3;
/// What the output intent names its condition: the profile's own
/// description, as the ICC registry lists sRGB.
constexpr const char* srgb_condition = "sRGB IEC61966-2.1";

constexpr int tm_year_origin = 1900;
constexpr int last_xmp_second = 59;  // a leap second is written as :59, as in the Info dates

/// XML 1.0 admits these C0 control characters only.
constexpr std::array<char32_t, 3> xml_controls{U'\t', U'\n', U'\r'};
constexpr char32_t first_printable = 0x20;

/// `text` as XML character data: the markup characters escaped, the
/// control characters XML cannot hold left out.
std::string xml_escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t offset = 0; offset < text.size();) {
        const std::size_t begin = offset;
        const char32_t code_point = utf8::next(text, offset);
        switch (code_point) {
            case U'&': out += "&amp;"; continue;
            case U'<': out += "&lt;"; continue;
            case U'>': out += "&gt;"; continue;
            case U'"': out += "&quot;"; continue;
            default: break;
        }
        if (code_point < first_printable &&
            std::find(xml_controls.begin(), xml_controls.end(), code_point) == xml_controls.end())
            continue;
        out.append(text.substr(begin, offset - begin));
    }
    return out;
}

/// An XMP date (ISO 8601, UTC) of seconds since 1970: the moment the Info
/// dictionary's D:YYYYMMDDHHmmSSZ names.
std::optional<std::string> xmp_date(long long seconds_since_epoch) {
    const auto time = static_cast<std::time_t>(seconds_since_epoch);
    std::tm utc{};
    if (static_cast<long long>(time) != seconds_since_epoch || ::gmtime_r(&time, &utc) == nullptr)
        return std::nullopt;
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + tm_year_origin, utc.tm_mon + 1,
                       utc.tm_mday, utc.tm_hour, utc.tm_min, std::min(utc.tm_sec, last_xmp_second));
}

char conformance_letter(style::PdfArchive archive) {
    switch (archive) {
        case style::PdfArchive::level_a: return 'A';
        case style::PdfArchive::level_u: return 'U';
        default: return 'B';
    }
}

/// PDF/A admits only the XMP schemas ISO 19005 predefines, and others that
/// the file describes itself: PDF/UA's identification is not predefined.
constexpr std::string_view universal_access_schema_description =
    R"( <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
  <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
   <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
   <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
   <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
   <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
    <pdfaProperty:name>part</pdfaProperty:name>
    <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
    <pdfaProperty:category>internal</pdfaProperty:category>
    <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
   </rdf:li></rdf:Seq></pdfaSchema:property>
  </rdf:li></rdf:Bag></pdfaExtension:schemas>
 </rdf:Description>
)";

/// The bytes of a stream libharu holds in memory, in order.
template <typename Consume>
void each_buffer(HPDF_Stream stream, Consume consume) {
    if (stream == nullptr || stream->type != HPDF_STREAM_MEMORY) return;
    const HPDF_UINT count = HPDF_MemStream_GetBufCount(stream);
    for (HPDF_UINT index = 0; index < count; ++index) {
        HPDF_UINT length = 0;
        const HPDF_BYTE* bytes = HPDF_MemStream_GetBufPtr(stream, index, &length);
        if (bytes != nullptr && length > 0) consume(bytes, length);
    }
}

std::optional<std::string> read_profile(const std::string& path) {
    std::ifstream file{path, std::ios::binary};
    if (!file) return std::nullopt;
    std::ostringstream bytes;
    bytes << file.rdbuf();
    if (file.bad()) return std::nullopt;
    return std::move(bytes).str();
}

/// The sRGB output intent (/GTS_PDFA1) with its profile embedded: what
/// DeviceRGB colours mean, for a PDF/A file.
bool add_output_intent(HPDF_Doc pdf, const std::string& profile_path, Diagnostics& diagnostics) {
    const std::string path = profile_path.empty() ? configured_srgb_profile() : profile_path;
    const std::optional<std::string> profile = read_profile(path);
    if (!profile || profile->empty()) {
        diagnostics.error(
            {}, fmt::format("cannot read the sRGB colour profile '{}' that a PDF/A file embeds", path),
            "install Debian's icc-profiles-free, or configure vitae with -DVITAE_SRGB_PROFILE=<an "
            "sRGB .icc file>");
        return false;
    }
    HPDF_Dict icc = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (icc == nullptr) return false;
    icc->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Dict_AddNumber(icc, "N", rgb_components);
    HPDF_Stream_Write(icc->stream, reinterpret_cast<const HPDF_BYTE*>(profile->data()),
                      static_cast<HPDF_UINT>(profile->size()));
    HPDF_Dict intent = HPDF_Dict_New(pdf->mmgr);
    if (intent == nullptr || HPDF_Xref_Add(pdf->xref, intent) != HPDF_OK) return false;
    HPDF_Dict_AddName(intent, "Type", "OutputIntent");
    HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
    HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(pdf->mmgr, srgb_condition, nullptr));
    HPDF_Dict_Add(intent, "Info", HPDF_String_New(pdf->mmgr, srgb_condition, nullptr));
    HPDF_Dict_Add(intent, "DestOutputProfile", icc);
    HPDF_Array intents = HPDF_Array_New(pdf->mmgr);
    if (intents == nullptr) return false;
    HPDF_Array_Add(intents, intent);
    return HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents) == HPDF_OK;
}

}  // namespace

std::string configured_srgb_profile() {
    return VITAE_SRGB_PROFILE;
}

std::string xmp_packet(const DocumentDescription& description, const style::PdfStandards& standards) {
    // The packet's header names the UTF-8 byte order mark as its encoding
    // (XMP part 1, 7.3.2); `bytes` and `encoding`, which PDF/A forbids,
    // are not written.
    std::string xmp =
        "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        " <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
        "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"";
    auto out = std::back_inserter(xmp);
    if (standards.archive != style::PdfArchive::none)
        xmp += " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"";
    if (standards.universal_access) xmp += " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"";
    xmp += ">\n";
    const auto language_alternative = [&](std::string_view property, const std::string& value) {
        if (value.empty()) return;
        fmt::format_to(out, "  <{0}><rdf:Alt><rdf:li xml:lang=\"x-default\">{1}</rdf:li></rdf:Alt></{0}>\n",
                       property, xml_escaped(value));
    };
    const auto simple = [&](std::string_view property, const std::string& value) {
        if (!value.empty()) fmt::format_to(out, "  <{0}>{1}</{0}>\n", property, xml_escaped(value));
    };
    language_alternative("dc:title", description.title);
    // The Info dictionary's /Author is one string: one creator.
    if (!description.author.empty())
        fmt::format_to(out, "  <dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
                       xml_escaped(description.author));
    language_alternative("dc:description", description.subject);
    if (!description.language.empty())
        fmt::format_to(out, "  <dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
                       xml_escaped(description.language));
    simple("pdf:Keywords", description.keywords);
    simple("pdf:Producer", description.producer);
    simple("xmp:CreatorTool", description.creator);
    if (description.date) {
        if (const std::optional<std::string> date = xmp_date(*description.date)) {
            simple("xmp:CreateDate", *date);
            simple("xmp:ModifyDate", *date);
        }
    }
    if (standards.archive != style::PdfArchive::none) {
        fmt::format_to(out,
                       "  <pdfaid:part>{}</pdfaid:part>\n  <pdfaid:conformance>{}</pdfaid:conformance>\n",
                       archive_part, conformance_letter(standards.archive));
    }
    if (standards.universal_access)
        fmt::format_to(out, "  <pdfuaid:part>{}</pdfuaid:part>\n", universal_access_part);
    xmp += " </rdf:Description>\n";
    if (standards.archive != style::PdfArchive::none && standards.universal_access)
        xmp += universal_access_schema_description;
    xmp +=
        "</rdf:RDF>\n"
        "</x:xmpmeta>\n"
        "<?xpacket end=\"r\"?>";
    return xmp;
}

bool check_standard_requirements(const style::PdfStandards& standards, const std::optional<long long>& date,
                                 const layout::DocumentPlan& plan, const layout::FontProvider& fonts,
                                 Diagnostics& diagnostics) {
    bool fine = true;
    if (standards.needs_dates() && !date) {
        diagnostics.error(
            {},
            fmt::format("PDF/A ({}) needs the document's creation date, and vitae takes dates only "
                        "from SOURCE_DATE_EPOCH, which is not set",
                        style::describe(standards)),
            "set SOURCE_DATE_EPOCH to the build's time in seconds since 1970, e.g. "
            "SOURCE_DATE_EPOCH=$(date +%s)");
        fine = false;
    }
    if (standards.needs_embedded_fonts()) {
        for (const layout::FaceId face : plan.faces) {
            const layout::FaceInfo& info = fonts.face(face);
            if (!info.path.empty()) continue;
            diagnostics.error({},
                              fmt::format("{} needs every font embedded, but '{}' has no font file to embed",
                                          style::describe(standards), info.family),
                              "install a TrueType font the style names");
            fine = false;
        }
    }
    return fine;
}

bool add_document_metadata(HPDF_Doc pdf, const DocumentDescription& description,
                           const style::PdfStandards& standards, const std::string& srgb_profile,
                           Diagnostics& diagnostics) {
    HPDF_Dict metadata = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (metadata == nullptr) return false;
    HPDF_Dict_AddName(metadata, "Type", "Metadata");
    HPDF_Dict_AddName(metadata, "Subtype", "XML");
    // Left uncompressed in a file that claims a standard, where tools that
    // do not parse PDF (the XMP specification's packet scanners) find it;
    // compressed otherwise, where bytes count.
    if (!standards.any()) metadata->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    const std::string packet = xmp_packet(description, standards);
    HPDF_Stream_Write(metadata->stream, reinterpret_cast<const HPDF_BYTE*>(packet.data()),
                      static_cast<HPDF_UINT>(packet.size()));
    if (HPDF_Dict_Add(pdf->catalog, "Metadata", metadata) != HPDF_OK) return false;

    // Viewers title their window with the document's title rather than
    // its file name (PDF/UA-1 7.1).
    HPDF_Dict preferences = HPDF_Dict_New(pdf->mmgr);
    if (preferences == nullptr) return false;
    HPDF_Dict_AddBoolean(preferences, "DisplayDocTitle", HPDF_TRUE);
    if (HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", preferences) != HPDF_OK) return false;

    if (!standards.any()) return true;
    // PDF/UA-1 is based on PDF 1.7 (ISO 32000-1).
    pdf->pdf_version = HPDF_VER_17;
    if (standards.archive == style::PdfArchive::none) return true;
    return add_output_intent(pdf, srgb_profile, diagnostics);
}

bool finish_for_standard(HPDF_Doc pdf, const std::vector<HPDF_Page>& pages,
                         const style::PdfStandards& standards) {
    if (!standards.any()) return true;
    HPDF_MD5_CTX digest_state;
    HPDF_MD5Init(&digest_state);
    const auto digest = [&digest_state](const HPDF_BYTE* bytes, HPDF_UINT length) {
        HPDF_MD5Update(&digest_state, bytes, length);
    };
    if (HPDF_Dict metadata =
            static_cast<HPDF_Dict>(HPDF_Dict_GetItem(pdf->catalog, "Metadata", HPDF_OCLASS_DICT)))
        each_buffer(metadata->stream, digest);
    for (HPDF_Page page : pages) {
        // Links carry the Print flag PDF/A requires already (the writer's
        // add_link gives every link annotation /F 4).
        each_buffer(static_cast<HPDF_PageAttr>(page->attr)->stream, digest);
    }
    std::array<HPDF_BYTE, HPDF_MD5_KEY_LEN> identifier{};
    HPDF_MD5Final(identifier.data(), &digest_state);
    // The two halves of /ID are equal: this is the file's first version.
    HPDF_Array id = HPDF_Array_New(pdf->mmgr);
    if (id == nullptr) return false;
    HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, identifier.data(), HPDF_MD5_KEY_LEN));
    HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, identifier.data(), HPDF_MD5_KEY_LEN));
    return HPDF_Dict_Add(pdf->trailer, "ID", id) == HPDF_OK;
}

}  // namespace vitae::render
