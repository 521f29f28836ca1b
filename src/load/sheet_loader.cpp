// Style sheets: TOML → style::Sheet. Like the CV loader, it collects every
// problem with its file:line:col; unlike it, one load may read a chain of
// files, because a sheet can extend another one.
#include "toml_parser.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <functional>
#include <iterator>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "embedded_files.hpp"
#include "string_positions.hpp"
#include "toml_document.hpp"
#include "vitae/base/ascii.hpp"
#include "vitae/base/input.hpp"
#include "vitae/base/limits.hpp"
#include "vitae/base/suggest.hpp"
#include "vitae/base/utf8.hpp"
#include "vitae/load/locale_loader.hpp"
#include "vitae/load/sheet_loader.hpp"
#include "vitae/model/model.hpp"

namespace vitae {

namespace {

namespace fs = std::filesystem;
using style::Color;
using style::Sheet;
using style::TextStyle;

// --- units and limits ------------------------------------------------------

constexpr double points_per_inch = 72;
constexpr double millimetres_per_inch = 25.4;
constexpr double points_per_millimetre = points_per_inch / millimetres_per_inch;
constexpr double millimetres_per_centimetre = 10;

struct Unit {
    std::string_view name;
    double points;
};
constexpr std::array<Unit, 4> absolute_units{{
    {"pt", 1},
    {"in", points_per_inch},
    {"mm", points_per_millimetre},
    {"cm", points_per_millimetre* millimetres_per_centimetre},
}};
constexpr std::string_view em_unit = "em";
constexpr std::string_view absolute_units_hint = "use pt, in, mm or cm";

struct PaperSize {
    std::string_view name;
    double width;  ///< pt
    double height;
};
constexpr std::array<PaperSize, 4> paper_sizes{{
    {"letter", 8.5 * points_per_inch, 11 * points_per_inch},
    {"legal", 8.5 * points_per_inch, 14 * points_per_inch},
    {"a4", 210 * points_per_millimetre, 297 * points_per_millimetre},
    {"a5", 148 * points_per_millimetre, 210 * points_per_millimetre},
}};

/// Narrower or shorter text than this is a typo in the margins, not a design.
constexpr double minimum_text_extent = points_per_inch;

/// Tighter lines make ascenders touch the descenders above; looser ones read
/// as separate paragraphs.
constexpr double minimum_line_height = 0.8;
constexpr double maximum_line_height = 3;

constexpr std::size_t months_in_year = 12;

constexpr double largest_channel_value = 255;
/// "#rgb" repeats each digit ("#fff" is "#ffffff"): 0xf × 17 = 0xff.
constexpr double short_hex_digit_scale = 17;
constexpr std::size_t short_hex_digits = 3;
constexpr std::size_t long_hex_digits = 6;
constexpr std::string_view color_hint = "write \"#rrggbb\" or \"#rgb\"";

constexpr std::string_view builtin_directory = "<built-in>";
constexpr std::string_view builtin_identity_prefix = "builtin:";

const std::vector<std::string_view> footer_placeholders = {"name", "page", "pages", "pagination"};

/// `[dates] months`: how a style writes months, in any language.
constexpr std::array<std::pair<std::string_view, style::MonthForm>, 3> month_forms{{
    {"short", style::MonthForm::short_names},
    {"long", style::MonthForm::long_names},
    {"numeric", style::MonthForm::numeric},
}};

constexpr double infinity = std::numeric_limits<double>::infinity();

/// The values a number may take; bounds are inclusive unless marked open.
struct Range {
    double low = -infinity;
    bool low_open = false;
    double high = infinity;
    bool high_open = false;

    [[nodiscard]] bool contains(double value) const {
        const bool above = low_open ? value > low : value >= low;
        const bool below = high_open ? value < high : value <= high;
        return above && below;
    }
};
constexpr Range positive{0, true};
constexpr Range non_negative{0, false};
constexpr Range line_height_range{minimum_line_height, false, maximum_line_height, false};
constexpr Range below_one{0, false, 1, true};
constexpr Range up_to_one{0, true, 1, false};
/// A hyphen's penalty, as TeX's: from free (0) to forbidden (10000).
constexpr Range penalty_range{0, false, 10000, false};
/// What libharu can draw (see limits.hpp).
constexpr Range font_size_range{0, true, limits::max_font_size, false};
constexpr Range page_extent_range{limits::min_page_extent, false, limits::max_page_extent, false};

/// The shortest text that reads back as `value`, rounded to hundredths
/// (a point is already finer than anyone sets a length).
std::string number_text(double value) {
    constexpr double hundredths = 100;
    const double rounded = std::round(value * hundredths) / hundredths;
    std::array<char, 32> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), rounded);
    return {buffer.data(), result.ptr};
}

std::string describe(const Range& range) {
    const bool has_low = range.low > -infinity;
    const bool has_high = range.high < infinity;
    if (has_low && !range.low_open && range.low == 0 && !has_high) return "must not be negative";
    if (has_low && has_high && !range.low_open && !range.high_open) {
        return fmt::format("must be between {} and {}", number_text(range.low), number_text(range.high));
    }
    std::string text = "must be";
    auto to = std::back_inserter(text);
    if (has_low)
        fmt::format_to(to, " {} {}", range.low_open ? "greater than" : "at least", number_text(range.low));
    if (has_low && has_high) text += " and";
    if (has_high)
        fmt::format_to(to, " {} {}", range.high_open ? "less than" : "at most", number_text(range.high));
    return text;
}

// --- TOML helpers ----------------------------------------------------------

/// A TOML integer or float as a double; empty for anything else.
std::optional<double> number_of(const toml::node& node) {
    if (const auto* integer = node.as_integer()) return static_cast<double>(integer->get());
    if (const auto* floating = node.as_floating_point()) return floating->get();
    return std::nullopt;
}

/// The value as the user wrote it, for "got …" in messages.
std::string written(const toml::node& node) {
    if (const auto* text = node.as_string()) return text->get();
    if (const auto* integer = node.as_integer()) return fmt::to_string(integer->get());
    if (const auto* floating = node.as_floating_point()) return number_text(floating->get());
    return detail::toml_type_name(node);
}

// --- where a sheet comes from -----------------------------------------------

/// One file of an extends chain.
struct Origin {
    std::string display;   ///< the path diagnostics show
    std::string identity;  ///< what makes two origins the same file (cycles)
    bool builtin = false;
};

Origin builtin_origin(std::string_view name) {
    return Origin{fmt::format("{}/{}.toml", builtin_directory, name),
                  fmt::format("{}{}", builtin_identity_prefix, name), true};
}

Origin file_origin(const std::string& path) {
    std::error_code error;
    const fs::path canonical = fs::weakly_canonical(fs::path{path}, error);
    return Origin{path, error ? fs::path{path}.lexically_normal().string() : canonical.string(), false};
}

const detail::EmbeddedFile* find_builtin(std::string_view name) {
    for (const detail::EmbeddedFile& style : detail::embedded_styles()) {
        if (style.name == name) return &style;
    }
    return nullptr;
}

