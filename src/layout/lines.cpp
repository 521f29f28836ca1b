// Line finishing: inline content becomes lines of positioned items.
#include "lines.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <utility>
#include <variant>

#include <fmt/format.h>

#include "vitae/base/utf8.hpp"

namespace vitae::layout {

namespace {

/// Below this share of the text width, a title beside its dates would be
/// squeezed into a narrow column: the dates get a line of their own instead.
constexpr double narrowest_title_share = 0.4;

}  // namespace

void move_item(Item& item, double dx, double dy) {
    std::visit(
        [dx, dy](auto& value) {
            if constexpr (std::is_same_v<std::decay_t<decltype(value)>, Line>) {
                value.from.x += dx;
                value.to.x += dx;
                value.from.y += dy;
                value.to.y += dy;
            } else if constexpr (std::is_same_v<std::decay_t<decltype(value)>, Picture>) {
                value.area.x += dx;
                value.area.y += dy;
            } else {
                value.origin.x += dx;
                value.origin.y += dy;
            }
        },
        item);
}

void mirror_page(Page& page, double page_width) {
    for (Item& item : page.items) {
        std::visit(
            [page_width](auto& value) {
                using Value = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<Value, Line>) {
                    value.from.x = page_width - value.from.x;
                    value.to.x = page_width - value.to.x;
                } else if constexpr (std::is_same_v<Value, TextRun>) {
                    value.origin.x = page_width - value.origin.x - value.width;
                } else if constexpr (std::is_same_v<Value, Picture>) {
                    value.area.x = page_width - value.area.x - value.area.width;
                } else {
                    value.origin.x = page_width - value.origin.x - value.advance;
                }
            },
            item);
    }
    for (Link& link : page.links) link.area.x = page_width - link.area.x - link.area.width;
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

void merge_before(LineBox& line, LineBox first) {
    // `first`'s items and links take the lead; the line's own follow them.
    std::swap(line.items, first.items);
    std::swap(line.links, first.links);
    merge(line, std::move(first));
}

LineBox LineSetter::make_line(const InlineContent& content, std::size_t begin, std::size_t end, double x,
                              double ratio) {
    LineBox line;
    double cursor = x;
    double natural_ascent = 0;
    double natural_descent = 0;
    double largest_size = 0;
    TypeReach ink;
    // Index in line.items of a TextRun that may grow (an index, not an
    // optional: GCC 12 takes the optional for uninitialised here).
    constexpr std::size_t no_run = SIZE_MAX;
    std::size_t open_run = no_run;
    const std::string* open_run_link = nullptr;  // the link of its text
    bool glue_since_run = false;
    // The last thing placed, when it is right-to-left text drawn from
    // outlines (Arabic's joined letters): a space after it is drawn as a
    // glyph too, or readers that take text in the order it is drawn
    // (pdfminer, MuPDF), going leftwards, run its words together.
    const Fragment* right_to_left_outline = nullptr;
    // Puts a fragment at the cursor: into the open run when it continues it.
    const auto place = [&](const Fragment& fragment) {
        natural_ascent = std::max(natural_ascent, fragment.ascent);
        natural_descent = std::max(natural_descent, fragment.descent);
        ink = {std::max(ink.ascent, fragment.ink.ascent), std::max(ink.descent, fragment.ink.descent)};
        largest_size = std::max(largest_size, fragment.size);
        if (!fragment.link.empty()) add_link(line, fragment.link, cursor, fragment);
        if (fragment.outline) {
            if (open_run != no_run && glue_since_run) end_with_space(std::get<TextRun>(line.items[open_run]));
            const std::size_t first_glyph_item = line.items.size();
            for (std::size_t glyph = 0; glyph < fragment.glyphs.size(); ++glyph) {
                // As far as to the next glyph, kerning and joining included:
                // a reader of the PDF finds no gap inside an Arabic word
                // (between "ر" and "ي") to take for a space.
                const double next_x =
                    glyph + 1 < fragment.glyphs.size() ? fragment.glyphs[glyph + 1].x : fragment.width;
                double advance = std::max(0.0, next_x - fragment.glyphs[glyph].x);
                // On a mirrored page each glyph turns over on its own: put
                // where it lands in its fragment's place turned over.
                const double glyph_x = mirrored_
                                           ? cursor + fragment.width - fragment.glyphs[glyph].x - advance
                                           : cursor + fragment.glyphs[glyph].x;
                // Left to right, a cluster's text is its first glyph's, which
                // then reaches over the cluster's other glyphs (a Devanagari
                // vowel sign drawn before its consonant): a reader of the PDF
                // finds no gap inside "प्रिया" to take for a space.
                if (!mirrored_ && !reads_right_to_left(fragment.level)) {
                    std::size_t next_text = glyph + 1;
                    while (next_text < fragment.glyphs.size() && fragment.glyphs.text(next_text).empty())
                        ++next_text;
                    const double text_end =
                        next_text < fragment.glyphs.size() ? fragment.glyphs[next_text].x : fragment.width;
                    advance = fragment.glyphs.text(glyph).empty()
                                  ? 0.0
                                  : std::max(advance, text_end - fragment.glyphs[glyph].x);
                }
                line.items.push_back(OutlineGlyph{{glyph_x, 0},
                                                  fragment.face,
                                                  fragment.glyphs[glyph].glyph,
                                                  fragment.size,
                                                  fragment.color,
                                                  std::string{fragment.glyphs.text(glyph)},
                                                  provenance_of(fragment),
                                                  advance,
                                                  reads_right_to_left(fragment.level)});
            }
            // Drawn in the order they are read, as a right-to-left TextRun.
            // A joiner of no width (Persian "نرم‌افزار") reads with the letter
            // before it: drawn alone, it made poppler start a word there.
            if (reads_right_to_left(fragment.level)) {
                const auto first = line.items.begin() + static_cast<std::ptrdiff_t>(first_glyph_item);
                std::reverse(first, line.items.end());
                for (auto item = first; item != line.items.end() && item + 1 != line.items.end();) {
                    auto& joiner = std::get<OutlineGlyph>(*(item + 1));
                    std::size_t offset = 0;
                    if (joiner.advance == 0 && !joiner.text.empty() &&
                        is_format_character(utf8::next(joiner.text, offset))) {
                        std::get<OutlineGlyph>(*item).text += joiner.text;
                        line.items.erase(item + 1);
                    } else {
                        ++item;
                    }
                }
            }
            open_run = no_run;
            right_to_left_outline = reads_right_to_left(fragment.level) ? &fragment : nullptr;
        } else if (!mirrored_ && open_run != no_run && *open_run_link == fragment.link &&
                   extend_run(std::get<TextRun>(line.items[open_run]), fragment, cursor, glue_since_run)) {
            // merged into the open run
        } else {
            // A link's text is a run of its own, which a tagged PDF makes a
            // link element; the space before it stays a character.
            if (open_run != no_run && glue_since_run) end_with_space(std::get<TextRun>(line.items[open_run]));
            // Built in place: moved into the variant, GCC 12 warns of a
            // maybe-uninitialized OutlineGlyph (-Werror) here.
            line.items.emplace_back(std::in_place_type<TextRun>,
                                    TextRun{{cursor, 0},
                                            fragment.face,
                                            fragment.size,
                                            fragment.color,
                                            fragment.glyphs,
                                            fragment.width,
                                            provenance_of(fragment),
                                            false,
                                            fragment.synthetic,
                                            reads_right_to_left(fragment.level)});
            open_run = line.items.size() - 1;
        }
        if (!fragment.outline) right_to_left_outline = nullptr;
        open_run_link = &fragment.link;
        glue_since_run = false;
        cursor += fragment.width;
    };
    // A line broken inside a word shows the hyphen of its discretionary
    // break, which the text does not have.
    const bool at_discretionary = end < content.items.size() && content.fragment_of_item[end].has_value();
    // The place in the text of what each item of the line shows: a
    // mirrored line is drawn in the order it is read (below).
    std::vector<std::size_t> text_order;
    std::size_t previous_index = begin;
    for (const std::size_t index : shown_order(content, begin, end, at_discretionary)) {
        text_order.resize(line.items.size(), previous_index);
        previous_index = index;
        const BreakItem& item = content.items[index];
        if (item.kind == BreakItem::Kind::glue) {
            const double width = item.width + (ratio > 0 ? ratio * item.stretch : ratio * item.shrink);
            if (right_to_left_outline != nullptr && !item.within_text) {
                const Fragment& before = *right_to_left_outline;
                if (const auto space_glyph = fonts_.glyph_for(before.face, U' ')) {
                    line.items.push_back(OutlineGlyph{{cursor, 0},
                                                      before.face,
                                                      *space_glyph,
                                                      before.size,
                                                      before.color,
                                                      " ",
                                                      provenance_of(before),
                                                      std::max(0.0, width),
                                                      true});
                }
                right_to_left_outline = nullptr;
            }
            // On a page to be mirrored each fragment is a run of its own: a
            // space ending the run before would land on its far side once
            // the page turns over. It is drawn where the glue is, between
            // the two runs, in the order they are read.
            if (mirrored_ && open_run != no_run && !item.within_text) {
                const TextRun& before = std::get<TextRun>(line.items[open_run]);
                if (const auto space_glyph = fonts_.glyph_for(before.face, U' ')) {
                    GlyphString space;
                    space.push_back(*space_glyph, " ", 0, context_.space_width(before.face) * before.size);
                    TextRun run{
                        {cursor, 0},          before.face,       before.size, before.color, std::move(space),
                        std::max(0.0, width), before.provenance, false,       {},           false};
                    line.items.emplace_back(std::in_place_type<TextRun>, std::move(run));
                }
                open_run = no_run;
            }
            cursor += width;
            // Spacing within text (between ideographs) is no space to read.
            if (!item.within_text) glue_since_run = true;
            continue;
        }
        const Fragment& fragment = content.fragments[*content.fragment_of_item[index]];
        place(fragment);
        if (fragment.added_hyphen && open_run != no_run) {
            // The hyphen ends its run, whatever a reordered line shows after it.
            std::get<TextRun>(line.items[open_run]).ends_with_added_hyphen = true;
            open_run = no_run;
        }
    }
    // A line that ends between words ends with a space character, drawn
    // as nothing: text read from the page (a tagged PDF's structure, a
    // copy) keeps its words apart across lines, and a line's text apart
    // from what is set beside it. A break inside a word (after its hyphen,
    // in a URL) or between two ideographs adds none.
    const bool ends_inside_word =
        end < content.items.size() && ((content.items[end].kind == BreakItem::Kind::penalty &&
                                        content.items[end].penalty > -infinite_penalty) ||
                                       content.items[end].within_text);
    if (open_run != no_run && open_run + 1 == line.items.size() && !ends_inside_word) {
        auto& run = std::get<TextRun>(line.items[open_run]);
        if (run.glyphs.text(run.glyphs.size() - 1) != " ") end_with_space(run);
    }
    // Laid out in the order shown, a mirrored line is drawn in the order it
    // is read: readers that take text in the order it is drawn (pdfminer,
    // MuPDF, a tagged PDF's screen reader) read an English phrase inside
    // Hebrew text forwards, after the words before it.
    if (mirrored_) {
        text_order.resize(line.items.size(), previous_index);
        std::vector<std::size_t> order(line.items.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return text_order[a] < text_order[b]; });
        std::vector<Item> reordered;
        reordered.reserve(line.items.size());
        for (const std::size_t at : order) reordered.push_back(std::move(line.items[at]));
        line.items = std::move(reordered);
    }
    line.type.push_back({natural_ascent, natural_descent, largest_size, ink});
    // Every line is kept until the PDF is written: no spare capacity.
    for (Item& item : line.items) {
        if (auto* run = std::get_if<TextRun>(&item)) run->glyphs.shrink_to_fit();
    }
    return line;
}

