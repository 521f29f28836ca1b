// The vertical flow: a column's vertical list, its page breaks, the pages
// placed, held or streamed.
#include "flow.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "vitae/layout/layout.hpp"

namespace vitae::layout {

/// An item as page breaking sees it.
struct MeasuredItem {
    std::optional<double> space;  ///< set for a Space
    VerticalExtent extent;        ///< of a line
    bool keep_with_next = false;
    bool break_before = false;  ///< a page ends before this line
};

namespace {

/// Past this many glyphs a layout into a page sink stops holding its lines
/// and lays the CV out a second time, streaming its pages. A glyph held
/// costs about 33 bytes with its share of its run (a 2.5 MB CV held 1.25
/// million in 41 MB), so this is about 7 MB: the seed CV's academic
/// variant has about 10,000 glyphs and a 40-page CV about 120,000, laid
/// out once; a longer one costs a second layout (about half the time of a
/// PDF build) and holds one page instead of all.
constexpr std::size_t stream_above_glyphs = 200'000;

}  // namespace

VerticalExtent extent_of(const LineBox& line, double line_height) {
    VerticalExtent extent;
    for (std::size_t index = 0; index < line.type.size(); ++index) {
        const TypeExtent& type = line.type[index];
        const auto [ascent, descent] =
            type_reach(type.natural_ascent, type.natural_descent, type.size, line_height, type.ink);
        extent.ascent = index == 0 ? ascent : std::max(extent.ascent, ascent);
        extent.descent = index == 0 ? descent : std::max(extent.descent, descent);
    }
    if (line.rule) {
        extent.rule_y = extent.descent + line.rule->gap;
        extent.descent = extent.rule_y + line.rule->thickness;
    }
    return extent;
}

namespace {

/// The items measured at a line height, with every space scaled.
std::vector<MeasuredItem> measure(const std::vector<VerticalItem>& items, double line_height,
                                  double space_scale) {
    std::vector<MeasuredItem> measured;
    measured.reserve(items.size());
    for (const VerticalItem& item : items) {
        if (const auto* space = std::get_if<Space>(&item)) {
            measured.push_back({space->amount * space_scale, {}, false, false});
        } else {
            const auto& line = std::get<LineBox>(item);
            measured.push_back(
                {std::nullopt, extent_of(line, line_height), line.keep_with_next, line.break_before});
        }
    }
    return measured;
}

/// Breaks a vertical list into pages whose text runs from `top` to
/// `bottom`: as much as fits, ending before a line that does not keep with
/// the one before it. Space at the top of a page is discarded.
std::vector<PageRange> break_pages(const std::vector<MeasuredItem>& items, double top, double bottom) {
    std::vector<PageRange> pages;
    std::size_t start = 0;
    while (start < items.size()) {
        while (start < items.size() && items[start].space) ++start;
        if (start >= items.size()) break;
        double y = top;
        std::size_t index = start;
        std::optional<std::size_t> last_allowed;  // a page may end before this item
        bool previous_line_keeps = false;
        for (; index < items.size(); ++index) {
            const MeasuredItem& item = items[index];
            if (item.space) {
                y += *item.space;
                continue;
            }
            if (index > start && item.break_before) {
                last_allowed = index;
                break;
            }
            if (index > start && !previous_line_keeps) last_allowed = index;
            if (y + item.extent.ascent + item.extent.descent > bottom + position_epsilon && index > start)
                break;
            y += item.extent.ascent + item.extent.descent;
            previous_line_keeps = item.keep_with_next;
        }
        PageRange page{start, index, false};
        if (index < items.size()) {
            if (last_allowed && *last_allowed > start) {
                page.end = *last_allowed;
            } else {
                page.split = true;
            }
        }
        pages.push_back(page);
        start = page.end;
    }
    return pages;
}

}  // namespace

struct PageSkeleton::Columns {
    /// One vertical list, or the sidebar's and the main column's.
    std::vector<std::vector<VerticalItem>> lists;
    double top = 0;
    double bottom = 0;