/// "did you mean 'default'? built-in styles: default, …"
std::string unknown_builtin_hint(std::string_view name) {
    std::vector<std::string_view> names;
    for (const detail::EmbeddedFile& style : detail::embedded_styles()) names.push_back(style.name);
    std::string hint = did_you_mean(name, names);
    if (!hint.empty()) hint += ' ';
    fmt::format_to(std::back_inserter(hint), "built-in styles: {}", fmt::join(names, ", "));
    return hint;
}

// --- reading one file ----------------------------------------------------------

/// Which keys last decided the text area, across the whole chain, so that
/// "the margins leave no room" points at the key to change.
struct TextAreaSources {
    SourceRegion width;
    SourceRegion height;
};

/// One key of a table and how to read its value into the sheet.
struct Value {
    const toml::node& node;
    std::string_view key;
};
using Read = std::function<void(const Value&)>;
struct Key {
    std::string_view name;
    Read read;
};
using Keys = std::vector<Key>;
/// Keys people try in the wrong place, with where they belong.
using Moved = std::vector<std::pair<std::string_view, std::string_view>>;

enum class Measure {
    absolute,  ///< pt, in, mm, cm; a bare number is points
    em,        ///< em only; a bare number is ems
};

/// Applies one parsed file on top of the sheet, reporting every problem.
/// The sheet's schema lives here, one Keys list per table, so a key cannot
/// be accepted without being read nor read without being accepted.
class Reader {
public:
    Reader(std::string_view source, std::shared_ptr<const std::string> path, Sheet& sheet,
           TextAreaSources& text_area, Diagnostics& diagnostics)
        : source_(source),
          path_(std::move(path)),
          sheet_(sheet),
          text_area_(text_area),
          diagnostics_(diagnostics) {}

    void apply(const toml::table& root) {
        // Name and description describe this file, so a sheet does not
        // inherit them from the one it extends.
        sheet_.name = fs::path{*path_}.stem().string();
        sheet_.description.clear();
        const Moved moved = {
            {"entry", "did you mean 'entries'?"},
            {"headline", "the headline is styled in [person.headline]"},
            {"contact", "contacts are styled in [person.contact]"},
            {"heading", "section headings are styled in [section.heading]"},
            {"margins", "margins belong in [page]"},
        };
        read_keys(
            root, "the style sheet", moved,
            {
                {"name", [this](const Value& value) { read_name(value); }},
                {"description", string_into(sheet_.description)},
                {"extends", [](const Value&) { /* followed before this file is applied */ }},
                {"page", [this](const Value& value) { read_page(value); }},
                {"fonts", table_of("fonts", fonts_keys())},
                {"text", table_of("text", text_keys(), {{"family", "the body family is 'body' in [fonts]"}})},
                {"person", table_of("person", person_keys())},
                {"section", table_of("section", section_keys())},
                {"entries", table_of("entries", entries_keys())},
                {"bullets", table_of("bullets", bullets_keys())},
                {"skills", table_of("skills", skills_keys())},
                {"publications", table_of("publications", publications_keys())},
                {"links", table_of("links", {{"color", color_into(sheet_.link_color)}})},
                {"footer", table_of("footer", footer_keys())},
                {"line_breaking", table_of("line_breaking", line_breaking_keys())},
                {"dates", table_of("dates", dates_keys())},
                {"words", [this](const Value& value) { read_words(value); }},
                {"select", table_of("select", select_keys())},
                {"fit", table_of("fit", fit_keys())},
                {"columns", table_of("columns", columns_keys())},
                {"pdf_standard", [this](const Value& value) { read_pdf_standard(value); }},
                {"photo", table_of("photo", photo_keys())},
                {"letter", table_of("letter", letter_keys())},
                {"html", table_of("html", {{"dark_mode", bool_into(sheet_.html.dark_mode)}})},
            });
    }

private:
    // --- the schema, table by table ------------------------------------------

    Keys text_style_keys(TextStyle& style) {
        return {
            {"family", string_into(style.family, /*allow_empty=*/true)},
            {"size", length_into(style.size, font_size_range)},
            {"bold", bool_into(style.bold)},
            {"italic", bool_into(style.italic)},
            {"uppercase", bool_into(style.uppercase)},
            {"color", color_into(style.color)},
        };
    }

    static Keys with(Keys keys, Keys more) {
        for (Key& key : more) keys.push_back(std::move(key));
        return keys;
    }

    Keys fonts_keys() {
        return {
            {"body", string_into(sheet_.body_family)},
            {"fallbacks", strings_into(sheet_.fallback_families)},
            {"icons", string_into(sheet_.icon_family)},
        };
    }

    Keys text_keys() {
        Keys keys = text_style_keys(sheet_.body);
        std::erase_if(keys, [](const Key& key) { return key.name == "family"; });
        keys.push_back({"line_height", number_into(sheet_.line_height, line_height_range)});
        return keys;
    }

    Keys person_keys() {
        static const std::vector<std::pair<std::string_view, style::PhoneFormat>> phone_formats = {
            {"as-written", style::PhoneFormat::as_written},
            {"international", style::PhoneFormat::international},
            {"national", style::PhoneFormat::national},
            {"e164", style::PhoneFormat::e164},
        };
        return {
            {"alignment", [this](const Value& value) { read_alignment(value); }},
            {"name", table_of("person.name", text_style_keys(sheet_.person_name))},
            {"headline", table_of("person.headline", text_style_keys(sheet_.headline))},
            {"contact",
             table_of("person.contact", with(text_style_keys(sheet_.contact),
                                             {
                                                 {"separator", string_into(sheet_.contact_separator,
                                                                           /*allow_empty=*/true)},
                                                 {"icons", bool_into(sheet_.contact_icons)},
                                                 {"phone", choice_into(sheet_.phone_format, phone_formats,
                                                                       "phone number format")},
                                             }))},
        };
    }

    Keys section_keys() {
        return {
            {"heading", table_of("section.heading", text_style_keys(sheet_.section_heading))},
            {"gap_before", length_into(sheet_.section_gap_before, non_negative)},
            {"gap_after", length_into(sheet_.section_gap_after, non_negative)},
            {"rule", bool_into(sheet_.section_rule)},
            {"rule_thickness", length_into(sheet_.section_rule_thickness, positive)},
            {"rule_gap", length_into(sheet_.section_rule_gap, non_negative)},
            {"rule_color", color_into(sheet_.section_rule_color)},
        };
    }

    Keys entries_keys() {
        return {
            {"gap", length_into(sheet_.entry_gap, non_negative)},
            {"role_gap", length_into(sheet_.role_gap, non_negative)},
            {"date_gap", length_into(sheet_.date_gap, non_negative)},
            {"keep_together", bool_into(sheet_.keep_entries_together)},
            {"title", table_of("entries.title", text_style_keys(sheet_.entry_title))},
            {"subtitle", table_of("entries.subtitle", text_style_keys(sheet_.entry_subtitle))},
            {"date", table_of("entries.date", text_style_keys(sheet_.entry_date))},
            {"location", table_of("entries.location", text_style_keys(sheet_.entry_location))},
        };
    }

    Keys bullets_keys() {
        return {
            {"glyph", string_into(sheet_.bullet, /*allow_empty=*/true)},
            {"indent", length_into(sheet_.bullet_indent, non_negative)},
            {"text_indent", length_into(sheet_.bullet_text_indent, non_negative)},
            {"nested_glyph", string_into(sheet_.nested_bullet, /*allow_empty=*/true)},
            {"nested_indent", length_into(sheet_.nested_indent, non_negative)},
            {"gap", length_into(sheet_.highlight_gap, non_negative)},
        };
    }

