// The PDF backend: walks the frames and draws them with libharu. With
// base14_fonts.cpp (libharu's metrics), the only sources that include
// hpdf.h.
//
// libharu reports errors through a callback and then refuses every later
// call. The callback here only records; the writer checks after each step,
// stops at the first error and returns nothing, so no damaged file is ever
// produced.
#include "vitae/render/pdf.hpp"

#include <fmt/format.h>
#include <hpdf.h>
#include <hpdf_pages.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "cp1252.hpp"
#include "libharu.hpp"
#include "object_streams.hpp"
#include "outline_fonts.hpp"
#include "pdf_standard.hpp"
#include "pdf_tags.hpp"
#include "vitae/base/limits.hpp"
#include "vitae/base/utf8.hpp"
#include "vitae/compose/blocks.hpp"
#include "vitae/image/image.hpp"
#include "vitae/layout/layout.hpp"
#include "vitae/model/model.hpp"

namespace vitae::render {

namespace {

using layout::FaceId;
using layout::Line;
using layout::OutlineGlyph;
using layout::PagedDocument;
using layout::TextRun;

constexpr const char* utf8_encoding = "UTF-8";
constexpr const char* producer = "vitae";

/// A viewer advances by the widths the PDF font states, whole thousandths of
/// an em (libharu truncates), while the layout used HarfBuzz's exact ones.
/// Text is repositioned before the difference grows past this (pt): 0.1 pt
/// is below one device pixel even when printed at 600 dpi.
constexpr double pen_drift_tolerance = 0.1;

/// The years a PDF date (D:YYYY…) can hold, and struct tm's year origin.
constexpr int first_pdf_year = 0;
constexpr int last_pdf_year = 9999;
constexpr int tm_year_origin = 1900;
constexpr int last_pdf_second = 59;  // a leap second is written as :59

/// The key libharu finds a loaded font by. It contains spaces, which no
/// PostScript font name may, so it never equals the name of a font loaded
/// after it.
std::string font_key(FaceId face) {
    return fmt::format("vitae face {}", face);
}

HPDF_REAL real(double value) {
    return static_cast<HPDF_REAL>(value);
}

// --- errors ------------------------------------------------------------------

/// What the common libharu error numbers mean, for a reader of the message.
const char* explain(HPDF_STATUS error_no) {
    switch (error_no) {
        case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
        case HPDF_FILE_IO_ERROR: return "a file could not be read or written";
        case HPDF_FILE_OPEN_ERROR: return "a file could not be opened";
        case HPDF_FONT_EXISTS:
        case HPDF_DUPLICATE_REGISTRATION: return "a font of that name is already loaded";
        case HPDF_INVALID_FONTDEF_DATA:
        case HPDF_TTF_INVALID_FOMAT: return "the font data is not a valid TrueType font";
        case HPDF_TTF_MISSING_TABLE: return "the TrueType font lacks a table a PDF font needs";
        case HPDF_TTF_INVALID_CMAP: return "the TrueType font has no usable Unicode character map";
        case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "the font's licence does not allow embedding";
        case HPDF_UNSUPPORTED_FONT_TYPE: return "unsupported font type";
        case HPDF_INVALID_ENCODING_NAME:
        case HPDF_INVALID_ENCODER: return "unknown text encoding";
        case HPDF_PAGE_INVALID_SIZE: return "the page size is outside the 3 to 14400 pt a PDF page can have";
        case HPDF_PAGE_INVALID_FONT_SIZE: return "invalid font size";
        case HPDF_PAGE_INVALID_GMODE: return "a drawing operator came in the wrong order";
        case HPDF_PAGE_FONT_NOT_FOUND: return "no font is set for the text";
        case HPDF_REAL_OUT_OF_RANGE:
        case HPDF_PAGE_OUT_OF_RANGE: return "a number is out of the range a PDF allows";
        case HPDF_STRING_OUT_OF_RANGE:
        case HPDF_BINARY_LENGTH_ERR: return "a text is longer than the 65535 bytes a PDF string can hold";
        case HPDF_INVALID_URI: return "invalid link address";
        case HPDF_INVALID_DATE_TIME: return "invalid date";
        case HPDF_INVALID_PARAMETER: return "invalid parameter";
        case HPDF_INVALID_DOCUMENT: return "the document is unusable after an earlier error";
        case HPDF_ZLIB_ERROR: return "compression failed";
        case HPDF_EXCEED_GSTATE_LIMIT: return "graphics states nested too deeply";
        default: return "unexpected error";
    }
}

std::string hexadecimal(HPDF_STATUS value) {
    return fmt::format("0x{:04X}", static_cast<unsigned long>(value));
}

// --- text for the PDF --------------------------------------------------------

/// Link targets are URIs, which a PDF stores as 7-bit ASCII: other bytes
/// are percent-encoded, as a browser does with an IRI.
std::string ascii_uri(std::string_view url) {
    constexpr char digits[] = "0123456789ABCDEF";
    constexpr unsigned high_nibble_shift = 4;
    constexpr unsigned nibble_mask = 0xF;
    constexpr unsigned char first_printable = 0x21;  // after the space
    constexpr unsigned char last_printable = 0x7E;
    std::string out;
    for (const char character : url) {
        const auto byte = static_cast<unsigned char>(character);
        if (byte >= first_printable && byte <= last_printable) {
            out += character;
        } else {
            out += '%';
            out += digits[byte >> high_nibble_shift];
            out += digits[byte & nibble_mask];
        }
    }
    return out;
}

std::string code_point_name(char32_t code_point) {
    return fmt::format("U+{:04X}", static_cast<unsigned>(code_point));
}

std::optional<HPDF_Date> pdf_date(long long seconds_since_epoch) {
    const auto time = static_cast<std::time_t>(seconds_since_epoch);
    if (static_cast<long long>(time) != seconds_since_epoch) return std::nullopt;
    std::tm utc{};
    if (::gmtime_r(&time, &utc) == nullptr) return std::nullopt;
    const int year = utc.tm_year + tm_year_origin;
    if (year < first_pdf_year || year > last_pdf_year) return std::nullopt;
    HPDF_Date date{};
    date.year = year;
    date.month = utc.tm_mon + 1;
    date.day = utc.tm_mday;
    date.hour = utc.tm_hour;
    date.minutes = utc.tm_min;
    date.seconds = std::min(utc.tm_sec, last_pdf_second);
    date.ind = 'Z';  // libharu writes Z00'00'
    return date;
}

// --- Windows-1252 -------------------------------------------------------------

/// Two Windows-1252 characters a reader of a WinAnsiEncoding font looks up
/// as others: the no-break space as the space, the soft hyphen as the
/// hyphen (the encoding names their glyphs so, PDF 32000-1 annex D). An
/// embedded subset that has the one need not have the other.
constexpr std::array<char32_t, 2> winansi_look_alikes{U'\u00A0', U'\u00AD'};

/// Whether an embedded font showing these characters can be written in
/// Windows-1252, each character's byte finding its glyph.
bool fits_windows_1252(const std::set<char32_t>& code_points) {
    return std::all_of(code_points.begin(), code_points.end(), [](char32_t code_point) {
        return cp1252_byte(code_point).has_value() &&
               std::find(winansi_look_alikes.begin(), winansi_look_alikes.end(), code_point) ==
                   winansi_look_alikes.end();
    });
}

// --- the base-14 fonts ----------------------------------------------------------

/// Base-14 fonts that can show Windows-1252 text: write_pdf accepts these
/// names from any provider. (Symbol and ZapfDingbats have encodings of
/// their own.)
constexpr std::array<std::string_view, 12> text_base14_names{
    "Helvetica",   "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique",
    "Times-Roman", "Times-Bold",     "Times-Italic",      "Times-BoldItalic",
    "Courier",     "Courier-Bold",   "Courier-Oblique",   "Courier-BoldOblique",
};

// --- resources ---------------------------------------------------------------

/// Font data that libharu reads through a stream of ours. Its only loader,
/// HPDF_LoadTTFontFromFile, wants a file, and reads the glyph data again
/// when it saves; writing each subset to a temporary file cost ~550 seeks
/// and four files per build. The bytes must outlive the document.
class FontBytes {
public:
    explicit FontBytes(std::string bytes) : bytes_(std::move(bytes)) {}

    /// A libharu stream over the bytes, or null; freeing it leaves them.
    [[nodiscard]] HPDF_Stream stream(HPDF_MMgr memory) {
        return HPDF_CallbackReader_New(memory, &FontBytes::read, &FontBytes::seek, &FontBytes::tell,
                                       &FontBytes::size, this);
    }

private:
    static FontBytes& of(HPDF_Stream stream) { return *static_cast<FontBytes*>(stream->attr); }

