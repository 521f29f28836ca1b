// The base-14 fonts, measured with libharu's built-in Adobe metrics.
#include "vitae/render/base14_fonts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "cp1252.hpp"
#include "libharu.hpp"
#include "vitae/base/utf8.hpp"

namespace vitae::render {

namespace {

using layout::FaceId;

/// The base-14 fonts Base14Fonts hands out; a face's id is its index.
struct Base14Face {
    const char* name;  ///< the PostScript name a PDF refers to it by
    bool serif;
    bool bold;
    bool italic;
};

constexpr std::array<Base14Face, 8> base14_faces{{
    {"Helvetica", false, false, false},
    {"Helvetica-Bold", false, true, false},
    {"Helvetica-Oblique", false, false, true},
    {"Helvetica-BoldOblique", false, true, true},
    {"Times-Roman", true, false, false},
    {"Times-Bold", true, true, false},
    {"Times-Italic", true, false, true},
    {"Times-BoldItalic", true, true, true},
}};

/// One base-14 face as the layout sees it.
struct Base14Metrics {
    layout::FaceInfo info;
    /// Advance of each Windows-1252 byte, in ems: the widths libharu writes
    /// into the PDF, so a reader advances exactly as the layout did.
    std::array<double, byte_values> advance{};
};

/// libharu's built-in Adobe metrics of every face Base14Fonts hands out,
/// or nothing if libharu could not provide them (out of memory). They are
/// read once from a document made only for that: nothing of it is needed
/// afterwards.
std::optional<std::vector<Base14Metrics>> read_base14_metrics() {
    ErrorLog log;  // outlives the document, which reports to it
    const Document source{HPDF_New(record_libharu_error, &log)};
    if (!source) return std::nullopt;
    std::vector<Base14Metrics> faces;
    for (const Base14Face& face : base14_faces) {
        HPDF_Font font = HPDF_GetFont(source.get(), face.name, single_byte_encoding);
        if (font == nullptr || !log.errors.empty() || log.lost_an_error) return std::nullopt;
        Base14Metrics& metrics = faces.emplace_back();
        metrics.info.family = face.name;
        metrics.info.bold = face.bold;
        metrics.info.italic = face.italic;
        metrics.info.embeddable = true;  // text may use it; write_pdf names it instead of embedding
        // As for installed fonts, lines are spaced by the larger of the
        // typographic and the clipping extents: the font's bounding box
        // reaches higher than its ascender (accented capitals).
        const HPDF_Box box = HPDF_Font_GetBBox(font);
        metrics.info.ascender =
            std::max<double>(HPDF_Font_GetAscent(font), box.top) / glyph_width_units_per_em;
        metrics.info.descender =
            std::min<double>(HPDF_Font_GetDescent(font), box.bottom) / glyph_width_units_per_em;
        metrics.info.line_gap = 0;  // Adobe's metrics have none
        for (std::size_t byte = 0; byte < byte_values; ++byte) {
            const auto code = static_cast<HPDF_BYTE>(byte);
            const HPDF_TextWidth width = HPDF_Font_TextWidth(font, &code, 1);
            metrics.advance[byte] = static_cast<double>(width.width) / glyph_width_units_per_em;
        }
    }
    if (!log.errors.empty() || log.lost_an_error) return std::nullopt;
    return faces;
}

}  // namespace

struct Base14Fonts::Impl {
    /// Empty when libharu could not provide the metrics: then no family is
    /// found, and the layout reports the missing fonts.
    std::vector<Base14Metrics> faces = read_base14_metrics().value_or(std::vector<Base14Metrics>{});

    [[nodiscard]] const Base14Metrics& at(FaceId face) const {
        if (face >= faces.size()) throw std::out_of_range(fmt::format("no base-14 face with id {}", face));
        return faces[face];
    }
};

Base14Fonts::Base14Fonts() : impl_(std::make_unique<Impl>()) {}

Base14Fonts::~Base14Fonts() = default;

std::optional<FaceId> Base14Fonts::find_face(const layout::FontRequest& request) {
    // Icons are drawn as outlines, which libharu does not have for these.
    if (!request.embeddable || impl_->faces.empty()) return std::nullopt;
    const bool serif = layout::is_serif_family(request.family);
    for (std::size_t index = 0; index < base14_faces.size(); ++index) {
        const Base14Face& face = base14_faces[index];
        if (face.serif == serif && face.bold == request.bold && face.italic == request.italic)
            return static_cast<FaceId>(index);
    }
    return std::nullopt;
}

const layout::FaceInfo& Base14Fonts::face(FaceId face) const {
    return impl_->at(face).info;
}

bool Base14Fonts::has_glyph(FaceId face, char32_t code_point) const {
    return glyph_for(face, code_point).has_value();
}

std::optional<std::uint32_t> Base14Fonts::glyph_for(FaceId face, char32_t code_point) const {
    if (face >= impl_->faces.size()) return std::nullopt;
    return cp1252_byte(code_point);
}

std::vector<layout::ShapedGlyph> Base14Fonts::shape(FaceId face, std::string_view text) const {
    const Base14Metrics& metrics = impl_->at(face);
    std::vector<layout::ShapedGlyph> glyphs;
    for (std::size_t offset = 0; offset < text.size();) {
        const auto cluster = static_cast<std::uint32_t>(offset);
        const unsigned char byte = cp1252_byte(utf8::next(text, offset))
                                       .value_or(static_cast<unsigned char>(unrepresentable_marker));
        const double advance = metrics.advance[byte];
        glyphs.push_back({byte, cluster, advance, advance, 0, 0});
    }
    return glyphs;
}

std::optional<std::string> Base14Fonts::subset(FaceId, const std::vector<char32_t>&) const {
    return std::nullopt;
}

bool Base14Fonts::draw_glyph(FaceId, std::uint32_t, layout::OutlineSink&) const {
    return false;
}

}  // namespace vitae::render
