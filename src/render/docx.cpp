#include "vitae/render/docx.hpp"

#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <ctime>
#include <iterator>
#include <map>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "vitae/base/utf8.hpp"
#include "vitae/compose/blocks.hpp"
#include "vitae/image/image.hpp"
#include "vitae/layout/bidi.hpp"
#include "vitae/render/text.hpp"
#include "vitae/style/markup_style.hpp"

namespace vitae::render {

namespace {

// --- units --------------------------------------------------------------------------

/// Page sizes, margins, indents and spacing are in twentieths of a point
/// (ECMA-376 Part 1, ST_TwipsMeasure).
constexpr double twips_per_point = 20;
/// Font sizes (w:sz) count half-points (ECMA-376 Part 1, w:sz: ST_HpsMeasure).
constexpr double half_points_per_point = 2;
/// DrawingML measures in English Metric Units: 914400 an inch, 72 points
/// an inch (ECMA-376 Part 1, ST_Coordinate).
constexpr double emus_per_point = 12700;
/// Paragraph borders (w:pBdr) are eighths of a point wide (ST_EighthPointMeasure).
constexpr double border_eighths_per_point = 8;
/// DrawingML's percentages (a rounded rectangle's corner) are thousandths
/// of a percent: 100000 is the whole (ECMA-376 Part 1, ST_Percentage).
constexpr double drawing_whole = 100000;
/// Word's tab stops every half inch where none is set (its own default).
constexpr long default_tab_stop_twips = 720;
/// A number column as wide as "[10]" (a publication's number in brackets):
/// about three ems of the body text (no font metrics here: an average digit
/// is half an em, a bracket a third).
constexpr double number_column_ems = 3;
/// A skill label's average character, for the label column's width: half
/// an em in the proportional faces styles use (Lato, DejaVu Sans: 0.5–0.55).
constexpr double average_character_ems = 0.55;
/// The zip entries' time without SOURCE_DATE_EPOCH: 1980-01-01 00:00, the
/// first moment an MS-DOS date (which zip stores) can say.
constexpr int dos_epoch_year = 1980;

// --- XML ----------------------------------------------------------------------------

/// Text as XML character data or an attribute value: the five special
/// characters escaped, and the code points XML 1.0 forbids (C0 controls
/// other than tab, line feed and carriage return; U+FFFE and U+FFFF)
/// dropped, for no escape can write them. The TOML loader refuses control
/// characters already; JSON Resume and BibTeX text may still carry them.
std::string escape_xml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size(); ++at) {
        const char c = text[at];
        switch (c) {
            case '&': out += "&amp;"; continue;
            case '<': out += "&lt;"; continue;
            case '>': out += "&gt;"; continue;
            case '"': out += "&quot;"; continue;
            case '\'': out += "&apos;"; continue;
            default: break;
        }
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
        // U+FFFE and U+FFFF: EF BF BE and EF BF BF in UTF-8.
        constexpr std::string_view noncharacter_prefix = "\xEF\xBF";
        if (text.substr(at, 2) == noncharacter_prefix && at + 2 < text.size() &&
            (text[at + 2] == '\xBE' || text[at + 2] == '\xBF')) {
            at += 2;
            continue;
        }
        out += c;
    }
    return out;
}

long twips(double points) {
    return std::lround(points * twips_per_point);
}
long half_points(double points) {
    return std::max(1L, std::lround(points * half_points_per_point));
}
long emus(double points) {
    return std::lround(points * emus_per_point);
}

std::string_view alignment_value(style::Alignment alignment) {
    switch (alignment) {
        case style::Alignment::left: return "left";
        case style::Alignment::center: return "center";
        case style::Alignment::right: return "right";
    }
    return "left";
}

/// A link's target as a URI Word accepts: spaces, the characters RFC 3986
/// never allows and every non-ASCII byte percent-encoded (a CV's URL may be
/// written as a reader sees it, "https://example.org/my cv", or an IRI).
std::string uri_target(std::string_view url) {
    constexpr unsigned char first_non_ascii = 0x80;
    constexpr std::string_view never_in_uri = "\"<>\\^`{|}";
    std::string out;
    for (const char c : url) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= ' ' || byte >= first_non_ascii || never_in_uri.find(c) != std::string_view::npos) {
            fmt::format_to(std::back_inserter(out), "%{:02X}", byte);
        } else {
            out += c;
        }
    }
    return out;
}

/// A colour as OOXML writes it: "1A2B3C".
std::string hex_color(const Color& color) {
    const auto channel = [](double value) {
        constexpr double full = 255;
        return static_cast<int>(std::lround(std::clamp(value, 0.0, 1.0) * full));
    };
    return fmt::format("{:02X}{:02X}{:02X}", channel(color.red), channel(color.green), channel(color.blue));
}

/// A toggle property (bold, italic, caps) set absolutely: direct formatting
/// on a run overrides its styles, whereas a toggle in a character style
/// would flip the paragraph style's instead (ECMA-376 Part 1, 17.7.3 "toggle properties").
std::string toggle(std::string_view name, bool on) {
    return fmt::format("<w:{} w:val=\"{}\"/>", name, on ? 1 : 0);
}

constexpr std::string_view xml_declaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr std::string_view wordprocessing_namespaces =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";
constexpr std::string_view relationship_type_base =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

// --- the zip ------------------------------------------------------------------------