    // As libharu's file reader: a short read is the end of the stream.
    static HPDF_STATUS read(HPDF_Stream stream, HPDF_BYTE* destination, HPDF_UINT* size) {
        FontBytes& font = of(stream);
        const std::size_t left = font.bytes_.size() - font.position_;
        const std::size_t count = std::min<std::size_t>(*size, left);
        std::memcpy(destination, font.bytes_.data() + font.position_, count);
        font.position_ += count;
        if (count == *size) return HPDF_OK;
        std::memset(destination + count, 0, *size - count);
        *size = static_cast<HPDF_UINT>(count);
        return HPDF_STREAM_EOF;
    }

    static HPDF_STATUS seek(HPDF_Stream stream, HPDF_INT offset, HPDF_WhenceMode mode) {
        FontBytes& font = of(stream);
        const long long origin = mode == HPDF_SEEK_SET   ? 0
                                 : mode == HPDF_SEEK_CUR ? static_cast<long long>(font.position_)
                                                         : static_cast<long long>(font.bytes_.size());
        const long long target = origin + offset;
        if (target < 0 || target > static_cast<long long>(font.bytes_.size())) {
            return HPDF_SetError(stream->error, HPDF_FILE_IO_ERROR, 0);
        }
        font.position_ = static_cast<std::size_t>(target);
        return HPDF_OK;
    }

    static HPDF_INT32 tell(HPDF_Stream stream) { return static_cast<HPDF_INT32>(of(stream).position_); }
    static HPDF_UINT32 size(HPDF_Stream stream) { return static_cast<HPDF_UINT32>(of(stream).bytes_.size()); }

    std::string bytes_;
    std::size_t position_ = 0;
};

/// The subset tag of the n-th embedded font, counted as libharu counts
/// them when it loads a font itself: HPDFAA, HPDFAB, … HPDFAZ, HPDFBA.
std::string subset_tag(std::size_t index) {
    std::string tag = "HPDFAA";
    for (std::size_t count = 0; count < index; ++count) {
        for (std::size_t position = tag.size(); position-- > 0;) {
            if (++tag[position] <= 'Z') break;
            tag[position] = 'A';
        }
    }
    return tag;
}

// --- fonts -------------------------------------------------------------------

/// One font to embed. Faces of one file (a bold request answered with the
/// regular file, say) share one subset holding all their characters.
struct FontToEmbed {
    FaceId subset_face = 0;  ///< the face whose subset is embedded
    std::vector<FaceId> faces;
    std::set<char32_t> code_points;
};

/// Makes libharu embed every glyph of a loaded subset.
///
/// libharu subsets a TrueType font a second time when it saves: it writes
/// the outline of a glyph only once a character showing it was measured,
/// and of that glyph's direct components, but not of a component's own
/// components; every other glyph is written empty. Fonts built from
/// accents (CMU Serif's ñ is n + U+0303, and U+0303 is the tilde moved
/// down) then lose the mark in every weight, while the text stays right.
/// The HarfBuzz subset being loaded holds exactly the glyphs its
/// characters need, nested components included, so all of them are kept.
void keep_every_glyph(HPDF_FontDef definition) {
    auto* attributes = static_cast<HPDF_TTFontDefAttr>(definition->attr);
    // Another libharu may keep its glyph table otherwise: nothing to mark.
    if (definition->type != HPDF_FONTDEF_TYPE_TRUETYPE || attributes == nullptr ||
        attributes->glyph_tbl.flgs == nullptr)
        return;
    constexpr HPDF_BYTE embedded = 1;  // libharu's flag for "write this glyph's outline"
    std::memset(attributes->glyph_tbl.flgs, embedded, attributes->num_glyphs);
}

/// The fonts to embed, in the order of their files and names: the output
/// depends on nothing but the document. (Face ids are given in the order a
/// font provider first meets each face, so a provider shared by several
/// builds, as `vitae build -j` shares one per thread, numbers them by what
/// it built before.)
std::vector<FontToEmbed> plan_fonts(const layout::DocumentPlan& document, const layout::FontProvider& fonts) {
    std::vector<std::pair<FaceId, const std::set<char32_t>*>> faces;
    for (const auto& [face, code_points] : document.characters) faces.emplace_back(face, &code_points);
    const auto identity = [&fonts](FaceId face) {
        const layout::FaceInfo& info = fonts.face(face);
        return std::tie(info.path, info.index, info.family, info.style, info.bold, info.italic);
    };
    std::stable_sort(faces.begin(), faces.end(),
                     [&](const auto& a, const auto& b) { return identity(a.first) < identity(b.first); });
    std::vector<FontToEmbed> plan;
    std::map<std::pair<std::string, int>, std::size_t> by_file;
    for (const auto& [face, code_points] : faces) {
        const layout::FaceInfo& info = fonts.face(face);
        std::size_t slot = plan.size();
        if (!info.path.empty())
            slot = by_file.try_emplace({info.path, info.index}, plan.size()).first->second;
        if (slot == plan.size()) plan.push_back({face, {}, {}});
        plan[slot].faces.push_back(face);
        plan[slot].code_points.insert(code_points->begin(), code_points->end());
    }
    return plan;
}

/// Consecutive character codes that stand for consecutive characters: one
/// line of a ToUnicode CMap.
struct CodeRange {
    unsigned first_code;
    unsigned last_code;
    char32_t first_character;
};

/// Adds a code to the ranges, extending the last one when it continues it.
/// A range may only vary in its last byte (the CMap format's rule).
void add_code(std::vector<CodeRange>& ranges, unsigned code, char32_t character) {
    if (!ranges.empty()) {
        CodeRange& last = ranges.back();
        const bool continues = last.last_code + 1 == code &&
                               last.first_character + (code - last.first_code) == character &&
                               (code & low_byte_mask) != 0;
        if (continues) {
            last.last_code = code;
            return;
        }
    }
    ranges.push_back({code, code, character});
}

/// The ranges of a font shown with libharu's UTF-8 encoder, whose character
/// codes are the characters themselves (16 bits, Identity-H): only the
/// characters used.
std::vector<CodeRange> identity_ranges(const std::set<char32_t>& code_points) {
    std::vector<CodeRange> ranges;
    for (const char32_t code_point : code_points) {
        const bool is_code = code_point > 0 && code_point <= last_bmp_code_point &&
                             (code_point < high_surrogate_base || code_point > last_surrogate);
        if (is_code) add_code(ranges, code_point, code_point);
    }
    return ranges;
}

/// The ranges of every Windows-1252 byte that shows a glyph: the same for
/// every font shown in it, so one map serves them all.
std::vector<CodeRange> windows_1252_ranges() {
    std::vector<CodeRange> ranges;
    for (unsigned byte = 0; byte < byte_values; ++byte) {
        const std::optional<char32_t> character = cp1252_character(static_cast<unsigned char>(byte));
        if (character) add_code(ranges, byte, *character);
    }
    return ranges;
}

/// A ToUnicode CMap: what each character code of a font stands for, so
/// that text can be extracted and searched. Codes are `code_bytes` wide.
std::string to_unicode_cmap(const std::vector<CodeRange>& ranges, int code_bytes) {
    constexpr std::size_t most_entries_per_block = 100;  // the CMap format's limit
    constexpr int hex_digits_per_byte = 2;
    const int code_digits = code_bytes * hex_digits_per_byte;
    auto hex = [](unsigned value, int digits) { return fmt::format("<{:0{}X}>", value, digits); };
    constexpr int character_digits = 4;  // one UTF-16 unit: every code maps into the BMP
    std::string mappings;
    auto to = std::back_inserter(mappings);
    for (std::size_t block = 0; block < ranges.size(); block += most_entries_per_block) {
        const std::size_t end = std::min(ranges.size(), block + most_entries_per_block);
        fmt::format_to(to, "{} beginbfrange\n", end - block);
        for (std::size_t index = block; index < end; ++index) {
            const CodeRange& range = ranges[index];
            fmt::format_to(to, "{} {} {}\n", hex(range.first_code, code_digits),
                           hex(range.last_code, code_digits), hex(range.first_character, character_digits));
        }
        mappings += "endbfrange\n";
    }
    return to_unicode_cmap_around(code_bytes, mappings);
}

std::string describe_face(const layout::FontProvider& fonts, FaceId face) {
    const layout::FaceInfo& info = fonts.face(face);
    if (info.family.empty()) return fmt::format("face {}", face);
    if (info.style.empty()) return fmt::format("face {} ({})", face, info.family);
    return fmt::format("face {} ({} {})", face, info.family, info.style);
}

// --- drawing -----------------------------------------------------------------

/// A gap narrower than this between two runs of a line is a word space
/// or kerning, not a gap that pdfminer would take for a column's edge
/// (it joins characters closer than twice a character's width).
constexpr double smallest_bridged_gap = 1;  // pt

/// Where a run's first glyph is drawn (pt from the page's left edge).
double ink_start(const TextRun& run) {
    return run.origin.x + (run.glyphs.empty() ? 0 : run.glyphs.front().x);
}

/// A PDF page starts drawing in black with 1 pt lines.
constexpr style::Color initial_color{};
constexpr double initial_line_width = 1;

/// What the current page's graphics state already holds, so that operators
/// are written only when something changes (text state and colours carry
/// over between text objects).
struct PageState {
    bool in_text = false;
    HPDF_Font font = nullptr;
    double font_size = 0;
    style::Color fill = initial_color;
    style::Color stroke = initial_color;
    double line_width = initial_line_width;
    /// Where the current text line starts (pt, PDF coordinates): what the
    /// next Td moves from. A text object starts at the origin.
    layout::Point line_start;
    /// The marked-content sequence open (a tagged PDF), and whether it was
    /// opened inside the text object: a sequence must nest with BT/ET.
    std::optional<ContentMark> mark;
    bool mark_in_text = false;
};

/// The numbers written into text operators are whole thousandths: of a
/// point for positions, of a thousandth of an em for TJ adjustments, both
/// far below what any output device resolves.
constexpr long long operator_resolution = 1000;

/// A number as it is written into a text operator (see append_number).
double rounded(double value) {
    return static_cast<double>(std::llround(value * operator_resolution)) / operator_resolution;
}

/// A number rounded to thousandths, without trailing zeros. Integer
/// arithmetic: printf's floating-point conversion took more time than
/// everything else in writing the text.
void append_number(std::string& out, double value) {
    constexpr int fraction_digits = 3;  // operator_resolution is 10^3
    constexpr long long decimal_base = 10;
    long long thousandths = std::llround(value * operator_resolution);
    if (thousandths < 0) {
        out += '-';
        thousandths = -thousandths;
    }
    fmt::format_to(std::back_inserter(out), "{}", thousandths / operator_resolution);
    long long fraction = thousandths % operator_resolution;
    if (fraction == 0) return;
    char digits[fraction_digits];
    for (int index = fraction_digits - 1; index >= 0; --index) {
        digits[index] = static_cast<char>('0' + fraction % decimal_base);
        fraction /= decimal_base;
    }
    std::size_t length = fraction_digits;
    while (digits[length - 1] == '0') --length;
    out += '.';
    out.append(digits, length);
}

/// Text as a PDF string operand: Windows-1252 bytes as a literal string
/// (cp1252_text leaves no control character that would need escaping),
/// UTF-8 as the 16-bit codes of an Identity-H font, each character its own
/// code (one beyond 16 bits shows as a space, as libharu shows it).
void append_string(std::string& out, std::string_view text, bool single_byte) {
    if (single_byte) {
        out += '(';
        for (const char character : text) {
            if (character == '(' || character == ')' || character == '\\') out += '\\';
            out += character;
        }
        out += ')';
        return;
    }
    constexpr char digits[] = "0123456789ABCDEF";
    constexpr unsigned nibble_bits = 4;
    constexpr unsigned nibble_mask = 0xF;
    constexpr int code_nibbles = 4;
    out += '<';
    for (std::size_t offset = 0; offset < text.size();) {
        char32_t code = utf8::next(text, offset);
        if (code > last_bmp_code_point) code = U' ';
        for (int nibble = code_nibbles - 1; nibble >= 0; --nibble)
            out += digits[(code >> (nibble * nibble_bits)) & nibble_mask];
    }
    out += '>';
}

/// Writes a PDF page by page: begin embeds the fonts the plan names, each
/// page is drawn as it comes, end adds the outline and saves.
class PdfWriter final : public layout::PageSink {
public:
    PdfWriter(const layout::FontProvider& fonts, const layout::FontData& font_data, const PdfOptions& options,
              Diagnostics& diagnostics)
        : fonts_(fonts), font_data_(font_data), options_(options), diagnostics_(diagnostics) {}

