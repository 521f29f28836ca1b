#pragma once
// The vertical flow: finished lines and spaces in a vertical list, kept
// together where they must be, broken into pages, placed, with a footer;
// the pages held, or streamed to a sink. It knows lines, not what they
// say: the typesetter (document.cpp) decides what goes on them.

#include <cstddef>
#include <functional>
#include <variant>
#include <vector>

#include "document.hpp"
#include "lines.hpp"
#include "vitae/base/diag.hpp"
#include "vitae/layout/frame.hpp"
#include "vitae/style/sheet.hpp"

namespace vitae::layout {

/// How far a line reaches above and below its baseline.
struct VerticalExtent {
    double ascent = 0;
    double descent = 0;
    double rule_y = 0;  ///< where a rule below the type goes, if the line has one
};

/// How far `line` reaches at `line_height` (a multiple of its type's size),
/// as pages are broken: its types' leading, its tall glyphs, its rule.
[[nodiscard]] VerticalExtent extent_of(const LineBox& line, double line_height);

/// Vertical space; dropped at the top of a page, as TeX discards glue.
struct Space {
    double amount = 0;
};

/// An entry of the vertical list: a line or a space.
using VerticalItem = std::variant<LineBox, Space>;

/// Items [begin, end) of one page's vertical list.
struct PageRange {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool split = false;  ///< a part that must stay together was split here
};

/// An item as page breaking sees it (flow.cpp).
struct MeasuredItem;

/// Which column a vertical list fills.
enum class Column {
    main,
    sidebar,  ///< set first, broken into its own pages, held beside the main column's
};

/// The vertical list of the column being set and the pages made from it.
/// A layout into a page sink runs twice for a long CV: a first pass that
/// learns the breaks and the plan (allow_streaming), a second that sends
/// each page as soon as its last line is set (stream_into).
class VerticalFlow {
public:
    /// The footer line of page `index` of `count`, on its own baseline.
    using FooterLine = std::function<LineBox(std::size_t index, std::size_t count)>;

    VerticalFlow(const style::Sheet& sheet, FontProvider& fonts, Diagnostics& diagnostics,
                 PageSkeleton* skeleton);

    // --- the passes ------------------------------------------------------------

    /// Lets a long CV be laid out in two passes (see layout_document with
    /// a sink): once more than stream_above_glyphs are held, lines are
    /// dropped once measured, and finish returns no pages: streamed() is
    /// true, plan() and breaks() tell the second pass what this one learned.
    void allow_streaming() { may_stream_ = true; }
    /// Drops every line once measured: the flow learns the plan only.
    void plan_only() { dropping_ = true; }
    [[nodiscard]] bool streamed() const { return dropping_; }
    [[nodiscard]] const DocumentPlan& plan() const { return plan_; }
    [[nodiscard]] const std::vector<PageRange>& breaks() const { return main_breaks_; }
    /// The second pass: `breaks` and `plan` are the first pass's; each
    /// page goes to `sink` once its last item is set.
    void stream_into(PageSink& sink, std::vector<PageRange> breaks, const DocumentPlan& plan);

    void set_metadata(Metadata metadata) { plan_.metadata = std::move(metadata); }
    /// Every page gets `footer` below its text.
    void set_footer(FooterLine footer) { footer_ = std::move(footer); }

    // --- the vertical list -----------------------------------------------------

    /// Starts the vertical list of `column`; starting the main column after
    /// the sidebar breaks the sidebar's list into pages and holds them.
    void start(Column column);
    /// The sidebar's list is being set: the main column, started now, stands beside it.
    [[nodiscard]] bool setting_sidebar() const { return in_sidebar_; }

    void add_space(double amount) { list_.emplace_back(Space{amount}); }
    /// How tall the vertical list is so far, at the sheet's line height:
    /// what is on the first page of a short document (a letter's head).
    [[nodiscard]] double list_height() const;

    /// Adds lines; `keep_all` keeps each with the next (headings). A
    /// paragraph of two or more lines never leaves a single line alone at
    /// the bottom (orphan) or the top (widow) of a page.
    void add_lines(std::vector<LineBox> lines, bool keep_all = false);

    /// The last line added stays with what follows, or not.
    void set_last_keep(bool keep);
    /// A block's note goes where the pages go, ahead of them.
    void note_block(const BlockNote& note);

    /// Whether `lines` together are no taller than a page's text, so that
    /// keeping them together cannot force a split.
    [[nodiscard]] bool fits_a_page(const std::vector<LineBox>& lines) const;

    /// Breaks what is left into pages; the pages, when they are held, with
    /// the main column's bookmarks followed by the sidebar's.
    PagedDocument finish();

private:
    std::vector<PageRange> column_breaks(const std::vector<MeasuredItem>& measured);
    [[nodiscard]] PageRange relative(const PageRange& range) const;
    void flush_ready_pages();
    void finish_page(Page page);
    void hold(LineBox& line);
    void start_dropping();
    void drop(std::vector<Item>& items, std::vector<Link>& links);
    Page place(const PageRange& range, const std::vector<MeasuredItem>& measured,
               std::vector<Bookmark>& bookmarks, std::size_t page_index);
    void reserve_page(Page& page, const PageRange& range) const;
    void add_footer(Page& page, std::size_t index);

    const style::Sheet& sheet_;
    FontProvider& fonts_;
    Diagnostics& diagnostics_;
    PageSkeleton* skeleton_;  ///< null: none is kept
    FooterLine footer_;       ///< empty: no footer
    std::vector<VerticalItem> list_;
    // --- pages: where they go, and what a stream's two passes share ---
    PagedDocument paged_;           ///< the pages, when they are held
    std::vector<Page> side_pages_;  ///< the sidebar's, held while the main column is set
    std::vector<Bookmark> bookmarks_;
    std::vector<Bookmark> side_bookmarks_;
    std::vector<PageRange> main_breaks_;
    DocumentPlan plan_;
    std::size_t next_page_ = 0;   ///< of the document
    std::size_t first_item_ = 0;  ///< the main column's index of list_[0]
    PageSink* sink_ = nullptr;    ///< second pass: where pages go
    bool streaming_ = false;      ///< the main column's pages go to sink_ as they are made
    bool may_stream_ = false;
    bool dropping_ = false;  ///< first pass of a stream: lines are dropped once measured
    std::size_t held_glyphs_ = 0;
    bool in_sidebar_ = false;  ///< the sidebar's list is being set
};

}  // namespace vitae::layout
