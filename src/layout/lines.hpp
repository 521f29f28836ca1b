#pragma once
// Line finishing: inline content, broken or whole, becomes lines of
// positioned items (runs, outline glyphs, links) in a column. What follows
// a line (its place on a page) is the vertical flow's (flow.hpp).

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "inline.hpp"
#include "vitae/base/diag.hpp"
#include "vitae/layout/frame.hpp"
#include "vitae/style/sheet.hpp"

namespace vitae::layout {

/// Two x positions closer than this are the same (a thousandth of a point).
inline constexpr double position_epsilon = 1e-3;

/// One block of type on a line: its own extent and size, from which the
/// line's height follows at any line height.
struct TypeExtent {
    double natural_ascent = 0;
    double natural_descent = 0;
    double size = 0;  ///< the largest type size
    TypeReach ink;    ///< of glyphs in a face taller than its lines (is_tall)
};

/// A rule drawn under a line's type (section headings).
struct RuleBelow {
    double gap = 0;  ///< from the type's descent to the rule
    double thickness = 0;
    double from_x = 0;
    double to_x = 0;
    style::Color color;
    Provenance provenance;
};

/// An optional part few lines have (a rule, a bookmark), held out of the
/// line: every line of a CV is kept until it is paginated, and held in
/// place these two made each line twice as large.
template <typename T>
class OutOfLine {
public:
    OutOfLine() = default;
    OutOfLine(const OutOfLine& other) : value_(copy(other)) {}
    OutOfLine(OutOfLine&&) noexcept = default;
    OutOfLine& operator=(const OutOfLine& other) {
        if (this != &other) value_ = copy(other);
        return *this;
    }
    OutOfLine& operator=(OutOfLine&&) noexcept = default;
    ~OutOfLine() = default;
    OutOfLine& operator=(T value) {
        value_ = std::make_unique<T>(std::move(value));
        return *this;
    }

    explicit operator bool() const { return value_ != nullptr; }
    const T& operator*() const { return *value_; }
    const T* operator->() const { return value_.get(); }

private:
    static std::unique_ptr<T> copy(const OutOfLine& other) {
        return other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
    }

    std::unique_ptr<T> value_;
};

/// One line of the vertical list. Items are relative to the baseline. Its
/// height is not fixed here: it follows from the line height the page
/// breaking uses, so that the fitter can count pages at another spacing
/// without laying the CV out again (PageSkeleton).
struct LineBox {
    std::vector<TypeExtent> type;  ///< one per part merged onto the line
    OutOfLine<RuleBelow> rule;
    std::vector<Item> items;
    std::vector<Link> links;
    OutOfLine<std::string> bookmark;
    /// No page break right after this line (headings, entry heads, orphans).
    bool keep_with_next = false;
    /// Already reported as too wide for its column (check_column reports the others).
    bool reported_too_wide = false;
    /// A page ends before this line (the CV's page_break_before).
    bool break_before = false;
};
// Every line of a CV is held until it is paginated: three vectors, two
// pointers and three flags, no more (it was 23 words with the rule and
// bookmark in place).
static_assert(sizeof(LineBox) <= 12 * sizeof(void*));

/// Moves an item by (dx, dy): lines have two ends, everything else an origin.
void move_item(Item& item, double dx, double dy);

/// Turns a page set left to right over, for a right-to-left CV: whatever
/// was `d` from the left edge is `d` from the right one (columns, markers,
/// dates, rules, links). Runs and glyphs move whole, their own glyphs
/// keeping their order: a run holds one fragment on such a page
/// (LineSetter's mirrored lines), already in the order it reads.
void mirror_page(Page& page, double page_width);

/// Moves a line's items and links `dx` to the right.
void shift(LineBox& line, double dx);

/// Puts `other`'s items on `line`'s baseline.
void merge(LineBox& line, LineBox other);
/// Puts `first`'s items on `line`'s baseline, ahead of `line`'s own in the
/// page's order: what is read before the line (a bullet or number, a skill
/// row's label) comes first in the content stream, which extractors that
/// read in that order (MuPDF) follow.
void merge_before(LineBox& line, LineBox first);

/// Appends `source`'s items and fragments to `target`'s.
void append_content(InlineContent& target, const InlineContent& source);

/// Names (the header's, an author list) kept whole: a line may break
/// between the names, or between the words of one, but not at the hyphen
/// of "Núñez-García", nor between the characters of "郑赞伟", unless the
/// name is wider than its column: then there, as a last resort, rather
/// than over the next column. Never at a hyphenation point.
[[nodiscard]] InlineContent names_unbroken(InlineContent names);

/// Sets inline content as lines in the current column: breaks paragraphs,
/// places items, merges runs, marks the lines that leave the column. Each
/// item it makes records the provenance given last (set_provenance).
class LineSetter {
public:
    LineSetter(const style::Sheet& sheet, FontProvider& fonts, Diagnostics& diagnostics, FontContext& context)
        : sheet_(sheet),
          fonts_(fonts),
          diagnostics_(diagnostics),
          context_(context),
          mirrored_(sheet.language.right_to_left) {}