    Keys skills_keys() {
        static const std::vector<std::pair<std::string_view, style::LevelDisplay>> levels = {
            {"none", style::LevelDisplay::none},
            {"dots", style::LevelDisplay::dots},
            {"bars", style::LevelDisplay::bars},
            {"word", style::LevelDisplay::word},
        };
        return {
            {"separator", string_into(sheet_.skill_separator, /*allow_empty=*/true)},
            {"label_gap", length_into(sheet_.skill_label_gap, non_negative)},
            {"label_share", number_into(sheet_.skills_label_share, up_to_one)},
            {"level", choice_into(sheet_.skill_level, levels, "level display")},
            {"label", table_of("skills.label", text_style_keys(sheet_.skill_label))},
        };
    }

    Keys publications_keys() {
        return {
            {"equal_contribution_mark", string_into(sheet_.equal_contribution_mark, /*allow_empty=*/true)},
            {"equal_contribution_note", string_into(sheet_.equal_contribution_note, /*allow_empty=*/true)},
            {"numbered", bool_into(sheet_.number_publications)},
            {"number_gap", length_into(sheet_.number_gap, non_negative)},
            {"highlight_owner", bool_into(sheet_.highlight_owner)},
            {"gap", length_into(sheet_.publication_gap, non_negative)},
            {"title", table_of("publications.title", text_style_keys(sheet_.publication_title))},
            {"authors", table_of("publications.authors", text_style_keys(sheet_.publication_authors))},
            {"venue", table_of("publications.venue", text_style_keys(sheet_.publication_venue))},
            {"award", table_of("publications.award", text_style_keys(sheet_.publication_award))},
            {"group", table_of("publications.group", text_style_keys(sheet_.publication_group))},
            {"details", [this](const Value& value) { read_publication_details(value); }},
            {"volume_prefix", string_into(sheet_.publication_details.volume_prefix, /*allow_empty=*/true)},
            {"issue_prefix", string_into(sheet_.publication_details.issue_prefix, /*allow_empty=*/true)},
            {"pages_prefix", string_into(sheet_.publication_details.pages_prefix, /*allow_empty=*/true)},
            {"page_prefix", string_into(sheet_.publication_details.page_prefix, /*allow_empty=*/true)},
            {"detail_separator", string_into(sheet_.publication_details.detail_separator)},
        };
    }

    /// The details a publication's line shows: each named one on, the others off.
    void read_publication_details(const Value& value) {
        const auto names = string_list_of(value);
        if (!names) return;
        style::PublicationDetails& details = sheet_.publication_details;
        const std::vector<std::pair<std::string_view, bool*>> switches = {{"abbr", &details.abbr},
                                                                          {"month", &details.month},
                                                                          {"volume", &details.volume},
                                                                          {"issue", &details.issue},
                                                                          {"pages", &details.pages}};
        std::vector<std::string_view> known;
        for (const auto& [name, shown] : switches) {
            known.push_back(name);
            *shown = false;
        }
        for (const std::string& name : *names) {
            const auto found = std::find_if(switches.begin(), switches.end(),
                                            [&](const auto& entry) { return entry.first == name; });
            if (found == switches.end()) {
                diagnostics_.error(region(value.node),
                                   fmt::format("unknown publication detail '{}' in 'details'", name),
                                   did_you_mean(name, known));
                continue;
            }
            *found->second = true;
        }
    }

    Keys footer_keys() {
        return with(text_style_keys(sheet_.footer_style),
                    {
                        {"enabled", bool_into(sheet_.footer)},
                        {"text", [this](const Value& value) { read_footer_text(value); }},
                        {"updated", [this](const Value& value) { read_footer_updated(value); }},
                    });
    }

    Keys line_breaking_keys() {
        style::LineBreaking& breaking = sheet_.line_breaking;
        return {
            {"justify", bool_into(breaking.justify)},
            {"tolerance", number_into(breaking.tolerance, non_negative)},
            {"line_penalty", number_into(breaking.line_penalty, non_negative)},
            {"fitness_demerits", number_into(breaking.fitness_demerits, non_negative)},
            {"ragged_stretch", length_into(breaking.ragged_stretch, non_negative, Measure::em)},
            {"space_stretch", number_into(breaking.space_stretch, non_negative)},
            {"space_shrink", number_into(breaking.space_shrink, below_one)},
            {"hyphenate", bool_into(breaking.hyphenate)},
            {"hyphen_penalty", number_into(breaking.hyphen_penalty, penalty_range)},
            {"explicit_hyphen_penalty", number_into(breaking.explicit_hyphen_penalty, penalty_range)},
            {"double_hyphen_demerits", number_into(breaking.double_hyphen_demerits, non_negative)},
            {"final_hyphen_demerits", number_into(breaking.final_hyphen_demerits, non_negative)},
            {"consecutive_hyphens", count_into(breaking.consecutive_hyphens)},
            {"left_hyphen_min", count_into(breaking.left_hyphen_min)},
            {"right_hyphen_min", count_into(breaking.right_hyphen_min)},
        };
    }

    Keys photo_keys() {
        static const std::vector<std::pair<std::string_view, style::PhotoPlace>> places = {
            {"none", style::PhotoPlace::none},
            {"header", style::PhotoPlace::header},
            {"sidebar", style::PhotoPlace::sidebar},
        };
        static const std::vector<std::pair<std::string_view, style::PhotoShape>> shapes = {
            {"rectangle", style::PhotoShape::rectangle},
            {"rounded", style::PhotoShape::rounded},
            {"circle", style::PhotoShape::circle},
        };
        return {
            {"place", choice_into(sheet_.photo.place, places, "photo place")},
            {"shape", choice_into(sheet_.photo.shape, shapes, "photo shape")},
            {"width", length_into(sheet_.photo.width, positive)},
            {"height", length_into(sheet_.photo.height, positive)},
            {"corner_radius", length_into(sheet_.photo.corner_radius, non_negative)},
            {"gap", length_into(sheet_.photo.gap, non_negative)},
        };
    }

    Keys letter_keys() {
        return {
            {"part_gap", number_into(sheet_.letter.part_gap_lines, non_negative)},
            {"signature_lines", number_into(sheet_.letter.signature_lines, non_negative)},
            {"signature_height", length_into(sheet_.letter.signature_height, positive)},
        };
    }

    Keys columns_keys() {
        return {
            {"sidebar", bool_into(sheet_.sidebar)},
            {"sidebar_width", length_into(sheet_.sidebar_width, positive)},
            {"gap", length_into(sheet_.column_gap, non_negative)},
            {"sidebar_kinds", [this](const Value& value) { read_sidebar_kinds(value); }},
        };
    }

    /// Section kinds, each checked against the kinds a CV can have.
    void read_sidebar_kinds(const Value& value) {
        const auto kinds = string_list_of(value);
        if (!kinds) return;
        for (const std::string& kind : *kinds) {
            if (!cv::section_kind_from_string(kind)) {
                diagnostics_.error(region(value.node),
                                   fmt::format("unknown section kind '{}' in 'sidebar_kinds'", kind),
                                   did_you_mean(kind, cv::section_kind_names()));
                return;
            }
        }
        sheet_.sidebar_kinds = *kinds;
    }

