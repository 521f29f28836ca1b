#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "unit/support.hpp"
#include "unit/temporary_directory.hpp"
#include "vitae/base/limits.hpp"
#include "vitae/load/locale_loader.hpp"
#include "vitae/load/sheet_loader.hpp"

using vitae::Diagnostics;
using vitae::style::Color;
using vitae::style::Sheet;

namespace {

namespace fs = std::filesystem;
using vitae::test::TemporaryDirectory;

constexpr double points_per_inch = 72;

struct Loaded {
    Sheet sheet;
    std::vector<std::string> diagnostics;
};

Loaded load(std::string_view toml, const std::string& path = "sheet.toml") {
    Diagnostics diagnostics;
    Loaded loaded{vitae::load_sheet_text(toml, path, diagnostics), {}};
    loaded.diagnostics = vitae::test::lines(diagnostics);
    return loaded;
}

Sheet builtin_default() {
    Diagnostics diagnostics;
    std::optional<Sheet> sheet = vitae::load_sheet("default", diagnostics);
    REQUIRE(sheet);
    return *sheet;
}

/// The one diagnostic a sheet produces.
std::string only_problem(std::string_view toml) {
    const Loaded loaded = load(toml);
    REQUIRE(loaded.diagnostics.size() == 1);
    return loaded.diagnostics.front();
}

Color rgb(double red, double green, double blue) {
    constexpr double largest = 255;
    return Color{red / largest, green / largest, blue / largest};
}

}  // namespace

TEST_CASE("the default built-in loads cleanly with the documented values", "[sheet]") {
    Diagnostics diagnostics;
    const std::optional<Sheet> loaded = vitae::load_sheet("default", diagnostics);
    CHECK(vitae::test::lines(diagnostics).empty());
    REQUIRE(loaded);
    const Sheet& sheet = *loaded;
    CHECK(sheet.name == "default");
    CHECK(sheet.where.to_string() == "<built-in>/default.toml:1:1");
    CHECK(sheet.page_width == Approx(612));
    CHECK(sheet.page_height == Approx(792));
    for (const double margin :
         {sheet.margins.top, sheet.margins.right, sheet.margins.bottom, sheet.margins.left}) {
        CHECK(margin == Approx(43.2));
    }
    CHECK(sheet.body_family == "Lato");
    CHECK(sheet.fallback_families == std::vector<std::string>{"DejaVu Sans", "Garuda", "Lohit Devanagari",
                                                              "WenQuanYi Micro Hei", "IPAGothic", "Symbola"});
    CHECK(sheet.body.size == Approx(10));
    CHECK(sheet.body.color == rgb(0x22, 0x22, 0x22));
    CHECK(sheet.line_height == Approx(1.25));
    CHECK(sheet.person_name.size == Approx(24));
    CHECK(sheet.person_name.bold);
    CHECK(sheet.header_alignment == vitae::style::Alignment::center);
    CHECK(sheet.section_heading.bold);
    CHECK(sheet.section_heading.uppercase);
    CHECK(sheet.section_heading.color == rgb(0x1F, 0x4E, 0x79));
    CHECK(sheet.section_rule);
    CHECK(sheet.section_rule_color == rgb(0x1F, 0x4E, 0x79));
    CHECK(sheet.entry_subtitle.italic);
    CHECK(sheet.entry_date.size == Approx(sheet.body.size));
    CHECK(sheet.line_breaking.ragged_stretch == Approx(2));
    CHECK(sheet.month_form == vitae::style::MonthForm::short_names);
    CHECK(sheet.language_words.at("en").month_lists.at("short_months").at(8) == "Sep.");
    CHECK(sheet.every_language_words.empty());
    CHECK_FALSE(sheet.footer);
    CHECK(sheet.highlight_owner);
}

TEST_CASE("every built-in style loads without diagnostics", "[sheet]") {
    for (const auto& [name, description] : vitae::builtin_sheets()) {
        INFO(name);
        Diagnostics diagnostics;
        CHECK(vitae::load_sheet(name, diagnostics));
        CHECK(vitae::test::lines(diagnostics).empty());
        CHECK_FALSE(description.empty());
        CHECK(vitae::builtin_sheet_text(name));
    }
}

TEST_CASE("builtin_sheets lists the default style with its description and what fitting may do", "[sheet]") {
    const auto sheets = vitae::builtin_sheets();
    const auto found = std::find_if(sheets.begin(), sheets.end(),
                                    [](const auto& sheet) { return sheet.first == "default"; });
    REQUIRE(found != sheets.end());
    CHECK(found->second ==
          "Clean sans-serif résumé: Lato on US letter, deep-blue section headings over a thin rule "
          "[any length; drops nothing to fit]");
    vitae::style::Sheet sheet;
    sheet.max_pages = 2;
    CHECK(vitae::fit_policy(sheet) == "fits 2 pages by tightening only; drops nothing");
    sheet.max_pages = 1;
    sheet.fit.drop_items = true;
    CHECK(vitae::fit_policy(sheet) ==
          "fits 1 page; drops the lowest-priority items to fit, each with a warning");
    CHECK_FALSE(vitae::builtin_sheet_text("no-such-style"));
}

