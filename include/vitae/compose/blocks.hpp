#pragma once
// The composition of a CV: what its pages say and why, before any font or
// page is known. The CV's own rules (what an entry, a publication, a
// contact line, a skill row and a footer consist of in a style; owner
// matching; date words; grouping and numbering) are applied here, once,
// and every writer — the layout engine, LaTeX, plain text, Markdown —
// reads the same blocks. A block carries the semantic role of itself and
// of each of its pieces, so that a writer can also say what a piece *is*
// (a tagged PDF's structure, HTML's elements).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vitae/base/diag.hpp"
#include "vitae/compose/role.hpp"
#include "vitae/model/model.hpp"
#include "vitae/style/sheet.hpp"

namespace vitae::compose {

/// One piece of a line's text, in one of the sheet's text styles.
struct Piece {
    enum class Kind : std::uint8_t {
        rich,         ///< the CV's text with its markup (`rich`)
        plain,        ///< text vitae made (dates, markers, separators): `text`
        icon,         ///< the icon named `text`, from the icon font
        space,        ///< an interword space, where a line may break
        glued_space,  ///< an interword space where a line must not break
        break_point,  ///< where a line may break, at `penalty`, showing nothing
    };
    Kind kind = Kind::plain;
    Role role = Role::text;
    /// The sheet's text style it is set in (none for a break point).
    const style::TextStyle* style = nullptr;
    /// Set bold on top of its style (the CV owner's name, a venue's badge).
    bool bold = false;
    /// Text that may break at a contact's break points (style::split_contact):
    /// an address, e-mail or URL too wide for its line.
    bool breakable = false;
    /// Plain text of the style's footer template, where `{page}` and
    /// `{pages}` stand for the page numbers; never set on the CV's text,
    /// so that a name reading "{page}" stays as written.
    bool page_numbered = false;
    cv::RichText rich;
    std::string text;
    /// What a reader hears for plain text that is drawn rather than
    /// written (a skill's level as dots: "(4/5)"); the text writers write
    /// it instead, the PDF gives it as the text's /ActualText. Empty: the text.
    std::string spoken;
    SourceRegion where;  ///< of plain text and icons
    std::string url;     ///< the link of plain text and icons
    double penalty = 0;  ///< of a break point (a TeX penalty)
    /// The period an entry's date text says, for writers that also say it
    /// to machines (HTML's <time datetime>); it lives in the document.
    const cv::DateRange* dates = nullptr;