    Keys fit_keys() {
        style::FitBounds& bounds = sheet_.fit;
        return {
            {"max_pages", count_into(sheet_.max_pages)},
            {"min_spacing_scale", number_into(bounds.min_spacing_scale, up_to_one)},
            {"min_line_height", number_into(bounds.min_line_height, line_height_range)},
            {"min_font_scale", number_into(bounds.min_font_scale, up_to_one)},
            {"min_margin", length_into(bounds.min_margin, non_negative)},
            {"drop_items", bool_into(bounds.drop_items)},
        };
    }

    /// `[dates]` sets the month form; its words (the keys it had before
    /// `[words]`) are words for every language.
    Keys dates_keys() {
        style::WordOverrides& words = sheet_.every_language_words;
        return {
            {"months", [this](const Value& value) { read_month_form(value); }},
            {"present", word_into(words, /*allow_empty=*/false)},
            {"separator", word_into(words, /*allow_empty=*/true)},
            {"note_open", word_into(words, /*allow_empty=*/true)},
            {"note_close", word_into(words, /*allow_empty=*/true)},
        };
    }

    /// `[words]`: words for every language, and `[words.de]` for one.
    void read_words(const Value& value) {
        const toml::table* table = value.node.as_table();
        if (!table) {
            wrong_type(value, "table");
            return;
        }
        for (auto&& [key, node] : *table) {
            if (const toml::table* language = node.as_table()) {
                if (const std::optional<LocaleProblem> problem = check_locale(key.str())) {
                    diagnostics_.error(region(key.source()), problem->message, problem->hint);
                    continue;
                }
                read_keys(*language, fmt::format("[words.{}]", key.str()), {},
                          word_keys(sheet_.language_words[ascii_lowercase(key.str())]));
            }
        }
        Keys keys = word_keys(sheet_.every_language_words);
        // Language tables were read above; they are keys of [words] too.
        for (auto&& [key, node] : *table) {
            if (node.is_table()) keys.push_back({key.str(), [](const Value&) {}});
        }
        read_keys(*table, "[words]", {}, keys);
    }

    Keys word_keys(style::WordOverrides& words) {
        Keys keys;
        for (const std::string_view name : style::overridable_words()) {
            if (name.ends_with("months")) {
                keys.push_back({name, [this, &words](const Value& value) { read_months(value, words); }});
            } else {
                const bool separator =
                    name.ends_with("separator") || name.starts_with("note_") || name.starts_with("quote_");
                keys.push_back({name, word_into(words, /*allow_empty=*/separator)});
            }
        }
        return keys;
    }

    Read word_into(style::WordOverrides& words, bool allow_empty) {
        return [this, &words, allow_empty](const Value& value) {
            if (auto text = string_of(value, allow_empty))
                words.words[std::string{value.key}] = std::move(*text);
        };
    }

    Keys select_keys() {
        style::Selection& selection = sheet_.selection;
        return {
            {"tags", [this, &selection](const Value& value) { read_tags(value, selection); }},
            {"sections", section_titles_into(selection.sections)},
            {"exclude_sections", section_titles_into(selection.exclude_sections)},
            {"max_entries", count_into(selection.max_entries)},
            {"max_publications", count_into(selection.max_publications)},
            {"max_items", [this, &selection](const Value& value) { read_max_items(value, selection); }},
            {"selected_publications_only", bool_into(selection.selected_publications_only)},
            {"newest_when_none_selected", count_into(selection.newest_when_none_selected)},
        };
    }

    // --- tables and keys -------------------------------------------------------

    /// Reports unknown keys, then reads the known ones in the order listed.
    void read_keys(const toml::table& table, std::string_view owner, const Moved& moved, const Keys& keys) {
        std::vector<std::string_view> names;
        for (const Key& key : keys) names.push_back(key.name);
        for (auto&& [key, value] : table) {
            if (std::find(names.begin(), names.end(), key.str()) != names.end()) continue;
            std::string hint;
            for (const auto& [name, where] : moved) {
                if (name == key.str()) hint = where;
            }
            if (hint.empty()) hint = did_you_mean(key.str(), names);
            diagnostics_.error(region(key.source()), fmt::format("unknown key '{}' in {}", key.str(), owner),
                               hint);
        }
        for (const Key& key : keys) {
            if (const toml::node* node = table.get(key.name)) key.read(Value{*node, key.name});
        }
    }

    /// `[dotted.name]`: a table read with `keys`.
    Read table_of(std::string dotted_name, Keys keys, Moved moved = {}) {
        return [this, dotted_name = std::move(dotted_name), keys = std::move(keys),
                moved = std::move(moved)](const Value& value) {
            if (const toml::table* table = value.node.as_table()) {
                read_keys(*table, fmt::format("[{}]", dotted_name), moved, keys);
            } else {
                wrong_type(value, "table");
            }
        };
    }

    // --- diagnostics -----------------------------------------------------------

    SourceRegion region(const toml::source_region& source) const { return detail::to_region(path_, source); }
    SourceRegion region(const toml::node& node) const { return detail::to_region(path_, node); }

    /// Where the code point starting at `byte` of a string value is, or the
    /// value's start when the token cannot be mapped back.
    SourceRegion region_at(const toml::node& node, std::size_t byte) const {
        const SourceRegion where = region(node);
        const std::string_view text = node.as_string()->get();
        const std::vector<SourcePosition> positions = detail::string_positions(source_, where.begin, text);
        const std::size_t index = utf8::length(text.substr(0, std::min(byte, text.size())));
        if (index < positions.size()) return where.at(positions[index]);
        if (!positions.empty()) {  // just past the text: where the closing quote is
            const SourcePosition last = positions.back();
            return where.at({last.line, last.column + 1});
        }
        return where;
    }

    void wrong_type(const Value& value, std::string_view expected, std::string hint = {}) {
        diagnostics_.error(region(value.node),
                           fmt::format("expected {} for '{}', got {}", expected, value.key,
                                       detail::toml_type_name(value.node)),
                           std::move(hint));
    }

    /// Reports a value outside `range`; returns whether it was inside.
    bool check_range(const Value& value, double number, const Range& range) {
        if (range.contains(number)) return true;
        diagnostics_.error(region(value.node),
                           fmt::format("'{}' {}, got {}", value.key, describe(range), written(value.node)));
        return false;
    }

    // --- values ----------------------------------------------------------------

    std::optional<std::string> string_of(const Value& value, bool allow_empty) {
        const auto* text = value.node.as_string();
        if (!text) {
            wrong_type(value, "string");
            return std::nullopt;
        }
        if (text->get().empty() && !allow_empty) {
            diagnostics_.error(region(value.node), fmt::format("empty '{}'", value.key));
            return std::nullopt;
        }
        return text->get();
    }

    std::optional<double> number_of_value(const Value& value, const Range& range) {
        const std::optional<double> number = number_of(value.node);
        if (!number) {
            wrong_type(value, "number");
            return std::nullopt;
        }
        if (!std::isfinite(*number)) {
            diagnostics_.error(region(value.node), fmt::format("'{}' must be a finite number", value.key));
            return std::nullopt;
        }
        if (!check_range(value, *number, range)) return std::nullopt;
        return number;
    }