TEST_CASE("names without a slash or .toml are built-ins, the rest are paths", "[sheet]") {
    CHECK(vitae::is_builtin_sheet_name("default"));
    CHECK_FALSE(vitae::is_builtin_sheet_name("default.toml"));
    CHECK_FALSE(vitae::is_builtin_sheet_name("./default"));
    CHECK_FALSE(vitae::is_builtin_sheet_name("styles/mine.toml"));
}

TEST_CASE("lengths convert from every unit to points", "[sheet]") {
    auto length_of = [](std::string_view value) {
        const Loaded loaded = load("[section]\ngap_before = " + std::string{value} + "\n");
        INFO(value);
        CHECK(loaded.diagnostics.empty());
        return loaded.sheet.section_gap_before;
    };
    CHECK(length_of("\"1in\"") == Approx(points_per_inch));
    CHECK(length_of("\"25.4mm\"") == Approx(points_per_inch));
    CHECK(length_of("\"2.54cm\"") == Approx(points_per_inch));
    CHECK(length_of("\"72pt\"") == Approx(points_per_inch));
    CHECK(length_of("\"72 pt\"") == Approx(points_per_inch));
    CHECK(length_of("72") == Approx(points_per_inch));
    CHECK(length_of("72.0") == Approx(points_per_inch));
    CHECK(load("[line_breaking]\nragged_stretch = \"1.5em\"\n").sheet.line_breaking.ragged_stretch ==
          Approx(1.5));
    CHECK(load("[line_breaking]\nragged_stretch = 3\n").sheet.line_breaking.ragged_stretch == Approx(3));
}

TEST_CASE("paper sizes set both page dimensions", "[sheet]") {
    const Loaded a4 = load("[page]\nsize = \"a4\"\n");
    CHECK(a4.diagnostics.empty());
    CHECK(a4.sheet.page_width == Approx(595.276).epsilon(1e-5));
    CHECK(a4.sheet.page_height == Approx(841.89).epsilon(1e-5));
    const Loaded legal = load("[page]\nsize = \"Legal\"\n");
    CHECK(legal.diagnostics.empty());
    CHECK(legal.sheet.page_width == Approx(612));
    CHECK(legal.sheet.page_height == Approx(1008));
    CHECK(load("[page]\nsize = \"a5\"\n").sheet.page_width == Approx(419.528).epsilon(1e-5));
}

TEST_CASE("margins are one length or a table of sides", "[sheet]") {
    const Loaded all = load("[page]\nmargins = \"1cm\"\n");
    CHECK(all.diagnostics.empty());
    CHECK(all.sheet.margins.left == Approx(28.3465).epsilon(1e-5));
    CHECK(all.sheet.margins.bottom == Approx(28.3465).epsilon(1e-5));
    const Loaded sides = load("[page]\nmargins = { top = \"1in\", left = 20 }\n");
    CHECK(sides.diagnostics.empty());
    CHECK(sides.sheet.margins.top == Approx(72));
    CHECK(sides.sheet.margins.left == Approx(20));
    const vitae::style::Margins defaults;
    CHECK(sides.sheet.margins.right == Approx(defaults.right));
}

TEST_CASE("colors are #rrggbb or #rgb", "[sheet]") {
    const Loaded loaded = load("[text]\ncolor = \"#1F4E79\"\n[links]\ncolor = \"#fff\"\n");
    CHECK(loaded.diagnostics.empty());
    CHECK(loaded.sheet.body.color == rgb(31, 78, 121));
    CHECK(loaded.sheet.link_color == Color{1, 1, 1});
}

TEST_CASE("name defaults to the file stem, description to nothing", "[sheet]") {
    CHECK(load("", "styles/compact.toml").sheet.name == "compact");
    const Loaded named = load("name = \"Tight\"\ndescription = \"Small margins\"\n", "x.toml");
    CHECK(named.sheet.name == "Tight");
    CHECK(named.sheet.description == "Small margins");
}