    void add(const std::vector<VerticalItem>& items, double page_top, double page_bottom) {
        top = page_top;
        bottom = page_bottom;
        std::vector<VerticalItem>& list = lists.emplace_back();
        list.reserve(items.size());
        for (const VerticalItem& item : items) {
            if (const auto* line = std::get_if<LineBox>(&item)) {
                LineBox bare;
                bare.type = line->type;
                bare.rule = line->rule;
                bare.keep_with_next = line->keep_with_next;
                bare.break_before = line->break_before;
                list.emplace_back(std::move(bare));
            } else {
                list.push_back(item);
            }
        }
    }
};

PageSkeleton::PageSkeleton() : columns_(std::make_unique<Columns>()) {}
PageSkeleton::~PageSkeleton() = default;
PageSkeleton::PageSkeleton(PageSkeleton&&) noexcept = default;
PageSkeleton& PageSkeleton::operator=(PageSkeleton&&) noexcept = default;

std::size_t PageSkeleton::pages(double space_scale, double line_height) const {
    std::size_t most = 0;
    for (const std::vector<VerticalItem>& list : columns_->lists) {
        most = std::max(
            most,
            break_pages(measure(list, line_height, space_scale), columns_->top, columns_->bottom).size());
    }
    return most;
}

VerticalFlow::VerticalFlow(const style::Sheet& sheet, FontProvider& fonts, Diagnostics& diagnostics,
                           PageSkeleton* skeleton)
    : sheet_(sheet), fonts_(fonts), diagnostics_(diagnostics), skeleton_(skeleton) {
    plan_.page_width = sheet_.page_width;
    plan_.page_height = sheet_.page_height;
}

double VerticalFlow::list_height() const {
    double height = 0;
    for (const MeasuredItem& item : measure(list_, sheet_.line_height, 1)) {
        height += item.space ? *item.space : item.extent.ascent + item.extent.descent;
    }
    return height;
}

void VerticalFlow::stream_into(PageSink& sink, std::vector<PageRange> breaks, const DocumentPlan& plan) {
    sink_ = &sink;
    main_breaks_ = std::move(breaks);
    plan_.page_count = plan.page_count;
}

void VerticalFlow::start(Column column) {
    if (column == Column::sidebar) {
        in_sidebar_ = true;
        return;
    }
    if (in_sidebar_) {
        // Two vertical lists, each broken into pages on its own, then
        // page by page side by side. The sidebar's pages are held
        // while the main column is set.
        const std::vector<MeasuredItem> measured = measure(list_, sheet_.line_height, 1);
        for (const PageRange& range : column_breaks(measured)) {
            side_pages_.push_back(place(range, measured, side_bookmarks_, side_pages_.size()));
        }
        list_ = std::vector<VerticalItem>();
        in_sidebar_ = false;
    }
    streaming_ = sink_ != nullptr;
}

void VerticalFlow::add_lines(std::vector<LineBox> lines, bool keep_all) {
    const std::size_t count = lines.size();
    for (std::size_t i = 0; i < count; ++i) {
        LineBox& line = lines[i];
        const bool orphan_guard = count >= 2 && i == 0;
        const bool widow_guard = count >= 2 && i + 2 == count;
        line.keep_with_next = line.keep_with_next || keep_all || orphan_guard || widow_guard;
        hold(line);
        list_.emplace_back(std::move(line));
    }
    if (streaming_) flush_ready_pages();
}

void VerticalFlow::note_block(const BlockNote& note) {
    if (sink_ != nullptr) {
        sink_->block(note);
    } else if (!dropping_) {
        paged_.blocks.push_back(note);
    }
}

bool VerticalFlow::fits_a_page(const std::vector<LineBox>& lines) const {
    double height = 0;
    for (const LineBox& line : lines) {
        const VerticalExtent extent = extent_of(line, sheet_.line_height);
        height += extent.ascent + extent.descent;
    }
    return height <= sheet_.page_height - sheet_.margins.top - sheet_.margins.bottom + position_epsilon;
}

void VerticalFlow::set_last_keep(bool keep) {
    for (auto it = list_.rbegin(); it != list_.rend(); ++it) {
        if (auto* line = std::get_if<LineBox>(&*it)) {
            line->keep_with_next = keep;
            return;
        }
    }
}

PagedDocument VerticalFlow::finish() {
    streaming_ = false;
    const std::vector<MeasuredItem> measured = measure(list_, sheet_.line_height, 1);
    if (sink_ == nullptr) {
        main_breaks_ = column_breaks(measured);
        plan_.page_count = std::max(main_breaks_.size(), side_pages_.size());
    }
    for (; next_page_ < plan_.page_count; ++next_page_) {
        Page page;
        if (next_page_ < main_breaks_.size()) {
            page = place(relative(main_breaks_[next_page_]), measured, bookmarks_, next_page_);
        }
        finish_page(std::move(page));
    }
    list_ = std::vector<VerticalItem>();
    for (Bookmark& bookmark : side_bookmarks_) bookmarks_.push_back(std::move(bookmark));
    paged_.page_width = sheet_.page_width;
    paged_.page_height = sheet_.page_height;
    paged_.metadata = plan_.metadata;
    paged_.bookmarks = std::move(bookmarks_);
    return std::move(paged_);
}

/// The page breaks of the column being set, measured as `measured`.
std::vector<PageRange> VerticalFlow::column_breaks(const std::vector<MeasuredItem>& measured) {
    const double bottom = sheet_.page_height - sheet_.margins.bottom;
    if (skeleton_ != nullptr) skeleton_->columns().add(list_, sheet_.margins.top, bottom);
    std::vector<PageRange> breaks = break_pages(measured, sheet_.margins.top, bottom);
    for (const PageRange& range : breaks) {
        if (range.split) {
            diagnostics_.warning(SourceRegion{},
                                 "a part that must stay together is longer than a page; it is split");
        }
    }
    return breaks;
}

/// `range` of the main column's vertical list, as indices into list_,
/// which a stream has emptied of the pages before.
PageRange VerticalFlow::relative(const PageRange& range) const {
    return {range.begin - first_item_, range.end - first_item_, range.split};
}

/// Streaming: every page whose items are all laid out leaves, and its
/// items with it.
void VerticalFlow::flush_ready_pages() {
    while (next_page_ < main_breaks_.size() && first_item_ + list_.size() >= main_breaks_[next_page_].end) {
        const PageRange range = relative(main_breaks_[next_page_]);
        const std::vector<MeasuredItem> measured = measure(list_, sheet_.line_height, 1);
        Page page = place(range, measured, bookmarks_, next_page_);
        list_.erase(list_.begin(), list_.begin() + static_cast<std::ptrdiff_t>(range.end));
        first_item_ += range.end;
        finish_page(std::move(page));
        ++next_page_;
    }
}

/// Page next_page_ of the main column, with the sidebar's page beside
/// it and the footer below, goes where this layout sends its pages.
void VerticalFlow::finish_page(Page main) {
    // The sidebar's items first: its blocks come first in the composition,
    // and so in the content's order, which text extraction follows.
    Page page;
    if (next_page_ < side_pages_.size()) page = std::exchange(side_pages_[next_page_], Page{});
    page.items.reserve(page.items.size() + main.items.size());
    page.links.reserve(page.links.size() + main.links.size());
    for (Item& item : main.items) page.items.push_back(std::move(item));
    for (Link& link : main.links) page.links.push_back(std::move(link));
    add_footer(page, next_page_);
    if (sheet_.language.right_to_left) mirror_page(page, sheet_.page_width);
    if (dropping_) {
        add_to_plan(plan_, page.items, fonts_);
    } else if (sink_ != nullptr) {
        sink_->page(page);
    } else {
        paged_.pages.push_back(std::move(page));
    }
}

/// Counts the glyphs held; once a second pass may stream and they pass
/// stream_above_glyphs, the lines are dropped as soon as measured.
void VerticalFlow::hold(LineBox& line) {
    if (may_stream_ && !dropping_) {
        for (const Item& item : line.items) {
            const auto* run = std::get_if<TextRun>(&item);
            held_glyphs_ += run != nullptr ? run->glyphs.size() : 1;
        }
        if (held_glyphs_ > stream_above_glyphs) start_dropping();
    }
    if (dropping_) drop(line.items, line.links);
}

void VerticalFlow::start_dropping() {
    dropping_ = true;
    paged_.blocks = std::vector<BlockNote>();
    for (VerticalItem& item : list_) {
        if (auto* line = std::get_if<LineBox>(&item)) drop(line->items, line->links);
    }
    for (Page& page : side_pages_) drop(page.items, page.links);
}

/// Frees items once their characters are in the plan.
void VerticalFlow::drop(std::vector<Item>& items, std::vector<Link>& links) {
    add_to_plan(plan_, items, fonts_);
    items = std::vector<Item>();
    links = std::vector<Link>();
}

Page VerticalFlow::place(const PageRange& range, const std::vector<MeasuredItem>& measured,
                         std::vector<Bookmark>& bookmarks, std::size_t page_index) {
    Page page;
    reserve_page(page, range);
    double y = sheet_.margins.top;
    bool at_top = true;
    for (std::size_t index = range.begin; index < range.end; ++index) {
        if (measured[index].space) {
            if (!at_top) y += *measured[index].space;
            continue;
        }
        at_top = false;
        auto& line = std::get<LineBox>(list_[index]);
        const VerticalExtent& extent = measured[index].extent;
        if (line.bookmark) bookmarks.push_back(Bookmark{*line.bookmark, page_index, y});
        const double baseline = y + extent.ascent;
        if (line.rule) {
            // Built in place: moved into the variant, GCC 12 warns of a
            // maybe-uninitialized alternative (-Werror) here.
            Line& rule = std::get<Line>(line.items.emplace_back(std::in_place_type<Line>));
            rule.from = {line.rule->from_x, extent.rule_y};
            rule.to = {line.rule->to_x, extent.rule_y};
            rule.thickness = line.rule->thickness;
            rule.color = line.rule->color;
            rule.provenance = line.rule->provenance;
        }
        for (Item& item : line.items) {
            move_item(item, 0, baseline);
            page.items.push_back(std::move(item));
        }
        for (Link& link : line.links) {
            link.area.y += baseline;
            page.links.push_back(std::move(link));
        }
        // The items now live on the page: free the line's moved-from
        // ones rather than hold both until the layout ends. (Assigning
        // `{}` empties a vector but keeps its room.)
        line.items = std::vector<Item>();
        line.links = std::vector<Link>();
        y = baseline + extent.descent;
    }
    return page;
}

/// Room for exactly the items and links of the lines in `range`: grown
/// one by one, a page's vectors held up to twice their items, and
/// every page of the CV is kept until it is written.
void VerticalFlow::reserve_page(Page& page, const PageRange& range) const {
    std::size_t items = 0;
    std::size_t links = 0;
    for (std::size_t index = range.begin; index < range.end; ++index) {
        const auto* line = std::get_if<LineBox>(&list_[index]);
        if (line == nullptr) continue;
        items += line->items.size() + (line->rule ? 1 : 0);
        links += line->links.size();
    }
    page.items.reserve(items);
    page.links.reserve(links);
}

void VerticalFlow::add_footer(Page& page, std::size_t index) {
    if (!footer_) return;
    LineBox line = footer_(index, plan_.page_count);
    const double baseline = sheet_.page_height - sheet_.margins.bottom / 2;
    page.items.reserve(page.items.size() + line.items.size());  // not double a page's room for a footer
    for (Item& item : line.items) {
        move_item(item, 0, baseline);
        page.items.push_back(std::move(item));
    }
}

}  // namespace vitae::layout
