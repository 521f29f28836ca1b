#pragma once
// A style sheet: every value that decides how a CV looks. The engine reads
// nothing about the look from anywhere else; built-in sheets live in
// styles/*.toml and are compiled into the binary.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "vitae/base/color.hpp"
#include "vitae/base/source.hpp"
#include "vitae/style/date_format.hpp"
#include "vitae/style/locale.hpp"
#include "vitae/style/pdf_standard.hpp"
#include "vitae/style/publication_format.hpp"

namespace vitae::style {

/// The sheet's colours (the type is base's: frames carry colours too).
using vitae::Color;

/// How one kind of text looks.
struct TextStyle {
    std::string family;  ///< empty: the sheet's body family
    double size = 10;    ///< pt
    bool bold = false;
    bool italic = false;
    bool uppercase = false;
    Color color;
};

struct Margins {
    double top = 36;  ///< pt
    double right = 36;
    double bottom = 36;
    double left = 36;
};

/// Line-breaking settings (Knuth–Plass). Names and meanings follow TeX.
struct LineBreaking {
    bool justify = false;
    /// Largest badness a line may have (TeX's \tolerance; plain TeX uses 200,
    /// LaTeX's \sloppy 9999). Ragged lines are measured against their own
    /// stretch, so the same value suits both modes.
    double tolerance = 400;
    /// Added to every line's demerits (TeX's \linepenalty, plain TeX: 10);
    /// makes fewer lines preferable.
    double line_penalty = 10;
    /// Demerits for two consecutive lines of very different tightness
    /// (TeX's \adjdemerits, plain TeX: 10000).
    double fitness_demerits = 10000;
    /// Stretch of the glue at the end of a ragged line, in ems (plain TeX's
    /// \raggedright gives 2em).
    double ragged_stretch = 2;
    /// Interword glue stretch and shrink as fractions of the space width
    /// (TeX's Computer Modern: +1/2, -1/3).
    double space_stretch = 0.5;
    double space_shrink = 1.0 / 3.0;

    /// Words are broken at the points the language's hyphenation patterns
    /// give (layout/hyphenation.hpp). Soft hyphens (U+00AD) are break
    /// points either way.
    bool hyphenate = false;
    /// Penalty for a break at a hyphenation point or a soft hyphen (TeX's
    /// \hyphenpenalty; plain TeX: 50).
    double hyphen_penalty = 50;
    /// Penalty for a break after an explicit hyphen (TeX's \exhyphenpenalty),
    /// in the engine and the .tex alike. Plain TeX's is 50; here it is half
    /// of the infinite 10000, so such a break is taken only where no other
    /// fits: text extractors read "cloud-" at a line's end and "based" on
    /// the next as two words, or glue them into "cloudbased" (poppler),
    /// which an applicant-tracking system then cannot match.
    double explicit_hyphen_penalty = 5000;
    /// Demerits for two consecutive lines ending at hyphens (TeX's
    /// \doublehyphendemerits; plain TeX: 10000).
    double double_hyphen_demerits = 10000;
    /// Demerits for a paragraph's next-to-last line ending at a hyphen, which
    /// leaves a word's end alone on the last (TeX's \finalhyphendemerits;
    /// plain TeX: 5000).
    double final_hyphen_demerits = 5000;
    /// At most this many lines in a row end at a hyphen (Duden and the
    /// Chicago Manual of Style both advise no more than two, or three).
    int consecutive_hyphens = 2;
    /// Least characters a hyphen leaves before and after it in a word (TeX's
    /// \lefthyphenmin and \righthyphenmin; plain TeX's English: 2 and 3).
    int left_hyphen_min = 2;
    int right_hyphen_min = 3;

    /// Text set without spaces (Chinese, Japanese) justifies by spacing its
    /// characters: each gap between two may stretch this much (em), as
    /// xeCJK's \CJKglue (0pt plus 0.08\baselineskip, about 0.1 em).
    static constexpr double ideographic_stretch = 0.1;
    /// Between an ideograph or kana and a Latin letter or digit with no
    /// space between them, the gap Chinese and Japanese typesetting leave
    /// (JIS X 4051 and the W3C's Requirements for Japanese Text Layout: a
    /// quarter em).
    static constexpr double ideographic_latin_gap = 0.25;

    /// A contact (an e-mail address, a URL) wider than its column is set
    /// smaller, down to this share of its size, to stay on one line: broken
    /// over lines, every text extractor reads a space where it breaks, and
    /// the address no longer works when copied. 0.8 is one step of the
    /// classic type scale (10 pt to 8 pt); smaller, it stops matching the
    /// line around it, and it is broken instead, with a warning.
    static constexpr double smallest_contact_scale = 0.8;