    /// A number (points, or ems for Measure::em) or a string with a unit,
    /// inside `range` and no longer than any length can be (limits::max_length).
    std::optional<double> length_of(const Value& value, const Range& range, Measure measure) {
        std::optional<double> length;
        if (number_of(value.node)) {
            length = number_of_value(value, range);
        } else if (const auto* text = value.node.as_string()) {
            length = parse_length(value, text->get(), measure);
            if (length && !check_range(value, *length, range)) return std::nullopt;
        } else {
            wrong_type(value, measure == Measure::em ? "length in em (like \"2em\" or 2)"
                                                     : "length (like \"10pt\" or 10)");
            return std::nullopt;
        }
        const bool in_em = measure == Measure::em;
        const double longest = in_em ? limits::max_em_length : limits::max_length;
        if (length && std::abs(*length) > longest) {
            diagnostics_.error(region(value.node),
                               fmt::format("'{}' is too long: at most {}{}, got {}", value.key,
                                           number_text(longest), in_em ? "em" : "pt", written(value.node)),
                               fmt::format("no length can exceed the largest PDF page ({}pt)",
                                           number_text(limits::max_page_extent)));
            return std::nullopt;
        }
        return length;
    }

    /// "10pt", "0.6in", "25.4 mm", "2em": a number, optional spaces, a unit.
    std::optional<double> parse_length(const Value& value, std::string_view text, Measure measure) {
        const std::string_view units_hint = measure == Measure::em ? "use em" : absolute_units_hint;
        double number = 0;
        const auto [number_end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (error != std::errc{} || !std::isfinite(number)) {
            diagnostics_.error(region_at(value.node, 0),
                               fmt::format("'{}' is not a length for '{}'", text, value.key),
                               "write a number and a unit, like \"10pt\"");
            return std::nullopt;
        }
        std::size_t unit_start = static_cast<std::size_t>(number_end - text.data());
        while (unit_start < text.size() && text[unit_start] == ' ') ++unit_start;
        const std::string_view unit = text.substr(unit_start);
        const SourceRegion unit_where = region_at(value.node, unit_start);
        if (unit.empty()) {
            diagnostics_.error(unit_where, fmt::format("missing unit in '{}' for '{}'", text, value.key),
                               fmt::format("{}, or write the number without quotes", units_hint));
            return std::nullopt;
        }
        if (unit == em_unit) {
            if (measure == Measure::em) return number;
            diagnostics_.error(unit_where, fmt::format("'{}': em is not allowed here", value.key),
                               std::string{absolute_units_hint});
            return std::nullopt;
        }
        const auto known = std::find_if(absolute_units.begin(), absolute_units.end(),
                                        [&](const Unit& candidate) { return candidate.name == unit; });
        if (known != absolute_units.end() && measure == Measure::absolute) return number * known->points;
        if (known != absolute_units.end()) {
            diagnostics_.error(unit_where, fmt::format("'{}' is measured in em, not {}", value.key, unit),
                               "write \"2em\" or 2");
            return std::nullopt;
        }
        diagnostics_.error(unit_where, fmt::format("unknown unit '{}' for '{}'", unit, value.key),
                           std::string{units_hint});
        return std::nullopt;
    }

    /// "#rrggbb" or "#rgb".
    std::optional<Color> color_of(const Value& value) {
        const auto* node = value.node.as_string();
        if (!node) {
            wrong_type(value, "color (like \"#1F4E79\")");
            return std::nullopt;
        }
        const std::string_view text = node->get();
        if (!text.starts_with('#')) {
            diagnostics_.error(region_at(value.node, 0),
                               fmt::format("'{}' is not a color for '{}'", text, value.key),
                               std::string{color_hint});
            return std::nullopt;
        }
        const std::string_view digits = text.substr(1);
        for (std::size_t i = 0; i < digits.size(); ++i) {
            if (!std::isxdigit(static_cast<unsigned char>(digits[i]))) {
                diagnostics_.error(
                    region_at(value.node, i + 1),
                    fmt::format("'{}' is not a hex digit in color '{}'", digits.substr(i, 1), text),
                    std::string{color_hint});
                return std::nullopt;
            }
        }
        if (digits.size() != short_hex_digits && digits.size() != long_hex_digits) {
            diagnostics_.error(region_at(value.node, 0),
                               fmt::format("color '{}' has {} hex digits", text, digits.size()),
                               std::string{color_hint});
            return std::nullopt;
        }
        const bool short_form = digits.size() == short_hex_digits;
        const std::size_t digits_per_channel = short_form ? 1 : 2;
        auto channel = [&](std::size_t index) {
            unsigned amount = 0;
            const char* begin = digits.data() + index * digits_per_channel;
            std::from_chars(begin, begin + digits_per_channel, amount, 16);
            return (short_form ? amount * short_hex_digit_scale : amount) / largest_channel_value;
        };
        return Color{channel(0), channel(1), channel(2)};
    }

    // --- readers that set a field ------------------------------------------------

    Read string_into(std::string& field, bool allow_empty = false) {
        return [this, &field, allow_empty](const Value& value) {
            if (auto text = string_of(value, allow_empty)) field = std::move(*text);
        };
    }

    Read strings_into(std::vector<std::string>& field) {
        return [this, &field](const Value& value) {
            if (auto strings = string_list_of(value)) field = std::move(*strings);
        };
    }

    Read bool_into(bool& field) {
        return [this, &field](const Value& value) {
            if (const auto* flag = value.node.as_boolean()) {
                field = flag->get();
            } else {
                wrong_type(value, "boolean");
            }
        };
    }

    Read number_into(double& field, Range range) {
        return [this, &field, range](const Value& value) {
            if (const auto number = number_of_value(value, range)) field = *number;
        };
    }

    Read length_into(double& field, Range range, Measure measure = Measure::absolute) {
        return [this, &field, range, measure](const Value& value) {
            if (const auto length = length_of(value, range, measure)) field = *length;
        };
    }

    Read color_into(Color& field) {
        return [this, &field](const Value& value) {
            if (const auto color = color_of(value)) field = *color;
        };
    }

    /// Non-empty strings; empty when the array has any problem.
    std::optional<std::vector<std::string>> string_list_of(const Value& value) {
        const toml::array* array = value.node.as_array();
        if (!array) {
            wrong_type(value, "array of strings");
            return std::nullopt;
        }
        std::vector<std::string> strings;
        bool clean = true;
        for (std::size_t i = 0; i < array->size(); ++i) {
            const toml::node& element = (*array)[i];
            const std::string element_name = fmt::format("element {} of '{}'", i + 1, value.key);
            if (const auto* text = element.as_string()) {
                strings.push_back(text->get());
            } else {
                diagnostics_.error(region(element),
                                   fmt::format("expected string for {}, got {}", element_name,
                                               detail::toml_type_name(element)));
                clean = false;
            }
        }
        if (!clean) return std::nullopt;
        return strings;
    }

    // --- keys with their own rules -------------------------------------------------

    /// `pdf_standard = "a-2b"` or `["a-2b", "ua-1"]`: replaces what an
    /// extended sheet claims.
    void read_pdf_standard(const Value& value) {
        std::vector<const toml::node*> names;
        if (const toml::array* array = value.node.as_array()) {
            for (const toml::node& element : *array) names.push_back(&element);
        } else {
            names.push_back(&value.node);
        }
        style::PdfStandards standards;
        bool clean = true;
        for (const toml::node* name : names) {
            const auto* text = name->as_string();
            if (text == nullptr) {
                wrong_type(Value{*name, value.key}, "string or array of strings (\"a-2b\", \"ua-1\")");
                clean = false;
                continue;
            }
            if (std::optional<style::PdfStandardProblem> problem =
                    style::add_pdf_standard(standards, text->get())) {
                diagnostics_.error(region(*name), std::move(problem->message), std::move(problem->hint));
                clean = false;
            }
        }
        if (clean) sheet_.pdf_standards = standards;
    }

    /// Tags to select on; an empty tag could match nothing the CV may have
    /// (the CV loader rejects empty tags).
    void read_tags(const Value& value, style::Selection& selection) {
        auto tags = string_list_of(value);
        if (!tags) return;
        const toml::array& array = *value.node.as_array();
        bool clean = true;
        for (std::size_t i = 0; i < tags->size(); ++i) {
            if (!(*tags)[i].empty()) continue;
            diagnostics_.error(region(array[i]), fmt::format("empty tag in '{}'", value.key));
            clean = false;
        }
        if (!clean) return;
        selection.tags = std::move(*tags);
        selection.tags_where = region(value.node);
    }

    /// Section titles, each with its position: whether the CV has them can
    /// only be checked when the CV is selected from.
    Read section_titles_into(std::vector<style::SectionTitle>& field) {
        return [this, &field](const Value& value) {
            const auto titles = string_list_of(value);
            if (!titles) return;
            const toml::array& array = *value.node.as_array();
            std::vector<style::SectionTitle> read;
            std::unordered_set<std::string> lowered;  // titles are compared without case, each once
            bool clean = true;
            for (std::size_t i = 0; i < titles->size(); ++i) {
                const std::string& title = (*titles)[i];
                const SourceRegion where = region(array[i]);
                const bool repeated = !title.empty() && !lowered.insert(ascii_lowercase(title)).second;
                if (title.empty()) {
                    diagnostics_.error(where, fmt::format("empty section title in '{}'", value.key));
                    clean = false;
                } else if (repeated) {
                    diagnostics_.error(where,
                                       fmt::format("section '{}' is listed twice in '{}'", title, value.key),
                                       "titles are compared without case");
                    clean = false;
                } else {
                    read.push_back({title, where});
                }
            }
            if (clean) field = std::move(read);
        };
    }

    /// A count of items: a non-negative TOML integer (3.0 is not a count).
    std::optional<std::size_t> count_of(const Value& value) {
        const auto* integer = value.node.as_integer();
        if (!integer) {
            wrong_type(value, "integer");
            return std::nullopt;
        }
        if (!check_range(value, static_cast<double>(integer->get()), non_negative)) return std::nullopt;
        return static_cast<std::size_t>(integer->get());
    }

    Read count_into(std::size_t& field) {
        return [this, &field](const Value& value) {
            if (const auto count = count_of(value)) field = *count;
        };
    }

    Read count_into(int& field) {
        return [this, &field](const Value& value) {
            const auto count = count_of(value);
            if (!count) return;
            if (*count > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
                diagnostics_.error(region(value.node), fmt::format("'{}' is too large", value.key));
                return;
            }
            field = static_cast<int>(*count);
        };
    }

    /// `max_items = { Skills = 2 }`: caps by section title. Like any table of
    /// a sheet, it changes only the titles it names, so a sheet extending
    /// another keeps the other's caps for the titles it does not name.
    void read_max_items(const Value& value, style::Selection& selection) {
        const toml::table* table = value.node.as_table();
        if (!table) {
            wrong_type(value, "table of section title = count");
            return;
        }
        // toml++ keeps keys sorted; caps keep the file's order, so that what
        // is reported about them later comes in file order too.
        std::vector<std::pair<const toml::key*, const toml::node*>> entries;
        for (auto&& [key, node] : *table) entries.emplace_back(&key, &node);
        std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
            const toml::source_position& first = a.first->source().begin;
            const toml::source_position& second = b.first->source().begin;
            return std::pair{first.line, first.column} < std::pair{second.line, second.column};
        });
        std::unordered_set<std::string> seen;  // lower case: titles are compared without case
        // Where each inherited or read cap stands in the list, by lower-case title.
        std::vector<style::SectionCap>& caps = selection.max_items;
        std::unordered_map<std::string, std::size_t> cap_of_title;
        for (std::size_t i = 0; i < caps.size(); ++i)
            cap_of_title.try_emplace(ascii_lowercase(caps[i].title), i);
        for (const auto& [key_pointer, node_pointer] : entries) {
            const toml::key& key = *key_pointer;
            const toml::node& node = *node_pointer;
            const std::string title{key.str()};
            const SourceRegion key_where = region(key.source());
            if (title.empty()) {
                diagnostics_.error(key_where, "empty section title in 'max_items'");
                continue;
            }
            if (!seen.insert(ascii_lowercase(title)).second) {
                diagnostics_.error(key_where,
                                   fmt::format("section '{}' is capped twice in 'max_items'", title),
                                   "titles are compared without case");
                continue;
            }
            // Messages name the cap as its dotted key: 'max_items.Skills'.
            const std::string dotted_key = fmt::format("{}.{}", value.key, title);
            const auto limit = count_of(Value{node, dotted_key});
            if (!limit) continue;
            const style::SectionCap cap{title, *limit, key_where};
            const auto [place, added] = cap_of_title.try_emplace(ascii_lowercase(title), caps.size());
            if (added) {
                caps.push_back(cap);
            } else {
                caps[place->second] = cap;
            }
        }
    }

    void read_name(const Value& value) {
        if (value.node.is_table()) {
            wrong_type(value, "string", "the person's name is styled in [person.name]");
            return;
        }
        if (auto name = string_of(value, /*allow_empty=*/false)) sheet_.name = std::move(*name);
    }

    void read_alignment(const Value& value) {
        static const std::vector<std::pair<std::string_view, style::Alignment>> alignments = {
            {"left", style::Alignment::left},
            {"center", style::Alignment::center},
            {"right", style::Alignment::right},
        };
        choice_into(sheet_.header_alignment, alignments, "alignment")(value);
    }

    /// One of a few names, each meaning one value of `field`.
    template <typename Choice>
    Read choice_into(Choice& field, const std::vector<std::pair<std::string_view, Choice>>& choices,
                     std::string_view what) {
        return [this, &field, &choices, what](const Value& value) {
            std::vector<std::string_view> names;
            for (const auto& choice : choices) names.push_back(choice.first);
            const std::string listed = fmt::format("\"{}\"", fmt::join(names, "\", \""));
            const auto* text = value.node.as_string();
            if (!text) {
                wrong_type(value, fmt::format("string ({})", listed));
                return;
            }
            for (const auto& [name, choice] : choices) {
                if (name == text->get()) {
                    field = choice;
                    return;
                }
            }
            std::string hint = did_you_mean(text->get(), names);
            if (hint.empty()) hint = fmt::format("use one of {}", listed);
            diagnostics_.error(region(value.node), fmt::format("unknown {} '{}'", what, text->get()), hint);
        };
    }

    void read_page(const Value& value) {
        const toml::table* table = value.node.as_table();
        if (!table) {
            wrong_type(value, "table");
            return;
        }
        if (table->contains("size")) {
            for (const std::string_view key : {"width", "height"}) {
                if (const toml::node* node = table->get(key)) {
                    diagnostics_.error(region(*node), "give either 'size' or 'width'/'height', not both");
                }
            }
        }
        read_keys(*table, "[page]", {},
                  {
                      {"size", [this](const Value& size) { read_paper_size(size); }},
                      {"width", page_length_into(sheet_.page_width, text_area_.width, page_extent_range)},
                      {"height", page_length_into(sheet_.page_height, text_area_.height, page_extent_range)},
                      {"margins", [this](const Value& margins) { read_margins(margins); }},
                  });
    }

    void read_paper_size(const Value& value) {
        const auto* text = value.node.as_string();
        if (!text) {
            wrong_type(value, "string (like \"letter\" or \"a4\")");
            return;
        }
        const std::string name = ascii_lowercase(text->get());
        const auto paper = std::find_if(paper_sizes.begin(), paper_sizes.end(),
                                        [&](const PaperSize& candidate) { return candidate.name == name; });
        if (paper == paper_sizes.end()) {
            std::vector<std::string_view> names;
            for (const PaperSize& candidate : paper_sizes) names.push_back(candidate.name);
            std::string hint = did_you_mean(name, names);
            if (hint.empty()) hint = "use letter, legal, a4 or a5, or set width and height";
            diagnostics_.error(region(value.node), fmt::format("unknown page size '{}'", text->get()), hint);
            return;
        }
        sheet_.page_width = paper->width;
        sheet_.page_height = paper->height;
        text_area_.width = text_area_.height = region(value.node);
    }

    /// A page dimension or margin; remembers it as the latest say on the
    /// text area's extent along that axis.
    Read page_length_into(double& field, SourceRegion& decides, Range range) {
        return [this, &field, &decides, range](const Value& value) {
            if (const auto length = length_of(value, range, Measure::absolute)) {
                field = *length;
                decides = region(value.node);
            }
        };
    }

    /// `margins = "0.6in"` for all four sides, or a table of sides.
    void read_margins(const Value& value) {
        style::Margins& margins = sheet_.margins;
        if (const toml::table* table = value.node.as_table()) {
            read_keys(*table, "[page.margins]", {},
                      {
                          {"top", page_length_into(margins.top, text_area_.height, non_negative)},
                          {"right", page_length_into(margins.right, text_area_.width, non_negative)},
                          {"bottom", page_length_into(margins.bottom, text_area_.height, non_negative)},
                          {"left", page_length_into(margins.left, text_area_.width, non_negative)},
                      });
            return;
        }
        if (!value.node.is_string() && !number_of(value.node)) {
            wrong_type(value, "length (like \"0.6in\") or table { top, right, bottom, left }");
            return;
        }
        if (const auto length = length_of(value, non_negative, Measure::absolute)) {
            margins = {*length, *length, *length, *length};
            text_area_.width = text_area_.height = region(value.node);
        }
    }

    /// Only {name}, {page} and {pages} are replaced; anything else in braces
    /// would be printed as is, which is never what was meant.
    void read_footer_text(const Value& value) {
        auto text = string_of(value, /*allow_empty=*/true);
        if (!text) return;
        for (std::size_t open = text->find('{'); open != std::string::npos;
             open = text->find('{', open + 1)) {
            const std::size_t close = text->find('}', open);
            if (close == std::string::npos) break;
            const std::string_view name = std::string_view{*text}.substr(open + 1, close - open - 1);
            const bool word = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
            });
            if (!word || std::find(footer_placeholders.begin(), footer_placeholders.end(), name) !=
                             footer_placeholders.end()) {
                continue;
            }
            const std::string match = closest_match(name, footer_placeholders);
            diagnostics_.error(region_at(value.node, open), fmt::format("unknown placeholder '{{{}}}'", name),
                               match.empty() ? "use {name}, {page}, {pages} or {pagination}"
                                             : fmt::format("did you mean '{{{}}}'?", match));
        }
        sheet_.footer_text = std::move(*text);
    }

    /// `months = "short"` (or "long", "numeric"): the language's month
    /// names in that form; twelve names: those, in every language (the key
    /// took only names before languages came).
    void read_month_form(const Value& value) {
        if (!value.node.is_string()) {
            read_months(value, sheet_.every_language_words);
            return;
        }
        const std::string_view form = value.node.as_string()->get();
        for (const auto& [name, month_form] : month_forms) {
            if (form == name) {
                sheet_.month_form = month_form;
                return;
            }
        }
        std::vector<std::string_view> names;
        for (const auto& known : month_forms) names.push_back(known.first);
        const std::string hint = did_you_mean(form, names);
        diagnostics_.error(region(value.node), fmt::format("unknown month form '{}'", form),
                           hint.empty() ? "use \"short\", \"long\", \"numeric\" or 12 names" : hint);
    }

    void read_months(const Value& value, style::WordOverrides& words) {
        auto months = string_list_of(value);
        if (!months) return;
        if (months->size() != months_in_year) {
            diagnostics_.error(region(value.node), fmt::format("'{}' needs {} names, got {}", value.key,
                                                               months_in_year, months->size()));
            return;
        }
        std::array<std::string, months_in_year>& names = words.month_lists[std::string{value.key}];
        std::move(months->begin(), months->end(), names.begin());
    }

    /// `updated = true`: the language's "Last updated {date}"; a text: that;
    /// "" or false: nothing.
    void read_footer_updated(const Value& value) {
        if (const auto* flag = value.node.as_boolean()) {
            sheet_.footer_updated_shown = flag->get();
            sheet_.footer_updated.clear();
            return;
        }
        if (auto text = string_of(value, /*allow_empty=*/true)) {
            sheet_.footer_updated_shown = !text->empty();
            sheet_.footer_updated = std::move(*text);
        }
    }

    detail::SourceText source_;
    std::shared_ptr<const std::string> path_;
    Sheet& sheet_;
    TextAreaSources& text_area_;
    Diagnostics& diagnostics_;
};