    void begin(const layout::DocumentPlan& plan) override {
        errors_before_ = diagnostics_.error_count();
        page_width_ = plan.page_width;
        page_height_ = plan.page_height;
        if (plan.page_count == 0) {
            diagnostics_.error({}, "nothing to write: the document has no pages");
            return;
        }
        pdf_.reset(HPDF_New(record_libharu_error, &log_));
        if (!pdf_) {
            diagnostics_.error({}, "cannot start a PDF document (out of memory)");
            return;
        }
        if (!check_standard_requirements(options_.standards, options_.date, plan, fonts_, diagnostics_))
            return;
        healthy_ = set_up() && set_metadata(plan.metadata) && embed_fonts(plan);
        language_ =
            plan.metadata.language.empty() ? std::string{compose::default_language} : plan.metadata.language;
        if (!options_.tagged && options_.standards.needs_tags()) {
            diagnostics_.error({}, "PDF/UA-1 and PDF/A-2a need a tagged PDF, which --untagged turns off");
            healthy_ = false;
            return;
        }
        if (!options_.tagged) return;
        if (plan.page_count > limits::max_tagged_pages && options_.standards.needs_tags()) {
            diagnostics_.error({},
                               fmt::format("the document has {} pages: past {} its structure is not tagged, "
                                           "and PDF/UA-1 and PDF/A-2a need it",
                                           plan.page_count, limits::max_tagged_pages));
            healthy_ = false;
            return;
        }
        if (plan.page_count > limits::max_tagged_pages) {
            diagnostics_.warning(
                {}, fmt::format("the document has {} pages: past {} its structure is not tagged, "
                                "which would take more memory than the rest of the PDF",
                                plan.page_count, limits::max_tagged_pages));
            return;
        }
        tags_.emplace();
    }

    void block(const layout::BlockNote& note) override {
        column_left_[note.block] = note.column_left;
        if (tags_) tags_->note(note);
    }

    void page(const layout::Page& content) override {
        if (!healthy_) return;
        warn_about_text_libharu_cannot_show(content);
        begin_step(fmt::format("drawing page {}", pages_.size() + 1));
        HPDF_Page page = HPDF_AddPage(pdf_.get());
        healthy_ = page != nullptr && !failed();
        if (!healthy_) return;
        pages_.push_back(page);
        HPDF_Page_SetWidth(page, real(page_width_));
        HPDF_Page_SetHeight(page, real(page_height_));
        healthy_ = draw_page(page, content);
    }

    void end(const std::vector<layout::Bookmark>& bookmarks) override {
        if (!pdf_) return;  // never begun, or failed to start (reported)
        if (healthy_ && add_bookmarks(bookmarks) && write_structure() && outline_fonts_.finish(pdf_.get()))
            bytes_ = save();
        report_errors();
        if (!bytes_ && diagnostics_.error_count() == errors_before_) {
            diagnostics_.error(
                {}, fmt::format("cannot write the PDF while {}: libharu failed without an error", log_.step));
        }
    }

    /// The PDF once end() made it; nothing after an error.
    std::optional<std::string> take() { return std::move(bytes_); }

private:
    [[nodiscard]] bool failed() const {
        return !log_.errors.empty() || log_.lost_an_error || HPDF_GetError(pdf_.get()) != HPDF_OK;
    }

    void begin_step(std::string step) { log_.step = std::move(step); }

    bool set_up() {
        begin_step("setting up the document");
        HPDF_SetCompressionMode(pdf_.get(), HPDF_COMP_ALL);
        // The UTF-8 encoder, for Type0 fonts. It is not made the current
        // encoder: setting up its tables (256 KB) took longer than writing
        // all the metadata, which is given as text-string bytes instead.
        HPDF_UseUTFEncodings(pdf_.get());
        return !failed();
    }

    bool set_metadata(const layout::Metadata& metadata) {
        begin_step("writing the metadata");
        // Setting the producer (ASCII) makes libharu create the document
        // information dictionary, which the text strings then go into.
        HPDF_SetInfoAttr(pdf_.get(), HPDF_INFO_PRODUCER, producer);
        HPDF_Dict info = pdf_->info;
        if (info == nullptr || failed()) return false;
        set_info(info, "Title", metadata.title);
        set_info(info, "Author", metadata.author);
        set_info(info, "Subject", metadata.subject);
        set_info(info, "Keywords", metadata.keywords);
        const std::string& creator = metadata.creator.empty() ? std::string{producer} : metadata.creator;
        set_info(info, "Creator", creator);
        if (options_.date) {
            const std::optional<HPDF_Date> date = pdf_date(*options_.date);
            if (!date) {
                diagnostics_.error({}, fmt::format("the date {} (seconds since 1970) is outside the years 0 "
                                                   "to 9999 a PDF date can hold",
                                                   *options_.date));
                return false;
            }
            HPDF_SetInfoDateAttr(pdf_.get(), HPDF_INFO_CREATION_DATE, *date);
            HPDF_SetInfoDateAttr(pdf_.get(), HPDF_INFO_MOD_DATE, *date);
        }
        const DocumentDescription description{metadata.title,    metadata.author, metadata.subject,
                                              metadata.keywords, creator,         producer,
                                              metadata.language, options_.date};
        return add_document_metadata(pdf_.get(), description, options_.standards, options_.srgb_profile,
                                     diagnostics_) &&
               !failed();
    }

