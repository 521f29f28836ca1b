// The typesetter: the composed blocks of a CV become lines (lines.hpp),
// which the vertical flow (flow.hpp) breaks into pages with footers. It is
// the only part of the layout that knows what a block is.
#include <algorithm>
#include <climits>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "document.hpp"
#include "flow.hpp"
#include "inline.hpp"
#include "lines.hpp"
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

constexpr double percent = 100;  ///< a share, as messages give it

/// Sets each block the composer sends (a compose::BlockSink) with the
/// line setter and hands its lines to the vertical flow.
class Typesetter final : public compose::BlockSink {
public:
    Typesetter(const style::Sheet& sheet, FontProvider& fonts, Diagnostics& diagnostics, ContentMemo* memo,
               PageSkeleton* skeleton)
        : sheet_(sheet),
          diagnostics_(diagnostics),
          context_(fonts, sheet, diagnostics),
          memo_(memo),
          setter_(sheet, fonts, diagnostics, context_),
          flow_(sheet, fonts, diagnostics, skeleton) {}

    /// Lays the CV out. Handing pages to a sink (flow().stream_into) or
    /// learning its breaks (flow().allow_streaming), it returns no pages.
    PagedDocument run(const compose::Composer& composer) {
        const cv::Document& document = composer.document();
        const std::string person_name = document.person.name.plain();
        check_pdf_text(person_name, document.person.name.where, "name", "document title",
                       compose::title_suffix.size());
        if (!document.person.headline.empty()) {
            check_pdf_text(document.person.headline.plain(), document.person.headline.where, "headline",
                           "document subject");
        }
        if (std::optional<compose::Footer> footer = composer.footer()) {
            flow_.set_footer([this, footer = std::move(*footer)](std::size_t index, std::size_t count) {
                return footer_line(footer, index, count);
            });
        }
        flow_.set_metadata(metadata(composer.info()));
        composer.compose(*this);
        PagedDocument paged = flow_.finish();
        // Page furniture of a letter's first page, outside every column.
        // (A document streamed page by page is far longer than a letter.)
        if (!paged.pages.empty()) {
            for (const compose::PageMark& mark : composer.page_marks()) {
                Line& drawn =
                    std::get<Line>(paged.pages.front().items.emplace_back(std::in_place_type<Line>));
                drawn.from = {compose::page_mark_left, mark.y};
                drawn.to = {compose::page_mark_left + mark.length, mark.y};
                drawn.thickness = compose::page_mark_thickness;
                drawn.color = compose::page_mark_color;
            }
        }
        if (sheet_.sidebar) sort_bookmarks(paged.bookmarks, document);
        return paged;
    }

    /// The flow's passes: streaming, the plan, the breaks (see VerticalFlow).
    [[nodiscard]] VerticalFlow& flow() { return flow_; }

private:
    [[nodiscard]] double left() const { return setter_.left(); }
    [[nodiscard]] double text_width() const { return setter_.text_width(); }

    /// The sidebar's bookmarks among the main column's, in the order of the
    /// CV's sections, whichever column holds them.
    static void sort_bookmarks(std::vector<Bookmark>& bookmarks, const cv::Document& document) {
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
        std::stable_sort(bookmarks.begin(), bookmarks.end(), [&](const Bookmark& a, const Bookmark& b) {
            return section_index(a) < section_index(b);
        });
    }

    InlineContent text_content(const cv::RichText& text, const style::TextStyle& style) {
        const auto build = [&] {
            InlineBuilder builder{context_};
            builder.take_direction_from_text();
            builder.add(text, style);
            return builder.finish();
        };
        return memo_ == nullptr ? build() : memo_->content(text, style, diagnostics_, build);
    }

    /// Lines that leave the column are reported before the flow takes them.
    void add_lines(std::vector<LineBox> lines, bool keep_all = false) {
        for (LineBox& line : lines) setter_.check_column(line);
        flow_.add_lines(std::move(lines), keep_all);
    }

    // --- blocks ----------------------------------------------------------------

