#pragma once
// Frames: items at fixed positions. The contract between the layout engine
// and every backend (PDF, debug trace). Coordinates are in points, origin at
// the top-left corner of the page, y growing downwards.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "vitae/base/color.hpp"
#include "vitae/base/geometry.hpp"
#include "vitae/compose/role.hpp"

namespace vitae::layout {

using FaceId = std::uint16_t;

using vitae::Point;
using vitae::Rect;

/// Layout positions closer than this are the same position (pt): rounding,
/// not kerning.
inline constexpr double same_position_tolerance = 0.001;

/// One glyph of a text run, 16 bytes: every glyph of the document is kept
/// until the PDF is written, and a copy of its characters in each (a
/// std::string) with its own advance made them most of that build's memory.
/// Its characters are in the run's `GlyphString`.
struct PositionedGlyph {
    double x = 0;                     ///< pt from the run's origin
    std::uint32_t glyph = 0;          ///< glyph id in the face
    std::uint32_t text_end : 31 = 0;  ///< end of its characters in GlyphString::characters
    /// Not where the previous glyph's own advance (the face's, the only one a
    /// backend that draws strings knows) ends, within same_position_tolerance.
    std::uint32_t kerned : 1 = 0;
};

/// Glyphs in drawing order and the characters each shows (UTF-8), stored
/// once: glyph i shows characters [end of glyph i-1, its text_end). The
/// second and later glyphs of a cluster show none.
class GlyphString {
public:
    /// `nominal_advance`: pt the face's own advance of the glyph.
    void push_back(std::uint32_t glyph, std::string_view text, double x, double nominal_advance);
    /// Appends `other`'s glyphs, moved right by `offset` pt;
    /// `other_nominal_advances` has one a glyph of `other`.
    void append(const GlyphString& other, const std::vector<double>& other_nominal_advances, double offset);
    /// Drops spare capacity: a line's runs are kept until the PDF is written.
    void shrink_to_fit();

    [[nodiscard]] std::string_view text(std::size_t index) const;
    [[nodiscard]] const std::string& characters() const { return characters_; }
    [[nodiscard]] std::size_t size() const { return glyphs_.size(); }
    [[nodiscard]] bool empty() const { return glyphs_.empty(); }
    [[nodiscard]] const PositionedGlyph& operator[](std::size_t index) const { return glyphs_[index]; }
    [[nodiscard]] const PositionedGlyph& front() const { return glyphs_.front(); }
    [[nodiscard]] auto begin() const { return glyphs_.begin(); }
    [[nodiscard]] auto end() const { return glyphs_.end(); }

private:
    std::vector<PositionedGlyph> glyphs_;
    std::string characters_;
    double last_nominal_advance_ = 0;  ///< of the last glyph, for the next one's `kerned`
};

/// Where an item on a page came from, for writers of a logical structure
/// (a tagged PDF) and for traces: the composed block, numbered from 1 in
/// the order the layout received them (0: page furniture, the footer),
/// the block's role and the role of the text's piece (of its first piece
/// when a run joins several in one style), and the part of the block: a
/// skills table's row, numbered from 0.
struct Provenance {
    std::uint32_t block = 0;
    compose::Role block_role = compose::Role::text;
    compose::Role role = compose::Role::text;
    std::uint16_t part = 0;
};

/// What a block was, for writers of a logical structure (a tagged PDF's
/// elements): a page sink is told of each block before the first page
/// that shows it.
struct BlockNote {
    std::uint32_t block = 0;  ///< its number (Provenance::block)
    compose::BlockKind kind = compose::BlockKind::paragraph;
    compose::Role role = compose::Role::text;
    std::uint8_t level = 0;  ///< a heading's
    /// A paragraph that continues the list item before it (a
    /// publication's authors and details).
    bool hanging = false;
    bool numbered = false;   ///< a list item numbered, not bulleted
    std::uint8_t depth = 0;  ///< a list item's: 1 under an item, 2 under that
    bool sidebar = false;    ///< set in the sidebar's flow
    /// The CV section it belongs to (index); none in the header.
    std::optional<std::uint32_t> section;
    /// Where its column's text starts (pt from the page's left edge).
    double column_left = 0;
};

/// Bold or italic asked for in a face with none (a Chinese or Japanese
/// fallback), which the writer makes: bold by stroking the outlines as
/// well as filling them (layout/fonts.hpp's synthetic_bold_stroke), italic
/// by slanting them (synthetic_italic_slant).
struct SyntheticStyle {
    bool bold = false;
    bool italic = false;
    bool operator==(const SyntheticStyle&) const = default;
};

/// Text on one baseline, in one face, size and colour.
struct TextRun {
    Point origin;  ///< left end of the baseline
    FaceId face = 0;
    double size = 10;
    Color color;
    GlyphString glyphs;
    double width = 0;
    Provenance provenance;
    /// Its last glyph is a hyphen the line's break added inside a word
    /// (hyphenation, a soft hyphen): shown, but not the CV's text.
    bool ends_with_added_hyphen = false;
    SyntheticStyle synthetic;
    /// Right-to-left text: its glyphs, in the order they are shown from the
    /// left, are read from the last.
    bool right_to_left = false;