    void set_info(HPDF_Dict info, const char* key, const std::string& value) {
        if (!value.empty()) HPDF_Dict_Add(info, key, text_string(value));
    }

    /// A text string object (see pdf_text_string); null, with the error
    /// recorded, when libharu cannot make it.
    HPDF_Binary text_string(const std::string& text) {
        std::string bytes = pdf_text_string(text);
        return HPDF_Binary_New(pdf_->mmgr, reinterpret_cast<HPDF_BYTE*>(bytes.data()),
                               static_cast<HPDF_UINT>(bytes.size()));
    }

    bool embed_fonts(const layout::DocumentPlan& plan) {
        for (const FontToEmbed& font : plan_fonts(plan, fonts_)) {
            if (!embed(font)) return false;
        }
        return true;
    }

    bool embed(const FontToEmbed& font) {
        if (fonts_.face(font.subset_face).path.empty()) return use_base14_font(font);
        const std::string face_name = describe_face(fonts_, font.subset_face);
        begin_step(fmt::format("embedding {}", face_name));
        const std::vector<char32_t> code_points(font.code_points.begin(), font.code_points.end());
        const std::optional<std::string> subset = font_data_.subset(font.subset_face, code_points);
        if (!subset) {
            diagnostics_.error({}, fmt::format("cannot embed {}: the font could not be subset", face_name));
            return false;
        }
        FontBytes& bytes = *font_bytes_.emplace_back(std::make_unique<FontBytes>(std::move(*subset)));
        HPDF_Stream stream = bytes.stream(pdf_->mmgr);
        if (stream == nullptr || failed()) return false;
        // Loaded as HPDF_LoadTTFontFromFile loads a file; the definition
        // owns the stream from here, even when loading fails.
        HPDF_FontDef definition = HPDF_TTFontDef_Load(pdf_->mmgr, stream, HPDF_TRUE);
        if (definition == nullptr || failed()) return false;
        keep_every_glyph(definition);
        std::string tag = subset_tag(font_bytes_.size() - 1);
        HPDF_TTFontDef_SetTagName(definition, tag.data());
        // libharu finds fonts by their PostScript name, and refuses a second
        // font of the same name (two subsets of one family, or two versions
        // of a font). Giving each font a key of its own keeps them apart;
        // the name written into the PDF is a separate copy, tagged above
        // (HPDFAA+…).
        const std::string key = font_key(font.subset_face);
        if (key.size() >= sizeof definition->base_font) {
            HPDF_FontDef_Free(definition);
            diagnostics_.error({},
                               fmt::format("cannot embed {}: its key is too long for libharu", face_name));
            return false;
        }
        std::memcpy(definition->base_font, key.c_str(), key.size() + 1);
        // Registering frees the definition when it fails.
        if (HPDF_Doc_RegisterFontDef(pdf_.get(), definition) != HPDF_OK || failed()) return false;
        // A font whose characters all have a Windows-1252 byte is written
        // as a simple TrueType font in WinAnsiEncoding, as the base-14
        // fonts are: libharu makes it without visiting every 16-bit code,
        // it needs no CIDToGIDMap, and its text takes one byte a character
        // instead of four hexadecimal digits. A reader finds each byte's
        // glyph through the font's Unicode cmap, which a font flagged
        // symbolic need not have: such a font stays a Type0 font.
        const bool single_byte =
            (definition->flags & HPDF_FONT_SYMBOLIC) == 0 && fits_windows_1252(font.code_points);
        HPDF_Font handle = single_byte ? HPDF_GetFont(pdf_.get(), key.c_str(), single_byte_encoding)
                                       : unicode_font(key, font.code_points);
        if (handle == nullptr || failed()) return false;
        if (single_byte) {
            if (!add_windows_1252_to_unicode(handle)) return false;
        } else {
            replace_to_unicode(handle, font.code_points);
        }
        for (const FaceId face : font.faces) {
            pdf_fonts_[face] = handle;
            if (single_byte) single_byte_faces_.insert(face);
            if (font.code_points.contains(U' ')) space_fonts_[face] = {handle, single_byte};
        }
        return !failed();
    }

    /// A Type0 font (Identity-H) for UTF-8 text.
    ///
    /// libharu 2.3.0 makes its CIDToGIDMap and widths by looking up each
    /// of the 65,536 codes of the UTF-8 encoder in the font (more time
    /// than the layout of a CV takes), and writes a map of all of them
    /// (128 KB to compress, nearly all zeros). From an encoder that maps
    /// codes to CIDs with a table, as the encoders of CJK encodings do,
    /// it takes only the codes the table maps. So for the one call that
    /// makes the font, the UTF-8 encoder is such a table, mapping only the
    /// characters this font shows, each to itself (a CID is its character,
    /// Identity-H); the map then ends at the highest of them. The encoder
    /// is put back before anything else uses it.
    HPDF_Font unicode_font(const std::string& key, const std::set<char32_t>& code_points) {
        HPDF_Encoder encoder = HPDF_GetEncoder(pdf_.get(), utf8_encoding);
        // Another libharu may build its encoders otherwise: nothing to narrow.
        if (encoder == nullptr || encoder->type != HPDF_ENCODER_TYPE_DOUBLE_BYTE || encoder->attr == nullptr)
            return HPDF_GetFont(pdf_.get(), key.c_str(), utf8_encoding);
        auto& table = *static_cast<HPDF_CMapEncoderAttr>(encoder->attr);
        // Both made before the encoder changes, so that nothing can throw
        // while it is changed.
        std::vector<HPDF_UINT16> saved_cids(sizeof table.cid_map / sizeof(HPDF_UINT16));
        std::memcpy(saved_cids.data(), table.cid_map, sizeof table.cid_map);
        std::vector<std::pair<char32_t, HPDF_UNICODE>> saved_characters;
        saved_characters.reserve(code_points.size() + 1);
        const HPDF_Encoder_ToUnicode_Func saved_to_unicode = encoder->to_unicode_fn;

        std::memset(table.cid_map, 0, sizeof table.cid_map);
        auto map_to_itself = [&](char32_t code) {
            const std::size_t high = code >> CHAR_BIT;
            const std::size_t low = code & low_byte_mask;
            saved_characters.emplace_back(code, table.unicode_map[high][low]);
            table.unicode_map[high][low] = static_cast<HPDF_UNICODE>(code);
            table.cid_map[high][low] = static_cast<HPDF_UINT16>(code);
        };
        char32_t highest = 0;
        for (const char32_t code_point : code_points) {
            if (code_point == 0 || code_point > last_bmp_code_point) continue;  // CID 0 is "none"
            map_to_itself(code_point);
            highest = std::max(highest, code_point);
        }
        // libharu stops one short of the highest CID it finds: one more,
        // which no text shows, brings the highest character in. It also
        // means there is a CID even when no character has one.
        if (highest < last_bmp_code_point) map_to_itself(highest + 1);
        encoder->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;

        HPDF_Font font = HPDF_GetFont(pdf_.get(), key.c_str(), utf8_encoding);

        encoder->to_unicode_fn = saved_to_unicode;
        std::memcpy(table.cid_map, saved_cids.data(), sizeof table.cid_map);
        for (const auto& [code, unicode] : saved_characters)
            table.unicode_map[code >> CHAR_BIT][code & low_byte_mask] = unicode;
        return font;
    }

    /// Gives a font shown in Windows-1252 its ToUnicode map. Every such
    /// font shares one: what a byte stands for does not depend on the font.
    bool add_windows_1252_to_unicode(HPDF_Font font) {
        if (windows_1252_to_unicode_ == nullptr) {
            const auto* attributes = static_cast<HPDF_FontAttr>(font->attr);
            if (attributes == nullptr) return false;
            HPDF_Dict map = HPDF_DictStream_New(font->mmgr, attributes->xref);
            if (map == nullptr || failed()) return false;
            map->filter = HPDF_STREAM_FILTER_FLATE_DECODE;  // set_up compresses everything
            const std::string cmap = to_unicode_cmap(windows_1252_ranges(), 1);
            if (HPDF_Stream_WriteStr(map->stream, cmap.c_str()) != HPDF_OK || failed()) return false;
            windows_1252_to_unicode_ = map;
        }
        return HPDF_Dict_Add(font, "ToUnicode", windows_1252_to_unicode_) == HPDF_OK && !failed();
    }