    /// Plain text as the text writers write it: `spoken` when it is set.
    [[nodiscard]] const std::string& words() const { return spoken.empty() ? text : spoken; }
    /// The style with `bold` applied.
    [[nodiscard]] style::TextStyle effective_style() const;
};

using Inline = std::vector<Piece>;

/// A contact of the header, set whole (`whole`), or, when it is wider than
/// its column, as a paragraph of its own breaking at its break points
/// (`breakable`: a postal address, a long e-mail or URL).
struct ContactItem {
    Inline whole;
    Inline breakable;
    SourceRegion where;
    std::string description;  ///< for messages: "the contact 'a@b.org'"
};

/// A row of a skills table.
struct SkillRow {
    Inline label;
    Inline items;
    SourceRegion where;
    std::string what;  ///< for messages: "'Languages'"
};

/// The vertical gaps between blocks; fitting scales them by kind.
enum class Gap : std::uint8_t {
    section_before,  ///< above a section heading
    section_after,   ///< below a heading, before the content
    photo,           ///< between the photo and the text under it or beside it
    letter_part,     ///< between a letter's parts: `[letter] part_gap` lines of the body text
    signature,       ///< a letter's room for a handwritten signature: `[letter] signature_lines`
    entry,           ///< between entries and groups
    role,            ///< between the roles at one employer
    highlight,       ///< before each highlight and list item
    publication,     ///< between publications
    paragraph,       ///< between the paragraphs of one text: half a line of its style
};

[[nodiscard]] std::string_view to_string(Gap gap);

/// Every kind of gap, for those who treat them all alike (fitting scales them).
inline constexpr std::array all_gaps{Gap::section_before, Gap::section_after, Gap::photo, Gap::letter_part,
                                     Gap::signature,      Gap::entry,         Gap::role,  Gap::highlight,
                                     Gap::publication,    Gap::paragraph};

/// The sheet's setting of a gap (pt); none for the paragraph gap, which
/// follows the line height and its text's size (style::paragraph_gap), and
/// a letter's, which count lines of the body (gap_amount).
[[nodiscard]] const double* gap_setting(const style::Sheet& sheet, Gap gap);
/// The style-sheet key of that setting ("entries.role_gap"); empty for the
/// gaps counted in lines (paragraph, letter_part, signature).
[[nodiscard]] std::string_view gap_key(Gap gap);
[[nodiscard]] double* gap_setting(style::Sheet& sheet, Gap gap);
/// How tall a gap is (pt) in a sheet; `style` is a paragraph gap's text.
[[nodiscard]] double gap_amount(const style::Sheet& sheet, Gap gap, const style::TextStyle* style);

/// The level of a section's heading (Block::level), which a sheet may rule off.
inline constexpr int section_heading_level = 2;

struct Block {
    using Kind = BlockKind;
    Kind kind = Kind::paragraph;
    Role role = Role::text;
    SourceRegion where;
    /// How messages name the block ("'Acme'", "the name", "a list item").
    std::string what;
    /// The part of the CV it belongs to, for messages about lines set
    /// whole: "the header", "section 'Skills'", an entry's "'Acme'".
    std::string part;
    SourceRegion part_where;
    /// The CV section it belongs to (its index), for writers that put a
    /// sidebar's sections back in the CV's order; none in the header.
    std::optional<std::size_t> section;

    Inline content;
    Inline right;                       ///< two_sided
    Inline marker;                      ///< list_item
    bool numbered = false;              ///< list_item: the marker is a number, set flush right
    std::vector<SkillRow> rows;         ///< skills
    std::vector<ContactItem> contacts;  ///< contacts
    Inline separator;                   ///< contacts: between two on a line, dropped at a break

    int level = 0;         ///< heading
    std::string bookmark;  ///< heading: the outline's entry, if it has one
    /// A paragraph that hangs in a list item's indent (its later
    /// paragraphs, a publication's authors and details).
    bool hanging = false;
    /// A list item (and its hanging paragraphs) nested this deep under
    /// another: 0 for a bullet of its own, 1 or 2 for a sub-bullet.
    int depth = 0;
    style::Alignment alignment = style::Alignment::left;
    /// A list of names (the person's, authors): no line break at a name's
    /// own hyphen ("Núñez-García").
    bool names = false;

    /// Every line of the block stays with the next (headings, entry heads).
    bool keep_together = false;
    /// Its last line stays on the page of what follows.
    bool keep_with_next = false;
    /// A new page starts here (before its first line; for a space, before
    /// the first line that follows): the CV's `page_break_before`.
    bool page_break_before = false;

    Gap gap = Gap::section_before;        ///< space
    const style::TextStyle* gap_style{};  ///< space of kind paragraph: whose lines
    /// A space that ends this far (pt) below the page's top edge, whatever
    /// came before it on the page (a letter's address field, placed for a
    /// window envelope); none: `gap`.
    std::optional<double> to_page_position;