struct ZipArchiveDiscard {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct ZipSourceFree {
    void operator()(zip_source_t* source) const { zip_source_free(source); }
};
using ZipArchive = std::unique_ptr<zip_t, ZipArchiveDiscard>;
using ZipSource = std::unique_ptr<zip_source_t, ZipSourceFree>;

/// An entry of the package: its name in the zip and its bytes.
struct Part {
    std::string name;
    std::string bytes;
};

/// A time as an MS-DOS date and time, which is what a zip entry stores:
/// UTC, so that the bytes do not follow the builder's time zone; two-second
/// steps; from 1980 (earlier moments are 1980-01-01) to 2107.
struct DosTime {
    zip_uint16_t time = 0;
    zip_uint16_t date = 0;
};
DosTime dos_time(std::optional<long long> epoch) {
    constexpr int dos_last_year = 2107;
    std::tm utc{};
    const auto seconds = static_cast<std::time_t>(epoch.value_or(0));
    if (!epoch || gmtime_r(&seconds, &utc) == nullptr || utc.tm_year + 1900 < dos_epoch_year)
        return {0, static_cast<zip_uint16_t>((1 << 5) | 1)};  // 1980-01-01 00:00
    const int year = std::min(utc.tm_year + 1900, dos_last_year) - dos_epoch_year;
    return {static_cast<zip_uint16_t>((utc.tm_hour << 11) | (utc.tm_min << 5) | (utc.tm_sec / 2)),
            static_cast<zip_uint16_t>((year << 9) | ((utc.tm_mon + 1) << 5) | utc.tm_mday)};
}

[[noreturn]] void zip_failed(std::string_view what, zip_error_t* error) {
    throw std::runtime_error(
        fmt::format("cannot write the Word document: {}: {}", what, zip_error_strerror(error)));
}

/// The parts zipped in their order, in memory, every entry dated `epoch`.
std::string zipped(const std::vector<Part>& parts, std::optional<long long> epoch) {
    zip_error_t error;
    zip_error_init(&error);
    const ZipSource buffer{zip_source_buffer_create(nullptr, 0, 0, &error)};
    if (!buffer) zip_failed("a buffer", &error);
    // The archive takes a reference to the buffer and drops it when closed;
    // this one keeps the buffer for reading the finished zip back.
    zip_source_keep(buffer.get());
    ZipArchive archive{zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error)};
    if (!archive) {
        zip_source_free(buffer.get());  // the reference the archive did not take
        zip_failed("the archive", &error);
    }
    const DosTime time = dos_time(epoch);
    for (const Part& part : parts) {
        // The bytes stay in `parts` until the archive is closed: no copy.
        ZipSource source{zip_source_buffer(archive.get(), part.bytes.data(), part.bytes.size(), 0)};
        if (!source) zip_failed(part.name, zip_get_error(archive.get()));
        const zip_int64_t index =
            zip_file_add(archive.get(), part.name.c_str(), source.get(), ZIP_FL_ENC_UTF_8);
        if (index < 0) zip_failed(part.name, zip_get_error(archive.get()));
        static_cast<void>(source.release());  // the archive owns it now
        const auto entry = static_cast<zip_uint64_t>(index);
        if (zip_file_set_dostime(archive.get(), entry, time.time, time.date, 0) != 0 ||
            zip_set_file_compression(archive.get(), entry, ZIP_CM_DEFLATE, 0) != 0)
            zip_failed(part.name, zip_get_error(archive.get()));
    }
    if (zip_close(archive.get()) != 0) zip_failed("the archive", zip_get_error(archive.get()));
    static_cast<void>(archive.release());  // closed: nothing left to discard
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_stat(buffer.get(), &stat) != 0 || zip_source_open(buffer.get()) != 0)
        zip_failed("reading it back", zip_source_error(buffer.get()));
    std::string out(static_cast<std::size_t>(stat.size), '\0');
    const zip_int64_t read = zip_source_read(buffer.get(), out.data(), stat.size);
    zip_source_close(buffer.get());
    if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size)
        zip_failed("reading it back", zip_source_error(buffer.get()));
    return out;
}

// --- styles -------------------------------------------------------------------------

/// A Word style id made of a sheet style's name: "entries.title" → "CvEntriesTitle".
std::string character_style_id(std::string_view name) {
    std::string id = "Cv";
    bool capital = true;
    for (const char c : name) {
        if (c == '.' || c == '_' || c == '-') {
            capital = true;
            continue;
        }
        id += capital ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        capital = false;
    }
    return id;
}

/// The paragraph styles the document uses: Word's built-in ones, by their
/// built-in ids and names, so that Word, parsers and converters know them.
enum class ParagraphStyle : std::uint8_t {
    normal,
    title,
    /// Not Word's Subtitle, which converters (pandoc) take for metadata, not text.
    headline,
    heading1,
    heading2,
    heading3,
    group_heading,
    list_bullet,
    list_number,
    list_continue,
    footer,
};

struct ParagraphStyleName {
    std::string_view id;
    std::string_view name;
};

ParagraphStyleName names_of(ParagraphStyle style) {
    switch (style) {
        case ParagraphStyle::normal: return {"Normal", "Normal"};
        case ParagraphStyle::title: return {"Title", "Title"};
        case ParagraphStyle::headline: return {"CvHeadline", "CV Headline"};
        // Word's own names of its built-in styles, which readers look for.
        case ParagraphStyle::heading1: return {"Heading1", "heading 1"};
        case ParagraphStyle::heading2: return {"Heading2", "heading 2"};
        case ParagraphStyle::heading3: return {"Heading3", "heading 3"};
        case ParagraphStyle::group_heading: return {"CvGroupHeading", "CV Group Heading"};
        case ParagraphStyle::list_bullet: return {"ListBullet", "List Bullet"};
        case ParagraphStyle::list_number: return {"ListNumber", "List Number"};
        case ParagraphStyle::list_continue: return {"ListContinue", "List Continue"};
        case ParagraphStyle::footer: return {"Footer", "footer"};
    }
    return {"Normal", "Normal"};
}

/// How a document's runs are marked for language and direction.
struct Language {
    std::string tag;  ///< BCP 47, as w:lang takes it
    bool right_to_left = false;
    bool east_asian = false;  ///< Chinese, Japanese, Korean: w:lang's eastAsia
};

/// w:lang of the document's language, in the attribute Word reads for its script.
std::string language_element(const Language& language) {
    const std::string tag = escape_xml(language.tag);
    if (language.right_to_left) return fmt::format("<w:lang w:val=\"{0}\" w:bidi=\"{0}\"/>", tag);
    if (language.east_asian) return fmt::format("<w:lang w:val=\"{0}\" w:eastAsia=\"{0}\"/>", tag);
    return fmt::format("<w:lang w:val=\"{}\"/>", tag);
}

/// How a run looks: a sheet style with the rich text's bold, italics and code.
struct RunLook {
    const style::TextStyle* style = nullptr;
    std::string_view style_id;  ///< the sheet style's character style; empty: none
    bool bold = false;
    bool italic = false;
    bool code = false;
    std::optional<Color> color;  ///< instead of the style's (a link's)
    bool right_to_left = false;  ///< the run's text is Hebrew or Arabic
};