    /// A face without a file is one of the base-14 fonts every reader
    /// has: it is referenced by name, with its Windows-1252 widths, and
    /// nothing is embedded.
    bool use_base14_font(const FontToEmbed& font) {
        const std::string& name = fonts_.face(font.subset_face).family;
        const std::string face_name = describe_face(fonts_, font.subset_face);
        begin_step(fmt::format("using the base-14 font {}", face_name));
        if (std::find(text_base14_names.begin(), text_base14_names.end(), name) == text_base14_names.end()) {
            diagnostics_.error(
                {}, fmt::format(
                        "cannot write {}: it has no font file and is not one of the PDF base-14 text fonts",
                        face_name));
            return false;
        }
        HPDF_Font handle = HPDF_GetFont(pdf_.get(), name.c_str(), single_byte_encoding);
        if (handle == nullptr || failed()) return false;
        for (const FaceId face : font.faces) {
            pdf_fonts_[face] = handle;
            single_byte_faces_.insert(face);
        }
        return true;
    }

    /// libharu 2.3.0 gives a UTF-8 font its encoding CMap as ToUnicode map:
    /// one "cidrange" from every code to CID 0. Text extraction happens to
    /// survive that, but poppler warns about it on every use, and a reader
    /// need not guess. The map is rewritten in place as a proper one, with
    /// the keys that only an encoding CMap has removed.
    static void replace_to_unicode(HPDF_Font font, const std::set<char32_t>& code_points) {
        auto* attributes = static_cast<HPDF_FontAttr>(font->attr);
        HPDF_Dict map = attributes == nullptr ? nullptr : attributes->cmap_stream;
        // Another libharu may build fonts otherwise: keep what it made.
        if (map == nullptr || map->stream == nullptr ||
            HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT) != map) {
            return;
        }
        for (const char* key : {"Type", "CMapName", "CIDSystemInfo", "WMode"})
            HPDF_Dict_RemoveElement(map, key);
        HPDF_MemStream_FreeData(map->stream);
        constexpr int identity_code_bytes = 2;
        HPDF_Stream_WriteStr(map->stream,
                             to_unicode_cmap(identity_ranges(code_points), identity_code_bytes).c_str());
    }

    bool draw_page(HPDF_Page page, const layout::Page& content) {
        PageState state;
        std::vector<ContentMark> marks;
        if (tags_) {
            tags_->begin_page(page, content);
            marks.reserve(content.items.size());
            for (const layout::Item& item : content.items) marks.push_back(tags_->mark(item));
        }
        // After the runs of a word broken over lines (an index, not an
        // optional: GCC 12 takes the optional for uninitialised here).
        constexpr std::size_t no_broken_word = SIZE_MAX;
        std::size_t broken_word_end = no_broken_word;
        for (std::size_t index = 0; index < content.items.size(); ++index) {
            const layout::Item& item = content.items[index];
            if (const auto* run = std::get_if<TextRun>(&item)) {
                if (tags_) {
                    enter_mark(page, state, marks[index], true);
                    if (broken_word_end == no_broken_word) {
                        broken_word_end =
                            open_broken_word(page, content.items, marks, index).value_or(no_broken_word);
                    }
                }
                lead_line(page, *run, index == 0 ? nullptr : &content.items[index - 1], state);
                draw_text(page, *run, state);
                if (broken_word_end == no_broken_word) bridge_gap(page, *run, content.items, index, state);
                if (index + 1 == broken_word_end) {
                    write_operators(page, "EMC\n");
                    broken_word_end = no_broken_word;
                }
            } else if (const auto* outline = std::get_if<OutlineGlyph>(&item)) {
                if (tags_) enter_mark(page, state, marks[index], true, spoken(*outline));
                draw_outline(page, *outline, state);
            } else if (const auto* picture = std::get_if<layout::Picture>(&item)) {
                if (tags_) enter_mark(page, state, marks[index], false);
                draw_picture(page, *picture, state);
            } else {
                if (tags_) enter_mark(page, state, marks[index], false);
                draw_line(page, std::get<Line>(item), state);
            }
            if (failed()) return false;
        }
        leave_text(page, state);
        close_mark(page, state);
        for (std::size_t index = 0; index < content.links.size(); ++index)
            add_link(page, content.links, index);
        return !failed();
    }

    /// A word broken over lines (a compound after its hyphen, a URL at a
    /// break point) reads whole: the runs from `first` that each end inside
    /// a word and go on at the start of the next line, in one marked
    /// sequence, are spanned by one /ActualText of their text joined, which
    /// poppler and MuPDF read instead ("cloud-" "based" is otherwise
    /// "cloudbased" or two words). Returns the index after the last run
    /// spanned; none when the run at `first` is whole.
    static std::optional<std::size_t> open_broken_word(HPDF_Page page, const std::vector<layout::Item>& items,
                                                       const std::vector<ContentMark>& marks,
                                                       std::size_t first) {
        if (marks[first].kind != ContentMark::Kind::element)
            return std::nullopt;  // an artifact reads as nothing
        std::size_t last = first;
        // Its text, and whether it ends inside a word (no space).
        std::string joined{std::get<TextRun>(items[first]).source_text()};
        // A line of Chinese or Japanese ends between two characters, not
        // inside a word: nothing to join (a CJK wide character either side).
        const auto ends_inside_word = [](const TextRun& run) {
            if (run.text().empty() || run.text().ends_with(' ')) return false;
            return utf8::display_width(utf8::before(run.text(), run.text().size())) != 2;
        };
        const auto starts_wide = [](const TextRun& run) {
            std::size_t offset = 0;
            return !run.text().empty() && utf8::display_width(utf8::next(run.text(), offset)) == 2;
        };
        bool inside_word = ends_inside_word(std::get<TextRun>(items[first]));
        while (last + 1 < items.size() && inside_word) {
            const auto* next = std::get_if<TextRun>(&items[last + 1]);
            const bool goes_on = next != nullptr && marks[last + 1] == marks[first] &&
                                 next->origin.y > std::get<TextRun>(items[last]).origin.y;
            if (!goes_on || starts_wide(*next)) break;
            joined += next->source_text();
            inside_word = ends_inside_word(*next);
            ++last;
        }
        if (last == first) return std::nullopt;
        std::string operators = "/Span <</ActualText ";
        append_hexadecimal_text_string(operators, joined);
        operators += ">> BDC\n";
        write_operators(page, operators);
        return last + 1;
    }

    /// What an outline glyph reads as: an icon as what it means, a
    /// character as itself.
    static std::string spoken(const OutlineGlyph& glyph) {
        const std::string_view meaning = cv::icon_meaning(glyph.text);
        if (!meaning.empty()) return std::string{meaning};
        // Extractors put right-to-left text in reading order by reversing
        // what they find drawn, a glyph's characters too: they are given in
        // drawing order, so that "لا" does not come out as "ال".
        if (!glyph.right_to_left) return glyph.text;
        std::vector<char32_t> characters;
        for (std::size_t offset = 0; offset < glyph.text.size();)
            characters.push_back(utf8::next(glyph.text, offset));
        std::string reversed;
        for (auto it = characters.rbegin(); it != characters.rend(); ++it) utf8::append(reversed, *it);
        return reversed;
    }

    /// Makes `mark`'s marked-content sequence the open one, in a text object
    /// (`text`) or outside.
    void enter_mark(HPDF_Page page, PageState& state, const ContentMark& mark, bool text,
                    std::string_view actual_text = {}) {
        if (state.mark == mark && state.mark_in_text == text && !mark.drawn_glyph) return;
        close_mark(page, state);
        if (text) {
            begin_text(page, state);
        } else {
            leave_text(page, state);
        }
        std::string operators;
        tags_->open(operators, mark, actual_text);
        write_operators(page, operators);
        state.mark = mark;
        state.mark_in_text = text;
    }

    static void close_mark(HPDF_Page page, PageState& state) {
        if (!state.mark) return;
        write_operators(page, "EMC\n");
        state.mark.reset();
    }

    /// Operators written straight into the page's content stream (libharu
    /// has neither TJ nor marked content). Its own text position is left
    /// behind, which only its text functions, not used here, would read.
    static void write_operators(HPDF_Page page, std::string_view operators) {
        const auto* attributes = static_cast<HPDF_PageAttr>(page->attr);
        HPDF_Stream_Write(attributes->stream, reinterpret_cast<const HPDF_BYTE*>(operators.data()),
                          static_cast<HPDF_UINT>(operators.size()));
    }

