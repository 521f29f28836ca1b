// Lays out a whole CV: header, sections, entries, publications, skills;
// then breaks the vertical list into pages and adds footers.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>

#include <fmt/format.h>

#include "document.hpp"
#include "inline.hpp"
#include "vitae/base/limits.hpp"
#include "vitae/base/utf8.hpp"
#include "vitae/compose/blocks.hpp"
#include "vitae/layout/layout.hpp"
#include "vitae/style/breaks.hpp"
#include "vitae/style/date_format.hpp"
#include "vitae/style/markup_style.hpp"
#include "vitae/style/names.hpp"
#include "vitae/style/publication_format.hpp"

namespace vitae::layout {

namespace {

/// Below this share of the text width, a title beside its dates would be
/// squeezed into a narrow column: the dates get a line of their own instead.
constexpr double narrowest_title_share = 0.4;
/// Two x positions closer than this are the same (a thousandth of a point).
constexpr double position_epsilon = 1e-3;
/// Past this many glyphs a layout into a page sink stops holding its lines
/// and lays the CV out a second time, streaming its pages. A glyph held
/// costs about 33 bytes with its share of its run (a 2.5 MB CV held 1.25
/// million in 41 MB), so this is about 7 MB: the seed CV's academic
/// variant has about 10,000 glyphs and a 40-page CV about 120,000, laid
/// out once; a longer one costs a second layout (about half the time of a
/// PDF build) and holds one page instead of all.
constexpr std::size_t stream_above_glyphs = 200'000;

/// One block of type on a line: its own extent and size, from which the
/// line's height follows at any line height.
struct TypeExtent {
    double natural_ascent = 0;
    double natural_descent = 0;
    double size = 0;  ///< the largest type size
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
    /// Already reported as too wide for its column (add_lines reports the others).
    bool reported_too_wide = false;
};
// Every line of a CV is held until it is paginated: three vectors, two
// pointers and two flags, no more (it was 23 words with the rule and
// bookmark in place).
static_assert(sizeof(LineBox) <= 12 * sizeof(void*));

/// Vertical space; dropped at the top of a page, as TeX discards glue.
struct Space {
    double amount = 0;
};

using Block = std::variant<LineBox, Space>;

/// How far a line reaches above and below its baseline.
struct VerticalExtent {
    double ascent = 0;
    double descent = 0;
    double rule_y = 0;  ///< where a rule below the type goes, if the line has one
};

VerticalExtent extent_of(const LineBox& line, double line_height) {
    VerticalExtent extent;
    for (std::size_t index = 0; index < line.type.size(); ++index) {
        const TypeExtent& type = line.type[index];
        const auto [ascent, descent] =
            type_reach(type.natural_ascent, type.natural_descent, type.size, line_height);
        extent.ascent = index == 0 ? ascent : std::max(extent.ascent, ascent);
        extent.descent = index == 0 ? descent : std::max(extent.descent, descent);
    }
    if (line.rule) {
        extent.rule_y = extent.descent + line.rule->gap;
        extent.descent = extent.rule_y + line.rule->thickness;
    }
    return extent;
}

/// A block as page breaking sees it.
struct MeasuredBlock {
    std::optional<double> space;  ///< set for a Space
    VerticalExtent extent;        ///< of a line
    bool keep_with_next = false;
};

/// The blocks measured at a line height, with every space scaled.
std::vector<MeasuredBlock> measure(const std::vector<Block>& blocks, double line_height, double space_scale) {
    std::vector<MeasuredBlock> measured;
    measured.reserve(blocks.size());
    for (const Block& block : blocks) {
        if (const auto* space = std::get_if<Space>(&block)) {
            measured.push_back({space->amount * space_scale, {}, false});
        } else {
            const auto& line = std::get<LineBox>(block);
            measured.push_back({std::nullopt, extent_of(line, line_height), line.keep_with_next});
        }
    }
    return measured;
}

/// Blocks [begin, end) of one page.
struct PageRange {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool split = false;  ///< a part that must stay together was split here
};

/// Breaks a vertical list into pages whose text runs from `top` to
/// `bottom`: as much as fits, ending before a line that does not keep with
/// the one before it. Space at the top of a page is discarded.
std::vector<PageRange> break_pages(const std::vector<MeasuredBlock>& blocks, double top, double bottom) {
    std::vector<PageRange> pages;
    std::size_t start = 0;
    while (start < blocks.size()) {
        while (start < blocks.size() && blocks[start].space) ++start;
        if (start >= blocks.size()) break;
        double y = top;
        std::size_t index = start;
        std::optional<std::size_t> last_allowed;  // a page may end before this block
        bool previous_line_keeps = false;
        for (; index < blocks.size(); ++index) {
            const MeasuredBlock& block = blocks[index];
            if (block.space) {
                y += *block.space;
                continue;
            }
            if (index > start && !previous_line_keeps) last_allowed = index;
            if (y + block.extent.ascent + block.extent.descent > bottom + position_epsilon && index > start)
                break;
            y += block.extent.ascent + block.extent.descent;
            previous_line_keeps = block.keep_with_next;
        }
        PageRange page{start, index, false};
        if (index < blocks.size()) {
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
    std::vector<std::vector<Block>> lists;
    double top = 0;
    double bottom = 0;

    void add(const std::vector<Block>& blocks, double page_top, double page_bottom) {
        top = page_top;
        bottom = page_bottom;
        std::vector<Block>& list = lists.emplace_back();
        list.reserve(blocks.size());
        for (const Block& block : blocks) {
            if (const auto* line = std::get_if<LineBox>(&block)) {
                LineBox bare;
                bare.type = line->type;
                bare.rule = line->rule;
                bare.keep_with_next = line->keep_with_next;
                list.emplace_back(std::move(bare));
            } else {
                list.push_back(block);
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
    for (const std::vector<Block>& list : columns_->lists) {
        most = std::max(
            most,
            break_pages(measure(list, line_height, space_scale), columns_->top, columns_->bottom).size());
    }
    return most;
}

namespace {

/// Moves an item by (dx, dy): lines have two ends, everything else an origin.
void move_item(Item& item, double dx, double dy) {
    std::visit(
        [dx, dy](auto& value) {
            if constexpr (std::is_same_v<std::decay_t<decltype(value)>, Line>) {
                value.from.x += dx;
                value.to.x += dx;
                value.from.y += dy;
                value.to.y += dy;
            } else {
                value.origin.x += dx;
                value.origin.y += dy;
            }
        },
        item);
}

void shift(LineBox& line, double dx) {
    for (Item& item : line.items) move_item(item, dx, 0);
    for (Link& link : line.links) link.area.x += dx;
}

/// Puts `other`'s items on `line`'s baseline.
void merge(LineBox& line, LineBox other) {
    for (const TypeExtent& type : other.type) line.type.push_back(type);
    if (!line.rule) line.rule = other.rule;
    for (Item& item : other.items) line.items.push_back(std::move(item));
    for (Link& link : other.links) line.links.push_back(std::move(link));
}

class CvLayout final : public compose::BlockSink {
public:
    CvLayout(const style::Sheet& sheet, FontProvider& fonts, Diagnostics& diagnostics, ContentMemo* memo,
             PageSkeleton* skeleton)
        : sheet_(sheet),
          fonts_(fonts),
          diagnostics_(diagnostics),
          context_(fonts, sheet, diagnostics),
          memo_(memo),
          skeleton_(skeleton) {}

    /// Lays the CV out. Handing pages to a sink (stream_into) or learning
    /// its breaks (allow_streaming), it returns no pages.
    PagedDocument run(const compose::Composer& composer) {
        const cv::Document& document = composer.document();
        person_name_ = document.person.name.plain();
        check_pdf_text(person_name_, document.person.name.where, "name", "document title",
                       compose::title_suffix.size());
        if (!document.person.headline.empty()) {
            check_pdf_text(document.person.headline.plain(), document.person.headline.where, "headline",
                           "document subject");
        }
        footer_ = composer.footer();
        plan_.page_width = sheet_.page_width;
        plan_.page_height = sheet_.page_height;
        plan_.metadata = metadata(composer.info());
        composer.compose(*this);
        streaming_ = false;
        const std::vector<MeasuredBlock> measured = measure(blocks_, sheet_.line_height, 1);
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
        blocks_ = std::vector<Block>();
        if (sheet_.sidebar) merge_bookmarks(document);
        paged_.page_width = sheet_.page_width;
        paged_.page_height = sheet_.page_height;
        paged_.metadata = plan_.metadata;
        paged_.bookmarks = std::move(bookmarks_);
        return std::move(paged_);
    }

    /// Lets a long CV be laid out in two passes (see layout_document with
    /// a sink): once more than stream_above_glyphs are held, lines are
    /// dropped once measured, and run returns no pages: streamed() is true,
    /// plan() and breaks() tell the second pass what this one learned.
    void allow_streaming() { may_stream_ = true; }
    /// Drops every line once measured: run learns the plan only.
    void plan_only() { dropping_ = true; }
    [[nodiscard]] bool streamed() const { return dropping_; }
    [[nodiscard]] const DocumentPlan& plan() const { return plan_; }
    [[nodiscard]] const std::vector<PageRange>& breaks() const { return main_breaks_; }

    /// The second pass: `breaks` and `plan` are the first pass's; each
    /// page goes to `sink` once its last block is laid out.
    void stream_into(PageSink& sink, std::vector<PageRange> breaks, const DocumentPlan& plan) {
        sink_ = &sink;
        main_breaks_ = std::move(breaks);
        plan_.page_count = plan.page_count;
    }

private:
    // --- geometry ------------------------------------------------------------

    [[nodiscard]] double left() const { return column_left_; }
    [[nodiscard]] double text_width() const { return column_width_; }
    void set_column(double left, double width) {
        column_left_ = left;
        column_width_ = width;
    }

    /// The sidebar's bookmarks among the main column's, in the order of the
    /// CV's sections, whichever column holds them.
    void merge_bookmarks(const cv::Document& document) {
        for (Bookmark& bookmark : side_bookmarks_) bookmarks_.push_back(std::move(bookmark));
        // An index of the titles (the first section of a title wins): a
        // search per comparison made the sort quadratic in the sections.
        std::unordered_map<std::string, std::size_t> index_of_title;
        for (std::size_t index = 0; index < document.sections.size(); ++index) {
            index_of_title.emplace(document.sections[index].title.plain(), index);
        }
        auto section_index = [&](const Bookmark& bookmark) {
            const auto found = index_of_title.find(bookmark.title);
            return found == index_of_title.end() ? document.sections.size() : found->second;
        };
        std::stable_sort(bookmarks_.begin(), bookmarks_.end(), [&](const Bookmark& a, const Bookmark& b) {
            return section_index(a) < section_index(b);
        });
    }

    // --- lines from inline content -------------------------------------------

    /// Places items [begin, end) of `content` on one line starting at `x`.
    LineBox make_line(const InlineContent& content, std::size_t begin, std::size_t end, double x,
                      double ratio) {
        LineBox line;
        double cursor = x;
        double natural_ascent = 0;
        double natural_descent = 0;
        double largest_size = 0;
        std::optional<std::size_t> open_run;  // index in line.items of a TextRun that may grow
        bool glue_since_run = false;
        for (std::size_t index = begin; index < end; ++index) {
            const BreakItem& item = content.items[index];
            if (item.kind == BreakItem::Kind::glue) {
                if (item.stretch >= infinite_stretch) continue;
                cursor += item.width + (ratio > 0 ? ratio * item.stretch : ratio * item.shrink);
                glue_since_run = true;
                continue;
            }
            if (item.kind != BreakItem::Kind::box) continue;
            const Fragment& fragment = content.fragments[*content.fragment_of_item[index]];
            natural_ascent = std::max(natural_ascent, fragment.ascent);
            natural_descent = std::max(natural_descent, fragment.descent);
            largest_size = std::max(largest_size, fragment.size);
            if (!fragment.link.empty()) add_link(line, fragment.link, cursor, fragment);
            if (fragment.outline) {
                for (std::size_t glyph = 0; glyph < fragment.glyphs.size(); ++glyph) {
                    line.items.push_back(OutlineGlyph{{cursor + fragment.glyphs[glyph].x, 0},
                                                      fragment.face,
                                                      fragment.glyphs[glyph].glyph,
                                                      fragment.size,
                                                      fragment.color,
                                                      std::string{fragment.glyphs.text(glyph)},
                                                      provenance_of(fragment)});
                }
                open_run.reset();
            } else if (open_run && extend_run(std::get<TextRun>(line.items[*open_run]), fragment, cursor,
                                              glue_since_run)) {
                // merged into the open run
            } else {
                line.items.push_back(TextRun{{cursor, 0},
                                             fragment.face,
                                             fragment.size,
                                             fragment.color,
                                             fragment.glyphs,
                                             fragment.width,
                                             provenance_of(fragment)});
                open_run = line.items.size() - 1;
            }
            glue_since_run = false;
            cursor += fragment.width;
        }
        line.type.push_back({natural_ascent, natural_descent, largest_size});
        // Every line is kept until the PDF is written: no spare capacity.
        for (Item& item : line.items) {
            if (auto* run = std::get_if<TextRun>(&item)) run->glyphs.shrink_to_fit();
        }
        return line;
    }

    /// Appends `fragment` (at page x `x`) to `run` when it continues it: same
    /// face, size and colour. A space between them becomes a real space
    /// glyph, so copied text and ATS parsers see words, not gaps.
    bool extend_run(TextRun& run, const Fragment& fragment, double x, bool space_between) {
        if (run.face != fragment.face || run.size != fragment.size || run.color != fragment.color)
            return false;
        const double offset = x - run.origin.x;
        if (space_between) {
            const auto space_glyph = fonts_.glyph_for(run.face, U' ');
            if (!space_glyph) return false;
            run.glyphs.push_back(*space_glyph, " ", run.width, context_.space_width(run.face) * run.size);
        } else if (std::abs(offset - run.width) > position_epsilon) {
            return false;
        }
        run.glyphs.append(fragment.glyphs, fragment.nominal_advances, offset);
        run.width = offset + fragment.width;
        return true;
    }

    /// The block being laid out, and the role of the fragment's piece.
    [[nodiscard]] Provenance provenance_of(const Fragment& fragment) const {
        return {current_.block, current_.block_role, fragment.role};
    }

    void add_link(LineBox& line, const std::string& url, double x, const Fragment& fragment) const {
        const Rect area{x, -fragment.ascent, fragment.width, fragment.ascent + fragment.descent};
        if (!line.links.empty() && line.links.back().url == url) {
            Link& previous = line.links.back();
            const double right = x + fragment.width;
            previous.area.y = std::min(previous.area.y, area.y);
            previous.area.height = std::max(previous.area.height, area.height);
            previous.area.width = right - previous.area.x;
            return;
        }
        line.links.push_back(Link{area, url, provenance_of(fragment)});
    }

    /// Breaks a paragraph into lines `width` wide at `x`.
    std::vector<LineBox> set_paragraph(const InlineContent& content, double x, double width,
                                       const SourceRegion& where, std::string_view what,
                                       style::Alignment alignment = style::Alignment::left) {
        std::vector<LineBox> lines;
        if (content.empty()) return lines;
        const LineBreakResult result =
            break_lines(content.items, width, content.largest_size, sheet_.line_breaking);
        for (const BrokenLine& broken : result.lines) {
            const double ratio = sheet_.line_breaking.justify ? broken.ratio : 0;
            LineBox line = make_line(content, broken.begin, broken.end, x, ratio);
            if (broken.overfull) {
                diagnostics_.warning(where, fmt::format("a line of {} is too wide for the text width", what),
                                     "a word or URL longer than the line cannot be broken");
                line.reported_too_wide = true;
            }
            if (alignment != style::Alignment::left) {
                const double used = line_extent(line) - x;
                const double free = std::max(0.0, width - used);
                shift(line, alignment == style::Alignment::center ? free / 2 : free);
            }
            lines.push_back(std::move(line));
        }
        return lines;
    }

    /// The right edge of what a line shows.
    static double line_extent(const LineBox& line) {
        double right = 0;
        for (const Item& item : line.items) {
            if (const auto* run = std::get_if<TextRun>(&item))
                right = std::max(right, run->origin.x + run->width);
            if (const auto* glyph = std::get_if<OutlineGlyph>(&item))
                right = std::max(right, glyph->origin.x + glyph->size);
        }
        return right;
    }

    /// The left edge of what a line shows.
    static double line_start(const LineBox& line) {
        double left = std::numeric_limits<double>::max();
        for (const Item& item : line.items) {
            if (const auto* run = std::get_if<TextRun>(&item)) left = std::min(left, run->origin.x);
            if (const auto* glyph = std::get_if<OutlineGlyph>(&item)) left = std::min(left, glyph->origin.x);
        }
        return left;
    }

    /// Any line that leaves its column is a warning naming the part of the CV
    /// it belongs to: text is never printed over the next column or past
    /// the page's edge unannounced. Paragraphs report their overfull lines
    /// themselves; this catches lines set whole (labels, dates, markers).
    void check_column(LineBox& line) {
        if (line.reported_too_wide || line.items.empty()) return;
        const bool too_wide = line_start(line) < left() - position_epsilon ||
                              line_extent(line) > left() + text_width() + position_epsilon;
        if (!too_wide) return;
        diagnostics_.warning(part_where_, fmt::format("a line of {} is too wide for its column", part_name_),
                             "it runs past the column's edge: shorten it, or choose a wider column");
        line.reported_too_wide = true;
    }

    /// The part of the CV being laid out, for check_column's warnings.
    void enter_part(const SourceRegion& where, std::string name) {
        part_where_ = where;
        part_name_ = std::move(name);
    }

    /// Everything on one line, unbroken.
    LineBox single_line(const InlineContent& content, double x) {
        return make_line(content, 0, content.items.size(), x, 0);
    }

    /// `left` on the left and `right` flush right on the same baseline; when
    /// they do not fit, the left side wraps beside the right one, or the right
    /// side takes a line of its own. They never overlap.
    std::vector<LineBox> two_sided(const InlineContent& left_content, const InlineContent& right_content,
                                   const SourceRegion& where, std::string_view what) {
        const double width = text_width();
        if (right_content.empty()) return set_paragraph(left_content, left(), width, where, what);
        const double right_width = right_content.natural_width();
        if (right_width > width + position_epsilon) {
            // Dates or a location wider than the column: lines of their own,
            // flush right, below the left side.
            std::vector<LineBox> lines = set_paragraph(left_content, left(), width, where, what);
            for (LineBox& line :
                 set_paragraph(right_content, left(), width, where, what, style::Alignment::right))
                lines.push_back(std::move(line));
            return lines;
        }
        LineBox right_line = single_line(right_content, left() + width - right_width);
        if (left_content.empty()) return {std::move(right_line)};
        const double beside_width = width - right_width - sheet_.date_gap;
        if (beside_width >= narrowest_title_share * width) {
            std::vector<LineBox> lines = set_paragraph(left_content, left(), beside_width, where, what);
            merge(lines.front(), std::move(right_line));
            return lines;
        }
        std::vector<LineBox> lines = set_paragraph(left_content, left(), width, where, what);
        lines.push_back(std::move(right_line));
        return lines;
    }

    InlineContent text_content(const cv::RichText& text, const style::TextStyle& style) {
        const auto build = [&] {
            InlineBuilder builder{context_};
            builder.add(text, style);
            return builder.finish();
        };
        return memo_ == nullptr ? build() : memo_->content(text, style, diagnostics_, build);
    }

    // --- the vertical list ----------------------------------------------------

    void add_space(double amount) { blocks_.emplace_back(Space{amount}); }

    /// Adds lines; `keep_all` keeps each with the next (headings). A
    /// paragraph of two or more lines never leaves a single line alone at
    /// the bottom (orphan) or the top (widow) of a page.
    void add_lines(std::vector<LineBox> lines, bool keep_all = false) {
        const std::size_t count = lines.size();
        for (std::size_t i = 0; i < count; ++i) {
            LineBox& line = lines[i];
            const bool orphan_guard = count >= 2 && i == 0;
            const bool widow_guard = count >= 2 && i + 2 == count;
            line.keep_with_next = line.keep_with_next || keep_all || orphan_guard || widow_guard;
            check_column(line);
            hold(line);
            blocks_.emplace_back(std::move(line));
        }
        if (streaming_) flush_ready_pages();
    }

    // --- blocks ----------------------------------------------------------------

    void start(compose::Flow flow) override {
        const double full_width = sheet_.page_width - sheet_.margins.left - sheet_.margins.right;
        if (flow == compose::Flow::sidebar) {
            set_column(sheet_.margins.left, sheet_.sidebar_width);
            in_sidebar_ = true;
            return;
        }
        if (in_sidebar_) {
            // Two vertical lists, each broken into pages on its own, then
            // page by page side by side. The sidebar's pages are held
            // while the main column is set.
            const std::vector<MeasuredBlock> measured = measure(blocks_, sheet_.line_height, 1);
            for (const PageRange& range : column_breaks(measured)) {
                side_pages_.push_back(place(range, measured, side_bookmarks_, side_pages_.size()));
            }
            blocks_ = std::vector<Block>();
            set_column(sheet_.margins.left + sheet_.sidebar_width + sheet_.column_gap,
                       full_width - sheet_.sidebar_width - sheet_.column_gap);
            in_sidebar_ = false;
        } else {
            set_column(sheet_.margins.left, full_width);
        }
        streaming_ = sink_ != nullptr;
    }

    void add(compose::Block block) override {
        using Kind = compose::Block::Kind;
        if (block.kind == Kind::space) {
            add_space(gap_amount(block.gap, block.gap_style));
            return;
        }
        enter_part(block.part_where, block.part);
        current_ = {++blocks_received_, block.role, block.role};
        std::vector<LineBox> lines;
        switch (block.kind) {
            case Kind::heading:
            case Kind::paragraph: lines = paragraph_lines(block); break;
            case Kind::two_sided:
                lines =
                    two_sided(content_of(block.content), content_of(block.right), block.where, block.what);
                break;
            case Kind::list_item: lines = marked_lines(block); break;
            case Kind::contacts: lines = contact_lines(block); break;
            case Kind::skills: add_skills(block); return;
            case Kind::space: return;
        }
        if (lines.empty()) return;
        add_lines(std::move(lines), block.keep_together);
        set_last_keep(block.keep_with_next);
    }

    /// The sheet's amount of a gap.
    [[nodiscard]] double gap_amount(compose::Gap gap, const style::TextStyle* style) const {
        if (gap == compose::Gap::paragraph) return style::paragraph_gap(sheet_, style ? *style : sheet_.body);
        return *compose::gap_setting(sheet_, gap);
    }

    /// A heading or paragraph: its lines, the heading's bookmark and rule.
    std::vector<LineBox> paragraph_lines(const compose::Block& block) {
        const double indent = block.hanging ? sheet_.bullet_text_indent : 0;
        InlineContent content = content_of(block.content);
        if (block.names) content = names_unbroken(std::move(content));
        std::vector<LineBox> lines = set_paragraph(content, left() + indent, text_width() - indent,
                                                   block.where, block.what, block.alignment);
        if (lines.empty() || block.kind != compose::Block::Kind::heading) return lines;
        if (!block.bookmark.empty()) {
            lines.front().bookmark = block.bookmark;
            check_pdf_text(block.bookmark, block.where, "section title", "bookmark");
        }
        if (block.level == compose::section_heading_level && sheet_.section_rule) {
            lines.back().rule = RuleBelow{sheet_.section_rule_gap, sheet_.section_rule_thickness, left(),
                                          left() + text_width(),   sheet_.section_rule_color,     current_};
        }
        return lines;
    }

    /// The pieces of a composed text as the line breaker's items; joined
    /// with others (`paragraph` false), they keep their trailing space.
    InlineContent content_of(const compose::Inline& pieces, bool paragraph = true) {
        using PieceKind = compose::Piece::Kind;
        if (pieces.empty()) return {};
        const compose::Piece& first = pieces.front();
        if (pieces.size() == 1 && paragraph && first.kind == PieceKind::rich && !first.bold &&
            !first.breakable) {
            InlineContent content = text_content(first.rich, *first.style);
            for (Fragment& fragment : content.fragments) fragment.role = first.role;
            return content;
        }
        InlineBuilder builder{context_};
        for (const compose::Piece& piece : pieces) {
            builder.set_role(piece.role);
            switch (piece.kind) {
                case PieceKind::rich:
                    if (piece.breakable) {
                        add_breakable(builder, piece.rich, piece.effective_style());
                    } else {
                        builder.add(piece.rich, piece.effective_style());
                    }
                    break;
                case PieceKind::plain:
                    if (piece.breakable) {
                        for (const style::ContactPiece& part : style::split_contact(piece.text)) {
                            builder.add_plain(part.text, piece.effective_style(),
                                              part_of(piece.where, piece.text, part.offset), piece.url);
                            if (part.break_after) builder.add_break(*part.break_after);
                        }
                    } else {
                        builder.add_plain(piece.text, piece.effective_style(), piece.where, piece.url);
                    }
                    break;
                case PieceKind::icon: builder.add_icon(piece.text, *piece.style, piece.url); break;
                case PieceKind::space: builder.add_space(*piece.style); break;
                case PieceKind::glued_space: builder.add_glued_space(*piece.style); break;
                case PieceKind::break_point: builder.add_break(piece.penalty); break;
            }
        }
        return builder.finish(paragraph);
    }

    /// Rich text that breaks at its break points (style::split_contact),
    /// span by span.
    static void add_breakable(InlineBuilder& builder, const cv::RichText& text,
                              const style::TextStyle& style) {
        for (const cv::Span& span : text.spans) {
            for (const style::ContactPiece& piece : style::split_contact(span.text)) {
                cv::RichText part{{span}, text.where};
                part.spans.front().text = std::string{piece.text};
                part.spans.front().start.column += static_cast<std::uint32_t>(
                    utf8::length(std::string_view{span.text}.substr(0, piece.offset)));
                builder.add(part, style);
                if (piece.break_after) builder.add_break(*piece.break_after);
            }
        }
    }

    /// The last line laid out stays with what follows, or not.
    void set_last_keep(bool keep) {
        for (auto it = blocks_.rbegin(); it != blocks_.rend(); ++it) {
            if (auto* line = std::get_if<LineBox>(&*it)) {
                line->keep_with_next = keep;
                return;
            }
        }
    }

    /// A paragraph with a marker (bullet or number) hanging in the indent;
    /// a number is set flush right at the number gap.
    std::vector<LineBox> marked_lines(const compose::Block& block) {
        std::vector<LineBox> lines =
            set_paragraph(content_of(block.content), left() + sheet_.bullet_text_indent,
                          text_width() - sheet_.bullet_text_indent, block.where, block.what);
        if (lines.empty()) return lines;
        const InlineContent marker = content_of(block.marker);
        const double marker_x =
            block.numbered ? left() + sheet_.bullet_text_indent - sheet_.number_gap - marker.natural_width()
                           : left() + sheet_.bullet_indent;
        merge(lines.front(), single_line(marker, marker_x));
        return lines;
    }

    /// Contacts separated by the sheet's separator; the line wraps between
    /// contacts. A contact wider than the column (a postal address, a long
    /// e-mail or URL) takes lines of its own, broken at its break points.
    std::vector<LineBox> contact_lines(const compose::Block& block) {
        std::vector<InlineContent> contacts;
        for (const compose::ContactItem& contact : block.contacts)
            contacts.push_back(content_of(contact.whole, false));
        // One unbreakable group per contact: separators are the only breaks.
        const InlineContent separator = content_of(block.separator, false);
        std::vector<LineBox> lines;
        std::vector<std::size_t> current;
        double current_width = 0;
        auto flush_line = [&] {
            if (current.empty()) return;
            InlineContent joined;
            for (std::size_t i = 0; i < current.size(); ++i) {
                if (i > 0) append_content(joined, separator);
                append_content(joined, contacts[current[i]]);
            }
            LineBox line = single_line(joined, left());
            const double free = std::max(0.0, text_width() - joined.natural_width());
            if (block.alignment == style::Alignment::center) shift(line, free / 2);
            if (block.alignment == style::Alignment::right) shift(line, free);
            lines.push_back(std::move(line));
            current.clear();
            current_width = 0;
        };
        for (std::size_t i = 0; i < contacts.size(); ++i) {
            const double width = contacts[i].natural_width();
            if (width > text_width() + position_epsilon) {
                flush_line();
                const compose::ContactItem& contact = block.contacts[i];
                for (LineBox& line : set_paragraph(content_of(contact.breakable), left(), text_width(),
                                                   contact.where, contact.description, block.alignment)) {
                    lines.push_back(std::move(line));
                }
                continue;
            }
            const double with_separator =
                current.empty() ? width : current_width + separator.natural_width() + width;
            if (!current.empty() && with_separator > text_width()) flush_line();
            current_width = current.empty() ? width : current_width + separator.natural_width() + width;
            current.push_back(i);
        }
        flush_line();
        return lines;
    }

    /// Names (the header's, an author list) without their hyphens' breaks: a
    /// line may break between the names, or between the words of one, but
    /// never at the hyphen of "Núñez-García".
    static InlineContent names_unbroken(InlineContent names) {
        for (BreakItem& item : names.items) {
            if (item.kind == BreakItem::Kind::penalty && item.flagged) item.penalty = infinite_penalty;
        }
        return names;
    }

    /// The region of `value` from byte `offset` on.
    static SourceRegion part_of(const SourceRegion& where, std::string_view value, std::size_t offset) {
        return where.at({where.begin.line, where.begin.column + static_cast<std::uint32_t>(
                                                                    utf8::length(value.substr(0, offset)))});
    }

    static void append_content(InlineContent& target, const InlineContent& source) {
        const std::size_t offset = target.fragments.size();
        for (std::size_t i = 0; i < source.items.size(); ++i) {
            target.items.push_back(source.items[i]);
            const auto& fragment = source.fragment_of_item[i];
            target.fragment_of_item.push_back(fragment ? std::optional{*fragment + offset} : std::nullopt);
        }
        for (const Fragment& fragment : source.fragments) target.fragments.push_back(fragment);
        target.largest_size = std::max(target.largest_size, source.largest_size);
    }

    /// Each label beside its items; in a narrow column (a sidebar), where
    /// the widest label would take too much of it, above them.
    void add_skills(const compose::Block& table) {
        double label_width = 0;
        std::vector<InlineContent> labels;
        for (const compose::SkillRow& row : table.rows) {
            labels.push_back(content_of(row.label));
            label_width = std::max(label_width, labels.back().natural_width());
        }
        const bool stacked = label_width > sheet_.skills_label_share * text_width();
        const double items_x = stacked ? left() : left() + label_width + sheet_.skill_label_gap;
        const double items_width =
            stacked ? text_width() : text_width() - label_width - sheet_.skill_label_gap;
        for (std::size_t i = 0; i < table.rows.size(); ++i) {
            const compose::SkillRow& row = table.rows[i];
            std::vector<LineBox> lines =
                set_paragraph(content_of(row.items), items_x, items_width, row.where, row.what);
            LineBox label_line = single_line(labels[i], left());
            if (stacked) {
                label_line.keep_with_next = true;
                lines.insert(lines.begin(), std::move(label_line));
            } else if (lines.empty()) {
                lines.push_back(std::move(label_line));
            } else {
                merge(lines.front(), std::move(label_line));
            }
            add_lines(std::move(lines));
        }
    }

    // --- pages -----------------------------------------------------------------

    /// The page breaks of the column being set, measured as `measured`.
    std::vector<PageRange> column_breaks(const std::vector<MeasuredBlock>& measured) {
        const double bottom = sheet_.page_height - sheet_.margins.bottom;
        if (skeleton_ != nullptr) skeleton_->columns().add(blocks_, sheet_.margins.top, bottom);
        std::vector<PageRange> breaks = break_pages(measured, sheet_.margins.top, bottom);
        for (const PageRange& range : breaks) {
            if (range.split) {
                diagnostics_.warning(SourceRegion{},
                                     "a part that must stay together is longer than a page; it is split");
            }
        }
        return breaks;
    }

    /// `range` of the main column's vertical list, as indices into blocks_,
    /// which a stream has emptied of the pages before.
    [[nodiscard]] PageRange relative(const PageRange& range) const {
        return {range.begin - first_block_, range.end - first_block_, range.split};
    }

    /// Streaming: every page whose blocks are all laid out leaves, and its
    /// blocks with it.
    void flush_ready_pages() {
        while (next_page_ < main_breaks_.size() &&
               first_block_ + blocks_.size() >= main_breaks_[next_page_].end) {
            const PageRange range = relative(main_breaks_[next_page_]);
            const std::vector<MeasuredBlock> measured = measure(blocks_, sheet_.line_height, 1);
            Page page = place(range, measured, bookmarks_, next_page_);
            blocks_.erase(blocks_.begin(), blocks_.begin() + static_cast<std::ptrdiff_t>(range.end));
            first_block_ += range.end;
            finish_page(std::move(page));
            ++next_page_;
        }
    }

    /// Page next_page_ of the main column, with the sidebar's page beside
    /// it and the footer below, goes where this layout sends its pages.
    void finish_page(Page page) {
        if (next_page_ < side_pages_.size()) {
            Page side = std::exchange(side_pages_[next_page_], Page{});
            page.items.reserve(page.items.size() + side.items.size());
            page.links.reserve(page.links.size() + side.links.size());
            for (Item& item : side.items) page.items.push_back(std::move(item));
            for (Link& link : side.links) page.links.push_back(std::move(link));
        }
        add_footer(page, next_page_);
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
    void hold(LineBox& line) {
        if (may_stream_ && !dropping_) {
            for (const Item& item : line.items) {
                const auto* run = std::get_if<TextRun>(&item);
                held_glyphs_ += run != nullptr ? run->glyphs.size() : 1;
            }
            if (held_glyphs_ > stream_above_glyphs) start_dropping();
        }
        if (dropping_) drop(line.items, line.links);
    }

    void start_dropping() {
        dropping_ = true;
        for (Block& block : blocks_) {
            if (auto* line = std::get_if<LineBox>(&block)) drop(line->items, line->links);
        }
        for (Page& page : side_pages_) drop(page.items, page.links);
    }

    /// Frees items once their characters are in the plan.
    void drop(std::vector<Item>& items, std::vector<Link>& links) {
        add_to_plan(plan_, items, fonts_);
        items = std::vector<Item>();
        links = std::vector<Link>();
    }

    Page place(const PageRange& range, const std::vector<MeasuredBlock>& measured,
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
            auto& line = std::get<LineBox>(blocks_[index]);
            const VerticalExtent& extent = measured[index].extent;
            if (line.bookmark) bookmarks.push_back(Bookmark{*line.bookmark, page_index, y});
            const double baseline = y + extent.ascent;
            if (line.rule) {
                line.items.push_back(Line{{line.rule->from_x, extent.rule_y},
                                          {line.rule->to_x, extent.rule_y},
                                          line.rule->thickness,
                                          line.rule->color,
                                          line.rule->provenance});
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
    void reserve_page(Page& page, const PageRange& range) const {
        std::size_t items = 0;
        std::size_t links = 0;
        for (std::size_t index = range.begin; index < range.end; ++index) {
            const auto* line = std::get_if<LineBox>(&blocks_[index]);
            if (line == nullptr) continue;
            items += line->items.size() + (line->rule ? 1 : 0);
            links += line->links.size();
        }
        page.items.reserve(items);
        page.links.reserve(links);
    }

    void add_footer(Page& page, std::size_t index) {
        if (!footer_) return;
        // Page furniture: no block's.
        const Provenance block_before =
            std::exchange(current_, Provenance{0, compose::Role::footer, compose::Role::footer});
        // Across the page, whichever column is being set.
        const double full_left = sheet_.margins.left;
        const double full_width = sheet_.page_width - sheet_.margins.left - sheet_.margins.right;
        compose::Inline center = footer_->center;
        for (compose::Piece& piece : center)
            piece.text = compose::page_numbered(piece.text, index + 1, plan_.page_count);
        const InlineContent content = content_of(center);
        LineBox line =
            single_line(content, full_left + std::max(0.0, (full_width - content.natural_width()) / 2));
        if (!footer_->right.empty()) {
            const InlineContent right = content_of(footer_->right);
            merge(line, single_line(right, full_left + full_width - right.natural_width()));
        }
        current_ = block_before;
        const double baseline = sheet_.page_height - sheet_.margins.bottom / 2;
        page.items.reserve(page.items.size() + line.items.size());  // not double a page's room for a footer
        for (Item& item : line.items) {
            move_item(item, 0, baseline);
            page.items.push_back(std::move(item));
        }
    }

    /// An error at `where` when `text` is longer than the PDF string it
    /// becomes can hold (libharu would fail the build without a position);
    /// `added_bytes` are put with it in that string.
    void check_pdf_text(const std::string& text, const SourceRegion& where, std::string_view what,
                        std::string_view becomes, std::size_t added_bytes = 0) {
        const std::size_t most = limits::max_pdf_text_bytes - added_bytes;
        if (text.size() <= most) return;
        diagnostics_.error(where, fmt::format("the {} is {} bytes long: the PDF's {} can hold at most {}",
                                              what, text.size(), becomes, most));
    }

    static Metadata metadata(compose::DocumentInfo info) {
        return {std::move(info.title), std::move(info.author), std::move(info.subject),
                std::move(info.keywords), std::move(info.creator)};
    }

    const style::Sheet& sheet_;
    FontProvider& fonts_;
    Diagnostics& diagnostics_;
    FontContext context_;
    ContentMemo* memo_;       ///< null: every text is built
    PageSkeleton* skeleton_;  ///< null: none is kept
    std::vector<Block> blocks_;
    // --- pages: where they go, and what a stream's two passes share ---
    PagedDocument paged_;           ///< the pages, when they are held
    std::vector<Page> side_pages_;  ///< the sidebar's, held while the main column is set
    std::vector<Bookmark> bookmarks_;
    std::vector<Bookmark> side_bookmarks_;
    std::vector<PageRange> main_breaks_;
    DocumentPlan plan_;
    std::size_t next_page_ = 0;    ///< of the document
    std::size_t first_block_ = 0;  ///< the main column's index of blocks_[0]
    PageSink* sink_ = nullptr;     ///< second pass: where pages go
    bool streaming_ = false;       ///< the main column's pages go to sink_ as they are made
    bool may_stream_ = false;
    bool dropping_ = false;  ///< first pass of a stream: lines are dropped once measured
    std::size_t held_glyphs_ = 0;
    std::string person_name_;
    std::optional<compose::Footer> footer_;
    std::uint32_t blocks_received_ = 0;
    Provenance current_;       ///< of the block being laid out
    bool in_sidebar_ = false;  ///< the sidebar's flow is being set
    double column_left_ = 0;
    double column_width_ = 0;
    SourceRegion part_where_;
    std::string part_name_ = "the CV";
};

}  // namespace

PagedDocument layout_document(const cv::Document& document, const style::Sheet& sheet, FontProvider& fonts,
                              Diagnostics& diagnostics) {
    return CvLayout{sheet, fonts, diagnostics, nullptr, nullptr}.run(compose::Composer{document, sheet});
}

void layout_document(const cv::Document& document, const style::Sheet& sheet, FontProvider& fonts,
                     Diagnostics& diagnostics, PageSink& sink) {
    CvLayout first{sheet, fonts, diagnostics, nullptr, nullptr};
    first.allow_streaming();
    const PagedDocument whole = first.run(compose::Composer{document, sheet});
    if (diagnostics.has_errors()) return;
    if (!first.streamed()) {
        send(whole, fonts, sink);
        return;
    }
    sink.begin(first.plan());
    // The second pass finds again what the first reported.
    Diagnostics repeated;
    CvLayout second{sheet, fonts, repeated, nullptr, nullptr};
    second.stream_into(sink, first.breaks(), first.plan());
    const PagedDocument streamed = second.run(compose::Composer{document, sheet});
    sink.end(streamed.bookmarks);
}

DocumentPlan plan_document(const cv::Document& document, const style::Sheet& sheet, FontProvider& fonts,
                           Diagnostics& diagnostics) {
    CvLayout layout{sheet, fonts, diagnostics, nullptr, nullptr};
    layout.plan_only();
    (void)layout.run(compose::Composer{document, sheet});
    return layout.plan();
}

TrialLayout layout_trial(const cv::Document& document, const style::Sheet& sheet, FontProvider& fonts,
                         Diagnostics& diagnostics, ContentMemo& memo, PageSkeleton* skeleton) {
    CvLayout layout{sheet, fonts, diagnostics, &memo, skeleton};
    layout.allow_streaming();
    TrialLayout trial;
    trial.pages = layout.run(compose::Composer{document, sheet});
    trial.held = !layout.streamed();
    trial.page_count = layout.plan().page_count;
    return trial;
}

PagedDocument layout_document(const cv::Document& document, const style::Sheet& sheet, FontProvider& fonts,
                              Diagnostics& diagnostics, ContentMemo& memo, PageSkeleton* skeleton) {
    return CvLayout{sheet, fonts, diagnostics, &memo, skeleton}.run(compose::Composer{document, sheet});
}

}  // namespace vitae::layout