// --- the document -------------------------------------------------------------------

/// Writes composed blocks as WordprocessingML paragraphs; collects the
/// pictures and list definitions the package needs.
class DocxWriter final : public compose::BlockSink {
public:
    DocxWriter(const style::Sheet& sheet, Language language)
        : sheet_(sheet),
          language_(std::move(language)),
          text_width_(sheet.page_width - sheet.margins.left - sheet.margins.right) {
        for (const auto& named : style::Sheet::named_text_styles_of(sheet_))
            style_ids_.emplace(named.style, character_style_id(named.name));
    }

    void start(compose::Flow /*flow*/) override {}

    void add(compose::Block block) override {
        using Kind = compose::Block::Kind;
        using compose::Role;
        // The CV's page_break_before, on the next paragraph (a space has none).
        page_break_pending_ = page_break_pending_ || block.page_break_before;
        switch (block.kind) {
            case Kind::space:
                // Word has no space of its own: it goes before the next paragraph.
                space_before_ += compose::gap_amount(sheet_, block.gap, block.gap_style);
                return;
            case Kind::heading: heading(block); break;
            case Kind::paragraph: paragraph(block); break;
            case Kind::two_sided: two_sided(block); break;
            case Kind::list_item: list_item(block); break;
            case Kind::contacts: contacts(block); break;
            case Kind::skills: skills(block); break;
            case Kind::picture: picture(block); break;
        }
        space_before_ = 0;
    }

    /// Pieces as runs (the footer's too): `numbered` turns {page} and
    /// {pages} into Word's page fields.
    void write_pieces(std::string& out, const compose::Inline& pieces) {
        for (const compose::Piece& piece : pieces) write_piece(out, piece);
    }

    [[nodiscard]] const std::string& body() const { return body_; }

    struct Media {
        std::string id;
        std::string name;  ///< under word/media/
        std::string bytes;
    };

    [[nodiscard]] const std::vector<Media>& media() const { return media_; }
    /// The bullets used, each a list definition (numId from 1, in this order).
    [[nodiscard]] const std::vector<std::string>& bullets() const { return bullets_; }
    [[nodiscard]] std::string_view style_id(const style::TextStyle* style) const {
        const auto found = style_ids_.find(style);
        return found == style_ids_.end() ? std::string_view{} : std::string_view{found->second};
    }

    /// A run's properties, every one set (see toggle()).
    [[nodiscard]] std::string run_properties(const RunLook& look) const {
        const style::TextStyle& style = look.style != nullptr ? *look.style : sheet_.body;
        std::string out = "<w:rPr>";
        if (!look.style_id.empty())
            fmt::format_to(std::back_inserter(out), "<w:rStyle w:val=\"{}\"/>", look.style_id);
        out += fonts_element(look.code ? std::string{style::code_family} : family_of(style));
        const bool bold = style.bold || look.bold;
        const bool italic = style.italic || look.italic;
        fmt::format_to(std::back_inserter(out), "{}{}{}{}{}", toggle("b", bold), toggle("bCs", bold),
                       toggle("i", italic), toggle("iCs", italic), toggle("caps", style.uppercase));
        const long size = half_points(style.size);
        fmt::format_to(std::back_inserter(out),
                       "<w:color w:val=\"{}\"/><w:sz w:val=\"{}\"/><w:szCs w:val=\"{}\"/>",
                       hex_color(look.color.value_or(style.color)), size, size);
        if (look.right_to_left) out += "<w:rtl/>";
        fmt::format_to(std::back_inserter(out), "{}</w:rPr>", language_element(language_));
        return out;
    }

    [[nodiscard]] std::string family_of(const style::TextStyle& style) const {
        return style.family.empty() ? sheet_.body_family : style.family;
    }

    [[nodiscard]] static std::string fonts_element(const std::string& family) {
        return fmt::format("<w:rFonts w:ascii=\"{0}\" w:hAnsi=\"{0}\" w:cs=\"{0}\" w:eastAsia=\"{0}\"/>",
                           escape_xml(family));
    }

    /// The paragraph properties every paragraph of this document starts
    /// with: its style, its direction.
    [[nodiscard]] std::string paragraph_properties(ParagraphStyle style, std::string_view extra_before_bidi,
                                                   std::string_view extra_after_bidi) const {
        return fmt::format("<w:pPr><w:pStyle w:val=\"{}\"/>{}{}{}</w:pPr>", names_of(style).id,
                           extra_before_bidi, language_.right_to_left ? "<w:bidi/>" : "", extra_after_bidi);
    }

private:
    // --- paragraphs ---

    /// Where a paragraph's properties go, in the schema's order (17.3.1.26):
    /// keepNext, numPr, tabs and borders before bidi; spacing, indents,
    /// alignment after it.
    struct ParagraphLayout {
        ParagraphStyle style = ParagraphStyle::normal;
        bool keep_with_next = false;
        std::string numbering;  ///< w:numPr
        std::string tabs;       ///< w:tab elements
        std::string indent;     ///< w:ind
        style::Alignment alignment = style::Alignment::left;
    };

    void open_paragraph(const ParagraphLayout& layout) {
        std::string before;
        if (layout.keep_with_next) before += "<w:keepNext/>";
        // Only the first paragraph of the block breaks the page: the
        // properties kept for its later paragraphs go without.
        const bool page_break = std::exchange(page_break_pending_, false);
        const std::size_t break_at = before.size();
        before += layout.numbering;
        if (!layout.tabs.empty())
            fmt::format_to(std::back_inserter(before), "<w:tabs>{}</w:tabs>", layout.tabs);
        std::string after;
        if (space_before_ > 0)
            fmt::format_to(std::back_inserter(after), "<w:spacing w:before=\"{}\"/>", twips(space_before_));
        after += layout.indent;
        // Always said: a paragraph style (Title) may centre. In a right-to-left
        // paragraph Word reads left and right as start and end.
        fmt::format_to(std::back_inserter(after), "<w:jc w:val=\"{}\"/>", alignment_value(layout.alignment));
        current_properties_ = paragraph_properties(layout.style, before, after);
        if (page_break) before.insert(break_at, "<w:pageBreakBefore/>");
        fmt::format_to(std::back_inserter(body_), "<w:p>{}",
                       paragraph_properties(layout.style, before, after));
    }

