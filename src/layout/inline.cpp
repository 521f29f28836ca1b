#include "inline.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

#include <fmt/format.h>

#include "vitae/base/utf8.hpp"
#include "vitae/layout/segmentation.hpp"
#include "vitae/style/markup_style.hpp"

namespace vitae::layout {

namespace {

/// Shown, with a warning, for a character no installed font has.
constexpr char32_t replacement_character = 0xFFFD;
/// Shown instead when no face has U+FFFD either (the PDF base-14 fonts).
constexpr char32_t plain_replacement_character = U'?';
constexpr char32_t last_bmp_code_point = 0xFFFF;
/// Marks where a word may break, showing a hyphen only there (TeX's \-).
constexpr char32_t soft_hyphen = 0xAD;

/// Scripts no hyphenation dictionary is made for: Chinese, Japanese and
/// Korean break between characters, Arabic and Hebrew words are not
/// hyphenated (ISO 15924 codes, as the locale packs give them).
bool script_is_hyphenated(std::string_view script) {
    for (const std::string_view unhyphenated :
         {"Hans", "Hant", "Hani", "Jpan", "Kore", "Arab", "Hebr", "Thai"})
        if (script == unhyphenated) return false;
    return true;
}

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

bool is_format_character(char32_t c) {
    // Zero-width space, non-joiner, joiner, the marks of direction, word
    // joiner and invisible operators, the byte-order mark, variation
    // selectors, the combining grapheme joiner.
    return (c >= 0x200B && c <= 0x200F) || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF ||
           (c >= 0xFE00 && c <= 0xFE0F) || c == 0x034F;
}

bool needs_outline(char32_t code_point) {
    return code_point > last_bmp_code_point;
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

const Hyphenator* FontContext::hyphenator() {
    if (!hyphenator_) {
        hyphenator_ = std::shared_ptr<const Hyphenator>{};
        const style::BuildLanguage& language = sheet_.language;
        if (!sheet_.line_breaking.hyphenate || !script_is_hyphenated(language.script)) return nullptr;
        const std::optional<std::string> path = hyphenation_dictionary(language.tag);
        if (path) *hyphenator_ = Hyphenator::load(*path);
        if (!*hyphenator_) {
            diagnostics_.warning(
                sheet_.where,
                path ? fmt::format("the hyphenation patterns in {} cannot be read: words are not hyphenated",
                                   *path)
                     : fmt::format(
                           "no hyphenation patterns for '{}' are installed in {}: words are not hyphenated",
                           language.tag, hyphenation_directory),
                "Debian's hyphen-* packages hold them (hyphen-de for German); or set hyphenate = false");
        }
    }
    return hyphenator_->get();
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
    const std::vector<BidiLevel> levels =
        bidi_paragraph(text, context_.sheet().language.right_to_left, base_direction_).levels;
    std::size_t first_character = 0;
    for (const cv::Span& span : text.spans) {
        // A paragraph break here (text not split by cv::split_paragraphs)
        // still ends the line.
        if (span.break_before != cv::Span::Break::none) add_line_break();
        style::TextStyle span_style = style;
        if (span.code) span_style.family = style::code_family;
        if (!span.link.empty() && link_color != style::Color{}) span_style.color = link_color;
        const std::size_t characters = utf8::length(span.text);
        const std::size_t first = std::min(first_character, levels.size());
        add_characters(
            span.text,
            std::span<const BidiLevel>{levels}.subspan(first, std::min(characters, levels.size() - first)),
            span_style, style.bold || span.bold, style.italic || span.italic, span.link, text.where,
            span.start);
        first_character += characters;
    }
}

void InlineBuilder::add_plain(std::string_view text, const style::TextStyle& style, const SourceRegion& where,
                              const std::string& link) {
    const bool right_to_left_document = context_.sheet().language.right_to_left;
    std::vector<BidiLevel> levels = bidi_levels(text, right_to_left_document, base_direction_);
    // A link's text (an e-mail address, a URL, a phone number) reads left
    // to right whatever is around it: "+972 52 123 4567", not "972 52 123 4567+".
    if (!link.empty() && !has_right_to_left(text))
        std::fill(levels.begin(), levels.end(), left_to_right_above(right_to_left_document ? 1 : 0));
    add_characters(text, levels, style, style.bold, style.italic, link, where, where.begin);
}

void InlineBuilder::add_line_break() {
    flush();
    last_character_ = 0;
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
    last_character_ = 0;
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
    last_character_ = 0;
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
    last_character_ = 0;
    Fragment fragment;
    fragment.face = *face;
    fragment.size = style.size;
    fragment.color = style.color;
    fragment.outline = true;
    fragment.link = link;
    fragment.role = role_;
    fragment.level = context_.sheet().language.right_to_left ? 1 : 0;
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

void InlineBuilder::add_characters(std::string_view text, std::span<const BidiLevel> levels,
                                   const style::TextStyle& style, bool bold, bool italic,
                                   const std::string& link, const SourceRegion& where, SourcePosition start) {
    const std::optional<FaceId> primary = context_.primary_face(style, bold, italic);
    if (!primary) return;  // reported once by FontContext
    style::TextStyle run_style = style;
    run_style.bold = bold;
    run_style.italic = italic;
    std::uint32_t column = start.column;
    // Capitals (small caps, a heading in upper case), addresses and code
    // are never hyphenated: a reader would not know where the word ends.
    const bool by_patterns = !style.uppercase && link.empty() && style.family != style::code_family;
    const std::vector<PendingBreak> breaks = breaks_within(text, by_patterns);
    auto next_break = breaks.begin();
    break_after_last_character(text);
    // The characters no font has, reported once for the text, at the
    // first: a line a character made hundreds of lines for a CV in a
    // script with no font installed.
    std::vector<char32_t> missing;
    SourcePosition first_missing;
    std::string replacement_shown;
    for (std::size_t offset = 0; offset < text.size(); ++column) {
        // Levels were resolved over the whole text; a span that decodes to
        // more characters than its share (bytes no longer valid UTF-8 once
        // cut) takes the last one's.
        const std::size_t index = column - start.column;
        const BidiLevel level = index < levels.size() ? levels[index] : (levels.empty() ? 0 : levels.back());
        char32_t code_point = utf8::next(text, offset);
        if (code_point == soft_hyphen) {
            // Shows nothing; where it is, a break may go.
            if (!pending_.text.empty()) pending_.breaks.push_back({pending_.text.size(), BreakKind::hyphen});
            continue;
        }
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
        // A joiner or mark of direction belongs to the run it is in: a
        // Persian word with a zero-width non-joiner is shaped whole.
        std::optional<FaceId> face = pending_.face && is_format_character(code_point)
                                         ? pending_.face
                                         : context_.face_for(*primary, bold, italic, code_point);
        if (!face) {
            char32_t replacement = replacement_character;
            face = context_.face_for(*primary, bold, italic, replacement);
            if (!face) {
                replacement = plain_replacement_character;
                face = context_.face_for(*primary, bold, italic, replacement);
            }
            if (missing.empty()) {
                first_missing = {start.line, column};
                utf8::append(replacement_shown, replacement);
            }
            if (std::find(missing.begin(), missing.end(), code_point) == missing.end())
                missing.push_back(code_point);
            code_point = replacement;
            face = face.value_or(*primary);
        }
        const bool outline = needs_outline(code_point);
        // A run of one direction is shaped in it.
        if (pending_.face != face || pending_.outline != outline || pending_.level != level) flush();
        if (pending_.text.empty()) {
            pending_.face = face;
            pending_.outline = outline;
            pending_.level = level;
            pending_.style = run_style;
            pending_.link = link;
            pending_.role = role_;
        }
        utf8::append(pending_.text, code_point);
        last_character_ = code_point;
        for (; next_break != breaks.end() && next_break->offset <= offset; ++next_break) {
            if (next_break->offset == offset)
                pending_.breaks.push_back({pending_.text.size(), next_break->kind});
        }
        if (code_point == U'-' && offset < text.size()) {
            flush();
            content_.items.push_back(
                BreakItem::make_penalty(0, context_.sheet().line_breaking.explicit_hyphen_penalty, true));
            content_.fragment_of_item.push_back(std::nullopt);
        }
    }
    flush();
    if (!missing.empty()) report_missing(missing, where.at(first_missing), replacement_shown);
}

void InlineBuilder::report_missing(const std::vector<char32_t>& missing, const SourceRegion& where,
                                   const std::string& replacement) {
    // Enough to see which script lacks a font; the count says the rest.
    constexpr std::size_t characters_named = 4;
    std::string named;
    for (std::size_t index = 0; index < std::min(missing.size(), characters_named); ++index)
        fmt::format_to(std::back_inserter(named), "{}{}", index == 0 ? "" : ", ",
                       utf8::describe(missing[index]));
    const std::string message =
        missing.size() == 1 ? fmt::format("no installed font has the character {}", named)
        : missing.size() <= characters_named
            ? fmt::format("no installed font has the characters {}", named)
            : fmt::format("no installed font has the characters {} and {} more in this text", named,
                          missing.size() - characters_named);
    context_.diagnostics().warning(
        where, message,
        fmt::format("{} shown as {}", missing.size() == 1 ? "it is" : "they are", replacement));
}

InlineBuilder::BreakKind InlineBuilder::character_break_kind(char32_t before, char32_t after) {
    // Digits stay close ("2023年6月", as CLDR writes dates); letters get the gap.
    const auto is_latin_letter = [](char32_t code_point) {
        return code_point < 0x2E80 && is_word_character(code_point);
    };
    const bool gap = (is_ideographic_letter(before) && is_latin_letter(after)) ||
                     (is_latin_letter(before) && is_ideographic_letter(after));
    return gap ? BreakKind::character_gap : BreakKind::character;
}

std::vector<InlineBuilder::PendingBreak> InlineBuilder::breaks_within(std::string_view text,
                                                                      bool by_patterns) {
    std::vector<PendingBreak> breaks;
    const std::vector<std::size_t> hyphens = hyphen_points(text, by_patterns);
    auto next_hyphen = hyphens.begin();
    for (const std::size_t offset : character_breaks(text, context_.sheet().language.tag)) {
        for (; next_hyphen != hyphens.end() && *next_hyphen < offset; ++next_hyphen)
            breaks.push_back({*next_hyphen, BreakKind::hyphen});
        // The characters either side: a gap between an ideograph (or kana)
        // and a Latin letter or digit.
        std::size_t after_offset = offset;
        const char32_t after = utf8::next(text, after_offset);
        breaks.push_back({offset, character_break_kind(utf8::before(text, offset), after)});
    }
    for (; next_hyphen != hyphens.end(); ++next_hyphen) breaks.push_back({*next_hyphen, BreakKind::hyphen});
    return breaks;
}

std::vector<std::size_t> InlineBuilder::hyphen_points(std::string_view text, bool by_patterns) {
    std::vector<std::size_t> points;
    const Hyphenator* hyphenator = by_patterns ? context_.hyphenator() : nullptr;
    if (!hyphenator && text.find("\u00AD") == std::string_view::npos) return points;
    const style::LineBreaking& settings = context_.sheet().line_breaking;
    const FragmentMinimum minimum{settings.left_hyphen_min, settings.right_hyphen_min};
    // Each word: a run of letters, soft hyphens within it.
    for (std::size_t offset = 0; offset < text.size();) {
        const std::size_t word_start = offset;
        std::size_t word_end = offset;
        bool soft_hyphens = false;
        bool all_capitals = true;
        std::size_t letters = 0;
        while (offset < text.size()) {
            const std::size_t before = offset;
            const char32_t code_point = utf8::next(text, offset);
            if (code_point == soft_hyphen) {
                soft_hyphens = true;
            } else if (is_word_character(code_point)) {
                all_capitals = all_capitals && is_capital(code_point);
                ++letters;
            } else {
                offset = before;
                break;
            }
            word_end = offset;
        }
        const std::string_view word = text.substr(word_start, word_end - word_start);
        // A word with soft hyphens breaks at them alone, as TeX's \- makes
        // it (add_characters); an acronym ("NASA", "CERN") is no word to
        // hyphenate.
        if (hyphenator && !soft_hyphens && !(all_capitals && letters > 1)) {
            for (const std::size_t point : hyphenator->points(word, minimum))
                points.push_back(word_start + point);
        }
        // Past what is not a letter.
        if (word.empty()) utf8::next(text, offset);
    }
    return points;
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

SyntheticStyle InlineBuilder::synthetic_style(const style::TextStyle& style, FaceId face,
                                              BidiLevel level) const {
    const FaceInfo& info = context_.provider().face(face);
    return {style.bold && !info.bold, style.italic && !info.italic && !reads_right_to_left(level)};
}

void InlineBuilder::flush() {
    if (pending_.text.empty() || !pending_.face) {
        pending_.text.clear();
        pending_.breaks.clear();
        pending_.face.reset();
        return;
    }
    const FaceId face = *pending_.face;
    const style::TextStyle& style = pending_.style;
    const BidiLevel level = pending_.level;
    const bool right_to_left = reads_right_to_left(level);
    const std::vector<ShapedGlyph> shaped =
        context_.provider().shape_directed(face, pending_.text, right_to_left);
    // A word of right-to-left text is not hyphenated: its glyphs come in
    // visual order, and no pattern of the CV's language is made for it.
    if (right_to_left) pending_.breaks.clear();
    // Each cluster's characters end where the next cluster in the text
    // begins: in the text's order, which is the glyphs' order only when the
    // run was shaped left to right (a right-to-left run's glyphs come in
    // visual order, its clusters falling).
    std::vector<std::size_t> cluster_starts;
    cluster_starts.reserve(shaped.size());
    for (const ShapedGlyph& glyph : shaped) cluster_starts.push_back(glyph.cluster);
    std::sort(cluster_starts.begin(), cluster_starts.end());
    const bool outline = pending_.outline || !shown_as_characters(face, shaped, cluster_starts);
    const SyntheticStyle synthetic = outline ? SyntheticStyle{} : synthetic_style(style, face, level);
    // The run's ink, for every fragment of it: a line with any of them
    // needs that room.
    const TypeReach ink = is_tall(context_.provider().face(face), context_.sheet().line_height)
                              ? ink_of(context_.provider(), face, shaped, style.size)
                              : TypeReach{};
    const auto new_fragment = [&] {
        Fragment fragment;
        fragment.ink = ink;
        fragment.face = face;
        fragment.size = style.size;
        fragment.color = style.color;
        fragment.outline = outline;
        fragment.link = pending_.link;
        fragment.role = pending_.role;
        fragment.synthetic = synthetic;
        fragment.level = level;
        return fragment;
    };
    Fragment fragment = new_fragment();
    // The run is shaped whole (kerning across a hyphenation point stays)
    // and cut into fragments at its points, a discretionary break between.
    auto next_break = pending_.breaks.begin();
    double fragment_start = 0;  // x of the fragment's first glyph in the run
    double x = 0;
    for (std::size_t i = 0; i < shaped.size(); ++i) {
        const std::size_t begin = shaped[i].cluster;
        const auto next_start = std::upper_bound(cluster_starts.begin(), cluster_starts.end(), begin);
        const std::size_t end = next_start == cluster_starts.end() ? pending_.text.size() : *next_start;
        // Glyphs of one cluster: the first carries the text.
        const bool first_of_cluster = i == 0 || shaped[i - 1].cluster != begin;
        while (next_break != pending_.breaks.end() && next_break->offset < begin) ++next_break;
        if (first_of_cluster && i > 0 && next_break != pending_.breaks.end() && next_break->offset == begin) {
            fragment.width = x - fragment_start;
            push_fragment(std::exchange(fragment, new_fragment()));
            push_break(next_break->kind, face, style, level);
            fragment_start = x;
        }
        fragment.glyphs.push_back(
            shaped[i].glyph,
            first_of_cluster ? std::string_view{pending_.text}.substr(begin, end - begin)
                             : std::string_view{},
            x - fragment_start + shaped[i].x_offset * style.size, shaped[i].nominal_advance * style.size);
        fragment.nominal_advances.push_back(shaped[i].nominal_advance * style.size);
        x += shaped[i].advance * style.size;
    }
    fragment.width = x - fragment_start;
    // A break at the run's end (the next character is in another face).
    const bool break_at_end =
        !pending_.breaks.empty() && pending_.breaks.back().offset == pending_.text.size();
    const BreakKind end_kind = break_at_end ? pending_.breaks.back().kind : BreakKind::character;
    const style::TextStyle end_style = style;
    // Only the text and face say whether a run is pending; the style and
    // link are set again when the next run starts.
    pending_.text.clear();
    pending_.breaks.clear();
    pending_.face.reset();
    last_face_ = face;
    last_size_ = end_style.size;
    push_fragment(std::move(fragment));
    if (break_at_end) push_break(end_kind, face, end_style, level);
}

bool InlineBuilder::shown_as_characters(FaceId face, const std::vector<ShapedGlyph>& shaped,
                                        const std::vector<std::size_t>& cluster_starts) const {
    const std::string_view text = pending_.text;
    // Below the combining marks (U+0300, whose UTF-8 starts with this
    // byte), every character is one glyph of its own, ligatures being
    // off: nothing to look up in Latin text. Unless it was shaped right to
    // left, where a bracket shows its mirror image.
    constexpr unsigned char first_combining_mark_lead = 0xCC;
    if (!reads_right_to_left(pending_.level) && std::all_of(text.begin(), text.end(), [](char c) {
            return static_cast<unsigned char>(c) < first_combining_mark_lead;
        }))
        return true;
    // A cluster of two glyphs: a character the shaper decomposed.
    if (std::adjacent_find(cluster_starts.begin(), cluster_starts.end()) != cluster_starts.end())
        return false;
    for (const ShapedGlyph& glyph : shaped) {
        const auto next = std::upper_bound(cluster_starts.begin(), cluster_starts.end(), glyph.cluster);
        const std::size_t end = next == cluster_starts.end() ? text.size() : *next;
        // One character, or one followed by combining marks that the face
        // has as one glyph.
        const std::string_view cluster = text.substr(glyph.cluster, end - glyph.cluster);
        std::size_t after_first = 0;
        const char32_t first = utf8::next(cluster, after_first);
        const std::optional<char32_t> character =
            after_first == cluster.size() ? std::optional{first} : composed_character(cluster);
        if (!character || context_.provider().glyph_for(face, *character) != glyph.glyph) return false;
    }
    return true;
}

void InlineBuilder::push_break(BreakKind kind, FaceId face, const style::TextStyle& style, BidiLevel level) {
    if (kind == BreakKind::hyphen) {
        push_discretionary(face, style, level);
    } else {
        push_character_break(kind, style);
    }
}

void InlineBuilder::break_after_last_character(std::string_view text) {
    if (last_character_ == 0 || text.empty()) return;
    // The two characters either side of where the last text ended, as
    // text of their own.
    std::string pair;
    utf8::append(pair, last_character_);
    const std::size_t first_length = pair.size();
    std::size_t offset = 0;
    const char32_t first = utf8::next(text, offset);
    utf8::append(pair, first);
    const std::vector<std::size_t> breaks = character_breaks(pair, context_.sheet().language.tag);
    if (breaks.empty() || breaks.front() != first_length) return;
    flush();
    push_character_break(character_break_kind(last_character_, first), pending_.style);
}

void InlineBuilder::push_character_break(BreakKind kind, const style::TextStyle& style) {
    const style::LineBreaking& settings = context_.sheet().line_breaking;
    const double gap =
        kind == BreakKind::character_gap ? style::LineBreaking::ideographic_latin_gap * style.size : 0;
    const double stretch = settings.justify ? style::LineBreaking::ideographic_stretch * style.size : 0;
    if (gap == 0 && stretch == 0) {
        // Ragged: a break that shows nothing.
        BreakItem between_characters = BreakItem::make_penalty(0, 0);
        between_characters.within_text = true;
        content_.items.push_back(between_characters);
    } else {
        content_.items.push_back(BreakItem::spacing(gap, stretch, 0));
    }
    content_.fragment_of_item.push_back(std::nullopt);
}

void InlineBuilder::push_discretionary(FaceId face, const style::TextStyle& style, BidiLevel level) {
    const std::vector<ShapedGlyph> shaped = context_.provider().shape(face, "-");
    if (shaped.size() != 1 || shaped.front().glyph == 0) return;  // no hyphen in the face: no break
    Fragment hyphen;
    hyphen.face = face;
    hyphen.size = style.size;
    hyphen.color = style.color;
    hyphen.added_hyphen = true;
    hyphen.level = level;
    hyphen.synthetic = synthetic_style(style, face, level);
    hyphen.link = pending_.link;
    hyphen.role = pending_.role;
    hyphen.width = shaped.front().advance * style.size;
    hyphen.glyphs.push_back(shaped.front().glyph, "-", 0, shaped.front().nominal_advance * style.size);
    hyphen.nominal_advances.push_back(shaped.front().nominal_advance * style.size);
    const FaceInfo& info = context_.provider().face(face);
    hyphen.ascent = info.ascender * hyphen.size;
    hyphen.descent = -info.descender * hyphen.size;
    content_.items.push_back(
        BreakItem::make_penalty(hyphen.width, context_.sheet().line_breaking.hyphen_penalty, true));
    content_.fragment_of_item.push_back(content_.fragments.size());
    content_.fragments.push_back(std::move(hyphen));
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