    /// The interword glue's stretch and shrink as lines are set, fractions
    /// of the space: a ragged line keeps its spaces rigid (its right margin
    /// gives instead, as plain TeX's \raggedright with fixed spaces).
    [[nodiscard]] double word_stretch() const { return justify ? space_stretch : 0; }
    [[nodiscard]] double word_shrink() const { return justify ? space_shrink : 0; }
};

enum class Alignment { left, center, right };

/// Where a style shows a CV's photo (`[photo] place`); a CV without a
/// photo shows none, whatever the style.
enum class PhotoPlace {
    none,     ///< never
    header,   ///< beside the header, flush right (flush left in a right-to-left CV)
    sidebar,  ///< at the top of the sidebar, centred; the header's place in a style without one
};

enum class PhotoShape { rectangle, rounded, circle };

/// How a skill's level shows (`[skills] level`): after the skill, a level
/// of 1–5 as filled and empty dots (●●●○○) or bars (▰▰▰▱▱), or as words
/// ("(4/5)", "(fluent)"); a level in words always shows as its words.
enum class LevelDisplay { none, dots, bars, word };

/// How phone numbers are written (`[person.contact] phone`): each is
/// checked, and one that is valid is written in the form chosen; as
/// written keeps the CV's own text and checks nothing.
enum class PhoneFormat { as_written, international, national, e164 };

/// How a photo shows (`[photo]`). The size defaults to the European
/// passport photo's 35 × 45 mm.
struct PhotoStyle {
    PhotoPlace place = PhotoPlace::header;
    PhotoShape shape = PhotoShape::rectangle;
    double width = 99.21;      ///< pt (35 mm)
    double height = 127.56;    ///< pt (45 mm); a circle is an ellipse in a box that is not square
    double corner_radius = 8;  ///< pt, of the rounded shape
    double gap = 12;           ///< pt between the photo and the text beside it or under it
};

/// How a letter looks beyond the CV's style (`[letter]`): the CV's fonts,
/// colours and header, its own spacing.
struct LetterStyle {
    /// Between the header and the recipient, and between the parts of the
    /// letter (the recipient, the date, the subject, the salutation…): in
    /// lines of the body text, as typed letters leave blank lines.
    double part_gap_lines = 1;
    /// Left for a handwritten signature between the closing and the name,
    /// in lines (three: the US and DIN conventions).
    double signature_lines = 3;
    /// The signature image's height (pt) when a letter has one: about the
    /// three lines it takes the place of.
    double signature_height = 36;
};

/// The web page beyond the CV's style (`[html]`).
struct HtmlStyle {
    /// The page follows a reader's dark setting (prefers-color-scheme):
    /// a dark background, and each colour of the style with its lightness
    /// turned over, its hue kept. Print stays as the PDF.
    bool dark_mode = false;
};

/// How far fitting to max_pages may go, step by step.
struct FitBounds {
    /// Gaps (between sections, entries, roles, bullets, publications) may
    /// shrink to this share of their designed size.
    double min_spacing_scale = 0.5;
    /// Line height (as a multiple of the size) may come down to this.
    double min_line_height = 1.1;
    /// Type sizes may shrink to this share of their designed size.
    double min_font_scale = 0.9;
    /// Margins may come down to this (pt), never below.
    double min_margin = 36;
    /// Lowest-priority items may be left out, each section trimmed from its tail, once
    /// tightening is not enough. Off, a CV that cannot be tightened into
    /// max_pages fails: only a style whose purpose is a page count (onepage)
    /// should turn it on, and `vitae styles` says which do.
    bool drop_items = false;
};

/// A section title named by a style, with where the style names it: only
/// the CV can tell whether the title exists, so a missing one is reported
/// at selection time, at this key.
struct SectionTitle {
    std::string title;
    SourceRegion where;
};

/// A cap on the items of one section (`[select] max_items`).
struct SectionCap {
    std::string title;
    std::size_t limit = 0;  ///< keep the first `limit` items; 0: no cap, even when a global cap is set
    SourceRegion where;
};

/// Which parts of the CV a build shows (`[select]`, and `--tags`). Titles
/// are compared without case; whatever is left out is recorded with its
/// reason (select.hpp), so nothing disappears without a word.
struct Selection {
    /// Keep a section, entry, publication or skill row that has any of these
    /// tags, or none at all; empty: no tag filter.
    std::vector<std::string> tags;
    SourceRegion tags_where;
    /// Only these sections, in this order; empty: every section, in CV order.
    std::vector<SectionTitle> sections;
    std::vector<SectionTitle> exclude_sections;
    /// Caps on sections of kind entries and publications; 0: no cap.
    std::size_t max_entries = 0;
    std::size_t max_publications = 0;
    /// Caps by section title, for any kind; they override the two above.
    std::vector<SectionCap> max_items;
    bool selected_publications_only = false;
    /// With selected_publications_only, when the CV marks no publication
    /// selected: each publications section keeps its N newest instead of
    /// none; 0: none.
    std::size_t newest_when_none_selected = 0;
};

struct Sheet {
    std::string name = "default";
    std::string description;
    SourceRegion where;  ///< the file the sheet came from
    /// The style files read to make the sheet, the one named first, then
    /// those it extends (built-in styles are not files).
    std::vector<std::string> source_files;