    // --- the column ----------------------------------------------------------

    [[nodiscard]] double left() const { return column_left_; }
    [[nodiscard]] double text_width() const { return column_width_; }
    void set_column(double left, double width) {
        column_left_ = left;
        column_width_ = width;
    }

    // --- what the items belong to --------------------------------------------

    /// The block being set and its role, for every item made from now on.
    void set_provenance(Provenance provenance) { current_ = provenance; }
    [[nodiscard]] const Provenance& provenance() const { return current_; }

    /// The part of the CV being set, for check_column's warnings.
    void enter_part(const SourceRegion& where, std::string name) {
        part_where_ = where;
        part_name_ = std::move(name);
    }

    // --- lines ---------------------------------------------------------------

    /// Breaks a paragraph into lines `width` wide at `x`.
    std::vector<LineBox> set_paragraph(const InlineContent& content, double x, double width,
                                       const SourceRegion& where, std::string_view what,
                                       style::Alignment alignment = style::Alignment::left);

    /// Everything on one line, unbroken.
    LineBox single_line(const InlineContent& content, double x) {
        return make_line(content, 0, content.items.size(), x, 0);
    }

    /// Where the right side of a two-sided line goes when the left side wraps.
    enum class RightSide : std::uint8_t {
        /// Beside the left side's last line: a reader going line by line
        /// (pdftotext, MuPDF, a screen reader's cursor) reads the whole left
        /// side before it, as a title wrapped around dates on its first line
        /// would not ("… de Jan. 2021 – Present Ingeniería …").
        beside_last_line,
        /// Beside its first line, right under the right side of the line
        /// before: an entry's dates and place stay stacked, which readers
        /// that find columns (pdftotext) read as one block after the left.
        beside_first_line,
    };

    /// `left` on the left and `right` flush right on the same baseline; when
    /// they do not fit, the left side wraps beside the right one, or the right
    /// side takes a line of its own. They never overlap.
    std::vector<LineBox> two_sided(const InlineContent& left_content, const InlineContent& right_content,
                                   const SourceRegion& where, std::string_view what, RightSide right_side);

    /// Any line that leaves its column is a warning naming the part of the CV
    /// it belongs to: text is never printed over the next column or past
    /// the page's edge unannounced. Paragraphs report their overfull lines
    /// themselves; this catches lines set whole (labels, dates, markers).
    void check_column(LineBox& line);

private:
    /// The right edge of what a line shows.
    [[nodiscard]] static double line_extent(const LineBox& line);
    /// The left edge of what a line shows.
    [[nodiscard]] static double line_start(const LineBox& line);
    /// Items [begin, end) of `content` that take room on a line, and the
    /// break at `end` when `with_break` (a discretionary's hyphen), in
    /// the order they are placed from the left: the visual order of their
    /// levels (bidi.hpp), reversed on a mirrored page.
    [[nodiscard]] std::vector<std::size_t> shown_order(const InlineContent& content, std::size_t begin,
                                                       std::size_t end, bool with_break) const;
    /// Places items [begin, end) of `content` on one line starting at `x`.
    LineBox make_line(const InlineContent& content, std::size_t begin, std::size_t end, double x,
                      double ratio);
    /// Appends `fragment` (at page x `x`) to `run` when it continues it.
    bool extend_run(TextRun& run, const Fragment& fragment, double x, bool space_between);
    /// Appends a space glyph to `run`, where a word ends; false (and
    /// nothing appended) when its face has no space.
    bool end_with_space(TextRun& run) const;
    /// The block being laid out, and the role of the fragment's piece.
    [[nodiscard]] Provenance provenance_of(const Fragment& fragment) const {
        return {current_.block, current_.block_role, fragment.role, current_.part};
    }
    void add_link(LineBox& line, const std::string& url, double x, const Fragment& fragment) const;

    const style::Sheet& sheet_;
    FontProvider& fonts_;
    Diagnostics& diagnostics_;
    FontContext& context_;
    /// The page is turned over once set (a right-to-left CV, mirror_page):
    /// every fragment is a run of its own, which turns over as a whole.
    bool mirrored_ = false;
    Provenance current_;  ///< of the block being laid out
    double column_left_ = 0;
    double column_width_ = 0;
    SourceRegion part_where_;
    std::string part_name_ = "the CV";
};

}  // namespace vitae::layout