    /// picture: the document's picture (its bytes, its alternate text),
    /// its size on the page (pt) and its outline.
    const cv::Picture* picture = nullptr;
    double width = 0;
    double height = 0;
    style::PhotoShape shape = style::PhotoShape::rectangle;
    /// picture: beside the blocks that follow, at the column's end edge
    /// (right, or left in a right-to-left document), which are narrowed
    /// by `width` and the style's photo gap until one that `clears` it.
    bool beside = false;
    /// Starts below a picture beside the blocks before it.
    bool clears = false;
};

/// The flows a CV is composed into: one column, or a sidebar beside it.
enum class Flow : std::uint8_t { main, sidebar };

/// Receives the blocks of a CV as they are composed: a long CV is never
/// held whole as blocks. A sidebar's flow comes first, then the main one.
class BlockSink {
public:
    BlockSink() = default;
    BlockSink(const BlockSink&) = delete;
    BlockSink& operator=(const BlockSink&) = delete;
    virtual ~BlockSink() = default;
    /// What follows goes to `flow` (the first flow is announced too).
    virtual void start(Flow flow) = 0;
    virtual void add(Block block) = 0;
};

/// After the person's name in the document's title.
inline constexpr std::string_view title_suffix = " \u2014 Curriculum vitae";

/// The language of a CV that names none.
inline constexpr std::string_view default_language = "en";

/// What describes the whole document (PDF metadata).
struct DocumentInfo {
    std::string title;
    std::string author;
    std::string subject;
    std::string keywords;
    std::string creator = "vitae";
    /// The CV's language, a BCP 47 tag (a PDF's /Lang, LaTeX's babel).
    std::string language = std::string{default_language};
};

/// The line at the foot of every page. `{page}` and `{pages}` are left in
/// its text, for the layout that numbers pages to fill in.
struct Footer {
    Inline center;
    Inline right;  ///< the date the CV was updated, if the style shows it
    /// Shown when the document has one page (a letter's page numbers are not).
    bool on_single_page = true;
};

/// A short rule in the left margin of a letter's first page where it is
/// folded or punched (DIN 5008's fold and hole marks).
struct PageMark {
    double y = 0;       ///< pt from the page's top edge
    double length = 0;  ///< pt, from page_mark_left
};

/// Where page marks start: 5 mm from the page's left edge, clear of a
/// printer's unprintable margin.
inline constexpr double page_mark_left = 5 * 72 / 25.4;
/// Thin and grey, as printed letterheads draw them: seen, not read.
inline constexpr double page_mark_thickness = 0.5;
inline constexpr Color page_mark_color{0.5, 0.5, 0.5};

/// The CV's rules, applied to a selected document in a style sheet.
class Composer {
public:
    Composer(const cv::Document& document, const style::Sheet& sheet);

    /// Every block of the CV, flow by flow, in reading order within each.
    void compose(BlockSink& sink) const;

    [[nodiscard]] DocumentInfo info() const;
    [[nodiscard]] std::optional<Footer> footer() const;
    /// The marks of the first page (a DIN 5008 letter's); none for a CV.
    [[nodiscard]] std::vector<PageMark> page_marks() const;
    [[nodiscard]] const cv::Document& document() const { return document_; }
    [[nodiscard]] const style::Sheet& sheet() const { return sheet_; }

private:
    const cv::Document& document_;
    const style::Sheet& sheet_;
};

/// Every block, in one list per flow (tests, short documents).
struct Composition {
    std::vector<Block> main;
    std::vector<Block> sidebar;
};
[[nodiscard]] Composition compose_all(const cv::Document& document, const style::Sheet& sheet);

/// The pieces' text as read aloud: rich text plain, icons by name, spaces
/// as spaces (traces, tests, writers of plain text).
[[nodiscard]] std::string plain_text(const Inline& pieces);

/// Where a footer's text shows the page's number and the number of pages.
inline constexpr std::string_view page_placeholder = "{page}";
inline constexpr std::string_view pages_placeholder = "{pages}";

/// `{page}` and `{pages}` of a footer's text filled in, in the language's
/// digits (`words.digits`: Arabic writes ٢ for 2).
[[nodiscard]] std::string page_numbered(std::string_view text, std::size_t page, std::size_t pages,
                                        const style::DateWords& words);

}  // namespace vitae::compose