    // Page
    double page_width = 612;  ///< pt (US letter)
    double page_height = 792;
    Margins margins;

    // Fonts: families are fontconfig names; fallbacks are tried per
    // character, in order, when a face lacks a glyph.
    std::string body_family = "Lato";
    std::vector<std::string> fallback_families = {"DejaVu Sans", "WenQuanYi Micro Hei", "Symbola"};
    std::string icon_family = "FontAwesome";

    TextStyle body{{}, 10, false, false, false, {}};
    /// Baseline-to-baseline distance as a multiple of the font size.
    double line_height = 1.25;

    Alignment header_alignment = Alignment::center;

    /// One column, or a sidebar beside the main column on every page; the
    /// sidebar holds the header (name, contacts) and the sections whose kind
    /// is listed in sidebar_kinds.
    bool sidebar = false;
    double sidebar_width = 160;  ///< pt
    double column_gap = 18;      ///< pt between the sidebar and the main column
    std::vector<std::string> sidebar_kinds = {"skills", "list"};
    /// Skills whose labels would take more than this share of their column
    /// put the label above the items instead of beside them.
    double skills_label_share = 0.4;
    TextStyle person_name{{}, 24, true, false, false, {}};
    TextStyle headline{{}, 11, false, false, false, {}};
    TextStyle contact{{}, 9.5, false, false, false, {}};
    std::string contact_separator = "\u00B7";
    bool contact_icons = true;
    PhoneFormat phone_format = PhoneFormat::international;

    TextStyle section_heading{{}, 12, true, false, true, {}};
    bool section_rule = true;
    double section_rule_thickness = 0.6;  ///< pt
    Color section_rule_color{0.3, 0.3, 0.3};
    double section_rule_gap = 2;     ///< pt between the heading's descenders and the rule
    double section_gap_before = 10;  ///< pt above a section heading
    double section_gap_after = 4;    ///< pt between the heading (or its rule) and the content

    TextStyle entry_title{{}, 10, true, false, false, {}};
    TextStyle entry_subtitle{{}, 10, false, true, false, {}};
    TextStyle entry_date{{}, 10, false, false, false, {}};
    TextStyle entry_location{{}, 10, false, true, false, {}};
    double entry_gap = 6;  ///< pt between entries
    double role_gap = 3;   ///< pt between roles at one employer
    /// No page break inside an entry (unless it is longer than a page),
    /// where the CV does not say otherwise; false: only a heading is kept
    /// with what follows, and no paragraph leaves a line alone.
    bool keep_entries_together = false;

    std::string bullet = "\u2022";
    double bullet_indent = 8;        ///< pt from the left margin to the bullet
    double bullet_text_indent = 18;  ///< pt from the left margin to the text
    /// The marker of a bullet nested under another (`[bullets] nested_glyph`).
    std::string nested_bullet = "\u25E6";
    /// How much further in (pt) each level of nesting sets its bullet and text.
    double nested_indent = 10;
    double date_gap = 12;      ///< pt kept free between a title and the dates on its right
    double highlight_gap = 1;  ///< pt between bullets

    TextStyle skill_label{{}, 10, true, false, false, {}};
    /// Between skill items; empty: the language's list separator.
    std::string skill_separator;
    double skill_label_gap = 8;  ///< pt between the widest label and the items
    LevelDisplay skill_level = LevelDisplay::word;

    TextStyle publication_title{{}, 10, true, false, false, {}};
    TextStyle publication_authors{{}, 10, false, false, false, {}};
    TextStyle publication_venue{{}, 10, false, true, false, {}};
    TextStyle publication_award{{}, 10, true, false, false, {0.6, 0.1, 0.1}};
    TextStyle publication_group{{}, 10.5, true, false, false, {}};
    std::string equal_contribution_mark = "*";
    /// Under a list with equal contributions; empty: the mark, then the
    /// language's words ("* equal contribution", "* gleicher Beitrag").
    std::string equal_contribution_note;
    bool number_publications = true;
    /// The CV's owner is set bold in author lists (names.hpp tells who).
    bool highlight_owner = true;
    double publication_gap = 3;  ///< pt between publications
    double number_gap = 4;       ///< pt between a publication's number and its title
    /// Which of a publication's abbr, month, volume, issue and pages show.
    PublicationDetails publication_details;