    void close_paragraph() { body_ += "</w:p>"; }

    /// A paragraph of one block's content.
    void simple_paragraph(const ParagraphLayout& layout, const compose::Inline& content) {
        open_paragraph(layout);
        write_pieces(body_, content);
        close_paragraph();
    }

    /// A right tab stop at the text's end edge: a two-sided line's right side.
    [[nodiscard]] std::string end_tab() const {
        return fmt::format("<w:tab w:val=\"right\" w:pos=\"{}\"/>", twips(text_width_));
    }

    void heading(const compose::Block& block) {
        ParagraphLayout layout;
        layout.style = block.level <= 1                                ? ParagraphStyle::title
                       : block.level == compose::section_heading_level ? ParagraphStyle::heading1
                                                                       : ParagraphStyle::group_heading;
        layout.keep_with_next = true;
        layout.alignment = block.alignment;
        simple_paragraph(layout, block.content);
        list_indent_ = 0;
    }

    void paragraph(const compose::Block& block) {
        using compose::Role;
        ParagraphLayout layout;
        layout.alignment = block.alignment;
        layout.keep_with_next = block.keep_with_next;
        if (block.role == Role::headline) layout.style = ParagraphStyle::headline;
        if (block.hanging && list_indent_ > 0) {
            // An item's later paragraph, a publication's authors and details.
            layout.style = ParagraphStyle::list_continue;
            layout.indent = fmt::format("<w:ind w:left=\"{}\"/>", list_indent_);
        }
        simple_paragraph(layout, block.content);
    }

    /// The left side, then the right after a tab to a right tab stop at
    /// the text's end: one line for Word and for the parsers that read it.
    void two_sided(const compose::Block& block) {
        using compose::Role;
        ParagraphLayout layout;
        layout.style = block.role == Role::entry_head  ? ParagraphStyle::heading2
                       : block.role == Role::role_head ? ParagraphStyle::heading3
                                                       : ParagraphStyle::normal;
        layout.keep_with_next = block.keep_with_next || block.keep_together;
        layout.tabs = end_tab();
        open_paragraph(layout);
        write_pieces(body_, block.content);
        if (!block.right.empty()) {
            body_ += "<w:r><w:tab/></w:r>";
            write_pieces(body_, block.right);
        }
        close_paragraph();
        if (block.role == Role::entry_head) list_indent_ = 0;
    }

    /// A bullet as a Word list (its bullet from the list definition); a
    /// number as written (lists may count down, which Word's numbering
    /// cannot), flush right in a number column before the text.
    void list_item(const compose::Block& block) {
        ParagraphLayout layout;
        const long text_indent = twips(sheet_.bullet_text_indent + block.depth * sheet_.nested_indent);
        if (!block.numbered && block.role != compose::Role::publication) {
            layout.style = ParagraphStyle::list_bullet;
            layout.numbering = fmt::format("<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{}\"/></w:numPr>",
                                           bullet_number(plain_text(block.marker)));
            // A bullet under a bullet: the list's indent, further in.
            if (block.depth > 0) {
                layout.indent = fmt::format("<w:ind w:left=\"{}\" w:hanging=\"{}\"/>", text_indent,
                                            twips(sheet_.bullet_text_indent - sheet_.bullet_indent));
            }
            list_indent_ = text_indent;
            simple_paragraph(layout, block.content);
            return;
        }
        const double number_gap =
            block.role == compose::Role::publication ? sheet_.number_gap : sheet_.bullet_indent;
        const double column =
            std::max(sheet_.bullet_text_indent, number_column_ems * sheet_.body.size + number_gap);
        list_indent_ = twips(column);
        layout.style = ParagraphStyle::list_number;
        layout.tabs = fmt::format("<w:tab w:val=\"right\" w:pos=\"{}\"/>", twips(column - number_gap));
        layout.indent = fmt::format("<w:ind w:left=\"{0}\" w:hanging=\"{0}\"/>", list_indent_);
        open_paragraph(layout);
        // The first tab reaches the number's stop, the second the hanging indent.
        body_ += "<w:r><w:tab/></w:r>";
        write_pieces(body_, block.marker);
        body_ += "<w:r><w:tab/></w:r>";
        write_pieces(body_, block.content);
        close_paragraph();
    }

    /// The list definition (numId) of a bullet, made at its first use.
    std::size_t bullet_number(const std::string& bullet) {
        const auto found = std::find(bullets_.begin(), bullets_.end(), bullet);
        if (found != bullets_.end()) return static_cast<std::size_t>(found - bullets_.begin()) + 1;
        bullets_.push_back(bullet);
        return bullets_.size();
    }

    /// Contacts on one paragraph, the separator between; an icon is left
    /// out (its glyph is the icon font's), its contact's text kept.
    void contacts(const compose::Block& block) {
        ParagraphLayout layout;
        layout.alignment = block.alignment;
        open_paragraph(layout);
        bool first = true;
        for (const compose::ContactItem& item : block.contacts) {
            if (!first) write_pieces(body_, block.separator);
            write_pieces(body_, item.whole);
            first = false;
        }
        close_paragraph();
    }

    /// A row a paragraph: its label, a tab to the items' column, the items,
    /// whose later lines hang at that column.
    void skills(const compose::Block& block) {
        std::size_t widest = 0;
        for (const compose::SkillRow& row : block.rows)
            widest = std::max(widest, utf8::display_width(plain_text(row.label)));
        // display_width counts a wide (CJK) character twice: half an em each.
        const double label_width =
            std::min(static_cast<double>(widest) * average_character_ems * sheet_.skill_label.size,
                     sheet_.skills_label_share * text_width_);
        const long column = twips(label_width + sheet_.skill_label_gap);
        for (const compose::SkillRow& row : block.rows) {
            ParagraphLayout layout;
            layout.tabs = fmt::format("<w:tab w:val=\"left\" w:pos=\"{}\"/>", column);
            layout.indent = fmt::format("<w:ind w:left=\"{0}\" w:hanging=\"{0}\"/>", column);
            open_paragraph(layout);
            write_pieces(body_, row.label);
            body_ += "<w:r><w:tab/></w:r>";
            write_pieces(body_, row.items);
            close_paragraph();
            space_before_ = 0;
        }
    }