TEST_CASE("a sheet extending default changes only what it sets", "[sheet]") {
    const Loaded loaded = load(R"(extends = "default"
[text]
size = "11pt"
[person.name]
size = "30pt"
)",
                               "mine.toml");
    CHECK(loaded.diagnostics.empty());
    const Sheet defaults = builtin_default();
    const Sheet& sheet = loaded.sheet;
    CHECK(sheet.name == "mine");
    CHECK(sheet.description.empty());
    CHECK(sheet.where.to_string() == "mine.toml:1:1");
    CHECK(sheet.body.size == Approx(11));
    // The rest of [text] and [person.name] comes from the parent.
    CHECK(sheet.body.color == defaults.body.color);
    CHECK(sheet.line_height == Approx(defaults.line_height));
    CHECK(sheet.person_name.size == Approx(30));
    CHECK(sheet.person_name.bold == defaults.person_name.bold);
    CHECK(sheet.person_name.color == defaults.person_name.color);
    // So does everything else.
    CHECK(sheet.margins.left == Approx(defaults.margins.left));
    CHECK(sheet.page_height == Approx(defaults.page_height));
    CHECK(sheet.section_heading.color == defaults.section_heading.color);
    CHECK(sheet.section_heading.size == Approx(defaults.section_heading.size));
    CHECK(sheet.line_breaking.space_shrink == Approx(defaults.line_breaking.space_shrink));
    CHECK(sheet.language_words.at("en").month_lists == defaults.language_words.at("en").month_lists);
}

TEST_CASE("extends follows paths relative to the extending file", "[sheet]") {
    const TemporaryDirectory directory;
    static_cast<void>(directory.write("base.toml", "[text]\nsize = 9\ncolor = \"#333\"\n"));
    const std::string child = directory.write("child.toml", "extends = \"base.toml\"\n[text]\nsize = 12\n");
    Diagnostics diagnostics;
    const std::optional<Sheet> sheet = vitae::load_sheet(child, diagnostics);
    CHECK(vitae::test::lines(diagnostics).empty());
    REQUIRE(sheet);
    CHECK(sheet->name == "child");
    CHECK(sheet->body.size == Approx(12));
    CHECK(sheet->body.color == rgb(0x33, 0x33, 0x33));
}

// --- every kind of problem, with its exact line ------------------------------

TEST_CASE("unknown style keys suggest the near one", "[sheet]") {
    CHECK(load("[text]\ncolour = \"#000\"\n[entry.title]\nbold = true\n[section]\nheading = { sise = 3 }\n")
              .diagnostics ==
          std::vector<std::string>{
              "sheet.toml:2:1: error: unknown key 'colour' in [text] (did you mean 'color'?)",
              "sheet.toml:3:2: error: unknown key 'entry' in the style sheet (did you mean "
              "'entries'?)",
              "sheet.toml:6:13: error: unknown key 'sise' in [section.heading] (did you "
              "mean 'size'?)",
          });
    CHECK(only_problem("[text]\nfamily = \"Lato\"\n") ==
          "sheet.toml:2:1: error: unknown key 'family' in [text] (the body family is 'body' in [fonts])");
}

TEST_CASE("style values of the wrong type say what was expected", "[sheet]") {
    CHECK(load("[text]\nsize = true\nbold = \"yes\"\ncolor = 0x222222\n[fonts]\nfallbacks = [\"A\", 1]\n")
              .diagnostics ==
          std::vector<std::string>{
              "sheet.toml:2:8: error: expected length (like \"10pt\" or 10) for 'size', got boolean",
              "sheet.toml:3:8: error: expected boolean for 'bold', got string",
              "sheet.toml:4:9: error: expected color (like \"#1F4E79\") for 'color', got integer",
              "sheet.toml:6:19: error: expected string for element 2 of 'fallbacks', got integer",
          });
    CHECK(only_problem("[name]\nsize = 3\n") ==
          "sheet.toml:1:1: error: expected string for 'name', got table (the person's name is styled in "
          "[person.name])");
}

TEST_CASE("lengths with a bad unit point at the unit", "[sheet]") {
    CHECK(only_problem("[text]\nsize = \"10px\"\n") ==
          "sheet.toml:2:11: error: unknown unit 'px' for 'size' (use pt, in, mm or cm)");
    CHECK(only_problem("[text]\nsize = \"1em\"\n") ==
          "sheet.toml:2:10: error: 'size': em is not allowed here (use pt, in, mm or cm)");
    CHECK(only_problem("[text]\nsize = \"10\"\n") ==
          "sheet.toml:2:11: error: missing unit in '10' for 'size' (use pt, in, mm or cm, or write the "
          "number without quotes)");
    CHECK(
        only_problem("[text]\nsize = \"big\"\n") ==
        "sheet.toml:2:9: error: 'big' is not a length for 'size' (write a number and a unit, like \"10pt\")");
    CHECK(only_problem("[line_breaking]\nragged_stretch = \"10pt\"\n") ==
          "sheet.toml:2:21: error: 'ragged_stretch' is measured in em, not pt (write \"2em\" or 2)");
}