    static void begin_text(HPDF_Page page, PageState& state) {
        if (state.in_text) return;
        HPDF_Page_BeginText(page);
        state.in_text = true;
        state.line_start = {};
    }

    [[nodiscard]] double pdf_y(double y) const { return page_height_ - y; }

    static void set_font(HPDF_Page page, HPDF_Font font, double size, PageState& state) {
        if (state.font == font && state.font_size == size) return;
        HPDF_Page_SetFontAndSize(page, font, real(size));
        state.font = font;
        state.font_size = size;
    }

    static void set_fill(HPDF_Page page, const style::Color& color, PageState& state) {
        if (state.fill == color) return;
        HPDF_Page_SetRGBFill(page, real(color.red), real(color.green), real(color.blue));
        state.fill = color;
    }

    static void leave_text(HPDF_Page page, PageState& state) {
        if (!state.in_text) return;
        // A sequence begun in the text object ends in it.
        if (state.mark_in_text) close_mark(page, state);
        HPDF_Page_EndText(page);
        state.in_text = false;
    }

    /// How far a viewer moves the pen after showing `text`: by the widths
    /// written into the PDF font, which are not quite the layout's.
    static double pdf_advance(HPDF_Font font, const std::string& text, double size) {
        const HPDF_TextWidth width = HPDF_Font_TextWidth(
            font, reinterpret_cast<const HPDF_BYTE*>(text.data()), static_cast<HPDF_UINT>(text.size()));
        return static_cast<double>(width.width) * size / glyph_width_units_per_em;
    }

    void draw_text(HPDF_Page page, const TextRun& run, PageState& state) {
        const auto found = pdf_fonts_.find(run.face);
        if (found == pdf_fonts_.end() || run.glyphs.empty()) return;
        HPDF_Font font = found->second;
        // Base-14 fonts and embedded simple ones show Windows-1252 bytes,
        // Type0 fonts UTF-8.
        const bool single_byte = single_byte_faces_.contains(run.face);
        const layout::GlyphString& glyphs = run.glyphs;
        // The glyphs in the order they are read: a right-to-left run's from
        // its right end, so that readers that take text in the order it is
        // drawn (pdfminer, MuPDF) read its words forwards, not mirrored.
        const auto read = [&](std::size_t index) {
            return run.right_to_left ? glyphs.size() - 1 - index : index;
        };
        auto shown = [&](std::size_t index) {
            const std::string text = layout::characters_shown(fonts_, run.face, glyphs, read(index));
            return single_byte ? cp1252_text(text) : text;
        };
        const layout::Point start{run.origin.x + glyphs[read(0)].x, run.origin.y};
        begin_text(page, state);
        set_font(page, font, run.size, state);
        set_fill(page, run.color, state);
        // A viewer advances over a string by the widths the PDF font
        // states, which are not quite the layout's. The run is one TJ whose
        // strings are segments within which those widths put every glyph
        // where the layout did; before each later segment a number moves
        // the pen to where the layout put its first glyph: after a kerned
        // glyph, or once the widths have drifted too far. (libharu shows
        // one string per call, each after a Td of its own: on the seed CV
        // that took twice the time and made the pages' content 1.8 times
        // as long.) Every string is measured with libharu, which is also
        // how it learns the glyphs to embed and the widths to write.
        std::string operators;
        if (run.synthetic.bold) begin_synthetic_bold(operators, run, state);
        if (run.synthetic.italic) {
            set_text_matrix(operators, start, layout::synthetic_italic_slant, state);
        } else {
            move_pen(operators, start, state);
        }
        operators += '[';
        // Where the viewer's pen is, from the run's origin (pt).
        double pen = state.line_start.x - run.origin.x;
        for (std::size_t first = 0; first < glyphs.size();) {
            if (first > 0) {
                // Thousandths of an em, subtracted from the pen.
                const double adjustment =
                    rounded((pen - glyphs[read(first)].x) * glyph_width_units_per_em / run.size);
                append_number(operators, adjustment);
                pen -= adjustment * run.size / glyph_width_units_per_em;
            }
            std::string text = shown(first);
            pen += pdf_advance(font, text, run.size);
            std::size_t end = first + 1;
            for (; end < glyphs.size(); ++end) {
                const layout::PositionedGlyph& glyph = glyphs[read(end)];
                const bool drifted = std::abs(glyph.x - pen) > pen_drift_tolerance;
                if (glyph.kerned || drifted) break;
                const std::string glyph_text = shown(end);
                text += glyph_text;
                pen += pdf_advance(font, glyph_text, run.size);
            }
            append_string(operators, text, single_byte);
            first = end;
        }
        operators += "] TJ\n";
        if (run.synthetic.bold) operators += "0 Tr\n";
        // Upright again, where the run began: the pen's next move (Td) is
        // in the text matrix's space.
        if (run.synthetic.italic) set_text_matrix(operators, start, 0, state);
        write_operators(page, operators);
    }

    /// Fill and stroke (text rendering mode 2) with a line of
    /// layout::synthetic_bold_stroke ems in the text's colour: the next
    /// text shows bold though its face has no bold.
    static void begin_synthetic_bold(std::string& operators, const TextRun& run, PageState& state) {
        const double width = layout::synthetic_bold_stroke * run.size;
        append_number(operators, width);
        operators += " w ";
        state.line_width = width;
        for (const double component : {run.color.red, run.color.green, run.color.blue}) {
            append_number(operators, component);
            operators += ' ';
        }
        operators += "RG 2 Tr\n";
        state.stroke = run.color;
    }

    /// A glyph no embedded font can show, as a glyph of a Type 3 font
    /// (outline_fonts.hpp): drawn from its outline, and read as its text.
    void draw_outline(HPDF_Page page, const OutlineGlyph& glyph, PageState& state) {
        bool drawn = true;
        const std::optional<OutlineCode> shown = outline_fonts_.code(pdf_.get(), glyph, spoken(glyph), drawn);
        if (!shown) return;  // libharu's error, reported by the caller
        if (!drawn) {
            diagnostics_.warning(
                {}, fmt::format("cannot draw glyph {} of {} for '{}': it is missing from the PDF",
                                glyph.glyph, describe_face(fonts_, glyph.face), glyph.text));
        }
        begin_text(page, state);
        set_fill(page, glyph.color, state);
        std::string operators;
        if (state.font != shown->font || state.font_size != glyph.size) {
            const char* name = HPDF_Page_GetLocalFontName(page, shown->font);
            if (name == nullptr) return;
            fmt::format_to(std::back_inserter(operators), "/{} ", name);
            append_number(operators, glyph.size);
            operators += " Tf\n";
            state.font = shown->font;
            state.font_size = glyph.size;
        }
        move_pen(operators, {glyph.origin.x, glyph.origin.y}, state);
        fmt::format_to(std::back_inserter(operators), "<{:02X}> Tj\n", shown->code);
        write_operators(page, operators);
    }

    /// The gap between a run and the next on the same line (a skill's label
    /// and its items, a title and its dates), spanned by one invisible
    /// space stretched over it (Tz): pdfminer joins characters into a line
    /// only when they are closer than twice a character's width, and made
    /// separate boxes of the two sides, which its box order then put apart
    /// (a label after its items, a place inside a later paragraph).
    /// poppler and MuPDF read the line as before; nothing is drawn.
    void bridge_gap(HPDF_Page page, const TextRun& run, const std::vector<layout::Item>& items,
                    std::size_t index, PageState& state) {
        if (index + 1 >= items.size()) return;
        const auto* next = std::get_if<TextRun>(&items[index + 1]);
        // The same block on the same baseline: the same line of one column.
        if (next == nullptr || next->provenance.block != run.provenance.block ||
            next->origin.y != run.origin.y)
            return;
        const double gap_start = run.origin.x + run.width;
        const double gap = ink_start(*next) - gap_start;
        show_invisible_space(page, run, gap_start, gap, state);
    }

