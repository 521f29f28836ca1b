#pragma once
// A style sheet: every value that decides how a CV looks. The engine reads
// nothing about the look from anywhere else; built-in sheets live in
// styles/*.toml and are compiled into the binary.

#include <optional>
#include <string>
#include <vector>

#include "vitae/date_format.hpp"
#include "vitae/source.hpp"

namespace vitae::style {

/// sRGB, each channel 0–1.
struct Color {
    double red = 0;
    double green = 0;
    double blue = 0;

    friend bool operator==(const Color&, const Color&) = default;
};

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
};

enum class Alignment { left, center, right };

struct Sheet {
    std::string name = "default";
    std::string description;
    SourceRegion where;  ///< the file the sheet came from

    // Page
    double page_width = 612;  ///< pt (US letter)
    double page_height = 792;
    Margins margins;

    // Fonts: families are fontconfig names; fallbacks are tried per
    // character, in order, when a face lacks a glyph.
    std::string body_family = "Lato";
    std::vector<std::string> fallback_families = {"DejaVu Sans", "Symbola"};
    std::string icon_family = "FontAwesome";

    TextStyle body{{}, 10, false, false, false, {}};
    /// Baseline-to-baseline distance as a multiple of the font size.
    double line_height = 1.25;

    Alignment header_alignment = Alignment::center;
    TextStyle person_name{{}, 24, true, false, false, {}};
    TextStyle headline{{}, 11, false, false, false, {}};
    TextStyle contact{{}, 9.5, false, false, false, {}};
    std::string contact_separator = "\u00B7";
    bool contact_icons = true;

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

    std::string bullet = "\u2022";
    double bullet_indent = 8;        ///< pt from the left margin to the bullet
    double bullet_text_indent = 18;  ///< pt from the left margin to the text
    double date_gap = 12;            ///< pt kept free between a title and the dates on its right
    double highlight_gap = 1;        ///< pt between bullets

    TextStyle skill_label{{}, 10, true, false, false, {}};
    std::string skill_separator = ", ";
    double skill_label_gap = 8;  ///< pt between the widest label and the items

    TextStyle publication_title{{}, 10, true, false, false, {}};
    TextStyle publication_authors{{}, 10, false, false, false, {}};
    TextStyle publication_venue{{}, 10, false, true, false, {}};
    TextStyle publication_award{{}, 10, true, false, false, {0.6, 0.1, 0.1}};
    TextStyle publication_group{{}, 10.5, true, false, false, {}};
    std::string equal_contribution_mark = "*";
    std::string equal_contribution_note = "* equal contribution";
    bool number_publications = true;
    double publication_gap = 3;  ///< pt between publications

    Color link_color{0, 0, 0};

    bool footer = false;
    /// {name}, {page} and {pages} are replaced.
    std::string footer_text = "{name} \u2014 page {page} of {pages}";
    TextStyle footer_style{{}, 8, false, false, false, {0.4, 0.4, 0.4}};

    LineBreaking line_breaking;
    DateWords date_words;

    /// Every text style of the sheet: a new style belongs in this list, so
    /// font checks see it.
    [[nodiscard]] std::vector<const TextStyle*> text_styles() const {
        return {&body,
                &person_name,
                &headline,
                &contact,
                &section_heading,
                &entry_title,
                &entry_subtitle,
                &entry_date,
                &entry_location,
                &skill_label,
                &publication_title,
                &publication_authors,
                &publication_venue,
                &publication_award,
                &publication_group,
                &footer_style};
    }
};

}  // namespace vitae::style