/// Appends `fragment` (at page x `x`) to `run` when it continues it: same
/// face, size and colour. A space between them becomes a real space
/// glyph, so copied text and ATS parsers see words, not gaps.
bool LineSetter::extend_run(TextRun& run, const Fragment& fragment, double x, bool space_between) {
    if (run.face != fragment.face || run.size != fragment.size || run.color != fragment.color ||
        run.synthetic != fragment.synthetic || run.right_to_left != reads_right_to_left(fragment.level))
        return false;
    const double offset = x - run.origin.x;
    if (space_between) {
        if (!end_with_space(run)) return false;
    } else if (std::abs(offset - run.width) > position_epsilon) {
        return false;
    }
    run.glyphs.append(fragment.glyphs, fragment.nominal_advances, offset);
    run.width = offset + fragment.width;
    return true;
}

bool LineSetter::end_with_space(TextRun& run) const {
    const auto space_glyph = fonts_.glyph_for(run.face, U' ');
    if (!space_glyph) return false;
    // After the run's last glyph; its width, the extent of what it shows,
    // stays.
    run.glyphs.push_back(*space_glyph, " ", run.width, context_.space_width(run.face) * run.size);
    return true;
}

std::vector<std::size_t> LineSetter::shown_order(const InlineContent& content, std::size_t begin,
                                                 std::size_t end, bool with_break) const {
    // What takes room on the line: boxes, glue but a line end's, and the
    // hyphen of the break.
    std::vector<std::size_t> shown;
    shown.reserve(end - begin + 1);
    bool any_right_to_left = false;
    for (std::size_t index = begin; index < end + (with_break ? 1 : 0); ++index) {
        const BreakItem& item = content.items[index];
        const bool takes_room = (item.kind == BreakItem::Kind::glue && item.stretch < infinite_stretch) ||
                                item.kind == BreakItem::Kind::box || index == end;
        if (!takes_room) continue;
        shown.push_back(index);
        if (content.fragment_of_item[index])
            any_right_to_left =
                any_right_to_left || content.fragments[*content.fragment_of_item[index]].level > 0;
    }
    if (!any_right_to_left && !mirrored_) return shown;
    // Glue between two fragments is at the lower of their levels: a space
    // between two Hebrew words reads right to left, one between a Hebrew
    // and an English word at the text's own direction. Glue with a
    // fragment on one side only is at that one's level.
    std::vector<BidiLevel> levels(shown.size(), 0);
    std::vector<std::optional<BidiLevel>> level_before(shown.size());
    std::optional<BidiLevel> previous;
    for (std::size_t i = 0; i < shown.size(); ++i) {
        if (const auto& fragment = content.fragment_of_item[shown[i]]) {
            levels[i] = content.fragments[*fragment].level;
            previous = levels[i];
        } else {
            level_before[i] = previous;
        }
    }
    std::optional<BidiLevel> next;
    for (std::size_t i = shown.size(); i-- > 0;) {
        if (content.fragment_of_item[shown[i]]) {
            next = levels[i];
        } else {
            const std::optional<BidiLevel>& before = level_before[i];
            levels[i] = before && next ? std::min(*before, *next) : before.value_or(next.value_or(0));
        }
    }
    const std::vector<std::size_t> visual = visual_order(levels);
    std::vector<std::size_t> ordered;
    ordered.reserve(shown.size());
    for (const std::size_t position : visual) ordered.push_back(shown[position]);
    // A mirrored page is set left to right and then turned over
    // (mirror_page): what is to show on the left goes last.
    if (mirrored_) std::reverse(ordered.begin(), ordered.end());
    return ordered;
}