    void start(compose::Flow flow) override {
        const double full_width = sheet_.page_width - sheet_.margins.left - sheet_.margins.right;
        in_sidebar_ = flow == compose::Flow::sidebar;
        if (flow == compose::Flow::sidebar) {
            setter_.set_column(sheet_.margins.left, sheet_.sidebar_width);
            flow_.start(Column::sidebar);
            return;
        }
        if (flow_.setting_sidebar()) {
            setter_.set_column(sheet_.margins.left + sheet_.sidebar_width + sheet_.column_gap,
                               full_width - sheet_.sidebar_width - sheet_.column_gap);
        } else {
            setter_.set_column(sheet_.margins.left, full_width);
        }
        flow_.start(Column::main);
    }

    void add(compose::Block block) override {
        using Kind = compose::Block::Kind;
        // An entry's head and the line under it are two two-sided blocks in
        // a row (see LineSetter::RightSide).
        const bool after_two_sided = std::exchange(after_two_sided_, block.kind == Kind::two_sided);
        // A break before a space is a break before the line after it.
        break_pending_ = break_pending_ || block.page_break_before;
        if (block.kind == Kind::space) {
            add_space(block);
            return;
        }
        setter_.enter_part(block.part_where, block.part);
        setter_.set_provenance({++blocks_received_, block.role, block.role});
        flow_.note_block(note_of(block));
        std::vector<LineBox> lines;
        switch (block.kind) {
            case Kind::heading:
            case Kind::paragraph: lines = paragraph_lines(block); break;
            case Kind::two_sided:
                lines = setter_.two_sided(content_of(block.content), content_of(block.right), block.where,
                                          block.what,
                                          after_two_sided ? LineSetter::RightSide::beside_first_line
                                                          : LineSetter::RightSide::beside_last_line);
                break;
            case Kind::list_item: lines = marked_lines(block); break;
            case Kind::contacts: lines = contact_lines(block); break;
            case Kind::skills: add_skills(block); return;
            case Kind::picture:
                if (block.beside) {
                    start_beside(block);
                    return;
                }
                lines.push_back(picture_line(block));
                break;
            case Kind::space: return;
        }
        if (lines.empty()) return;
        if (beside_ && !beside_->placed) {
            // Checked before the picture joins it: the picture stands outside
            // the narrowed column on purpose.
            setter_.check_column(lines.front());
            lines.front().reported_too_wide = true;
            place_beside(lines.front());
        }
        // A list item kept together (a sidebar's) but taller than a page is
        // split as any paragraph, without the warning for a heading.
        if (break_pending_) {
            lines.front().break_before = true;
            break_pending_ = false;
        }
        const bool keep = block.keep_together && (block.kind != Kind::list_item || flow_.fits_a_page(lines));
        add_lines(std::move(lines), keep);
        flow_.set_last_keep(block.keep_with_next);
    }

    /// What a writer of a logical structure needs of the block just numbered.
    [[nodiscard]] BlockNote note_of(const compose::Block& block) const {
        BlockNote note;
        note.block = blocks_received_;
        note.kind = block.kind;
        note.role = block.role;
        note.level = static_cast<std::uint8_t>(std::clamp(block.level, 0, int{UINT8_MAX}));
        note.hanging = block.hanging;
        note.numbered = block.numbered;
        note.depth = static_cast<std::uint8_t>(std::clamp(block.depth, 0, int{UINT8_MAX}));
        note.sidebar = in_sidebar_;
        // A mirrored page's column starts at its right edge's mirror image.
        note.column_left =
            sheet_.language.right_to_left ? sheet_.page_width - left() - setter_.text_width() : left();
        if (block.section) note.section = static_cast<std::uint32_t>(*block.section);
        return note;
    }

    // --- spaces and pictures --------------------------------------------------

    /// A gap; a space to a place on the page (a letter's address field),
    /// as far as what the page holds already leaves; the space below a
    /// picture beside the header, as far as the picture reaches.
    void add_space(const compose::Block& space) {
        if (space.clears && beside_) {
            const double below =
                beside_->height + sheet_.photo.gap - (flow_.list_height() - beside_->list_top);
            setter_.set_column(beside_->column_left, beside_->column_width);
            beside_.reset();
            if (below > 0) flow_.add_space(below);
            return;
        }
        if (!space.to_page_position) {
            flow_.add_space(compose::gap_amount(sheet_, space.gap, space.gap_style));
            return;
        }
        const double amount = *space.to_page_position - sheet_.margins.top - flow_.list_height();
        if (amount < -position_epsilon) {
            constexpr double points_per_millimetre = 72 / 25.4;
            diagnostics_.warning(
                space.part_where,
                fmt::format("what comes above {} reaches {:.1f} mm below the place it starts "
                            "({:.1f} mm from the page's top), which moves down",
                            space.what, -amount / points_per_millimetre,
                            *space.to_page_position / points_per_millimetre),
                "a window envelope shows the address field alone: shorten the letterhead or the "
                "address (DIN 5008: at most 6 lines)");
            return;
        }
        flow_.add_space(amount);
    }

