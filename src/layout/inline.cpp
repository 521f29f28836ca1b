#include "inline.hpp"

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

#include "vitae/base/utf8.hpp"
#include "vitae/style/markup_style.hpp"

namespace vitae::layout {

namespace {

/// Shown, with a warning, for a character no installed font has.
constexpr char32_t replacement_character = 0xFFFD;
/// Shown instead when no face has U+FFFD either (the PDF base-14 fonts).
constexpr char32_t plain_replacement_character = U'?';
constexpr char32_t last_bmp_code_point = 0xFFFF;

/// The icon font's character for each icon name (vitae/model/icons.inc).
const std::map<std::string_view, char32_t>& icon_table() {
    static const std::map<std::string_view, char32_t> table = {
#define VITAE_ICON(name, code_point, meaning) {name, code_point},
#include "vitae/model/icons.inc"
#undef VITAE_ICON
    };
    return table;
}

}  // namespace

bool needs_outline(char32_t code_point) {
    return code_point > last_bmp_code_point;
}

bool is_right_to_left(char32_t c) {
    // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic
    // supplements and presentation forms.
    return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

std::optional<char32_t> icon_code_point(std::string_view icon_name) {
    const auto found = icon_table().find(icon_name);
    if (found == icon_table().end()) return std::nullopt;
    return found->second;
}

// --- FontContext ----------------------------------------------------------

FontContext::FontContext(FontProvider& fonts, const style::Sheet& sheet, Diagnostics& diagnostics)
    : fonts_(fonts), sheet_(sheet), diagnostics_(diagnostics), choice_(fonts, sheet) {}

std::optional<FaceId> FontContext::primary_face(const style::TextStyle& style, bool bold, bool italic) {
    const std::string& family = choice_.family_of(style);
    if (!choice_.in_family(family, bold, italic) && reported_families_.insert(family).second) {
        diagnostics_.error(sheet_.where, fmt::format("font family '{}' is not installed as TrueType", family),
                           "install it, or choose another family in the style sheet");
    }
    return choice_.for_style(style, bold, italic);
}

std::optional<FaceId> FontContext::face_for(FaceId primary, bool bold, bool italic, char32_t code_point) {
    return choice_.for_character(primary, bold, italic, code_point);
}

std::optional<FaceId> FontContext::icon_face() {
    if (!icon_face_) {
        icon_face_ = choice_.icon_face();
        if (!*icon_face_) {
            diagnostics_.warning(
                sheet_.where, fmt::format("icon font '{}' is not installed: contacts are shown without icons",
                                          sheet_.icon_family));
        }
    }
    return *icon_face_;
}

double FontContext::space_width(FaceId face) {
    if (const auto found = space_widths_.find(face); found != space_widths_.end()) return found->second;
    const std::vector<ShapedGlyph> glyphs = fonts_.shape(face, " ");
    const double width = glyphs.empty() ? 0.25 : glyphs.front().advance;
    space_widths_[face] = width;
    return width;
}

// --- InlineContent --------------------------------------------------------

double InlineContent::natural_width() const {
    double width = 0;
    for (const BreakItem& item : items) {
        if (item.kind != BreakItem::Kind::penalty && item.width < infinite_stretch) width += item.width;
    }
    return width;
}

// --- ContentMemo ----------------------------------------------------------

std::string ContentMemo::key_of(const cv::RichText& text, const style::TextStyle& style) {
    std::string key;
    const auto add_bytes = [&key](const auto& value) {
        key.append(reinterpret_cast<const char*>(&value), sizeof value);
    };
    // Each string after its length: no text can pass for another's fields.
    const auto add_string = [&](std::string_view value) {
        add_bytes(value.size());
        key += value;
    };
    add_string(style.family);
    for (const double number : {style.size, style.color.red, style.color.green, style.color.blue}) {
        add_bytes(number);
    }
    add_bytes(static_cast<char>((style.bold ? 1 : 0) | (style.italic ? 2 : 0) | (style.uppercase ? 4 : 0)));
    for (const cv::Span& span : text.spans) {
        add_bytes(static_cast<char>((span.bold ? 1 : 0) | (span.italic ? 2 : 0) | (span.code ? 4 : 0)));
        add_bytes(span.break_before);
        add_string(span.text);
        add_string(span.link);
    }
    return key;
}

// --- InlineBuilder --------------------------------------------------------

void InlineBuilder::add(const cv::RichText& text, const style::TextStyle& style) {
    const style::Color link_color = context_.sheet().link_color;
    for (const cv::Span& span : text.spans) {
        // A paragraph break here (text not split by cv::split_paragraphs)
        // still ends the line.
        if (span.break_before != cv::Span::Break::none) add_line_break();
        style::TextStyle span_style = style;
        if (span.code) span_style.family = style::code_family;
        if (!span.link.empty() && link_color != style::Color{}) span_style.color = link_color;
        add_characters(span.text, span_style, style.bold || span.bold, style.italic || span.italic, span.link,
                       text.where, span.start);
    }
}

void InlineBuilder::add_plain(std::string_view text, const style::TextStyle& style, const SourceRegion& where,
                              const std::string& link) {
    add_characters(text, style, style.bold, style.italic, link, where, where.begin);
}

void InlineBuilder::add_line_break() {
    flush();
    // Glue before the break would only stretch the line it ends.
    while (!content_.items.empty() && content_.items.back().kind == BreakItem::Kind::glue) {
        content_.items.pop_back();
        content_.fragment_of_item.pop_back();
    }
    if (content_.items.empty()) return;
    // TeX's \\ (\hfil\break): the line ends where it is, not stretched.
    finish_paragraph(content_.items);
    content_.fragment_of_item.resize(content_.items.size());
}

void InlineBuilder::add_space(const style::TextStyle& style) {
    flush();
    if (!content_.items.empty() && content_.items.back().kind == BreakItem::Kind::glue) return;
    // Before any text (after an icon, at a separator's start), the space of
    // the style's own face: TeX's `\ ` in the style's font is as wide.
    const std::optional<FaceId> face =
        last_face_ ? last_face_ : context_.primary_face(style, style.bold, style.italic);
    const double space = face ? context_.space_width(*face) * style.size : style.size / 4;
    const style::LineBreaking& settings = context_.sheet().line_breaking;
    content_.items.push_back(
        BreakItem::glue(space, space * settings.word_stretch(), space * settings.word_shrink()));
    content_.fragment_of_item.push_back(std::nullopt);
}

void InlineBuilder::add_break(double penalty) {
    flush();
    content_.items.push_back(BreakItem::make_penalty(0, penalty));
    content_.fragment_of_item.push_back(std::nullopt);
}

void InlineBuilder::add_glued_space(const style::TextStyle& style) {
    flush();
    // A glue after a penalty is no break, and an infinite penalty is none either.
    content_.items.push_back(BreakItem::make_penalty(0, infinite_penalty));
    content_.fragment_of_item.push_back(std::nullopt);
    add_space(style);
}

void InlineBuilder::add_icon(std::string_view icon_name, const style::TextStyle& style,
                             const std::string& link) {
    const auto code_point = icon_code_point(icon_name);
    const auto face = context_.icon_face();
    if (!code_point || !face) return;
    const auto glyph = context_.provider().glyph_for(*face, *code_point);
    if (!glyph) return;
    flush();
    Fragment fragment;
    fragment.face = *face;
    fragment.size = style.size;
    fragment.color = style.color;
    fragment.outline = true;
    fragment.link = link;
    fragment.role = role_;
    const std::vector<ShapedGlyph> shaped = context_.provider().shape(*face, [&] {
        std::string text;
        utf8::append(text, *code_point);
        return text;
    }());
    const double advance = shaped.empty() ? 1.0 : shaped.front().advance;
    fragment.glyphs.push_back(*glyph, icon_name, 0, advance * style.size);
    fragment.nominal_advances.push_back(advance * style.size);
    fragment.width = advance * style.size;
    push_fragment(std::move(fragment));
}

void InlineBuilder::add_characters(std::string_view text, const style::TextStyle& style, bool bold,
                                   bool italic, const std::string& link, const SourceRegion& where,
                                   SourcePosition start) {
    const std::optional<FaceId> primary = context_.primary_face(style, bold, italic);
    if (!primary) return;  // reported once by FontContext
    style::TextStyle run_style = style;
    run_style.bold = bold;
    run_style.italic = italic;
    std::uint32_t column = start.column;
    bool reported_right_to_left = false;
    for (std::size_t offset = 0; offset < text.size(); ++column) {
        char32_t code_point = utf8::next(text, offset);
        if (style.uppercase) code_point = utf8::to_upper(code_point);
        // A tab is white space like a space: no font has a glyph for it.
        if (code_point == U' ' || code_point == U'\t') {
            // The space is this run's, not the last fragment's (after
            // `code`, a space of the text's face, as TeX sets it).
            flush();
            last_face_ = *primary;
            add_space(run_style);
            continue;
        }
        if (is_right_to_left(code_point) && !reported_right_to_left) {
            // Shaped left to right, such text would read backwards: say so
            // rather than print it silently wrong.
            context_.diagnostics().warning(
                where.at({start.line, column}),
                fmt::format("right-to-left text is not supported yet: {} and what follows may read reversed",
                            utf8::describe(code_point)));
            reported_right_to_left = true;
        }
        std::optional<FaceId> face = context_.face_for(*primary, bold, italic, code_point);
        if (!face) {
            char32_t replacement = replacement_character;
            face = context_.face_for(*primary, bold, italic, replacement);
            if (!face) {
                replacement = plain_replacement_character;
                face = context_.face_for(*primary, bold, italic, replacement);
            }
            std::string shown;
            utf8::append(shown, replacement);
            context_.diagnostics().warning(
                where.at({start.line, column}),
                fmt::format("no installed font has the character {}", utf8::describe(code_point)),
                fmt::format("it is shown as {}", shown));
            code_point = replacement;
            face = face.value_or(*primary);
        }
        const bool outline = needs_outline(code_point);
        if (pending_.face != face || pending_.outline != outline) flush();
        if (pending_.text.empty()) {
            pending_.face = face;
            pending_.outline = outline;
            pending_.style = run_style;
            pending_.link = link;
            pending_.role = role_;
        }
        utf8::append(pending_.text, code_point);
        if (code_point == U'-' && offset < text.size()) {
            flush();
            content_.items.push_back(
                BreakItem::make_penalty(0, style::LineBreaking::explicit_hyphen_penalty, true));
            content_.fragment_of_item.push_back(std::nullopt);
        }
    }
    flush();
}

InlineContent scaled(const InlineContent& content, double factor) {
    InlineContent result;
    result.fragment_of_item = content.fragment_of_item;
    result.largest_size = content.largest_size * factor;
    result.items.reserve(content.items.size());
    for (BreakItem item : content.items) {
        item.width *= factor;
        item.stretch *= factor;
        item.shrink *= factor;
        result.items.push_back(item);
    }
    result.fragments.reserve(content.fragments.size());
    for (const Fragment& fragment : content.fragments) {
        Fragment& smaller = result.fragments.emplace_back(fragment);
        smaller.size *= factor;
        smaller.width *= factor;
        smaller.ascent *= factor;
        smaller.descent *= factor;
        smaller.glyphs = {};
        for (std::size_t index = 0; index < fragment.glyphs.size(); ++index) {
            smaller.nominal_advances[index] *= factor;
            smaller.glyphs.push_back(fragment.glyphs[index].glyph, fragment.glyphs.text(index),
                                     fragment.glyphs[index].x * factor, smaller.nominal_advances[index]);
        }
    }
    return result;
}

void InlineBuilder::flush() {
    if (pending_.text.empty() || !pending_.face) {
        pending_.text.clear();
        pending_.face.reset();
        return;
    }
    const FaceId face = *pending_.face;
    const style::TextStyle& style = pending_.style;
    const std::vector<ShapedGlyph> shaped = context_.provider().shape(face, pending_.text);
    Fragment fragment;
    fragment.face = face;
    fragment.size = style.size;
    fragment.color = style.color;
    fragment.outline = pending_.outline;
    fragment.link = pending_.link;
    fragment.role = pending_.role;
    double x = 0;
    for (std::size_t i = 0; i < shaped.size(); ++i) {
        const std::size_t begin = shaped[i].cluster;
        std::size_t end = pending_.text.size();
        for (std::size_t j = i + 1; j < shaped.size(); ++j) {
            if (shaped[j].cluster != begin) {
                end = shaped[j].cluster;
                break;
            }
        }
        // Glyphs of one cluster: the first carries the text.
        const bool first_of_cluster = i == 0 || shaped[i - 1].cluster != begin;
        fragment.glyphs.push_back(
            shaped[i].glyph,
            first_of_cluster ? std::string_view{pending_.text}.substr(begin, end - begin)
                             : std::string_view{},
            x + shaped[i].x_offset * style.size, shaped[i].nominal_advance * style.size);
        fragment.nominal_advances.push_back(shaped[i].nominal_advance * style.size);
        x += shaped[i].advance * style.size;
    }
    fragment.width = x;
    // Only the text and face say whether a run is pending; the style and
    // link are set again when the next run starts.
    pending_.text.clear();
    pending_.face.reset();
    last_face_ = face;
    last_size_ = style.size;
    push_fragment(std::move(fragment));
}

void InlineBuilder::push_fragment(Fragment fragment) {
    const FaceInfo& info = context_.provider().face(fragment.face);
    fragment.ascent = info.ascender * fragment.size;
    fragment.descent = -info.descender * fragment.size;
    content_.largest_size = std::max(content_.largest_size, fragment.size);
    content_.items.push_back(BreakItem::box(fragment.width));
    content_.fragment_of_item.push_back(content_.fragments.size());
    content_.fragments.push_back(std::move(fragment));
}

InlineContent InlineBuilder::finish(bool paragraph) {
    // Glue at the very end would only stretch the last line.
    while (paragraph && !content_.items.empty() && content_.items.back().kind != BreakItem::Kind::box) {
        content_.items.pop_back();
        content_.fragment_of_item.pop_back();
    }
    if (paragraph) {
        finish_paragraph(content_.items);
        content_.fragment_of_item.resize(content_.items.size());
    }
    return std::move(content_);
}

}  // namespace vitae::layout
