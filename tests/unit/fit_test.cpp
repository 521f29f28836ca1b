#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "layout/document.hpp"
#include "unit/fake_fonts.hpp"
#include "unit/support.hpp"
#include "vitae/base/numbers.hpp"
#include "vitae/compose/blocks.hpp"
#include "vitae/layout/fit.hpp"
#include "vitae/layout/layout.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/render/trace.hpp"

namespace {

vitae::style::Sheet small_page(int max_pages) {
    vitae::style::Sheet sheet;
    sheet.body_family = "Sans";
    sheet.fallback_families = {"Emoji"};
    sheet.icon_family = "Icons";
    sheet.page_width = 300;
    sheet.page_height = 400;
    sheet.margins = {30, 30, 30, 30};
    sheet.fit.min_margin = 20;
    // Fitting here is onepage's: tighten, then leave out what must go.
    sheet.fit.drop_items = true;
    sheet.max_pages = max_pages;
    return sheet;
}

/// A CV of `entries` entries with two bullets each; the entry at index
/// `important` has priority 3, the others 1 — except the first, priority 0.
vitae::cv::Document cv_with(int entries, const std::string& extra_highlight = "Another line") {
    std::string toml = "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Work\"\n";
    for (int i = 0; i < entries; ++i) {
        toml += "[[section.entry]]\ntitle = \"Entry " + std::to_string(i) +
                "\"\npriority = " + std::to_string(i == 0 ? 0 : (i == 1 ? 3 : 1)) +
                "\nhighlights = [\"A line of text\", \"" +
                (i == entries - 1 ? extra_highlight : "Another line") + "\"]\n";
    }
    vitae::Diagnostics diagnostics;
    vitae::cv::Document document = vitae::load_cv_text(toml, "cv.toml", diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    return document;
}

/// The sheet with every gap at `scale` of its design, as a spacing step of
/// the fitter makes it.
vitae::style::Sheet with_gaps_scaled(vitae::style::Sheet sheet, double scale) {
    for (const vitae::compose::Gap gap : vitae::compose::all_gaps) {
        if (double* amount = vitae::compose::gap_setting(sheet, gap)) *amount *= scale;
    }
    return sheet;
}

std::size_t natural_pages(const vitae::cv::Document& document, const vitae::style::Sheet& sheet) {
    vitae::test::FakeFonts fonts;
    vitae::Diagnostics diagnostics;
    return vitae::layout::layout_document(document, sheet, fonts, diagnostics).pages.size();
}

}  // namespace

TEST_CASE("a CV that already fits is left exactly as designed", "[fit]") {
    const vitae::cv::Document document = cv_with(3);
    const vitae::style::Sheet sheet = small_page(1);
    vitae::test::FakeFonts fonts;
    vitae::Diagnostics diagnostics;
    const vitae::layout::FitResult result = vitae::layout::fit_to_pages(document, sheet, fonts, diagnostics);
    CHECK(result.fits);
    CHECK(result.steps.empty());
    CHECK(result.dropped.empty());
    vitae::test::FakeFonts fresh;
    vitae::Diagnostics ignored;
    CHECK(
        vitae::render::trace_frames(result.pages, fonts) ==
        vitae::render::trace_frames(vitae::layout::layout_document(document, sheet, fresh, ignored), fresh));
    CHECK(vitae::layout::describe(result, 1) == "fit: 1 page");
}

TEST_CASE("a CV a little too long fits by tightening, step by step", "[fit]") {
    // Find the entry count that just overflows one page.
    const vitae::style::Sheet sheet = small_page(1);
    int entries = 1;
    while (natural_pages(cv_with(entries + 1), sheet) == 1) ++entries;
    const vitae::cv::Document document = cv_with(entries + 1);
    REQUIRE(natural_pages(document, sheet) == 2);
    vitae::test::FakeFonts fonts;
    vitae::Diagnostics diagnostics;
    const vitae::layout::FitResult result = vitae::layout::fit_to_pages(document, sheet, fonts, diagnostics);
    CHECK(result.fits);
    CHECK(result.pages.pages.size() == 1);
    CHECK(result.dropped.empty());
    REQUIRE_FALSE(result.steps.empty());
    CHECK(result.steps.front().starts_with("section gap 10\u2192"));
    // Spacing goes first: the type keeps its size.
    CHECK(result.sheet.body.size == sheet.body.size);
    CHECK(result.sheet.section_gap_before < sheet.section_gap_before);
    CHECK(result.sheet.section_gap_before >= sheet.section_gap_before * sheet.fit.min_spacing_scale - 1e-9);
}

TEST_CASE("a CV is tightened exactly as far as it needs, not to the style's bounds", "[fit]") {
    // The line height stays as designed, so a spacing step changes the gaps
    // only; pages a little shorter each time need more and more spacing
    // taken out. The step chosen must be the first that fits: the one
    // before it must not fit, and the report must say exactly that step.
    const vitae::cv::Document document = cv_with(8);
    vitae::style::Sheet design = small_page(1);
    design.fit.min_line_height = design.line_height;
    design.page_height = 1000;  // then shortened to the first height that overflows
    while (natural_pages(document, design) == 1) design.page_height -= 1;
    constexpr double spacing_step = 0.05;
    std::set<double> spacings_chosen;
    for (int shortened = 0; shortened < 40; ++shortened, design.page_height -= 1) {
        vitae::test::FakeFonts fonts;
        vitae::Diagnostics diagnostics;
        const vitae::layout::FitResult result =
            vitae::layout::fit_to_pages(document, design, fonts, diagnostics);
        REQUIRE(result.fits);
        REQUIRE(result.dropped.empty());
        if (result.sheet.body.size < design.body.size) break;  // spacing alone is no longer enough
        const double spacing = result.sheet.section_gap_before / design.section_gap_before;
        CAPTURE(design.page_height, spacing);
        spacings_chosen.insert(std::round(spacing / spacing_step));
        vitae::style::Sheet one_page = design;
        one_page.max_pages = 0;
        CHECK(natural_pages(document, with_gaps_scaled(one_page, spacing)) == 1);
        CHECK(natural_pages(document, with_gaps_scaled(one_page, spacing + spacing_step)) == 2);
        CHECK(result.sheet.margins.top == design.margins.top);
        CHECK(vitae::layout::describe(result, 1) ==
              "fit: 1 page \u2014 section gap 10\u2192" + vitae::compact_decimal(10 * spacing, 2) +
                  " pt, entry gap 6\u2192" + vitae::compact_decimal(6 * spacing, 2) + " pt");
    }
    // Several steps were chosen, some strictly between the design and the
    // style's minimum spacing.
    CHECK(spacings_chosen.size() >= 3);
    CHECK(std::any_of(spacings_chosen.begin(), spacings_chosen.end(), [&](double steps) {
        return steps > design.fit.min_spacing_scale / spacing_step + 0.5 && steps < 1 / spacing_step - 1.5;
    }));
}

TEST_CASE("when tightening is not enough, the lowest priority goes first", "[fit]") {
    const vitae::style::Sheet sheet = small_page(1);
    const vitae::cv::Document document = cv_with(14);
    REQUIRE(natural_pages(document, sheet) >= 2);
    vitae::test::FakeFonts fonts;
    vitae::Diagnostics diagnostics;
    const vitae::layout::FitResult result = vitae::layout::fit_to_pages(document, sheet, fonts, diagnostics);
    CHECK(result.fits);
    CHECK(result.pages.pages.size() == 1);
    REQUIRE_FALSE(result.dropped.empty());
    // Entry 0 has priority 0: dropped first. Entry 1 (priority 3) stays.
    CHECK(result.dropped.front().what == "entry 'Entry 0' in 'Work'");
    CHECK(result.dropped.front().where.begin.line > 0);
    for (const auto& dropped : result.dropped) CHECK(dropped.what != "entry 'Entry 1' in 'Work'");
    // Among equal priorities a bullet goes before a whole entry, the last
    // bullet of the last entry first.
    if (result.dropped.size() > 1) CHECK(result.dropped[1].what == "highlight 'Another line' of 'Entry 13'");
    const std::string report = vitae::layout::describe(result, 1);
    CHECK(report.ends_with("; " + std::to_string(result.dropped.size()) + " items left out"));
}

TEST_CASE("a CV that cannot fit within the bounds says so", "[fit]") {
    vitae::style::Sheet sheet = small_page(1);
    sheet.fit.drop_items = false;
    const vitae::cv::Document document = cv_with(20);
    vitae::test::FakeFonts fonts;
    vitae::Diagnostics diagnostics;
    const vitae::layout::FitResult result = vitae::layout::fit_to_pages(document, sheet, fonts, diagnostics);
    CHECK_FALSE(result.fits);
    CHECK(vitae::layout::describe(result, 1).starts_with("cannot fit in 1 page within the style's bounds"));
}

TEST_CASE("a CV far beyond its page count at the tightest spacing is not laid out at smaller sizes",
          "[fit]") {
    vitae::style::Sheet sheet = small_page(1);
    sheet.fit.drop_items = false;
    const vitae::cv::Document document = cv_with(200);
    vitae::test::FakeFonts one_layout;
    REQUIRE(natural_pages(document, sheet) > 20);
    {
        vitae::Diagnostics diagnostics;
        (void)vitae::layout::layout_document(document, sheet, one_layout, diagnostics);
    }
    vitae::test::FakeFonts fonts;
    vitae::Diagnostics diagnostics;
    const vitae::layout::FitResult result = vitae::layout::fit_to_pages(document, sheet, fonts, diagnostics);
    CHECK_FALSE(result.fits);
    // As designed (for its skeleton), then once at the tightest for the
    // report: no search among sizes and margins.
    CHECK(fonts.faces_requested == 2 * one_layout.faces_requested);
}

TEST_CASE("fitting is deterministic", "[fit]") {
    const vitae::style::Sheet sheet = small_page(1);
    const vitae::cv::Document document = cv_with(14);
    vitae::test::FakeFonts fonts_a;
    vitae::test::FakeFonts fonts_b;
    vitae::Diagnostics diagnostics;
    const auto first = vitae::layout::fit_to_pages(document, sheet, fonts_a, diagnostics);
    const auto second = vitae::layout::fit_to_pages(document, sheet, fonts_b, diagnostics);
    CHECK(vitae::render::trace_frames(first.pages, fonts_a) ==
          vitae::render::trace_frames(second.pages, fonts_b));
    CHECK(vitae::layout::describe(first, 1) == vitae::layout::describe(second, 1));
}

TEST_CASE("a fitted CV reports each problem once, as a plain layout does", "[fit]") {
    // The fitter lays the CV out several times and keeps texts it built
    // before; a text with a problem must still be reported, and only once.
    const vitae::style::Sheet sheet = small_page(1);
    const std::string snowman_line = "Built a \u2603 and a \u2603";
    int entries = 1;
    while (natural_pages(cv_with(entries + 1, snowman_line), sheet) == 1) ++entries;
    const vitae::cv::Document document = cv_with(entries + 1, snowman_line);
    vitae::test::FakeFonts fonts;
    vitae::Diagnostics diagnostics;
    const vitae::layout::FitResult result = vitae::layout::fit_to_pages(document, sheet, fonts, diagnostics);
    REQUIRE(result.fits);
    REQUIRE_FALSE(result.steps.empty());
    vitae::test::FakeFonts fresh;
    vitae::Diagnostics plain;
    const vitae::layout::PagedDocument plain_pages =
        vitae::layout::layout_document(result.laid_out(document), result.sheet, fresh, plain);
    CHECK(vitae::test::lines(diagnostics) == vitae::test::lines(plain));
    std::size_t snowmen = 0;
    for (const auto& diagnostic : diagnostics.items()) {
        if (diagnostic.message.find("U+2603") != std::string::npos) ++snowmen;
    }
    CHECK(snowmen == 1);  // one warning for the line's two snowmen
    // And the pages are those of a plain layout with the sheet it chose.
    CHECK(vitae::render::trace_frames(result.pages, fonts) ==
          vitae::render::trace_frames(plain_pages, fresh));
}

TEST_CASE("a page skeleton counts the pages a layout at that spacing has", "[fit]") {
    // The fitter searches spacing steps on the skeleton of the design
    // layout; a layout with the spaces and line height changed must break
    // its pages exactly where the skeleton said.
    for (const bool sidebar : {false, true}) {
        vitae::style::Sheet design = small_page(0);
        design.section_rule = true;
        design.sidebar = sidebar;
        design.sidebar_kinds = {"skills"};
        const vitae::cv::Document document = cv_with(12);
        vitae::test::FakeFonts fonts;
        vitae::Diagnostics diagnostics;
        vitae::layout::ContentMemo memo;
        vitae::layout::PageSkeleton skeleton;
        (void)vitae::layout::layout_document(document, design, fonts, diagnostics, memo, &skeleton);
        std::set<std::size_t> counts;
        for (const double scale : {1.0, 0.8, 0.5, 0.3, 1.5, 2.5}) {
            for (const double line_height : {1.0, 1.2, 1.6}) {
                vitae::style::Sheet sheet = with_gaps_scaled(design, scale);
                sheet.line_height = line_height;
                vitae::Diagnostics ignored;
                const std::size_t pages =
                    vitae::layout::layout_document(document, sheet, fonts, ignored).pages.size();
                CAPTURE(sidebar, scale, line_height);
                CHECK(skeleton.pages(scale, line_height) == pages);
                counts.insert(pages);
            }
        }
        CHECK(counts.size() >= 2);  // the settings tried do change the page count
    }
}

TEST_CASE("fitting weighs list items and text sections by their section's priority, like entries", "[fit]") {
    // Entries matter more (priority 2) than the hobbies and the statement
    // (their sections' priority 0): those go first, whatever their kind.
    std::string toml = "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Work\"\n";
    for (int i = 0; i < 12; ++i) {
        toml += "[[section.entry]]\ntitle = \"Entry " + std::to_string(i) +
                "\"\npriority = 2\nhighlights = [\"A line of text\", \"Another line\"]\n";
    }
    toml +=
        "[[section]]\ntitle = \"Hobbies\"\nkind = \"list\"\npriority = 0\n"
        "items = [\"Chess\", \"Rowing\", \"Baking\", \"Go\", \"Hiking\"]\n"
        "[[section]]\ntitle = \"Statement\"\nkind = \"text\"\npriority = 0\n"
        "text = \"A paragraph of text that takes a few lines on a small page, long enough to matter "
        "when the page is full and something has to give way.\"\n";
    vitae::Diagnostics load_diagnostics;
    const vitae::cv::Document document = vitae::load_cv_text(toml, "cv.toml", load_diagnostics);
    REQUIRE_FALSE(load_diagnostics.has_errors());
    const vitae::style::Sheet sheet = small_page(1);
    REQUIRE(natural_pages(document, sheet) >= 2);
    vitae::test::FakeFonts fonts;
    vitae::Diagnostics diagnostics;
    const vitae::layout::FitResult result = vitae::layout::fit_to_pages(document, sheet, fonts, diagnostics);
    REQUIRE(result.fits);
    REQUIRE(result.dropped.size() >= 2);
    // Among equals, the last items of the sections first: the hobbies from
    // the last, then (at the first place of its section) the statement.
    CHECK(result.dropped[0].what == "list item 'Hiking' in 'Hobbies'");
    CHECK(result.dropped[0].where.begin.line > 0);
    CHECK(result.dropped[1].what == "list item 'Go' in 'Hobbies'");
    if (result.dropped.size() >= 5) {
        CHECK(result.dropped[4].what == "text section 'Statement'");
        CHECK(result.dropped[4].where.begin.line > 0);
    }
    // An entry goes only after all six items of priority 0.
    for (std::size_t i = 0; i < result.dropped.size(); ++i) {
        if (result.dropped[i].what.starts_with("entry")) CHECK(i >= 6);
    }
    REQUIRE(result.dropped.size() >= 5);  // the page is tight enough for that
    for (const vitae::cv::Section& section : result.laid_out(document).sections) {
        CHECK(section.title.plain() != "Statement");
    }
}

TEST_CASE("among equal priorities, fitting trims every section from its tail, not the last sections whole",
          "[fit]") {
    // Two sections of equal priority: the second must keep its first entry
    // while the first still has more than one.
    std::string toml = "[person]\nname = \"Ada\"\n";
    for (const std::string_view title : {"Work", "Education"}) {
        toml += "[[section]]\ntitle = \"" + std::string{title} + "\"\n";
        for (int i = 0; i < 7; ++i) {
            toml += "[[section.entry]]\ntitle = \"" + std::string{title} + " " + std::to_string(i) +
                    "\"\nhighlights = [\"A line of text\", \"Another line\"]\n";
        }
    }
    vitae::Diagnostics load_diagnostics;
    const vitae::cv::Document document = vitae::load_cv_text(toml, "cv.toml", load_diagnostics);
    REQUIRE_FALSE(load_diagnostics.has_errors());
    vitae::test::FakeFonts fonts;
    vitae::Diagnostics diagnostics;
    const vitae::layout::FitResult result =
        vitae::layout::fit_to_pages(document, small_page(1), fonts, diagnostics);
    REQUIRE(result.fits);
    REQUIRE(result.dropped.size() >= 2);
    // Bullets before entries: the last bullet of the last entry of each section first.
    CHECK(result.dropped[0].what == "highlight 'Another line' of 'Education 6'");
    CHECK(result.dropped[1].what == "highlight 'Another line' of 'Work 6'");
    REQUIRE(result.laid_out(document).sections.size() == 2);
    const std::size_t work = result.laid_out(document).sections[0].entries.size();
    const std::size_t education = result.laid_out(document).sections[1].entries.size();
    CHECK(work >= education);
    CHECK(work - education <= 1);
}

TEST_CASE("a sheet drops nothing to fit unless it says so", "[fit]") {
    const vitae::style::FitBounds designed;
    CHECK_FALSE(designed.drop_items);
    vitae::style::Sheet sheet = small_page(1);
    sheet.fit.drop_items = false;
    vitae::test::FakeFonts fonts;
    vitae::Diagnostics diagnostics;
    const vitae::cv::Document document = cv_with(14);
    const vitae::layout::FitResult result = vitae::layout::fit_to_pages(document, sheet, fonts, diagnostics);
    CHECK(result.dropped.empty());
    CHECK(result.laid_out(document).sections.front().entries.size() == 14);
}

TEST_CASE("the fitter copies the CV only when it drops items from it", "[fit][memory]") {
    // A copy made up front lived through the whole layout: on a large CV as
    // much memory as its model.
    vitae::test::FakeFonts fonts;
    vitae::Diagnostics diagnostics;
    SECTION("no page limit, or a CV that fits or only needs tightening: the CV given is laid out") {
        const vitae::style::Sheet unlimited = [] {
            vitae::style::Sheet unbounded = small_page(1);
            unbounded.max_pages = 0;
            return unbounded;
        }();
        const vitae::style::Sheet sheet = small_page(1);
        int entries = 1;
        while (natural_pages(cv_with(entries + 1), sheet) == 1) ++entries;
        const vitae::cv::Document short_cv = cv_with(3);
        const vitae::cv::Document tight_cv = cv_with(entries + 1);
        for (const auto& [document, design] :
             {std::pair{&short_cv, &unlimited}, std::pair{&short_cv, &sheet}, std::pair{&tight_cv, &sheet}}) {
            const vitae::layout::FitResult result =
                vitae::layout::fit_to_pages(*document, *design, fonts, diagnostics);
            REQUIRE(result.dropped.empty());
            CHECK_FALSE(result.reduced.has_value());
            CHECK(&result.laid_out(*document) == document);
        }
    }
    SECTION("items dropped: the reduced CV is kept, for the other backends") {
        const vitae::cv::Document document = cv_with(14);
        const vitae::layout::FitResult result =
            vitae::layout::fit_to_pages(document, small_page(1), fonts, diagnostics);
        REQUIRE_FALSE(result.dropped.empty());
        REQUIRE(result.reduced.has_value());
        CHECK(&result.laid_out(document) == &*result.reduced);
        const auto entries_dropped =
            std::count_if(result.dropped.begin(), result.dropped.end(),
                          [](const auto& item) { return item.what.starts_with("entry "); });
        CHECK(result.reduced->sections.front().entries.size() + static_cast<std::size_t>(entries_dropped) ==
              document.sections.front().entries.size());
    }
}

TEST_CASE("a role the fitter leaves out is named, and its bullets with it are not named again", "[fit]") {
    std::string toml = "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Work\"\n";
    for (int i = 0; i < 8; ++i) {
        toml += "[[section.entry]]\ntitle = \"Entry " + std::to_string(i) +
                "\"\npriority = 3\nhighlights = [\"A line of text\", \"Another line\"]\n";
    }
    toml +=
        "[[section.entry]]\ntitle = \"Acme\"\npriority = 3\n"
        "[[section.entry.roles]]\ntitle = \"Kept role\"\npriority = 3\nhighlights = [{ text = \"Kept\", "
        "priority = 3 }]\n"
        "[[section.entry.roles]]\ntitle = \"Old role\"\npriority = 0\n"
        "highlights = [{ text = \"Old bullet one\", priority = 0 }, { text = \"Old bullet two\", priority = "
        "0 }]\n";
    vitae::Diagnostics load_diagnostics;
    const vitae::cv::Document document = vitae::load_cv_text(toml, "cv.toml", load_diagnostics);
    REQUIRE_FALSE(load_diagnostics.has_errors());
    vitae::test::FakeFonts fonts;
    vitae::Diagnostics diagnostics;
    const vitae::layout::FitResult result =
        vitae::layout::fit_to_pages(document, small_page(1), fonts, diagnostics);
    REQUIRE(result.fits);
    std::vector<std::string> named;
    for (const auto& dropped : result.dropped) named.push_back(dropped.what);
    for (const std::string& what : named) INFO(what);
    CHECK(std::find(named.begin(), named.end(), "role 'Old role' at 'Acme'") != named.end());
    for (const std::string& what : named) CHECK(what.find("Old bullet") == std::string::npos);
    // Whatever went is named: the reduced CV has no role the warnings do not account for.
    const auto& acme = result.laid_out(document).sections.at(0).entries.back();
    CHECK(acme.roles.size() == 1);
}