    /// A picture on a line of its own, as tall as the picture.
    LineBox picture_line(const compose::Block& block) {
        double x = left();
        if (block.alignment == style::Alignment::center) x += (text_width() - block.width) / 2;
        if (block.alignment == style::Alignment::right) x += text_width() - block.width;
        LineBox line;
        line.type.push_back(picture_extent(block.height));
        line.items.emplace_back(picture_item(block, Rect{x, -block.height, block.width, block.height}));
        return line;
    }

    /// How a picture of `height` reaches above its line's baseline: all of it.
    static TypeExtent picture_extent(double height) { return TypeExtent{height, 0, 0, TypeReach{height, 0}}; }

    Picture picture_item(const compose::Block& block, Rect area) const {
        Picture picture;
        picture.area = area;
        switch (block.shape) {
            case style::PhotoShape::rectangle: picture.clip = PictureClip::rectangle; break;
            case style::PhotoShape::rounded: picture.clip = PictureClip::rounded; break;
            case style::PhotoShape::circle: picture.clip = PictureClip::ellipse; break;
        }
        picture.corner_radius = sheet_.photo.corner_radius;
        picture.bytes = block.picture->bytes;
        picture.alt = block.picture->alt;
        picture.provenance = setter_.provenance();
        return picture;
    }

    /// A picture beside the blocks that follow: their column is narrowed
    /// until a space clears it; the picture goes on the first line.
    void start_beside(const compose::Block& block) {
        Beside beside;
        beside.column_left = left();
        beside.column_width = text_width();
        beside.height = block.height;
        beside.list_top = flow_.list_height();
        beside.picture =
            picture_item(block, Rect{left() + text_width() - block.width, 0, block.width, block.height});
        beside_ = std::move(beside);
        setter_.set_column(left(), std::max(0.0, text_width() - block.width - sheet_.photo.gap));
    }

    /// Puts the picture beside on `first`, its top at the line's top.
    void place_beside(LineBox& first) {
        beside_->picture.area.y = -extent_of(first, sheet_.line_height).ascent;
        first.items.emplace_back(std::move(beside_->picture));
        beside_->placed = true;
    }

    /// A heading or paragraph: its lines, the heading's bookmark and rule.
    std::vector<LineBox> paragraph_lines(const compose::Block& block) {
        const double indent =
            block.hanging ? sheet_.bullet_text_indent + block.depth * sheet_.nested_indent : 0;
        InlineContent content = content_of(block.content);
        if (block.names) content = names_unbroken(std::move(content));
        std::vector<LineBox> lines = setter_.set_paragraph(content, left() + indent, text_width() - indent,
                                                           block.where, block.what, block.alignment);
        if (lines.empty() || block.kind != compose::Block::Kind::heading) return lines;
        if (!block.bookmark.empty()) {
            lines.front().bookmark = block.bookmark;
            check_pdf_text(block.bookmark, block.where, "section title", "bookmark");
        }
        if (block.level == compose::section_heading_level && sheet_.section_rule) {
            lines.back().rule =
                RuleBelow{sheet_.section_rule_gap, sheet_.section_rule_thickness, left(),
                          left() + text_width(),   sheet_.section_rule_color,     setter_.provenance()};
        }
        return lines;
    }