void LineSetter::add_link(LineBox& line, const std::string& url, double x, const Fragment& fragment) const {
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

std::vector<LineBox> LineSetter::set_paragraph(const InlineContent& content, double x, double width,
                                               const SourceRegion& where, std::string_view what,
                                               style::Alignment alignment) {
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

double LineSetter::line_extent(const LineBox& line) {
    double right = 0;
    for (const Item& item : line.items) {
        if (const auto* run = std::get_if<TextRun>(&item))
            right = std::max(right, run->origin.x + run->width);
        if (const auto* glyph = std::get_if<OutlineGlyph>(&item))
            right = std::max(right, glyph->origin.x + glyph->advance);
        if (const auto* picture = std::get_if<Picture>(&item))
            right = std::max(right, picture->area.x + picture->area.width);
    }
    return right;
}

/// The left edge of what a line shows.
double LineSetter::line_start(const LineBox& line) {
    double left = std::numeric_limits<double>::max();
    for (const Item& item : line.items) {
        if (const auto* run = std::get_if<TextRun>(&item)) left = std::min(left, run->origin.x);
        if (const auto* glyph = std::get_if<OutlineGlyph>(&item)) left = std::min(left, glyph->origin.x);
        if (const auto* picture = std::get_if<Picture>(&item)) left = std::min(left, picture->area.x);
    }
    return left;
}

void LineSetter::check_column(LineBox& line) {
    if (line.reported_too_wide || line.items.empty()) return;
    const bool too_wide = line_start(line) < left() - position_epsilon ||
                          line_extent(line) > left() + text_width() + position_epsilon;
    if (!too_wide) return;
    diagnostics_.warning(part_where_, fmt::format("a line of {} is too wide for its column", part_name_),
                         "it runs past the column's edge: shorten it, or choose a wider column");
    line.reported_too_wide = true;
}

std::vector<LineBox> LineSetter::two_sided(const InlineContent& left_content,
                                           const InlineContent& right_content, const SourceRegion& where,
                                           std::string_view what, RightSide right_side) {
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
        merge(right_side == RightSide::beside_last_line ? lines.back() : lines.front(),
              std::move(right_line));
        return lines;
    }
    std::vector<LineBox> lines = set_paragraph(left_content, left(), width, where, what);
    lines.push_back(std::move(right_line));
    return lines;
}

void append_content(InlineContent& target, const InlineContent& source) {
    const std::size_t offset = target.fragments.size();
    for (std::size_t i = 0; i < source.items.size(); ++i) {
        target.items.push_back(source.items[i]);
        const auto& fragment = source.fragment_of_item[i];
        target.fragment_of_item.push_back(fragment ? std::optional{*fragment + offset} : std::nullopt);
    }
    for (const Fragment& fragment : source.fragments) target.fragments.push_back(fragment);
    target.largest_size = std::max(target.largest_size, source.largest_size);
}

InlineContent names_unbroken(InlineContent names) {
    // The breaks at an explicit hyphen and between the characters of a
    // Chinese or Japanese name (a penalty, or glue, which a penalty before
    // it makes no break) are left as last resorts; a hyphenation point
    // (a flagged penalty that draws a hyphen) is forbidden.
    InlineContent result;
    result.fragments = std::move(names.fragments);
    result.largest_size = names.largest_size;
    for (std::size_t index = 0; index < names.items.size(); ++index) {
        BreakItem item = names.items[index];
        if (item.kind == BreakItem::Kind::penalty && item.flagged) {
            item.penalty = item.width == 0 ? last_resort_penalty : infinite_penalty;
        } else if (item.kind == BreakItem::Kind::penalty && item.within_text) {
            item.penalty = last_resort_penalty;
        }
        if (item.kind == BreakItem::Kind::glue && item.within_text) {
            result.items.push_back(BreakItem::make_penalty(0, last_resort_penalty));
            result.fragment_of_item.emplace_back();
        }
        result.items.push_back(item);
        result.fragment_of_item.push_back(names.fragment_of_item[index]);
    }
    return result;
}

}  // namespace vitae::layout