    /// The picture as printed in the PDF (cut to its box, at print
    /// resolution, a JPEG), inline on a line of its own, its outline the
    /// style's shape; its alternate text the drawing's description.
    void picture(const compose::Block& block) {
        const std::string alt =
            block.picture->alt.empty() ? std::string{picture_label(block.role)} : block.picture->alt;
        std::string error;
        const std::optional<image::Printed> printed =
            block.picture->bytes ? image::print(*block.picture->bytes, block.width, block.height,
                                                image::print_dpi, image::photo_quality, error)
                                 : std::nullopt;
        ParagraphLayout layout;
        layout.alignment = block.alignment;
        if (block.beside) layout.alignment = style::Alignment::right;
        if (!printed) {
            // The loader checked the picture; should it fail now, its words stay.
            open_paragraph(layout);
            write_text(body_, fmt::format("[{}]", alt), run_properties(plain_look(nullptr)));
            close_paragraph();
            return;
        }
        const std::size_t number = media_.size() + 1;
        Media made{fmt::format("rIdImage{}", number), fmt::format("image{}.jpeg", number), printed->jpeg};
        const long width = emus(block.width);
        const long height = emus(block.height);
        std::string geometry = "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>";
        if (block.shape == style::PhotoShape::circle) {
            geometry = "<a:prstGeom prst=\"ellipse\"><a:avLst/></a:prstGeom>";
        } else if (block.shape == style::PhotoShape::rounded) {
            // roundRect's adj: the corner's radius as a share of the shorter side.
            const double shorter = std::max(1.0, std::min(block.width, block.height));
            const long adjust =
                std::lround(std::min(0.5, sheet_.photo.corner_radius / shorter) * drawing_whole);
            geometry = fmt::format(
                "<a:prstGeom prst=\"roundRect\"><a:avLst><a:gd name=\"adj\" fmla=\"val "
                "{}\"/></a:avLst></a:prstGeom>",
                adjust);
        }
        open_paragraph(layout);
        fmt::format_to(
            std::back_inserter(body_),
            "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
            "<wp:extent cx=\"{0}\" cy=\"{1}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
            "<wp:docPr id=\"{2}\" name=\"{3} {2}\" descr=\"{4}\"/>"
            "<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
            "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
            "<pic:pic><pic:nvPicPr><pic:cNvPr id=\"{2}\" name=\"{5}\" "
            "descr=\"{4}\"/><pic:cNvPicPr/></pic:nvPicPr>"
            "<pic:blipFill><a:blip r:embed=\"{6}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
            "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{0}\" cy=\"{1}\"/></a:xfrm>{7}</pic:spPr>"
            "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>",
            width, height, number, picture_label(block.role), escape_xml(alt), made.name, made.id, geometry);
        close_paragraph();
        media_.push_back(std::move(made));
    }

    // --- runs ---

    void write_piece(std::string& out, const compose::Piece& piece) {
        using Kind = compose::Piece::Kind;
        switch (piece.kind) {
            case Kind::rich: write_rich(out, piece); return;
            case Kind::plain: {
                const style::TextStyle style = piece.effective_style();
                const RunLook look{&style,       style_id(piece.style),    false, false, false,
                                   std::nullopt, right_to_left(piece.text)};
                if (piece.page_numbered) {
                    write_page_numbered(out, piece.text, run_properties(look));
                } else {
                    // A level drawn as dots is written in words: parsers read Word files.
                    write_linked(out, piece.url, piece.words(), run_properties(look));
                }
                return;
            }
            case Kind::space: write_text(out, " ", run_properties(plain_look(piece.style))); return;
            case Kind::glued_space:
                // A no-break space: where the composition forbids a line break.
                write_text(out, "\u00A0", run_properties(plain_look(piece.style)));
                return;
            case Kind::icon:  // the icon font's glyph: the contact's text says it
            case Kind::break_point: return;
        }
    }

    /// Rich text: a run a span, in a hyperlink while its spans share a link;
    /// a line break a w:br, a paragraph break a new paragraph alike.
    void write_rich(std::string& out, const compose::Piece& piece) {
        const style::TextStyle style = piece.effective_style();
        const bool colour_links = sheet_.link_color != Color{};
        const auto& spans = piece.rich.spans;
        for (std::size_t at = 0; at < spans.size();) {
            const std::string& link = spans[at].link;
            std::string runs;
            for (; at < spans.size() && spans[at].link == link; ++at) {
                const cv::Span& span = spans[at];
                if (at > 0) {
                    if (span.break_before == cv::Span::Break::line) runs += "<w:r><w:br/></w:r>";
                    if (span.break_before == cv::Span::Break::paragraph) {
                        // Out of any hyperlink before ending the paragraph.
                        write_linked_runs(out, link, runs);
                        runs.clear();
                        fmt::format_to(std::back_inserter(out), "</w:p><w:p>{}", current_properties_);
                    }
                }
                const RunLook look{
                    &style,
                    style_id(piece.style),
                    span.bold,
                    span.italic,
                    span.code,
                    !span.link.empty() && colour_links ? std::optional{sheet_.link_color} : std::nullopt,
                    right_to_left(span.text)};
                write_text(runs, span.text, run_properties(look));
            }
            write_linked_runs(out, link, runs);
        }
    }

    /// Runs that link to `url` (bare without one), as a HYPERLINK field:
    /// Word, LibreOffice and pandoc follow it as a w:hyperlink element, and
    /// the runs stay the paragraph's own, where readers built on python-docx
    /// (0.8, Debian 12's; applicant-tracking parsers) find the text, which
    /// they skip inside a w:hyperlink.
    static void write_linked_runs(std::string& out, const std::string& url, const std::string& runs) {
        if (runs.empty()) return;
        if (url.empty()) {
            out += runs;
            return;
        }
        fmt::format_to(std::back_inserter(out),
                       "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                       "<w:r><w:instrText xml:space=\"preserve\"> HYPERLINK \"{}\" </w:instrText></w:r>"
                       "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}"
                       "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
                       escape_xml(uri_target(url)), runs);
    }