    /// A line that starts right of its column's edge (centred, or a list
    /// item's lines indented past its marker) begins with an invisible
    /// space stretched back to the edge: pdfminer keeps lines in one box
    /// only when their edges align, and orders boxes by their left edge as
    /// much as by their height, so it read an indented line between
    /// another column's lines, and a centred name after the wider line
    /// under it.
    void lead_line(HPDF_Page page, const TextRun& run, const layout::Item* previous, PageState& state) {
        const auto column = column_left_.find(run.provenance.block);
        if (column == column_left_.end() || run.provenance.block == 0) return;
        if (previous != nullptr) {
            // After a run or an icon of the same line: not its start.
            const bool continues_line = std::visit(
                [&run](const auto& item) {
                    using Kind = std::decay_t<decltype(item)>;
                    if constexpr (std::is_same_v<Kind, Line> || std::is_same_v<Kind, layout::Picture>) {
                        return false;
                    } else {
                        return item.provenance.block == run.provenance.block && item.origin.y == run.origin.y;
                    }
                },
                *previous);
            if (continues_line) return;
        }
        const double start = ink_start(run);
        show_invisible_space(page, run, column->second, start - column->second, state);
    }

    /// A space neither filled nor stroked, from `x` on `run`'s baseline,
    /// stretched (Tz) to `width`, in `run`'s face when its subset has one.
    void show_invisible_space(HPDF_Page page, const TextRun& run, double x, double width, PageState& state) {
        const auto space = space_fonts_.find(run.face);
        if (width < smallest_bridged_gap || space == space_fonts_.end()) return;
        const auto [font, single_byte] = space->second;
        const std::string space_text = single_byte ? cp1252_text(" ") : std::string{" "};
        const double space_width = pdf_advance(font, space_text, run.size);
        if (space_width <= 0) return;
        begin_text(page, state);
        set_font(page, font, run.size, state);
        std::string operators;
        move_pen(operators, {x, run.origin.y}, state);
        constexpr double full_scale = 100;  // Tz is in percent
        operators += "3 Tr ";
        append_number(operators, rounded(full_scale * width / space_width));
        operators += " Tz ";
        append_string(operators, space_text, single_byte);
        operators += " Tj 0 Tr 100 Tz\n";
        write_operators(page, operators);
    }

    /// A Td to `origin` (layout coordinates) from where the current text
    /// line starts, which it then is.
    void move_pen(std::string& operators, layout::Point origin, PageState& state) const {
        const layout::Point step{rounded(origin.x - state.line_start.x),
                                 rounded(pdf_y(origin.y) - state.line_start.y)};
        append_number(operators, step.x);
        operators += ' ';
        append_number(operators, step.y);
        operators += " Td\n";
        state.line_start.x += step.x;
        state.line_start.y += step.y;
    }

    /// A Tm that puts the pen at `origin` (layout coordinates), its text
    /// slanted by `slant` (the tangent of the angle from upright).
    void set_text_matrix(std::string& operators, layout::Point origin, double slant, PageState& state) const {
        const layout::Point at{rounded(origin.x), rounded(pdf_y(origin.y))};
        operators += "1 0 ";
        append_number(operators, slant);
        operators += " 1 ";
        append_number(operators, at.x);
        operators += ' ';
        append_number(operators, at.y);
        operators += " Tm\n";
        state.line_start = at;
    }

    void draw_line(HPDF_Page page, const Line& line, PageState& state) {
        leave_text(page, state);
        if (state.line_width != line.thickness) {
            HPDF_Page_SetLineWidth(page, real(line.thickness));
            state.line_width = line.thickness;
        }
        if (state.stroke != line.color) {
            HPDF_Page_SetRGBStroke(page, real(line.color.red), real(line.color.green), real(line.color.blue));
            state.stroke = line.color;
        }
        HPDF_Page_MoveTo(page, real(line.from.x), real(pdf_y(line.from.y)));
        HPDF_Page_LineTo(page, real(line.to.x), real(pdf_y(line.to.y)));
        HPDF_Page_Stroke(page);
    }

    /// A picture scaled into its area and cut to its clip. It is printed
    /// at image::print_dpi (a phone's 12-megapixel photo printed 35 mm wide
    /// is 413 pixels): each picture once, however often it shows.
    void draw_picture(HPDF_Page page, const layout::Picture& picture, PageState& state) {
        leave_text(page, state);
        HPDF_Image image = printed_image(picture);
        if (image == nullptr) return;
        const double left = picture.area.x;
        const double bottom = pdf_y(picture.area.y + picture.area.height);
        const double width = picture.area.width;
        const double height = picture.area.height;
        HPDF_Page_GSave(page);
        switch (picture.clip) {
            case layout::PictureClip::rectangle: break;
            case layout::PictureClip::ellipse:
                HPDF_Page_Ellipse(page, real(left + width / 2), real(bottom + height / 2), real(width / 2),
                                  real(height / 2));
                HPDF_Page_Clip(page);
                HPDF_Page_EndPath(page);
                break;
            case layout::PictureClip::rounded:
                rounded_rectangle(page, left, bottom, width, height,
                                  std::min({picture.corner_radius, width / 2, height / 2}));
                HPDF_Page_Clip(page);
                HPDF_Page_EndPath(page);
                break;
        }
        HPDF_Page_DrawImage(page, image, real(left), real(bottom), real(width), real(height));
        HPDF_Page_GRestore(page);
    }

    static void rounded_rectangle(HPDF_Page page, double left, double bottom, double width, double height,
                                  double radius) {
        // A quarter circle as one cubic Bézier: its control points this
        // share of the radius from the ends (4/3·(√2−1)).
        constexpr double bezier_circle = 0.5523;
        const double control = radius * (1 - bezier_circle);
        const double right = left + width;
        const double top = bottom + height;
        HPDF_Page_MoveTo(page, real(left + radius), real(bottom));
        HPDF_Page_LineTo(page, real(right - radius), real(bottom));
        HPDF_Page_CurveTo(page, real(right - control), real(bottom), real(right), real(bottom + control),
                          real(right), real(bottom + radius));
        HPDF_Page_LineTo(page, real(right), real(top - radius));
        HPDF_Page_CurveTo(page, real(right), real(top - control), real(right - control), real(top),
                          real(right - radius), real(top));
        HPDF_Page_LineTo(page, real(left + radius), real(top));
        HPDF_Page_CurveTo(page, real(left + control), real(top), real(left), real(top - control), real(left),
                          real(top - radius));
        HPDF_Page_LineTo(page, real(left), real(bottom + radius));
        HPDF_Page_CurveTo(page, real(left), real(bottom + control), real(left + control), real(bottom),
                          real(left + radius), real(bottom));
        HPDF_Page_ClosePath(page);
    }

    /// The picture as the PDF's image: its JPEG, with its transparency as a
    /// soft mask; made once per picture file and printed size.
    HPDF_Image printed_image(const layout::Picture& picture) {
        const PrintedKey key{picture.bytes.get(), picture.area.width, picture.area.height};
        if (const auto found = printed_images_.find(key); found != printed_images_.end())
            return found->second;
        std::string error;
        const std::optional<image::Printed> printed =
            image::print(*picture.bytes, picture.area.width, picture.area.height, image::print_dpi,
                         image::photo_quality, error);
        HPDF_Image made = nullptr;
        if (!printed) {
            diagnostics_.error({}, fmt::format("cannot print the picture: {}", error));
            healthy_ = false;
        } else {
            made = HPDF_LoadJpegImageFromMem(pdf_.get(),
                                             reinterpret_cast<const HPDF_BYTE*>(printed->jpeg.data()),
                                             static_cast<HPDF_UINT>(printed->jpeg.size()));
            if (made != nullptr && !printed->alpha.empty()) {
                HPDF_Image mask = HPDF_LoadRawImageFromMem(
                    pdf_.get(), reinterpret_cast<const HPDF_BYTE*>(printed->alpha.data()),
                    static_cast<HPDF_UINT>(printed->width), static_cast<HPDF_UINT>(printed->height),
                    HPDF_CS_DEVICE_GRAY, 8);
                if (mask != nullptr) HPDF_Image_AddSMask(made, mask);
            }
        }
        printed_images_.emplace(key, made);
        return made;
    }

    /// Link `index` of `links`, tied to its link element in a tagged PDF.
    void add_link(HPDF_Page page, const std::vector<layout::Link>& links, std::size_t index) {
        const layout::Link& link = links[index];
        const HPDF_Rect area{real(link.area.x), real(pdf_y(link.area.y + link.area.height)),
                             real(link.area.x + link.area.width), real(pdf_y(link.area.y))};
        HPDF_Annotation annotation = HPDF_Page_CreateURILinkAnnot(page, area, ascii_uri(link.url).c_str());
        if (annotation == nullptr) return;
        HPDF_LinkAnnot_SetBorderStyle(annotation, 0, 0, 0);
        // Printed with the page (PDF/A requires the flag), and described
        // for assistive technology by its address (PDF/UA-1 7.18.5).
        constexpr HPDF_INT32 print_flag = 4;  // the Print flag of /F (PDF 32000-1, table 165)
        HPDF_Dict_AddNumber(annotation, "F", print_flag);
        HPDF_Dict_Add(annotation, "Contents", text_string(link.url));
        if (tags_) tags_->annotate(annotation, index);
    }