TEST_CASE("bad colors point into the string", "[sheet]") {
    CHECK(only_problem("[text]\ncolor = \"#12g\"\n") ==
          "sheet.toml:2:13: error: 'g' is not a hex digit in color '#12g' (write \"#rrggbb\" or \"#rgb\")");
    CHECK(only_problem("[text]\ncolor = \"#1234\"\n") ==
          "sheet.toml:2:10: error: color '#1234' has 4 hex digits (write \"#rrggbb\" or \"#rgb\")");
    CHECK(only_problem("[text]\ncolor = \"navy\"\n") ==
          "sheet.toml:2:10: error: 'navy' is not a color for 'color' (write \"#rrggbb\" or \"#rgb\")");
}

TEST_CASE("values out of range are errors", "[sheet]") {
    CHECK(load(R"([text]
size = "-2pt"
line_height = 5
[section]
gap_before = -1
[line_breaking]
space_shrink = 1
[dates]
months = ["Jan", "Feb"]
)")
              .diagnostics ==
          std::vector<std::string>{
              "sheet.toml:2:8: error: 'size' must be greater than 0 and at most 600, got -2pt",
              "sheet.toml:3:15: error: 'line_height' must be between 0.8 and 3, got 5",
              "sheet.toml:5:14: error: 'gap_before' must not be negative, got -1",
              "sheet.toml:7:16: error: 'space_shrink' must be at least 0 and less than 1, got 1",
              "sheet.toml:9:10: error: 'months' needs 12 names, got 2",
          });
}

TEST_CASE("margins must leave an inch of text each way", "[sheet]") {
    CHECK(only_problem("[page]\nmargins = \"4in\"\n") ==
          "sheet.toml:2:11: error: the left and right margins leave 36pt of text width; at least 72pt (1in) "
          "is needed");
    CHECK(only_problem("[page]\nmargins = { top = \"5in\", bottom = \"5.5in\" }\n") ==
          "sheet.toml:2:35: error: the top and bottom margins leave 36pt of text height; at least 72pt (1in) "
          "is needed");
    CHECK(only_problem("[page]\nsize = \"a4\"\nwidth = \"8in\"\n") ==
          "sheet.toml:3:9: error: give either 'size' or 'width'/'height', not both");
}

TEST_CASE("enumerated values suggest the near one", "[sheet]") {
    CHECK(only_problem("[page]\nsize = \"a44\"\n") ==
          "sheet.toml:2:8: error: unknown page size 'a44' (did you mean 'a4'?)");
    CHECK(only_problem("[person]\nalignment = \"centre\"\n") ==
          "sheet.toml:2:13: error: unknown alignment 'centre' (did you mean 'center'?)");
    CHECK(only_problem("[footer]\ntext = \"{name}, {pgae}\"\n") ==
          "sheet.toml:2:17: error: unknown placeholder '{pgae}' (did you mean '{page}'?)");
}

TEST_CASE("an unknown built-in lists the built-ins", "[sheet]") {
    std::string builtins;
    for (const auto& [name, description] : vitae::builtin_sheets()) {
        builtins += (builtins.empty() ? "" : ", ") + name;
    }
    Diagnostics diagnostics;
    CHECK_FALSE(vitae::load_sheet("defualt", diagnostics));
    CHECK(vitae::test::lines(diagnostics) ==
          std::vector<std::string>{
              "error: unknown built-in style 'defualt' (did you mean 'default'? built-in styles: " +
              builtins + ")"});
    CHECK(only_problem("extends = \"fancy-name\"\n") ==
          "sheet.toml:1:11: error: unknown built-in style 'fancy-name' (built-in styles: " + builtins + ")");
}

TEST_CASE("an extends cycle is an error", "[sheet]") {
    const TemporaryDirectory directory;
    const std::string first = directory.write("first.toml", "extends = \"second.toml\"\n");
    const std::string second = directory.write("second.toml", "# loops back\nextends = \"first.toml\"\n");
    Diagnostics diagnostics;
    CHECK_FALSE(vitae::load_sheet(first, diagnostics));
    CHECK(vitae::test::lines(diagnostics) ==
          std::vector<std::string>{second + ":2:11: error: 'extends' makes a cycle: " + first + " \u2192 " +
                                   second + " \u2192 " + first});

    const std::string self = directory.write("self.toml", "extends = \"./self.toml\"\n");
    Diagnostics self_diagnostics;
    CHECK_FALSE(vitae::load_sheet(self, self_diagnostics));
    CHECK(vitae::test::lines(self_diagnostics) ==
          std::vector<std::string>{self + ":1:11: error: 'extends' makes a cycle: " + self + " \u2192 " +
                                   self});
}

TEST_CASE("extending a missing file is an error at 'extends'", "[sheet]") {
    const TemporaryDirectory directory;
    const std::string sheet = directory.write("sheet.toml", "# a comment\n\nextends = \"missing.toml\"\n");
    Diagnostics diagnostics;
    CHECK_FALSE(vitae::load_sheet(sheet, diagnostics));
    const std::string missing = (fs::path{sheet}.parent_path() / "missing.toml").string();
    CHECK(vitae::test::lines(diagnostics) ==
          std::vector<std::string>{sheet + ":3:11: error: cannot read '" + missing +
                                   "': No such file or directory"});

    Diagnostics top_level;
    CHECK_FALSE(vitae::load_sheet(missing, top_level));
    CHECK(vitae::test::lines(top_level) ==
          std::vector<std::string>{missing + ": error: cannot read the file: No such file or directory"});
}