// --- a chain of files --------------------------------------------------------------

/// Builds one sheet from a file and everything it extends: the parent is
/// applied first, then the file's own keys on top.
class SheetBuilder {
public:
    SheetBuilder(FileAccess access, Diagnostics& diagnostics) : access_(access), diagnostics_(diagnostics) {}

    void apply(std::string_view text, const Origin& origin) {
        auto path = std::make_shared<const std::string>(origin.display);
        if (chain_.empty()) {
            sheet_.where = SourceRegion{path, {1, 1}, {1, 1}};
            if (!origin.builtin) sandbox_ = detail::sandbox_folder(origin.display);
        }
        const std::optional<toml::table> parsed = detail::parse_toml(text, path, diagnostics_);
        if (!parsed) return;
        const toml::table& root = *parsed;
        if (!origin.builtin) sheet_.source_files.push_back(origin.display);
        chain_.push_back(origin);
        if (const toml::node* extends = root.get("extends")) follow(*extends, path);
        Reader{text, path, sheet_, text_area_, diagnostics_}.apply(root);
        chain_.pop_back();
    }

    /// The finished sheet, after the checks that need every file applied.
    Sheet finish() {
        check_text_area(sheet_.page_width - sheet_.margins.left - sheet_.margins.right, text_area_.width,
                        "left and right", "width");
        check_text_area(sheet_.page_height - sheet_.margins.top - sheet_.margins.bottom, text_area_.height,
                        "top and bottom", "height");
        return std::move(sheet_);
    }

private:
    void follow(const toml::node& extends, const std::shared_ptr<const std::string>& path) {
        const SourceRegion where = detail::to_region(path, extends);
        const auto* value = extends.as_string();
        if (!value) {
            diagnostics_.error(
                where, fmt::format("expected string for 'extends', got {}", detail::toml_type_name(extends)));
            return;
        }
        const std::string& target = value->get();
        if (target.empty()) {
            diagnostics_.error(where, "empty 'extends'");
            return;
        }
        if (chain_.size() >= static_cast<std::size_t>(limits::max_extends_depth)) {
            diagnostics_.error(where, fmt::format("'extends' chain is longer than {} style sheets",
                                                  limits::max_extends_depth));
            return;
        }
        std::optional<Origin> parent = resolve(target, where);
        if (!parent) return;

        const auto seen = std::find_if(chain_.begin(), chain_.end(), [&](const Origin& origin) {
            return origin.identity == parent->identity;
        });
        if (seen != chain_.end()) {
            std::string cycle = "'extends' makes a cycle: ";
            for (auto origin = seen; origin != chain_.end(); ++origin) {
                fmt::format_to(std::back_inserter(cycle), "{} \u2192 ", origin->display);
            }
            cycle += parent->display;
            diagnostics_.error(where, std::move(cycle));
            return;
        }

        if (parent->builtin) {
            apply(find_builtin(target)->text, *parent);
            return;
        }
        const FileText file = read_file(parent->display);
        if (!file.error.empty()) {
            diagnostics_.error(where, fmt::format("cannot read '{}': {}", parent->display, file.error));
            return;
        }
        apply(file.text, *parent);
    }