    Color link_color{0, 0, 0};

    PhotoStyle photo;
    LetterStyle letter;
    HtmlStyle html;

    bool footer = false;
    /// {name}, {page} and {pages} are replaced; {pagination} by the
    /// language's "page {page} of {pages}".
    std::string footer_text = "{name} \u2014 {pagination}";
    TextStyle footer_style{{}, 8, false, false, false, {0.4, 0.4, 0.4}};
    /// Right of the footer when the build has a date: footer_updated, or
    /// when that is empty the language's "Last updated {date}"; {date} is
    /// replaced.
    bool footer_updated_shown = false;
    std::string footer_updated;

    LineBreaking line_breaking;
    /// How months are written (`[dates] months = "short"`).
    MonthForm month_form = MonthForm::short_names;
    /// Words the style sets, for every language and per language tag.
    WordOverrides every_language_words;
    std::map<std::string, WordOverrides, std::less<>> language_words;
    /// The words as resolved for the build's language (apply_locale), and
    /// the language: English until then.
    DateWords date_words;
    Words words;
    BuildLanguage language;

    Selection selection;

    /// 0: as many pages as the CV takes. Otherwise the CV is fitted.
    int max_pages = 0;
    FitBounds fit;

    /// The standards the PDF conforms to (`pdf_standard`); `vitae build
    /// --pdf-standard` replaces them.
    PdfStandards pdf_standards;

    /// Every text style of the sheet with its name, the table that sets it
    /// in a style sheet: a new style belongs in this list, so that font
    /// checks, fitting and traces see it.
    template <typename SheetType>
    static auto named_text_styles_of(SheetType& sheet) {
        using Style = std::conditional_t<std::is_const_v<SheetType>, const TextStyle, TextStyle>;
        struct Named {
            std::string_view name;
            Style* style;
        };
        return std::vector<Named>{{"text", &sheet.body},
                                  {"person.name", &sheet.person_name},
                                  {"person.headline", &sheet.headline},
                                  {"person.contact", &sheet.contact},
                                  {"section.heading", &sheet.section_heading},
                                  {"entries.title", &sheet.entry_title},
                                  {"entries.subtitle", &sheet.entry_subtitle},
                                  {"entries.date", &sheet.entry_date},
                                  {"entries.location", &sheet.entry_location},
                                  {"skills.label", &sheet.skill_label},
                                  {"publications.title", &sheet.publication_title},
                                  {"publications.authors", &sheet.publication_authors},
                                  {"publications.venue", &sheet.publication_venue},
                                  {"publications.award", &sheet.publication_award},
                                  {"publications.group", &sheet.publication_group},
                                  {"footer", &sheet.footer_style}};
    }
    template <typename SheetType>
    static auto text_styles_of(SheetType& sheet) {
        std::vector<decltype(named_text_styles_of(sheet).front().style)> styles;
        for (const auto& named : named_text_styles_of(sheet)) styles.push_back(named.style);
        return styles;
    }
    [[nodiscard]] std::vector<const TextStyle*> text_styles() const { return text_styles_of(*this); }
    [[nodiscard]] std::vector<TextStyle*> text_styles() { return text_styles_of(*this); }
    /// The name of one of this sheet's text styles ("entries.title"); empty
    /// for a style that is not the sheet's.
    [[nodiscard]] std::string_view name_of(const TextStyle* style) const {
        for (const auto& named : named_text_styles_of(*this)) {
            if (named.style == style) return named.name;
        }
        return {};
    }
};

}  // namespace vitae::style

namespace vitae::style {

/// Resolves the sheet's words for a build in `locale`'s language (`tag` as
/// the CV or --lang gave it, "de-CH"): the pack's words in the sheet's
/// month form, then the style's words for every language, then its words
/// for this language (for the tag, else its primary language).
void apply_locale(Sheet& sheet, const Locale& locale, std::string_view tag);

/// The sheet as a letter in `layout` uses it: one column, no CV footer, and
/// for a national layout its paper and margins (DIN 5008: A4 with 25 and
/// 20 mm side margins; a US business letter: US Letter with 1 in margins).
void use_for_letter(Sheet& sheet, cv::LetterLayout layout);

}  // namespace vitae::style