    void write_linked(std::string& out, const std::string& url, std::string_view text,
                      const std::string& properties) {
        std::string runs;
        write_text(runs, text, properties);
        write_linked_runs(out, url, runs);
    }

    /// A run of text: a tab a w:tab, a line end a w:br (text fields may
    /// hold both), the rest w:t, its spaces kept.
    static void write_text(std::string& out, std::string_view text, const std::string& properties) {
        if (text.empty()) return;
        fmt::format_to(std::back_inserter(out), "<w:r>{}", properties);
        std::size_t start = 0;
        while (start <= text.size()) {
            const std::size_t end = std::min(text.find_first_of("\t\n", start), text.size());
            if (end > start)
                fmt::format_to(std::back_inserter(out), "<w:t xml:space=\"preserve\">{}</w:t>",
                               escape_xml(text.substr(start, end - start)));
            if (end == text.size()) break;
            out += text[end] == '\t' ? "<w:tab/>" : "<w:br/>";
            start = end + 1;
        }
        out += "</w:r>";
    }

    /// A footer's text with Word's PAGE and NUMPAGES fields for {page} and
    /// {pages}, which only Word knows when it lays the pages out.
    static void write_page_numbered(std::string& out, std::string_view text, const std::string& properties) {
        std::size_t start = 0;
        while (start < text.size()) {
            const std::size_t page = text.find(compose::page_placeholder, start);
            const std::size_t pages = text.find(compose::pages_placeholder, start);
            const std::size_t next = std::min(page, pages);
            write_text(out, text.substr(start, std::min(next, text.size()) - start), properties);
            if (next == std::string_view::npos) break;
            const bool total = next == pages;
            fmt::format_to(std::back_inserter(out),
                           "<w:r>{0}<w:fldChar w:fldCharType=\"begin\"/></w:r>"
                           "<w:r>{0}<w:instrText xml:space=\"preserve\"> {1} </w:instrText></w:r>"
                           "<w:r>{0}<w:fldChar w:fldCharType=\"separate\"/></w:r>"
                           "<w:r>{0}<w:t>1</w:t></w:r>"
                           "<w:r>{0}<w:fldChar w:fldCharType=\"end\"/></w:r>",
                           properties, total ? "NUMPAGES" : "PAGE");
            start = next + (total ? compose::pages_placeholder.size() : compose::page_placeholder.size());
        }
    }

    [[nodiscard]] RunLook plain_look(const style::TextStyle* style) const {
        return {style, style_id(style), false, false, false, std::nullopt, false};
    }

    [[nodiscard]] bool right_to_left(std::string_view text) const {
        return language_.right_to_left && layout::has_right_to_left(text);
    }

    const style::Sheet& sheet_;
    Language language_;
    double text_width_;  ///< pt
    std::map<const style::TextStyle*, std::string> style_ids_;
    std::string body_;
    /// The current paragraph's w:pPr, for a paragraph break inside rich text.
    std::string current_properties_;
    double space_before_ = 0;          ///< pt, of the next paragraph
    bool page_break_pending_ = false;  ///< the next paragraph starts a page
    /// Where the text of the current list's items starts (twips): a hanging
    /// paragraph lines up with it. 0: no list.
    long list_indent_ = 0;

    std::vector<Media> media_;
    std::vector<std::string> bullets_;
};

// --- the parts ----------------------------------------------------------------------

/// A paragraph style's properties: built on Normal, its run the sheet style's.
std::string paragraph_style(const DocxWriter& writer, ParagraphStyle style, const style::TextStyle& text,
                            std::string_view paragraph_properties, int outline_level = -1) {
    const ParagraphStyleName names = names_of(style);
    std::string properties{paragraph_properties};
    if (outline_level >= 0) properties += fmt::format("<w:outlineLvl w:val=\"{}\"/>", outline_level);
    const RunLook look{&text, {}, false, false, false, std::nullopt, false};
    return fmt::format(
        "<w:style w:type=\"paragraph\" w:styleId=\"{}\"><w:name w:val=\"{}\"/><w:basedOn w:val=\"Normal\"/>"
        "<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>{}</w:pPr>{}</w:style>",
        names.id, names.name, properties, writer.run_properties(look));
}