    /// A built-in name, or a path relative to the extending file.
    std::optional<Origin> resolve(const std::string& target, const SourceRegion& where) {
        if (is_builtin_sheet_name(target)) {
            if (find_builtin(target)) return builtin_origin(target);
            diagnostics_.error(where, fmt::format("unknown built-in style '{}'", target),
                               unknown_builtin_hint(target));
            return std::nullopt;
        }
        const Origin& child = chain_.back();
        if (child.builtin) {
            diagnostics_.error(where, "a built-in style can only extend another built-in style");
            return std::nullopt;
        }
        const fs::path parent = fs::path{child.display}.parent_path() / target;
        if (access_ == FileAccess::sandboxed && !detail::is_inside(sandbox_, parent.string())) {
            diagnostics_.error(
                where, fmt::format("'extends' names '{}', outside the style's folder", target),
                fmt::format("with --sandbox, a style can only extend built-in styles and styles "
                            "in {} or below",
                            sandbox_.string()));
            return std::nullopt;
        }
        return file_origin(parent.lexically_normal().string());
    }

    void check_text_area(double extent, const SourceRegion& decided_by, std::string_view sides,
                         std::string_view dimension) {
        if (extent >= minimum_text_extent) return;
        diagnostics_.error(
            decided_by.path ? decided_by : sheet_.where,
            fmt::format("the {} margins leave {}pt of text {}; at least {}pt (1in) is needed", sides,
                        number_text(extent), dimension, number_text(minimum_text_extent)));
    }