TEST_CASE("problems in the extended file are reported in that file", "[sheet]") {
    const TemporaryDirectory directory;
    const std::string base = directory.write("base.toml", "[text]\nsize = \"9px\"\n");
    const std::string child = directory.write("child.toml", "extends = \"base.toml\"\n[text]\ncolr = 1\n");
    Diagnostics diagnostics;
    CHECK_FALSE(vitae::load_sheet(child, diagnostics));
    CHECK(vitae::test::lines(diagnostics) ==
          std::vector<std::string>{
              base + ":2:10: error: unknown unit 'px' for 'size' (use pt, in, mm or cm)",
              child + ":3:1: error: unknown key 'colr' in [text] (did you mean 'color'?)",
          });
}

TEST_CASE("all problems are reported in one run, in file order", "[sheet]") {
    CHECK(
        load(R"(wibble = 1
[page]
margins = "1px"
[text]
color = "#zzz"
size = 0
)")
            .diagnostics ==
        std::vector<std::string>{
            "sheet.toml:1:1: error: unknown key 'wibble' in the style sheet",
            "sheet.toml:3:13: error: unknown unit 'px' for 'margins' (use pt, in, mm or cm)",
            "sheet.toml:5:11: error: 'z' is not a hex digit in color '#zzz' (write \"#rrggbb\" or \"#rgb\")",
            "sheet.toml:6:8: error: 'size' must be greater than 0 and at most 600, got 0",
        });
    CHECK(load("[text\n").diagnostics.size() == 1);
}