std::string styles_part(const DocxWriter& writer, const style::Sheet& sheet, const Language& language) {
    std::string out{xml_declaration};
    fmt::format_to(std::back_inserter(out), "<w:styles {}>", wordprocessing_namespaces);
    // Lines at least as far apart as the sheet's line height: taller text
    // still gets the room it needs.
    const long line = twips(sheet.body.size * sheet.line_height);
    fmt::format_to(
        std::back_inserter(out),
        "<w:docDefaults><w:rPrDefault><w:rPr>{}<w:sz w:val=\"{}\"/><w:szCs w:val=\"{}\"/>{}</w:rPr>"
        "</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"{}\" "
        "w:lineRule=\"atLeast\"/></w:pPr></w:pPrDefault></w:docDefaults>",
        DocxWriter::fonts_element(writer.family_of(sheet.body)), half_points(sheet.body.size),
        half_points(sheet.body.size), language_element(language), line);
    const RunLook body{&sheet.body, {}, false, false, false, std::nullopt, false};
    fmt::format_to(
        std::back_inserter(out),
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
        "<w:qFormat/>{}</w:style>",
        writer.run_properties(body));
    out +=
        "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
        "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>";
    const std::string center = fmt::format("<w:jc w:val=\"{}\"/>", alignment_value(sheet.header_alignment));
    out += paragraph_style(writer, ParagraphStyle::title, sheet.person_name,
                           fmt::format("<w:keepNext/>{}", center), -1);
    out += paragraph_style(writer, ParagraphStyle::headline, sheet.headline, center);
    // A section's heading ruled off below, as the sheet draws it.
    std::string section = "<w:keepNext/><w:keepLines/>";
    if (sheet.section_rule)
        fmt::format_to(
            std::back_inserter(section),
            "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"{}\" w:space=\"{}\" w:color=\"{}\"/></w:pBdr>",
            std::max(2L, std::lround(sheet.section_rule_thickness * border_eighths_per_point)),
            std::lround(sheet.section_rule_gap), hex_color(sheet.section_rule_color));
    out += paragraph_style(writer, ParagraphStyle::heading1, sheet.section_heading, section, 0);
    out += paragraph_style(writer, ParagraphStyle::heading2, sheet.entry_title, "<w:keepNext/><w:keepLines/>",
                           1);
    out += paragraph_style(writer, ParagraphStyle::heading3, sheet.entry_title, "<w:keepNext/><w:keepLines/>",
                           2);
    out += paragraph_style(writer, ParagraphStyle::group_heading, sheet.publication_group, "<w:keepNext/>");
    const long text_indent = twips(sheet.bullet_text_indent);
    out += paragraph_style(writer, ParagraphStyle::list_bullet, sheet.body,
                           fmt::format("<w:ind w:left=\"{}\" w:hanging=\"{}\"/>", text_indent,
                                       text_indent - twips(sheet.bullet_indent)));
    out += paragraph_style(writer, ParagraphStyle::list_number, sheet.body, "");
    out += paragraph_style(writer, ParagraphStyle::list_continue, sheet.body,
                           fmt::format("<w:ind w:left=\"{}\"/>", text_indent));
    const double text_width = sheet.page_width - sheet.margins.left - sheet.margins.right;
    out += paragraph_style(writer, ParagraphStyle::footer, sheet.footer_style,
                           fmt::format("<w:tabs><w:tab w:val=\"center\" w:pos=\"{}\"/><w:tab w:val=\"right\" "
                                       "w:pos=\"{}\"/></w:tabs>",
                                       twips(text_width / 2), twips(text_width)));
    // One character style per text style of the sheet, which runs name.
    for (const auto& named : style::Sheet::named_text_styles_of(sheet)) {
        const RunLook look{named.style, {}, false, false, false, std::nullopt, false};
        fmt::format_to(
            std::back_inserter(out),
            "<w:style w:type=\"character\" w:customStyle=\"1\" w:styleId=\"{}\"><w:name w:val=\"CV {}\"/>"
            "<w:basedOn w:val=\"DefaultParagraphFont\"/>{}</w:style>",
            writer.style_id(named.style), escape_xml(named.name), writer.run_properties(look));
    }
    // Links look like their text (the sheet colours them, or not at all).
    out +=
        "<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/>"
        "<w:basedOn w:val=\"DefaultParagraphFont\"/></w:style>";
    out += "</w:styles>";
    return out;
}

std::string numbering_part(const DocxWriter& writer, const style::Sheet& sheet) {
    std::string out{xml_declaration};
    fmt::format_to(std::back_inserter(out), "<w:numbering {}>", wordprocessing_namespaces);
    const long text_indent = twips(sheet.bullet_text_indent);
    const long hanging = text_indent - twips(sheet.bullet_indent);
    const std::vector<std::string>& bullets = writer.bullets();
    for (std::size_t at = 0; at < bullets.size(); ++at) {
        fmt::format_to(std::back_inserter(out),
                       "<w:abstractNum w:abstractNumId=\"{}\"><w:multiLevelType w:val=\"singleLevel\"/>"
                       "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>"
                       "<w:lvlText w:val=\"{}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"{}\" "
                       "w:hanging=\"{}\"/></w:pPr><w:rPr>{}</w:rPr></w:lvl></w:abstractNum>",
                       at, escape_xml(bullets[at]), text_indent, hanging,
                       DocxWriter::fonts_element(writer.family_of(sheet.body)));
    }
    for (std::size_t at = 0; at < bullets.size(); ++at)
        fmt::format_to(std::back_inserter(out),
                       "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{}\"/></w:num>", at + 1, at);
    out += "</w:numbering>";
    return out;
}

std::string footer_part(DocxWriter& writer, const compose::Footer& footer) {
    std::string out{xml_declaration};
    fmt::format_to(std::back_inserter(out), "<w:ftr {}><w:p>{}", wordprocessing_namespaces,
                   writer.paragraph_properties(ParagraphStyle::footer, "", ""));
    // Centred at the middle tab stop, the date at the right one.
    out += "<w:r><w:tab/></w:r>";
    writer.write_pieces(out, footer.center);
    if (!footer.right.empty()) {
        out += "<w:r><w:tab/></w:r>";
        writer.write_pieces(out, footer.right);
    }
    out += "</w:p></w:ftr>";
    return out;
}

std::string document_part(const DocxWriter& writer, const style::Sheet& sheet, bool has_footer,
                          bool footer_from_second_page, bool right_to_left) {
    std::string out{xml_declaration};
    fmt::format_to(std::back_inserter(out), "<w:document {}><w:body>{}<w:sectPr>", wordprocessing_namespaces,
                   writer.body());
    if (has_footer) out += "<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>";
    // The footer half way down the bottom margin, where the PDF sets it.
    fmt::format_to(std::back_inserter(out),
                   "<w:pgSz w:w=\"{}\" w:h=\"{}\"/><w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" "
                   "w:left=\"{}\" w:header=\"{}\" w:footer=\"{}\" w:gutter=\"0\"/>",
                   twips(sheet.page_width), twips(sheet.page_height), twips(sheet.margins.top),
                   twips(sheet.margins.right), twips(sheet.margins.bottom), twips(sheet.margins.left),
                   twips(sheet.margins.top / 2), twips(sheet.margins.bottom / 2));
    // A letter's first page has no page number: an empty first-page footer.
    if (has_footer && footer_from_second_page) out += "<w:titlePg/>";
    if (right_to_left) out += "<w:bidi/>";
    out += "</w:sectPr></w:body></w:document>";
    return out;
}