    Sheet sheet_;
    TextAreaSources text_area_;
    std::vector<Origin> chain_;
    FileAccess access_;
    fs::path sandbox_;  ///< the folder of the first file, which others must stay under when sandboxed
    Diagnostics& diagnostics_;
};

Sheet build(std::string_view text, const Origin& origin, FileAccess access, Diagnostics& diagnostics) {
    Diagnostics found;
    SheetBuilder builder{access, found};
    builder.apply(text, origin);
    Sheet sheet = builder.finish();
    found.sort_by_position();
    diagnostics.append(found);
    return sheet;
}

}  // namespace

bool is_builtin_sheet_name(std::string_view name_or_path) {
    return name_or_path.find('/') == std::string_view::npos && !name_or_path.ends_with(".toml");
}

std::optional<style::Sheet> load_sheet(const std::string& name_or_path, Diagnostics& diagnostics,
                                       FileAccess access, std::vector<std::string>* files_read) {
    const std::size_t errors_before = diagnostics.error_count();
    Sheet sheet;
    if (name_or_path.empty()) {
        diagnostics.error({}, "empty style name", unknown_builtin_hint(""));
        return std::nullopt;
    }
    if (is_builtin_sheet_name(name_or_path)) {
        const detail::EmbeddedFile* builtin = find_builtin(name_or_path);
        if (!builtin) {
            diagnostics.error({}, fmt::format("unknown built-in style '{}'", name_or_path),
                              unknown_builtin_hint(name_or_path));
            return std::nullopt;
        }
        sheet = build(builtin->text, builtin_origin(name_or_path), access, diagnostics);
    } else {
        const FileText file = read_file(name_or_path);
        if (!file.error.empty()) {
            diagnostics.error(SourceRegion{std::make_shared<const std::string>(name_or_path), {}, {}},
                              fmt::format("cannot read the file: {}", file.error));
            return std::nullopt;
        }
        sheet = build(file.text, file_origin(name_or_path), access, diagnostics);
    }
    if (files_read) *files_read = sheet.source_files;
    if (diagnostics.error_count() > errors_before) return std::nullopt;
    return sheet;
}

style::Sheet load_sheet_text(std::string_view toml, const std::string& path, Diagnostics& diagnostics,
                             FileAccess access) {
    return build(toml, file_origin(path), access, diagnostics);
}

std::string fit_policy(const style::Sheet& sheet) {
    if (sheet.max_pages <= 0) return "any length; drops nothing to fit";
    const std::string_view pages = sheet.max_pages == 1 ? "page" : "pages";
    if (!sheet.fit.drop_items)
        return fmt::format("fits {} {} by tightening only; drops nothing", sheet.max_pages, pages);
    return fmt::format("fits {} {}; drops the lowest-priority items to fit, each with a warning",
                       sheet.max_pages, pages);
}

std::vector<std::pair<std::string, std::string>> builtin_sheets() {
    std::vector<std::pair<std::string, std::string>> sheets;
    for (const detail::EmbeddedFile& style : detail::embedded_styles()) {
        // Loaded in full, `extends` and all: what the listing says about
        // fitting is what a build does, not what a comment claims.
        Diagnostics ignored;  // a broken built-in fails its test; listing it is still useful
        const std::optional<style::Sheet> sheet = load_sheet(std::string{style.name}, ignored);
        std::string description = sheet ? sheet->description : std::string{};
        if (sheet) fmt::format_to(std::back_inserter(description), " [{}]", fit_policy(*sheet));
        sheets.emplace_back(std::string{style.name}, std::move(description));
    }
    return sheets;
}

std::optional<std::string_view> builtin_sheet_text(std::string_view name) {
    if (const detail::EmbeddedFile* style = find_builtin(name)) return style->text;
    return std::nullopt;
}

}  // namespace vitae