    /// The pieces of a composed text as the line breaker's items; joined
    /// with others (`paragraph` false), they keep their trailing space.
    InlineContent content_of(const compose::Inline& pieces, bool paragraph = true) {
        using PieceKind = compose::Piece::Kind;
        if (pieces.empty()) return {};
        const compose::Piece& first = pieces.front();
        if (base_direction_of(pieces, paragraph) == BaseDirection::of_text) {
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

    /// A paragraph with a marker (bullet or number) hanging in the indent;
    /// a number is set flush right at the number gap.
    std::vector<LineBox> marked_lines(const compose::Block& block) {
        // A nested bullet: its marker and text further in by a step a level.
        const double nested = block.depth * sheet_.nested_indent;
        const double text_indent = sheet_.bullet_text_indent + nested;
        std::vector<LineBox> lines =
            setter_.set_paragraph(content_of(block.content), left() + text_indent, text_width() - text_indent,
                                  block.where, block.what);
        if (lines.empty()) return lines;
        const InlineContent marker = content_of(block.marker);
        const double marker_x = block.numbered
                                    ? left() + text_indent - sheet_.number_gap - marker.natural_width()
                                    : left() + sheet_.bullet_indent + nested;
        merge_before(lines.front(), setter_.single_line(marker, marker_x));
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
            LineBox line = setter_.single_line(joined, left());
            const double free = std::max(0.0, text_width() - joined.natural_width());
            if (block.alignment == style::Alignment::center) shift(line, free / 2);
            if (block.alignment == style::Alignment::right) shift(line, free);
            lines.push_back(std::move(line));
            current.clear();
            current_width = 0;
        };
        for (std::size_t i = 0; i < contacts.size(); ++i) {
            const compose::ContactItem& contact = block.contacts[i];
            double width = contacts[i].natural_width();
            const double scale = width > 0 ? text_width() / width : 1;
            const bool whole_word = one_word(contact);
            if (whole_word && scale < 1 && scale >= style::LineBreaking::smallest_contact_scale) {
                contacts[i] = scaled(contacts[i], scale);
                width = contacts[i].natural_width();
                diagnostics_.note(contact.where,
                                  fmt::format("{} is set at {:.0f}% of its size to fit on one line",
                                              contact.description, scale * percent));
            }
            if (width > text_width() + position_epsilon) {
                flush_line();
                if (whole_word) {
                    diagnostics_.note(
                        contact.where,
                        fmt::format("{} is broken over lines, even at {:.0f}% of its size",
                                    contact.description,
                                    style::LineBreaking::smallest_contact_scale * percent),
                        "poppler reads it whole; extractors that ignore /ActualText (pdfminer, "
                        "MuPDF) read a space at each break: a shorter address or a style with a "
                        "wider column keeps it on one line");
                }
                for (LineBox& line :
                     setter_.set_paragraph(content_of(contact.breakable), left(), text_width(), contact.where,
                                           contact.description, block.alignment)) {
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

    /// A contact of one word (an e-mail address, a URL, a handle): broken
    /// over lines it reads as several words, where an address breaks at
    /// its own spaces.
    static bool one_word(const compose::ContactItem& contact) {
        return std::none_of(contact.whole.begin(), contact.whole.end(), [](const compose::Piece& piece) {
            return piece.role == compose::Role::contact && piece.text.find(' ') != std::string::npos;
        });
    }

    /// The region of `value` from byte `offset` on.
    static SourceRegion part_of(const SourceRegion& where, std::string_view value, std::size_t offset) {
        return where.at({where.begin.line, where.begin.column + static_cast<std::uint32_t>(
                                                                    utf8::length(value.substr(0, offset)))});
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
        const Provenance table_provenance = setter_.provenance();
        for (std::size_t i = 0; i < table.rows.size(); ++i) {
            const compose::SkillRow& row = table.rows[i];
            // Rows past the part's range share its last value: a writer
            // then takes them for one row, and loses no text.
            Provenance row_provenance = table_provenance;
            row_provenance.part = static_cast<std::uint16_t>(std::min<std::size_t>(i, UINT16_MAX));
            setter_.set_provenance(row_provenance);
            std::vector<LineBox> lines =
                setter_.set_paragraph(content_of(row.items), items_x, items_width, row.where, row.what);
            LineBox label_line = setter_.single_line(labels[i], left());
            if (stacked) {
                label_line.keep_with_next = true;
                lines.insert(lines.begin(), std::move(label_line));
            } else if (lines.empty()) {
                lines.push_back(std::move(label_line));
            } else {
                merge_before(lines.front(), std::move(label_line));
            }
            add_lines(std::move(lines));
        }
    }

    /// The footer of page `index` of `count`, across the page whichever
    /// column is being set.
    LineBox footer_line(const compose::Footer& footer, std::size_t index, std::size_t count) {
        if (!footer.on_single_page && count <= 1) return {};
        // Page furniture: no block's.
        const Provenance block_before = setter_.provenance();
        setter_.set_provenance(Provenance{0, compose::Role::footer, compose::Role::footer});
        const double full_left = sheet_.margins.left;
        const double full_width = sheet_.page_width - sheet_.margins.left - sheet_.margins.right;
        compose::Inline center = footer.center;
        for (compose::Piece& piece : center) {
            if (piece.page_numbered)
                piece.text = compose::page_numbered(piece.text, index + 1, count, sheet_.date_words);
        }
        const InlineContent content = content_of(center);
        LineBox line = setter_.single_line(
            content, full_left + std::max(0.0, (full_width - content.natural_width()) / 2));
        if (!footer.right.empty()) {
            const InlineContent right = content_of(footer.right);
            merge(line, setter_.single_line(right, full_left + full_width - right.natural_width()));
        }
        setter_.set_provenance(block_before);
        return line;
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
        return {std::move(info.title),    std::move(info.author),  std::move(info.subject),
                std::move(info.keywords), std::move(info.creator), std::move(info.language)};
    }

    const style::Sheet& sheet_;
    Diagnostics& diagnostics_;
    FontContext context_;
    ContentMemo* memo_;  ///< null: every text is built
    LineSetter setter_;
    VerticalFlow flow_;
    std::uint32_t blocks_received_ = 0;
    bool after_two_sided_ = false;  ///< the block before was a two-sided line
    bool break_pending_ = false;    ///< a new page starts at the next line
    /// A picture beside the blocks being set, until a space clears it.
    struct Beside {
        Picture picture;
        double height = 0;
        double column_left = 0;  ///< the column's before it narrowed it
        double column_width = 0;
        double list_top = 0;  ///< the vertical list's height where it starts
        bool placed = false;  ///< on its first line already
    };
    std::optional<Beside> beside_;
    bool in_sidebar_ = false;  ///< the blocks coming go to the sidebar
};

}  // namespace

PagedDocument layout_document(const cv::Document& document, const style::Sheet& sheet, FontProvider& fonts,
                              Diagnostics& diagnostics) {
    return Typesetter{sheet, fonts, diagnostics, nullptr, nullptr}.run(compose::Composer{document, sheet});
}

void layout_document(const cv::Document& document, const style::Sheet& sheet, FontProvider& fonts,
                     Diagnostics& diagnostics, PageSink& sink) {
    Typesetter first{sheet, fonts, diagnostics, nullptr, nullptr};
    first.flow().allow_streaming();
    const PagedDocument whole = first.run(compose::Composer{document, sheet});
    if (diagnostics.has_errors()) return;
    if (!first.flow().streamed()) {
        send(whole, fonts, sink);
        return;
    }
    sink.begin(first.flow().plan());
    // The second pass finds again what the first reported.
    Diagnostics repeated;
    Typesetter second{sheet, fonts, repeated, nullptr, nullptr};
    second.flow().stream_into(sink, first.flow().breaks(), first.flow().plan());
    const PagedDocument streamed = second.run(compose::Composer{document, sheet});
    sink.end(streamed.bookmarks);
}

DocumentPlan plan_document(const cv::Document& document, const style::Sheet& sheet, FontProvider& fonts,
                           Diagnostics& diagnostics) {
    Typesetter layout{sheet, fonts, diagnostics, nullptr, nullptr};
    layout.flow().plan_only();
    (void)layout.run(compose::Composer{document, sheet});
    return layout.flow().plan();
}

TrialLayout layout_trial(const cv::Document& document, const style::Sheet& sheet, FontProvider& fonts,
                         Diagnostics& diagnostics, ContentMemo& memo, PageSkeleton* skeleton) {
    Typesetter layout{sheet, fonts, diagnostics, &memo, skeleton};
    layout.flow().allow_streaming();
    TrialLayout trial;
    trial.pages = layout.run(compose::Composer{document, sheet});
    trial.held = !layout.flow().streamed();
    trial.page_count = layout.flow().plan().page_count;
    return trial;
}

PagedDocument layout_document(const cv::Document& document, const style::Sheet& sheet, FontProvider& fonts,
                              Diagnostics& diagnostics, ContentMemo& memo, PageSkeleton* skeleton) {
    return Typesetter{sheet, fonts, diagnostics, &memo, skeleton}.run(compose::Composer{document, sheet});
}

}  // namespace vitae::layout