TEST_CASE("every field of the sheet can be set", "[sheet]") {
    const Loaded loaded = load(R"(name = "Everything"
description = "Sets every key"
[page]
width = "6in"
height = "9in"
margins = { top = 1, right = 2, bottom = 3, left = 4 }
[fonts]
body = "Inter"
fallbacks = ["Noto Sans"]
icons = "Icons"
[text]
size = 9
bold = true
italic = true
uppercase = true
color = "#010203"
line_height = 1.5
[person]
alignment = "left"
name = { family = "Serif", size = 30, bold = false, italic = true, uppercase = true, color = "#111" }
headline = { size = 12 }
contact = { size = 8, separator = " | ", icons = false }
[section]
gap_before = 11
gap_after = 5
rule = false
rule_thickness = 1
rule_color = "#222"
rule_gap = 3
heading = { size = 13 }
[entries]
gap = 7
date_gap = 13
title = { size = 11 }
subtitle = { size = 12 }
date = { size = 13 }
location = { size = 14 }
[bullets]
glyph = "-"
indent = 9
text_indent = 19
gap = 2
[skills]
separator = "; "
label_gap = 9
label = { size = 15 }
[publications]
equal_contribution_mark = "†"
equal_contribution_note = "† equal"
numbered = false
highlight_owner = false
gap = 4
title = { size = 16 }
authors = { size = 17 }
venue = { size = 18 }
award = { size = 19 }
group = { size = 20 }
[links]
color = "#00f"
[footer]
enabled = true
text = "{page}/{pages}"
size = 7
[line_breaking]
justify = true
tolerance = 200
line_penalty = 20
fitness_demerits = 5000
ragged_stretch = 1
space_stretch = 0.4
space_shrink = 0.2
[dates]
months = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]
present = "now"
separator = "-"
note_open = " ["
note_close = "]"
)");
    CHECK(loaded.diagnostics.empty());
    const Sheet& sheet = loaded.sheet;
    CHECK(sheet.name == "Everything");
    CHECK(sheet.description == "Sets every key");
    CHECK(sheet.page_width == Approx(432));
    CHECK(sheet.page_height == Approx(648));
    CHECK((std::vector<double>{sheet.margins.top, sheet.margins.right, sheet.margins.bottom,
                               sheet.margins.left}) == std::vector<double>{1, 2, 3, 4});
    CHECK(sheet.body_family == "Inter");
    CHECK(sheet.fallback_families == std::vector<std::string>{"Noto Sans"});
    CHECK(sheet.icon_family == "Icons");
    CHECK(sheet.body.size == 9);
    CHECK((sheet.body.bold && sheet.body.italic && sheet.body.uppercase));
    CHECK(sheet.body.color == rgb(1, 2, 3));
    CHECK(sheet.line_height == 1.5);
    CHECK(sheet.header_alignment == vitae::style::Alignment::left);
    CHECK(sheet.person_name.family == "Serif");
    CHECK(sheet.person_name.size == 30);
    CHECK_FALSE(sheet.person_name.bold);
    CHECK((sheet.person_name.italic && sheet.person_name.uppercase));
    CHECK(sheet.person_name.color == rgb(0x11, 0x11, 0x11));
    CHECK(sheet.headline.size == 12);
    CHECK(sheet.contact.size == 8);
    CHECK(sheet.contact_separator == " | ");
    CHECK_FALSE(sheet.contact_icons);
    CHECK(sheet.section_gap_before == 11);
    CHECK(sheet.section_gap_after == 5);
    CHECK_FALSE(sheet.section_rule);
    CHECK(sheet.section_rule_thickness == 1);
    CHECK(sheet.section_rule_color == rgb(0x22, 0x22, 0x22));
    CHECK(sheet.section_rule_gap == 3);
    CHECK(sheet.section_heading.size == 13);
    CHECK(sheet.entry_gap == 7);
    CHECK(sheet.date_gap == 13);
    CHECK((std::vector<double>{sheet.entry_title.size, sheet.entry_subtitle.size, sheet.entry_date.size,
                               sheet.entry_location.size}) == std::vector<double>{11, 12, 13, 14});
    CHECK(sheet.bullet == "-");
    CHECK(sheet.bullet_indent == 9);
    CHECK(sheet.bullet_text_indent == 19);
    CHECK(sheet.highlight_gap == 2);
    CHECK(sheet.skill_separator == "; ");
    CHECK(sheet.skill_label_gap == 9);
    CHECK(sheet.skill_label.size == 15);
    CHECK(sheet.equal_contribution_mark == "†");
    CHECK(sheet.equal_contribution_note == "† equal");
    CHECK_FALSE(sheet.number_publications);
    CHECK_FALSE(sheet.highlight_owner);
    CHECK(sheet.publication_gap == 4);
    CHECK((std::vector<double>{sheet.publication_title.size, sheet.publication_authors.size,
                               sheet.publication_venue.size, sheet.publication_award.size,
                               sheet.publication_group.size}) == std::vector<double>{16, 17, 18, 19, 20});
    CHECK(sheet.link_color == Color{0, 0, 1});
    CHECK(sheet.footer);
    CHECK(sheet.footer_text == "{page}/{pages}");
    CHECK(sheet.footer_style.size == 7);
    const vitae::style::LineBreaking& breaking = sheet.line_breaking;
    CHECK(breaking.justify);
    CHECK((std::vector<double>{breaking.tolerance, breaking.line_penalty, breaking.fitness_demerits,
                               breaking.ragged_stretch, breaking.space_stretch, breaking.space_shrink}) ==
          std::vector<double>{200, 20, 5000, 1, 0.4, 0.2});
    // [dates] words are words for every language.
    Sheet german = sheet;
    vitae::style::apply_locale(german, *vitae::load_locale("de"), "de");
    CHECK(german.date_words.short_months.format[11] == "12");
    CHECK(german.date_words.present == "now");
    CHECK(german.date_words.range_separator == "-");
    CHECK(german.date_words.note_open == " [");
    CHECK(german.date_words.note_close == "]");
}

// --- [select] ------------------------------------------------------------------

TEST_CASE("the default style selects everything", "[sheet][select]") {
    const vitae::style::Selection& selection = builtin_default().selection;
    CHECK(selection.tags.empty());
    CHECK(selection.sections.empty());
    CHECK(selection.exclude_sections.empty());
    CHECK(selection.max_entries == 0);
    CHECK(selection.max_publications == 0);
    CHECK(selection.max_items.empty());
    CHECK_FALSE(selection.selected_publications_only);
}

TEST_CASE("[select] sets the selection, with where each title is named", "[sheet][select]") {
    const Loaded loaded = load(R"([select]
tags = ["industry", "open-source"]
sections = ["Experience", "Skills"]
exclude_sections = ["Hobbies"]
max_entries = 3
max_publications = 5
max_items = { Skills = 2, "Selected Publications" = 0 }
selected_publications_only = true
)");
    CHECK(loaded.diagnostics.empty());
    const vitae::style::Selection& selection = loaded.sheet.selection;
    CHECK(selection.tags == std::vector<std::string>{"industry", "open-source"});
    CHECK(selection.tags_where.to_string() == "sheet.toml:2:8");
    REQUIRE(selection.sections.size() == 2);
    CHECK(selection.sections[0].title == "Experience");
    CHECK(selection.sections[0].where.to_string() == "sheet.toml:3:13");
    CHECK(selection.sections[1].title == "Skills");
    CHECK(selection.sections[1].where.to_string() == "sheet.toml:3:27");
    REQUIRE(selection.exclude_sections.size() == 1);
    CHECK(selection.exclude_sections[0].title == "Hobbies");
    CHECK(selection.max_entries == 3);
    CHECK(selection.max_publications == 5);
    REQUIRE(selection.max_items.size() == 2);
    // In file order, each at its key.
    CHECK(selection.max_items[0].title == "Skills");
    CHECK(selection.max_items[0].limit == 2);
    CHECK(selection.max_items[0].where.to_string() == "sheet.toml:7:15");
    CHECK(selection.max_items[1].title == "Selected Publications");
    CHECK(selection.max_items[1].limit == 0);
    CHECK(selection.selected_publications_only);
}