    bool add_bookmarks(const std::vector<layout::Bookmark>& bookmarks) {
        // The last outline item made at each level: a deeper one's parent.
        std::vector<HPDF_Outline> open_levels;
        for (const layout::Bookmark& bookmark : bookmarks) {
            if (bookmark.page >= pages_.size()) {
                diagnostics_.warning({},
                                     fmt::format("the bookmark '{}' points to page {} of {}; it is left out",
                                                 bookmark.title, bookmark.page + 1, pages_.size()));
                continue;
            }
            begin_step(fmt::format("adding the bookmark '{}'", bookmark.title));
            // Made untitled, then given its title as a text string.
            const std::size_t level = std::min<std::size_t>(bookmark.level, open_levels.size());
            HPDF_Outline parent = level == 0 ? nullptr : open_levels[level - 1];
            HPDF_Outline outline = HPDF_CreateOutline(pdf_.get(), parent, "", nullptr);
            if (outline == nullptr || failed()) return false;
            open_levels.resize(level);
            open_levels.push_back(outline);
            HPDF_Dict_Add(outline, "Title", text_string(bookmark.title));
            HPDF_Destination destination = HPDF_Page_CreateDestination(pages_[bookmark.page]);
            if (destination == nullptr || failed()) return false;
            // libharu rejects the zoom 0 ("keep the reader's zoom") that /XYZ
            // needs, so the destination fits the page width with the
            // heading at the top.
            HPDF_Destination_SetFitH(destination, real(std::clamp(pdf_y(bookmark.y), 0.0, page_height_)));
            HPDF_Outline_SetDestination(outline, destination);
            if (failed()) return false;
        }
        return true;
    }

    bool write_structure() {
        if (!tags_) return true;
        begin_step("writing the document's structure");
        return tags_->write(pdf_.get(), pages_, language_) && !failed();
    }

    std::optional<std::string> save() {
        begin_step("saving");
        if (!finish_for_standard(pdf_.get(), pages_, options_.standards) || failed()) return std::nullopt;
        if (HPDF_SaveToStream(pdf_.get()) != HPDF_OK || failed()) return std::nullopt;
        const HPDF_UINT32 size = HPDF_GetStreamSize(pdf_.get());
        if (size == 0 || failed()) return std::nullopt;
        std::string bytes(size, '\0');
        HPDF_UINT32 read = size;
        const HPDF_STATUS status =
            HPDF_ReadFromStream(pdf_.get(), reinterpret_cast<HPDF_BYTE*>(bytes.data()), &read);
        // Reading up to the very end may report the end of the stream.
        if ((status != HPDF_OK && status != HPDF_STREAM_EOF) || read != size || failed()) return std::nullopt;
        // A tagged PDF's structure is hundreds of small objects: packed, the
        // seed's tags cost 2 KB rather than 10.
        if (!tags_) return bytes;
        std::optional<std::string> packed = pack_object_streams(bytes);
        if (!packed) {
            diagnostics_.error({},
                               "cannot write the PDF: libharu's file could not be read to pack its objects");
            return std::nullopt;
        }
        return packed;
    }

    /// libharu's errors as diagnostics; an error libharu noted without
    /// calling the handler is reported too.
    void report_errors() {
        if (log_.errors.empty() && HPDF_GetError(pdf_.get()) != HPDF_OK) {
            log_.errors.push_back({HPDF_GetError(pdf_.get()), HPDF_GetErrorDetail(pdf_.get()), log_.step});
        }
        for (const LibharuError& error : log_.errors) {
            diagnostics_.error(
                {}, fmt::format("cannot write the PDF while {}: {}", error.step, explain(error.error_no)),
                fmt::format("libharu error {}, detail {}", hexadecimal(error.error_no), error.detail_no));
        }
        if (log_.lost_an_error)
            diagnostics_.error({}, "cannot write the PDF: out of memory while reporting an error");
    }

    /// A character outside the Basic Multilingual Plane in a text run would
    /// come out as a space: the layout should have drawn it as an outline.
    /// A base-14 font shows '?' for a character outside Windows-1252: the
    /// layout should have replaced it (and said so) already.
    void warn_about_text_libharu_cannot_show(const layout::Page& page) {
        for (const layout::Item& item : page.items) {
            const auto* run = std::get_if<TextRun>(&item);
            if (run == nullptr) continue;
            const bool base14 = fonts_.face(run->face).path.empty();
            const std::string text = run->text();
            for (std::size_t offset = 0; offset < text.size();) {
                const std::size_t begin = offset;
                const char32_t code_point = utf8::next(text, offset);
                const std::string character = text.substr(begin, offset - begin);
                if (base14) {
                    if (cp1252_byte(code_point) || !reported_base14_.insert(code_point).second) continue;
                    diagnostics_.warning({},
                                         fmt::format("{} '{}' in '{}' is not in the base-14 fonts' "
                                                     "Windows-1252 characters and shows as '?'",
                                                     code_point_name(code_point), character, text),
                                         "install a TrueType font that has it");
                    continue;
                }
                if (code_point <= last_bmp_code_point || !reported_.insert(code_point).second) continue;
                diagnostics_.warning({},
                                     fmt::format("{} '{}' in '{}' cannot be PDF text and shows as a space",
                                                 code_point_name(code_point), character, text),
                                     "draw it as an outline glyph");
            }
        }
    }

    const layout::FontProvider& fonts_;
    const layout::FontData& font_data_;
    PdfOptions options_;  ///< a copy: a sink outlives the call that made it
    Diagnostics& diagnostics_;

    // Declared in this order so that libharu, which reads the font bytes
    // until it is freed and reports to the log, goes first.
    ErrorLog log_;
    std::vector<std::unique_ptr<FontBytes>> font_bytes_;
    Document pdf_;
    std::map<FaceId, HPDF_Font> pdf_fonts_;
    std::set<FaceId> single_byte_faces_;           ///< shown in Windows-1252 bytes
    HPDF_Dict windows_1252_to_unicode_ = nullptr;  ///< shared by the fonts of those faces
    std::vector<HPDF_Page> pages_;
    double page_width_ = 0;
    double page_height_ = 0;
    /// A picture's file and printed size: its image is made once.
    using PrintedKey = std::tuple<const std::string*, double, double>;
    std::map<PrintedKey, HPDF_Image> printed_images_;
    std::size_t errors_before_ = 0;
    bool healthy_ = false;  ///< begun, and nothing has failed
    std::optional<std::string> bytes_;
    std::optional<StructureTree> tags_;  ///< none: an untagged PDF
    /// An embedded font with a space, and whether it shows single bytes.
    OutlineFonts outline_fonts_{font_data_};
    /// The embedded font of each face whose subset has a space, and whether
    /// it is shown in single bytes: what bridge_gap shows.
    std::map<FaceId, std::pair<HPDF_Font, bool>> space_fonts_;
    /// Where each block's column starts, from its note (lead_line).
    std::unordered_map<std::uint32_t, double> column_left_;
    std::string language_;
    std::set<char32_t> reported_;         ///< characters outside the BMP, warned about
    std::set<char32_t> reported_base14_;  ///< characters a base-14 font lacks, warned about
};

}  // namespace

std::optional<std::string> write_pdf(const layout::PagedDocument& document, const layout::FontProvider& fonts,
                                     const layout::FontData& font_data, const PdfOptions& options,
                                     Diagnostics& diagnostics) {
    PdfPages pages{fonts, font_data, options, diagnostics};
    layout::send(document, fonts, pages);
    return pages.take();
}

struct PdfPages::Impl {
    Impl(const layout::FontProvider& fonts, const layout::FontData& font_data, const PdfOptions& options,
         Diagnostics& diagnostics)
        : writer(fonts, font_data, options, diagnostics) {}
    PdfWriter writer;
};

PdfPages::PdfPages(const layout::FontProvider& fonts, const layout::FontData& font_data,
                   const PdfOptions& options, Diagnostics& diagnostics)
    : impl_(std::make_unique<Impl>(fonts, font_data, options, diagnostics)) {}
PdfPages::~PdfPages() = default;
void PdfPages::begin(const layout::DocumentPlan& plan) {
    impl_->writer.begin(plan);
}
void PdfPages::block(const layout::BlockNote& note) {
    impl_->writer.block(note);
}
void PdfPages::page(const layout::Page& page) {
    impl_->writer.page(page);
}
void PdfPages::end(const std::vector<layout::Bookmark>& bookmarks) {
    impl_->writer.end(bookmarks);
}
std::optional<std::string> PdfPages::take() {
    return impl_->writer.take();
}

}  // namespace vitae::render