/// A W3C date-time of SOURCE_DATE_EPOCH.
std::string w3c_time(long long epoch) {
    std::tm utc{};
    const auto seconds = static_cast<std::time_t>(epoch);
    if (gmtime_r(&seconds, &utc) == nullptr) return {};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                       utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

std::string core_part(const compose::DocumentInfo& info, std::optional<long long> epoch) {
    std::string out{xml_declaration};
    out +=
        "<cp:coreProperties "
        "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
    fmt::format_to(std::back_inserter(out),
                   "<dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator>"
                   "<cp:keywords>{}</cp:keywords><dc:language>{}</dc:language>",
                   escape_xml(info.title), escape_xml(info.subject), escape_xml(info.author),
                   escape_xml(info.keywords), escape_xml(info.language));
    // Dates only from SOURCE_DATE_EPOCH: the same CV makes the same bytes.
    if (epoch) {
        const std::string time = w3c_time(*epoch);
        if (!time.empty())
            fmt::format_to(std::back_inserter(out),
                           "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{0}</dcterms:created>"
                           "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{0}</dcterms:modified>",
                           time);
    }
    out += "</cp:coreProperties>";
    return out;
}

std::string app_part(const compose::DocumentInfo& info) {
    return fmt::format(
        "{}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
        "<Application>{}</Application></Properties>",
        xml_declaration, escape_xml(info.creator));
}

std::string settings_part(const Language& language) {
    // Word 2013's layout (compatibilityMode 15) rather than Word 2003's.
    return fmt::format(
        "{}<w:settings {}><w:defaultTabStop w:val=\"{}\"/><w:themeFontLang w:val=\"{}\"/>"
        "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
        "w:uri=\"http://schemas.microsoft.com/office/word\" "
        "w:val=\"15\"/></w:compat></w:settings>",
        xml_declaration, wordprocessing_namespaces, default_tab_stop_twips, escape_xml(language.tag));
}

std::string content_types_part(bool has_media, bool has_footer) {
    constexpr std::string_view main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    std::string out{xml_declaration};
    out +=
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"rels\" "
        "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>";
    if (has_media) out += "<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>";
    fmt::format_to(std::back_inserter(out),
                   "<Override PartName=\"/word/document.xml\" ContentType=\"{0}.document.main+xml\"/>"
                   "<Override PartName=\"/word/styles.xml\" ContentType=\"{0}.styles+xml\"/>"
                   "<Override PartName=\"/word/numbering.xml\" ContentType=\"{0}.numbering+xml\"/>"
                   "<Override PartName=\"/word/settings.xml\" ContentType=\"{0}.settings+xml\"/>",
                   main);
    if (has_footer)
        fmt::format_to(std::back_inserter(out),
                       "<Override PartName=\"/word/footer1.xml\" ContentType=\"{}.footer+xml\"/>", main);
    out +=
        "<Override PartName=\"/docProps/core.xml\" "
        "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        "<Override PartName=\"/docProps/app.xml\" "
        "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/></Types>";
    return out;
}

std::string package_relationships_part() {
    return fmt::format(
        "{}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"{}officeDocument\" Target=\"word/document.xml\"/>"
        "<Relationship Id=\"rId2\" "
        "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
        "Target=\"docProps/core.xml\"/>"
        "<Relationship Id=\"rId3\" Type=\"{}extended-properties\" "
        "Target=\"docProps/app.xml\"/></Relationships>",
        xml_declaration, relationship_type_base, relationship_type_base);
}

/// The document's relationships: its parts, its footer, its pictures
/// (links are HYPERLINK fields, which need none).
std::string relationships_part(const DocxWriter& writer, bool has_footer) {
    std::string out{xml_declaration};
    out += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    const auto relationship = [&](std::string_view id, std::string_view type, const std::string& target) {
        fmt::format_to(std::back_inserter(out), "<Relationship Id=\"{}\" Type=\"{}{}\" Target=\"{}\"/>", id,
                       relationship_type_base, type, escape_xml(target));
    };
    relationship("rIdStyles", "styles", "styles.xml");
    relationship("rIdNumbering", "numbering", "numbering.xml");
    relationship("rIdSettings", "settings", "settings.xml");
    if (has_footer) relationship("rIdFooter", "footer", "footer1.xml");
    for (const DocxWriter::Media& media : writer.media())
        relationship(media.id, "image", fmt::format("media/{}", media.name));
    out += "</Relationships>";
    return out;
}

/// Whether a script is written with Chinese characters, kana or hangul.
bool is_east_asian(std::string_view script) {
    return script == "Hani" || script == "Hans" || script == "Hant" || script == "Jpan" || script == "Kore" ||
           script == "Hang" || script == "Hira" || script == "Kana";
}

}  // namespace

std::string write_docx(const cv::Document& document, const style::Sheet& sheet, const DocxOptions& options) {
    // A Word document is one column: the sidebar's sections in the CV's order.
    style::Sheet one_column = sheet;
    one_column.sidebar = false;
    const compose::Composer composer{document, one_column};
    const compose::DocumentInfo info = composer.info();
    const Language language{info.language, one_column.language.right_to_left,
                            is_east_asian(one_column.language.script)};

    DocxWriter writer{one_column, language};
    composer.compose(writer);
    const std::optional<compose::Footer> footer = composer.footer();

    // Every part in a fixed order, [Content_Types].xml first (as Word writes
    // it, and as tools that sniff the package expect).
    std::vector<Part> parts;
    parts.push_back({"[Content_Types].xml", content_types_part(!writer.media().empty(), footer.has_value())});
    parts.push_back({"_rels/.rels", package_relationships_part()});
    parts.push_back({"docProps/core.xml", core_part(info, options.source_date_epoch)});
    parts.push_back({"docProps/app.xml", app_part(info)});
    // The footer's links are the footer part's relationships.
    DocxWriter footer_writer{one_column, language};
    std::string footer_xml = footer ? footer_part(footer_writer, *footer) : std::string{};
    parts.push_back(
        {"word/document.xml", document_part(writer, one_column, footer.has_value(),
                                            footer && !footer->on_single_page, language.right_to_left)});
    parts.push_back({"word/styles.xml", styles_part(writer, one_column, language)});
    parts.push_back({"word/numbering.xml", numbering_part(writer, one_column)});
    parts.push_back({"word/settings.xml", settings_part(language)});
    if (footer) parts.push_back({"word/footer1.xml", std::move(footer_xml)});
    for (const DocxWriter::Media& media : writer.media())
        parts.push_back({fmt::format("word/media/{}", media.name), media.bytes});
    parts.push_back({"word/_rels/document.xml.rels", relationships_part(writer, footer.has_value())});

    return zipped(parts, options.source_date_epoch);
}

}  // namespace vitae::render