    [[nodiscard]] const std::string& text() const { return glyphs.characters(); }
    /// The CV's text it shows: without an added hyphen.
    [[nodiscard]] std::string_view source_text() const {
        const std::string_view shown = text();
        return ends_with_added_hyphen ? shown.substr(0, shown.size() - 1) : shown;
    }
};

/// A glyph drawn as a filled outline, not as text: icons, and characters a
/// PDF text string cannot carry (outside the Basic Multilingual Plane).
struct OutlineGlyph {
    Point origin;  ///< on the baseline
    FaceId face = 0;
    std::uint32_t glyph = 0;
    double size = 10;
    Color color;
    std::string text;  ///< what it stands for, for traces and diagnostics
    Provenance provenance;
    double advance = 0;  ///< pt to the pen position after it
    /// Set in right-to-left text: of its characters (an Arabic ligature's
    /// two letters, a letter and its vowel mark), the last is drawn
    /// leftmost.
    bool right_to_left = false;
};

/// A straight line (section rules).
struct Line {
    Point from;
    Point to;
    double thickness = 0.5;
    Color color;
    Provenance provenance;
};

/// The outline a picture is cut to.
enum class PictureClip : std::uint8_t { rectangle, rounded, ellipse };

/// A picture (a photo, a signature) filling `area`, cut to its clip. Its
/// file's bytes are shared with the document, not copied.
struct Picture {
    Rect area;  ///< on a line: relative to its baseline, as every item
    PictureClip clip = PictureClip::rectangle;
    double corner_radius = 0;                  ///< pt, of a rounded clip
    std::shared_ptr<const std::string> bytes;  ///< the JPEG or PNG file
    std::string alt;                           ///< what it shows, in words
    Provenance provenance;
};

using Item = std::variant<TextRun, OutlineGlyph, Line, Picture>;

/// A clickable area.
struct Link {
    Rect area;
    std::string url;
    Provenance provenance;
};

struct Page {
    std::vector<Item> items;
    std::vector<Link> links;
};

/// One entry of the PDF outline (bookmarks).
struct Bookmark {
    std::string title;
    std::size_t page = 0;  ///< 0-based
    double y = 0;          ///< top of the section heading
    /// Under the bookmark before it of one level less (a bundle's documents
    /// are at level 0, their sections at 1); 0: at the outline's top.
    std::uint8_t level = 0;
};

struct Metadata {
    std::string title;
    std::string author;
    std::string subject;
    std::string keywords;
    std::string creator;
    std::string language;  ///< a BCP 47 tag
};

struct PagedDocument {
    double page_width = 612;
    double page_height = 792;
    std::vector<Page> pages;
    std::vector<Bookmark> bookmarks;
    Metadata metadata;
    std::vector<BlockNote> blocks;  ///< in the order of their numbers
};

/// What a backend must know of a whole document before its first page: a
/// PDF's fonts, subset to the characters they show, come before its pages.
struct DocumentPlan {
    double page_width = 612;
    double page_height = 792;
    std::size_t page_count = 0;
    Metadata metadata;
    /// For each face with text, every character a backend shows with it
    /// (see characters_shown in layout.hpp).
    std::map<FaceId, std::set<char32_t>> characters;
    /// Every face drawn, as text or as outlines.
    std::set<FaceId> faces;
};

/// Takes a document one page at a time, so that a long one need not be
/// held whole: begin once, every page in order, then end.
class PageSink {
public:
    PageSink() = default;
    PageSink(const PageSink&) = delete;
    PageSink& operator=(const PageSink&) = delete;
    virtual ~PageSink() = default;

    virtual void begin(const DocumentPlan& plan) = 0;
    /// A block, before the first page that shows it. Pure, so that a sink
    /// passing pages on cannot forget to pass blocks on too.
    virtual void block(const BlockNote& note) = 0;
    virtual void page(const Page& page) = 0;
    virtual void end(const std::vector<Bookmark>& bookmarks) = 0;
};

}  // namespace vitae::layout