TEST_CASE("a sheet extending another replaces its lists and adds to its caps", "[sheet][select]") {
    const TemporaryDirectory directory;
    static_cast<void>(directory.write("base.toml", R"([select]
tags = ["academic"]
max_entries = 4
max_items = { Skills = 2, Awards = 3 }
)"));
    const std::string child = directory.write("child.toml", R"(extends = "base.toml"
[select]
tags = ["industry"]
max_items = { skills = 1, Talks = 0 }
)");
    Diagnostics diagnostics;
    const std::optional<Sheet> sheet = vitae::load_sheet(child, diagnostics);
    CHECK(vitae::test::lines(diagnostics).empty());
    REQUIRE(sheet);
    const vitae::style::Selection& selection = sheet->selection;
    CHECK(selection.tags == std::vector<std::string>{"industry"});
    CHECK(selection.max_entries == 4);
    std::vector<std::pair<std::string, std::size_t>> caps;
    for (const vitae::style::SectionCap& cap : selection.max_items) caps.emplace_back(cap.title, cap.limit);
    CHECK(caps ==
          std::vector<std::pair<std::string, std::size_t>>{{"skills", 1}, {"Awards", 3}, {"Talks", 0}});
}

TEST_CASE("[select] problems are errors at their values", "[sheet][select]") {
    CHECK(only_problem("[select]\nmax_items = { Skills = -1 }\n") ==
          "sheet.toml:2:24: error: 'max_items.Skills' must not be negative, got -1");
    CHECK(only_problem("[select]\nmax_entrys = 2\n") ==
          "sheet.toml:2:1: error: unknown key 'max_entrys' in [select] (did you mean 'max_entries'?)");
    CHECK(load(R"([select]
tags = ["industry", ""]
sections = ["Skills", "skills"]
exclude_sections = "Hobbies"
max_entries = 2.5
max_publications = -3
max_items = { Skills = "two", skills = 1 }
selected_publications_only = "yes"
)")
              .diagnostics ==
          std::vector<std::string>{
              "sheet.toml:2:21: error: empty tag in 'tags'",
              "sheet.toml:3:23: error: section 'skills' is listed twice in 'sections' (titles are compared "
              "without case)",
              "sheet.toml:4:20: error: expected array of strings for 'exclude_sections', got string",
              "sheet.toml:5:15: error: expected integer for 'max_entries', got float",
              "sheet.toml:6:20: error: 'max_publications' must not be negative, got -3",
              "sheet.toml:7:24: error: expected integer for 'max_items.Skills', got string",
              "sheet.toml:7:31: error: section 'skills' is capped twice in 'max_items' (titles are compared "
              "without case)",
              "sheet.toml:8:30: error: expected boolean for 'selected_publications_only', got string",
          });
    CHECK(only_problem("[select]\nmax_items = 3\n") ==
          "sheet.toml:2:13: error: expected table of section title = count for 'max_items', got integer");
    CHECK(only_problem("select = 1\n") == "sheet.toml:1:10: error: expected table for 'select', got integer");
}

TEST_CASE("[fit] takes a page count and bounds, checked like every other key", "[sheet]") {
    const Loaded loaded =
        load("[fit]\nmax_pages = 2\nmin_spacing_scale = 0.6\nmin_margin = \"0.4in\"\ndrop_items = false\n");
    CHECK(loaded.diagnostics.empty());
    CHECK(loaded.sheet.max_pages == 2);
    CHECK(loaded.sheet.fit.min_spacing_scale == Approx(0.6));
    CHECK(loaded.sheet.fit.min_margin == Approx(28.8));
    CHECK_FALSE(loaded.sheet.fit.drop_items);
    CHECK(only_problem("[fit]\nmax_pages = 1.5\n") ==
          "sheet.toml:2:13: error: expected integer for 'max_pages', got float");
    CHECK(only_problem("[fit]\nmax_pages = -1\n").starts_with("sheet.toml:2:13: error: 'max_pages' must"));
    CHECK(only_problem("[fit]\nmax_page = 1\n") ==
          "sheet.toml:2:1: error: unknown key 'max_page' in [fit] (did you mean 'max_pages'?)");
}

TEST_CASE("lengths, font sizes and pages stay within what a PDF can hold", "[sheet]") {
    CHECK(load(R"([page]
width = "200in"
height = 14400
[text]
size = 600
[section]
gap_before = "14400pt"
[line_breaking]
ragged_stretch = 24
)")
              .diagnostics.empty());
    // 1e16pt overflowed the PDF number writer; 601pt and 14,401pt pages failed
    // inside libharu, without a position.
    CHECK(load(R"([page]
width = 14401
height = "1mm"
[text]
size = 601
[section]
gap_before = 1e16
rule_gap = "5000in"
[line_breaking]
ragged_stretch = "25em"
[fit]
min_margin = 1e300
)")
              .diagnostics ==
          std::vector<std::string>{
              "sheet.toml:2:9: error: 'width' must be between 3 and 14400, got 14401",
              "sheet.toml:3:10: error: 'height' must be between 3 and 14400, got 1mm",
              "sheet.toml:5:8: error: 'size' must be greater than 0 and at most 600, got 601",
              "sheet.toml:7:14: error: 'gap_before' is too long: at most 14400pt, got 1e+16 (no "
              "length can exceed the largest PDF page (14400pt))",
              "sheet.toml:8:12: error: 'rule_gap' is too long: at most 14400pt, got 5000in (no length can "
              "exceed the largest PDF page (14400pt))",
              "sheet.toml:10:18: error: 'ragged_stretch' is too long: at most 24em, got 25em (no length can "
              "exceed the largest PDF page (14400pt))",
              "sheet.toml:12:14: error: 'min_margin' is too long: at most 14400pt, got 1e+300 (no length can "
              "exceed the largest PDF page (14400pt))",
          });
}

TEST_CASE("control characters in a style sheet are errors at their column", "[sheet]") {
    CHECK(load("name = \"x\\u0001\"\n[dates]\n\"present\\u007f\" = \"now\"\n").diagnostics ==
          std::vector<std::string>{
              "sheet.toml:1:10: error: control character U+0001 in a string (remove it: no output can print "
              "it)",
              "sheet.toml:3:1: error: unknown key 'present\\x7F' in [dates] (did you mean 'present'?)",
              "sheet.toml:3:9: error: control character U+007F in a key (remove it: no output can print it)",
          });
}

TEST_CASE("a long extends chain stops at the depth limit, at the 'extends' key", "[sheet]") {
    // 20,000 files extending each other overflowed the stack.
    const TemporaryDirectory directory;
    constexpr int files = vitae::limits::max_extends_depth + 8;
    auto name = [](int file) {
        std::string text{"s"};
        text += std::to_string(file);
        text += ".toml";
        return text;
    };
    for (int file = 0; file < files; ++file) {
        std::string text = "# a style\nextends = \"";
        text += name(file + 1);
        text += "\"\n";
        (void)directory.write(name(file), text);
    }
    (void)directory.write(name(files), "");
    Diagnostics diagnostics;
    CHECK_FALSE(vitae::load_sheet((directory.path() / "s0.toml").string(), diagnostics));
    const std::string last = (directory.path() / name(vitae::limits::max_extends_depth - 1)).string();
    CHECK(vitae::test::lines(diagnostics) ==
          std::vector<std::string>{last + ":2:11: error: 'extends' chain is longer than 32 style sheets"});

    // Within the limit, the chain loads.
    Diagnostics shorter;
    CHECK(vitae::load_sheet((directory.path() / "s9.toml").string(), shorter));
    CHECK_FALSE(shorter.has_errors());
}

TEST_CASE("with --sandbox a style extends only built-ins and files under its folder", "[sheet]") {
    const TemporaryDirectory directory;
    const std::string outside = directory.write("outside.toml", "[text]\nsize = 12\n");
    (void)directory.write("styles/inside.toml", "extends = \"default\"\n[text]\nsize = 12\n");
    std::filesystem::create_symlink(outside, directory.path() / "styles" / "link.toml");
    for (const std::string& target : {outside, std::string{"../outside.toml"}, std::string{"link.toml"}}) {
        const std::string style = directory.write("styles/style.toml", "extends = \"" + target + "\"\n");
        Diagnostics trusted;
        const std::optional<Sheet> sheet = vitae::load_sheet(style, trusted);
        REQUIRE(sheet);
        CHECK(sheet->body.size == 12);

        Diagnostics sandboxed;
        CHECK_FALSE(vitae::load_sheet(style, sandboxed, vitae::FileAccess::sandboxed));
        const std::vector<std::string> lines = vitae::test::lines(sandboxed);
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].starts_with(style + ":1:11: error: 'extends' names '" + target +
                                   "', outside the style's folder"));
    }
    const std::string style = directory.write("styles/style.toml", "extends = \"inside.toml\"\n");
    Diagnostics inside;
    const std::optional<Sheet> sheet = vitae::load_sheet(style, inside, vitae::FileAccess::sandboxed);
    REQUIRE(sheet);
    CHECK(sheet->body.size == 12);
}
