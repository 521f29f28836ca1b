// Golden tests of the layout engine: the frame trace of small CVs, laid
// out with made-up metrics, is compared with tests/golden/NAME.trace.
// VITAE_UPDATE_GOLDEN=1 rewrites the files that differ and fails their
// tests: review the diff, then run again (see unit/golden.hpp).
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "unit/fake_fonts.hpp"
#include "unit/golden.hpp"
#include "unit/support.hpp"
#include "vitae/base/limits.hpp"
#include "vitae/layout/layout.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/render/trace.hpp"

namespace {

/// A run's text without the space a line that ends between words ends with.
std::string_view words_of(const vitae::layout::TextRun& run) {
    std::string_view text = run.text();
    if (text.ends_with(' ')) text.remove_suffix(1);
    return text;
}

vitae::style::Sheet test_sheet() {
    vitae::style::Sheet sheet;
    sheet.body_family = "Sans";
    sheet.fallback_families = {"Emoji"};
    sheet.icon_family = "Icons";
    sheet.page_width = 300;
    sheet.page_height = 400;
    sheet.margins = {20, 20, 20, 20};
    return sheet;
}

/// test_sheet() for a CV in a language written in `script` (ISO 15924).
vitae::style::Sheet sheet_in(std::string tag, std::string script, bool right_to_left = false) {
    vitae::style::Sheet sheet = test_sheet();
    sheet.language.tag = std::move(tag);
    sheet.language.script = std::move(script);
    sheet.language.right_to_left = right_to_left;
    return sheet;
}

struct Result {
    std::string trace;
    std::vector<std::string> diagnostics;
    vitae::layout::PagedDocument document;
};

Result lay_out(std::string_view toml, const vitae::style::Sheet& sheet = test_sheet()) {
    vitae::Diagnostics diagnostics;
    const vitae::cv::Document cv = vitae::load_cv_text(toml, "cv.toml", diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    vitae::test::FakeFonts fonts;
    Result result;
    result.document = vitae::layout::layout_document(cv, sheet, fonts, diagnostics);
    result.trace = vitae::render::trace_frames(result.document, fonts);
    result.diagnostics = vitae::test::lines(diagnostics);
    return result;
}

void check_golden(const std::string& name, const std::string& trace) {
    const std::filesystem::path path =
        std::filesystem::path{VITAE_SOURCE_DIR} / "tests/golden" / (name + ".trace");
    vitae::test::check_golden_file(path, trace);
}

constexpr std::string_view paragraph_cv = R"toml(
[person]
name = "Ada Lovelace"
[[section]]
title = "About"
kind = "text"
text = "The Analytical Engine weaves algebraic patterns just as the Jacquard loom weaves flowers and leaves, and its notes hold the first published program."
)toml";

}  // namespace

TEST_CASE("golden: a ragged-right paragraph", "[layout][golden]") {
    const Result result = lay_out(paragraph_cv);
    CHECK(result.diagnostics.empty());
    check_golden("ragged-paragraph", result.trace);
}

TEST_CASE("golden: a justified paragraph", "[layout][golden]") {
    vitae::style::Sheet sheet = test_sheet();
    sheet.line_breaking.justify = true;
    const Result result = lay_out(paragraph_cv, sheet);
    check_golden("justified-paragraph", result.trace);
    // Every line but the last ends at the right margin.
    std::size_t full_lines = 0;
    double last_right = 0;
    for (const auto& item : result.document.pages.at(0).items) {
        if (const auto* run = std::get_if<vitae::layout::TextRun>(&item)) {
            last_right = run->origin.x + run->width;
            if (std::abs(last_right - 280) < 0.01) ++full_lines;
        }
    }
    CHECK(full_lines == 2);
    CHECK(last_right < 279);
}

TEST_CASE("golden: paragraphs half a line apart, forced line breaks, code in its face", "[layout][golden]") {
    vitae::style::Sheet sheet = test_sheet();
    sheet.line_breaking.justify = true;
    const Result result = lay_out(R"toml(
[person]
name = "Ada Lovelace"
summary = """
The Analytical Engine weaves algebraic patterns just as the Jacquard loom weaves flowers.

Its notes hold the first published program, in `Bernoulli` order."""
[[section]]
title = "Notes"
kind = "list"
items = ['''A line\
and another

and a paragraph of the item''']
)toml",
                                  sheet);
    CHECK(result.diagnostics.empty());
    check_golden("paragraphs", result.trace);
}

TEST_CASE("golden: numbered lists count up or down, entries sit under their group's heading",
          "[layout][golden]") {
    const Result result = lay_out(R"toml(
[person]
name = "Ada Lovelace"
[[section]]
title = "Talks"
kind = "list"
numbered = true
reversed = true
items = ["Newest talk", "Older talk"]
[[section]]
title = "Work"
[[section.entry]]
title = "Lab"
group = "Research"
[[section.entry]]
title = "Alone"
)toml");
    CHECK(result.diagnostics.empty());
    check_golden("lists-and-groups", result.trace);
}

TEST_CASE("golden: dates sit right-aligned on the title's baseline", "[layout][golden]") {
    const Result result = lay_out(R"toml(
[person]
name = "Ada"
email = "ada@example.org"
[[section]]
title = "Education"
[[section.entry]]
title = "University of London"
subtitle = "Mathematics"
location = "London"
start = "1840-01"
end = "1842-06"
highlights = ["Studied with **De Morgan**", "Wrote [notes](https://example.org/notes) on the engine"]
)toml");
    CHECK(result.diagnostics.empty());
    check_golden("entry-dates", result.trace);
}

TEST_CASE("golden: a title too long for its dates wraps beside them", "[layout][golden]") {
    const Result result = lay_out(R"toml(
[person]
name = "Ada"
[[section]]
title = "Work"
[[section.entry]]
title = "The Society for the Encouragement of Arts, Manufactures and Commerce of London"
start = "1843-01"
end = "present"
)toml");
    check_golden("long-title", result.trace);
    // No two items overlap: the title lines end before the dates begin.
    const auto& items = result.document.pages.at(0).items;
    double dates_left = 1e9;
    double title_right = 0;
    for (const auto& item : items) {
        const auto* run = std::get_if<vitae::layout::TextRun>(&item);
        if (!run) continue;
        if (run->text().find("1843") != std::string::npos) dates_left = run->origin.x;
        if (run->text().find("Society") != std::string::npos) title_right = run->origin.x + run->width;
    }
    CHECK(title_right < dates_left);
}

TEST_CASE("golden: wrapped dates stand by the title's last line and the place under them",
          "[layout][golden]") {
    // The title wraps: its dates go beside its last line, so a reader going
    // line by line reads the title whole. The subtitle wraps too: its place
    // goes beside its first line, right under the dates, so the right
    // sides stay one stack.
    const Result result = lay_out(R"toml(
[person]
name = "Ada"
[[section]]
title = "Work"
[[section.entry]]
title = "The Society for the Encouragement of Arts, Manufactures and Commerce of London"
subtitle = "Corresponding member of the committee on mechanics and the useful arts"
location = "London, England"
start = "1843-01"
end = "present"
)toml");
    check_golden("long-title-and-subtitle", result.trace);
    const auto& items = result.document.pages.at(0).items;
    auto baseline_of = [&items](std::string_view text) {
        for (const auto& item : items) {
            const auto* run = std::get_if<vitae::layout::TextRun>(&item);
            if (run && run->text().find(text) != std::string::npos) return run->origin.y;
        }
        return -1.0;
    };
    CHECK(baseline_of("1843") == baseline_of("of London"));
    CHECK(baseline_of("London, England") == baseline_of("Corresponding"));
    CHECK(baseline_of("Corresponding") > baseline_of("of London"));
}

TEST_CASE("golden: page breaks keep a heading with its first entry", "[layout][golden]") {
    // A page tall enough for the heading "TWO" and its rule at the foot of
    // page 1, not for its entry too.
    vitae::style::Sheet sheet = test_sheet();
    sheet.page_height = 420;
    std::string section_one = "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"One\"\n";
    for (int i = 0; i < 9; ++i) {
        section_one += "[[section.entry]]\ntitle = \"Entry " + std::to_string(i) +
                       "\"\nhighlights = [\"A line of text\"]\n";
    }
    // The case this test is about: alone, the heading and its rule do fit
    // on page 1 (then they end it).
    const Result heading_alone = lay_out(section_one + "[[section]]\ntitle = \"Two\"\n", sheet);
    REQUIRE(heading_alone.document.pages.size() == 1);
    REQUIRE(std::holds_alternative<vitae::layout::Line>(heading_alone.document.pages[0].items.back()));

    const Result result = lay_out(
        section_one + "[[section]]\ntitle = \"Two\"\n[[section.entry]]\ntitle = \"Last entry\"\n", sheet);
    check_golden("page-breaks", result.trace);
    REQUIRE(result.document.pages.size() == 2);
    // With its entry, neither the heading nor its rule stays on page 1: the
    // page ends with the last entry's text, not with a stranded heading's
    // rule.
    const auto& first_page = result.document.pages[0].items;
    REQUIRE_FALSE(first_page.empty());
    CHECK(std::holds_alternative<vitae::layout::TextRun>(first_page.back()));
    for (const auto& item : first_page) {
        if (const auto* run = std::get_if<vitae::layout::TextRun>(&item)) CHECK(words_of(*run) != "TWO");
    }
    REQUIRE(result.document.bookmarks.size() == 2);
    CHECK(result.document.bookmarks[1].page == 1);
    CHECK(result.trace.find("\"Entry 8 \"") < result.trace.find("page 2"));
}

TEST_CASE("characters outside the BMP come from the fallback as outlines", "[layout]") {
    const Result result = lay_out(R"toml(
[person]
name = "Ada 🌟 22k"
)toml");
    CHECK(result.diagnostics.empty());
    CHECK(result.trace.find("outline") != std::string::npos);
    CHECK(result.trace.find("[Emoji") != std::string::npos);
}

TEST_CASE("a character no font has is a warning at its column", "[layout]") {
    const Result result = lay_out("[person]\nname = \"Snow \u2603 man\"\n");
    CHECK(result.diagnostics ==
          std::vector<std::string>{"cv.toml:2:14: warning: no installed font has the character '\u2603' "
                                   "(U+2603) (it is shown as \uFFFD)"});
}

TEST_CASE("the characters of a text no font has are one warning at the first, each named once", "[layout]") {
    const Result few = lay_out("[person]\nname = \"Snow \u2603\u2603 man \u1200\"\n");
    CHECK(few.diagnostics ==
          std::vector<std::string>{"cv.toml:2:14: warning: no installed font has the characters '\u2603' "
                                   "(U+2603), '\u1200' (U+1200) (they are shown as \uFFFD)"});
    // A word in a script with no font: the first four and a count.
    const Result many = lay_out("[person]\nname = \"Ada \u1200\u1201\u1202\u1203\u1204\u1205\u1200\"\n");
    CHECK(many.diagnostics ==
          std::vector<std::string>{"cv.toml:2:13: warning: no installed font has the characters '\u1200' "
                                   "(U+1200), '\u1201' (U+1201), '\u1202' (U+1202), '\u1203' (U+1203) and 2 "
                                   "more in this text (they are shown as \uFFFD)"});
}

TEST_CASE("a missing font family is an error naming it", "[layout]") {
    vitae::style::Sheet sheet = test_sheet();
    sheet.body_family = "Nonexistent";
    sheet.fallback_families = {"Sans"};
    sheet.where = vitae::test::region("style.toml", 3, 8);
    vitae::Diagnostics diagnostics;
    const vitae::cv::Document cv = vitae::load_cv_text("[person]\nname = \"Ada\"\n", "cv.toml", diagnostics);
    vitae::test::FakeFonts fonts;
    (void)vitae::layout::layout_document(cv, sheet, fonts, diagnostics);
    CHECK(vitae::test::lines(diagnostics) ==
          std::vector<std::string>{
              "style.toml:3:8: error: font family 'Nonexistent' is not installed as TrueType "
              "(install it, or choose another family in the style sheet)"});
}

TEST_CASE("links cover exactly their text", "[layout]") {
    const Result result =
        lay_out("[person]\nname = \"Ada\"\nsummary = \"See [my notes](https://x.org) here\"\n");
    const auto& links = result.document.pages.at(0).links;
    REQUIRE(links.size() == 1);
    CHECK(links[0].url == "https://x.org");
    // "my notes": 7 characters of half an em and a space of a quarter, at 10 pt.
    CHECK(links[0].area.width == Approx(7 * 0.5 * 10 + 0.25 * 10));
}

TEST_CASE("a word too long for the line is a warning naming the entry", "[layout]") {
    const Result result = lay_out(R"toml(
[person]
name = "Ada"
[[section]]
title = "Work"
[[section.entry]]
title = "Engine"
highlights = ["see https://example.org/a/very/long/path/that/cannot/be/broken/anywhere/at/all"]
)toml");
    CHECK(result.diagnostics ==
          std::vector<std::string>{
              "cv.toml:8:16: warning: a line of 'Engine' is too wide for the text width (a word "
              "or URL longer than the line cannot be broken)"});
}

TEST_CASE("golden: a footer with the name and page X of Y on every page", "[layout][golden]") {
    vitae::style::Sheet sheet = test_sheet();
    sheet.footer = true;
    std::string toml = "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Notes\"\nkind = \"list\"\nitems = [";
    for (int i = 0; i < 30; ++i) toml += "\"Item " + std::to_string(i) + "\", ";
    toml += "]\n";
    const Result result = lay_out(toml, sheet);
    REQUIRE(result.document.pages.size() == 2);
    CHECK(result.trace.find("\"Ada \u2014 page 1 of 2 \"") != std::string::npos);
    CHECK(result.trace.find("\"Ada \u2014 page 2 of 2 \"") != std::string::npos);
    check_golden("footer", result.trace);
}

TEST_CASE("a name reading {page} is printed as written: only the footer's template numbers pages",
          "[layout]") {
    vitae::style::Sheet sheet = test_sheet();
    sheet.footer = true;
    const Result result = lay_out("[person]\nname = \"Ada {page} of {pages}\"\n", sheet);
    CHECK(result.trace.find("\"Ada {page} of {pages} \u2014 page 1 of 1 \"") != std::string::npos);
}

TEST_CASE("golden: roles at one employer, the location beside the employer", "[layout][golden]") {
    const Result result = lay_out(R"toml(
[person]
name = "Ada"
[[section]]
title = "Work"
[[section.entry]]
title = "ACME"
location = "Zürich"
roles = [
  { title = "Staff Engineer", start = "2022-01", end = "present", highlights = ["Led the move"] },
  { title = "Engineer", start = "2019-03", end = "2021-12", highlights = ["Built the thing"] },
]
)toml");
    CHECK(result.diagnostics.empty());
    check_golden("roles", result.trace);
    // "ACME" and "Zürich" share a baseline.
    double acme_y = -1;
    double zurich_y = -2;
    for (const auto& item : result.document.pages.at(0).items) {
        if (const auto* run = std::get_if<vitae::layout::TextRun>(&item)) {
            if (words_of(*run) == "ACME") acme_y = run->origin.y;
            if (words_of(*run) == "Zürich") zurich_y = run->origin.y;
        }
    }
    CHECK(acme_y == zurich_y);
}

namespace {

constexpr std::string_view owner_cv = R"toml(
[person]
name = "Zangwei Zheng"
[[section]]
title = "Publications"
kind = "publications"
[[section.entry]]
title = "Fast Training"
authors = ["Yang You", "Z. Zheng", "Zian Zheng"]
equal_contribution = ["Z. Zheng", "Zian Zheng"]
)toml";

/// The face ("Sans Bold") of the trace's text run that reads exactly `text`;
/// empty when there is none.
std::string face_of_run(const std::string& trace, std::string_view text) {
    std::istringstream lines{trace};
    // A run that ends between words ends with a space.
    const std::string quoted = "\"" + std::string{text} + "\"";
    const std::string quoted_with_space = "\"" + std::string{text} + " \"";
    for (std::string line; std::getline(lines, line);) {
        const bool found =
            line.find(quoted) != std::string::npos || line.find(quoted_with_space) != std::string::npos;
        if (line.rfind("  text ", 0) != 0 || !found) continue;
        const std::size_t open = line.find('[');
        // "[Sans Bold 10.00 #000000]": the face is what comes before the size.
        const std::size_t size_start = line.rfind(' ', line.rfind(' ', line.find(']')) - 1);
        return line.substr(open + 1, size_start - open - 1);
    }
    return {};
}

}  // namespace

TEST_CASE("the owner is bold in author lists, the other authors are not", "[layout]") {
    const Result result = lay_out(owner_cv);
    CHECK(result.diagnostics.empty());
    INFO(result.trace);
    CHECK(face_of_run(result.trace, "Yang You,") == "Sans Regular");
    CHECK(face_of_run(result.trace, "Z. Zheng") == "Sans Bold");
    // The mark and comma after the owner's name keep the list's style.
    CHECK(face_of_run(result.trace, "*, Zian Zheng*") == "Sans Regular");
}

TEST_CASE("highlight_owner = false leaves every author regular", "[layout]") {
    vitae::style::Sheet sheet = test_sheet();
    sheet.highlight_owner = false;
    const Result result = lay_out(owner_cv, sheet);
    INFO(result.trace);
    CHECK(face_of_run(result.trace, "Yang You, Z. Zheng*, Zian Zheng*") == "Sans Regular");
    CHECK(result.trace.find("Sans Bold 10.00 #000000] \"Z. Zheng") == std::string::npos);
}

TEST_CASE("golden: a sidebar holds the header and the skills beside the main column", "[layout][golden]") {
    vitae::style::Sheet sheet = test_sheet();
    sheet.sidebar = true;
    sheet.sidebar_width = 80;
    sheet.column_gap = 10;
    const Result result = lay_out(R"toml(
[person]
name = "Ada"
email = "ada@example.org"
[[section]]
title = "Work"
[[section.entry]]
title = "Engine"
start = "1842"
highlights = ["Wrote the notes"]
[[section]]
title = "Skills"
kind = "skills"
[[section.entry]]
label = "Mathematics"
items = ["Analysis", "Algebra"]
)toml",
                                  sheet);
    CHECK(result.diagnostics.empty());
    check_golden("sidebar", result.trace);
    // The sidebar's text stays in its column; the main column starts after
    // the sidebar and the gap; bookmarks follow the CV's order.
    for (const auto& item : result.document.pages.at(0).items) {
        const auto* run = std::get_if<vitae::layout::TextRun>(&item);
        if (!run) continue;
        if (words_of(*run) == "Engine") CHECK(run->origin.x == Approx(20 + 80 + 10));
        if (words_of(*run) == "Mathematics") {
            CHECK(run->origin.x == Approx(20));
            CHECK(run->origin.x + run->width <= 20 + 80 + 0.01);
        }
    }
    REQUIRE(result.document.bookmarks.size() == 2);
    CHECK(result.document.bookmarks[0].title == "Work");
    CHECK(result.document.bookmarks[1].title == "Skills");
}

TEST_CASE("Hebrew in a left-to-right CV reads right to left within the line, with no warning",
          "[layout][bidi]") {
    const Result result = lay_out("[person]\nname = \"\u05E2\u05D1\u05E8\u05D9\u05EA Ada\"\n");
    CHECK(result.diagnostics.empty());
    std::string text;
    for (const auto& item : result.document.pages.at(0).items) {
        if (const auto* run = std::get_if<vitae::layout::TextRun>(&item)) text += run->text();
    }
    // Text that starts in Hebrew reads right to left: the English word
    // after it is on its left. The Hebrew word's glyphs come in visual
    // order, each character once (a cluster's text ends where the next
    // cluster in the text begins, which is not the next glyph's).
    CHECK(text == "Ada \u05EA\u05D9\u05E8\u05D1\u05E2 ");
    // Text that starts in English reads left to right.
    std::string english_first;
    const Result english = lay_out("[person]\nname = \"Ada \u05E2\u05D1\u05E8\u05D9\u05EA Byron\"\n");
    for (const auto& item : english.document.pages.at(0).items) {
        if (const auto* run = std::get_if<vitae::layout::TextRun>(&item)) english_first += run->text();
    }
    CHECK(english_first == "Ada \u05EA\u05D9\u05E8\u05D1\u05E2 Byron ");
}

namespace {

/// The runs of a laid-out page, by text, left to right on their line.
struct PlacedWord {
    std::string text;
    double left = 0;
    double right = 0;
    double baseline = 0;
};

std::vector<PlacedWord> placed_words(const vitae::layout::Page& page) {
    std::vector<PlacedWord> words;
    for (const auto& item : page.items) {
        // A run of a space alone (between two runs of a mirrored line) is no word.
        const auto* run = std::get_if<vitae::layout::TextRun>(&item);
        if (run != nullptr && !words_of(*run).empty())
            words.push_back(
                {std::string{words_of(*run)}, run->origin.x, run->origin.x + run->width, run->origin.y});
    }
    return words;
}

const PlacedWord& word_at(const std::vector<PlacedWord>& words, std::string_view text) {
    const auto found =
        std::find_if(words.begin(), words.end(), [&](const PlacedWord& word) { return word.text == text; });
    REQUIRE(found != words.end());
    return *found;
}

}  // namespace

TEST_CASE(
    "golden: a right-to-left CV is mirrored: text from the right edge, dates on the left, bullets right of "
    "their text",
    "[layout][bidi][golden]") {
    const vitae::style::Sheet sheet = sheet_in("he", "Hebr", true);
    // Visual order from the left: "ג" (the last word), "Acme 2" (an English
    // phrase keeps its order), "ב", "א".
    const Result result = lay_out(R"toml(
lang = "he"
[person]
name = "א"
[[section]]
title = "ב"
[[section.entry]]
title = "ג"
start = "2020"
end = "2021"
highlights = ["א ב Acme 2 ג"]
)toml",
                                  sheet);
    CHECK(result.diagnostics.empty());
    check_golden("right-to-left-mirrored", result.trace);
    const std::vector<PlacedWord> words = placed_words(result.document.pages.at(0));
    const double right_edge = sheet.page_width - sheet.margins.right;
    // The entry's title flush right, its dates flush left.
    CHECK(word_at(words, "ג").right == Approx(right_edge));
    const PlacedWord& first_year = word_at(words, "2020");
    CHECK(first_year.left < 100);
    // The dates read right to left: 2020 right of 2021.
    CHECK(word_at(words, "2021").left < first_year.left);
    // The highlight: its words from the right, the English pair in its order.
    std::vector<PlacedWord> line;
    for (const PlacedWord& word : words) {
        if (word.baseline > first_year.baseline + 1) line.push_back(word);
    }
    std::sort(line.begin(), line.end(),
              [](const PlacedWord& a, const PlacedWord& b) { return a.left < b.left; });
    std::vector<std::string> shown;
    for (const PlacedWord& word : line) shown.push_back(word.text);
    CHECK(shown == std::vector<std::string>{"ג", "Acme", "2", "ב", "א", "\u2022"});
    // The bullet right of the text, the text's first word at the indent.
    CHECK(line.back().left > line[line.size() - 2].right);
}

TEST_CASE("updating a golden file fails the test that changed it", "[golden]") {
    namespace fs = std::filesystem;
    const fs::path directory =
        fs::temp_directory_path() / ("vitae-golden-test-" + std::to_string(::getpid()));
    fs::remove_all(directory);
    fs::create_directories(directory);
    const fs::path golden = directory / "example.trace";
    using vitae::test::compare_with_golden;
    using vitae::test::GoldenOutcome;

    CHECK(compare_with_golden(golden, "new\n", false) == GoldenOutcome::missing);
    CHECK_FALSE(fs::exists(golden));
    CHECK(compare_with_golden(golden, "new\n", true) == GoldenOutcome::updated);
    CHECK(vitae::test::golden_contents(golden) == "new\n");
    // Once written, the same output matches, whether updating or not.
    CHECK(compare_with_golden(golden, "new\n", true) == GoldenOutcome::matches);
    CHECK(compare_with_golden(golden, "new\n", false) == GoldenOutcome::matches);
    // Other output differs and leaves the file alone; updating rewrites it
    // and says so, which fails the golden test that asked.
    CHECK(compare_with_golden(golden, "changed\n", false) == GoldenOutcome::differs);
    CHECK(vitae::test::golden_contents(golden) == "new\n");
    CHECK(compare_with_golden(golden, "changed\n", true) == GoldenOutcome::updated);
    CHECK(vitae::test::golden_contents(golden) == "changed\n");
    fs::remove_all(directory);
}

TEST_CASE("the PDF keywords hold as many whole section titles as a PDF text string can", "[layout][limits]") {
    // 3,125 sections once made keywords longer than a PDF string holds, and
    // the whole PDF build failed in libharu without a position.
    constexpr std::size_t section_count = 4000;
    std::string toml = "[person]\nname = \"Ada\"\n";
    for (std::size_t index = 0; index < section_count; ++index) {
        toml += "[[section]]\ntitle = \"Section number " + std::to_string(index) +
                "\"\nkind = \"text\"\ntext = \"x\"\n";
    }
    const Result result = lay_out(toml);
    const std::string& keywords = result.document.metadata.keywords;
    CHECK(keywords.size() <= vitae::limits::max_pdf_text_bytes);
    CHECK(keywords.starts_with("Section number 0, Section number 1, "));
    // Cut after a whole title, not inside one.
    const std::size_t last = keywords.rfind(", ");
    REQUIRE(last != std::string::npos);
    const std::string last_title = keywords.substr(last + 2);
    const std::string next_title = "Section number " + std::to_string(std::stoul(last_title.substr(15)) + 1);
    CHECK(keywords.size() + 2 + next_title.size() > vitae::limits::max_pdf_text_bytes);
}

TEST_CASE("a laid-out glyph costs a small fixed size, its characters stored once per run",
          "[layout][memory]") {
    // Every glyph of the document is kept until the PDF is written: a copy
    // of its characters in each glyph (a std::string) made them most of the
    // PDF build's memory (56 bytes a glyph).
    STATIC_REQUIRE(sizeof(vitae::layout::PositionedGlyph) <= 16);
    vitae::layout::GlyphString glyphs;
    glyphs.push_back(1, "f", 0, 5);
    glyphs.push_back(2, "\u00E9", 5, 5);
    glyphs.push_back(3, "", 10, 5);  // second glyph of a cluster
    vitae::layout::GlyphString more;
    more.push_back(4, "ab", 0, 5);
    glyphs.append(more, {5}, 20);
    CHECK(glyphs.characters() == "f\u00E9ab");
    CHECK(glyphs.text(0) == "f");
    CHECK(glyphs.text(1) == "\u00E9");
    CHECK(glyphs.text(2).empty());
    CHECK(glyphs.text(3) == "ab");
    CHECK(glyphs[3].x == 20);
    CHECK(glyphs[3].glyph == 4);
    // Kerned: not where the previous glyph's own advance ends.
    CHECK_FALSE(glyphs[1].kerned);
    CHECK_FALSE(glyphs[2].kerned);
    CHECK(glyphs[3].kerned);  // at 20, not 10 + 5
}

TEST_CASE("a section title too long for a PDF bookmark is an error at its position", "[layout][limits]") {
    const std::string toml = "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"" +
                             std::string(vitae::limits::max_pdf_text_bytes + 1, 'T') +
                             "\"\nkind = \"text\"\ntext = \"x\"\n";
    const Result result = lay_out(toml);
    const bool reported =
        std::any_of(result.diagnostics.begin(), result.diagnostics.end(), [](const std::string& line) {
            return line.starts_with("cv.toml:4:10: error: the section title is 32767 bytes long");
        });
    CHECK(reported);
}

namespace {

/// The text runs of the first page: text, left and right edges.
struct PlacedRun {
    std::string text;
    double left = 0;
    double right = 0;
};

std::vector<PlacedRun> placed_runs(const vitae::layout::PagedDocument& document) {
    std::vector<PlacedRun> runs;
    for (const auto& item : document.pages.at(0).items) {
        if (const auto* run = std::get_if<vitae::layout::TextRun>(&item)) {
            std::string text;
            for (std::size_t glyph = 0; glyph < run->glyphs.size(); ++glyph) text += run->glyphs.text(glyph);
            runs.push_back({text, run->origin.x, run->origin.x + run->width});
        }
    }
    return runs;
}

/// Checks that every run of the first page lies between `left` and `right`
/// (the test sheet's margins are 20 pt); returns their texts, '|' after each.
std::string runs_inside(const vitae::layout::PagedDocument& document, double left, double right) {
    std::string text;
    for (const PlacedRun& run : placed_runs(document)) {
        INFO(run.text);
        CHECK(run.left >= left - 1e-6);
        CHECK(run.right <= right + 1e-6);
        text += run.text + "|";
    }
    return text;
}

}  // namespace

TEST_CASE("the contact separator has a space on each side", "[layout]") {
    vitae::style::Sheet sheet = test_sheet();
    sheet.contact_icons = false;
    const Result result = lay_out(R"toml(
[person]
name = "Ada"
email = "ada@example.org"
phone = "555"
)toml",
                                  sheet);
    std::string header;
    for (const PlacedRun& run : placed_runs(result.document)) header += run.text + "|";
    // The spaces around the separator are real spaces of the text (each
    // contact, a link, is a run of its own).
    INFO(header);
    CHECK(header.find("ada@example.org |\u00B7 |555") != std::string::npos);
}

TEST_CASE("a contact wider than its column breaks at its break points and stays in the column", "[layout]") {
    vitae::style::Sheet sheet = test_sheet();
    sheet.page_width = 200;  // 160 pt of text: 33 characters of 9.5 pt
    const Result result = lay_out(R"toml(
[person]
name = "Ada"
email = "ada.lovelace@department-of-mathematics.university.example.org"
location = "Calle de Núñez de Balboa 114, 3.º izquierda, 28006 Madrid"
phone = "555"
)toml",
                                  sheet);
    // The e-mail address is wider than the column even set smaller: a note.
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].find("note: the contact 'ada.lovelace@department-of-mathematics.university."
                                     "example.org' is broken over lines, even at 80% of its size") !=
          std::string::npos);
    const std::string text = runs_inside(result.document, 20, 180);
    // Broken after the '@' and after the dot of a name part, never inside
    // a word nor at a hyphen while other breaks fit; the address at its
    // spaces; the short phone after it. A line that ends between words
    // ends with a space, one broken inside a word does not.
    CHECK(
        text ==
        "Ada |ada.lovelace@|department-of-mathematics.|university.example.org |Calle de Núñez de Balboa 114, "
        "3.º |izquierda, 28006 Madrid |555 |");
}

TEST_CASE("an unbreakable contact wider than its column is a warning naming it", "[layout]") {
    vitae::style::Sheet sheet = test_sheet();
    sheet.page_width = 200;
    const Result result = lay_out(R"toml(
[person]
name = "Ada"
homepage = "https://example.org/averyveryveryveryveryveryverylongpathwithoutanybreak"
)toml",
                                  sheet);
    REQUIRE(result.diagnostics.size() == 2);
    CHECK(result.diagnostics[0].find("is broken over lines, even at 80% of its size") != std::string::npos);
    CHECK(result.diagnostics[1].find(
              "warning: a line of the contact "
              "'https://example.org/averyveryveryveryveryveryverylongpathwithoutanybreak' "
              "is too wide") != std::string::npos);
}

TEST_CASE("a contact a little wider than its column is set smaller on one line", "[layout]") {
    vitae::style::Sheet sheet = test_sheet();
    sheet.page_width = 200;  // 160 pt of text: 33 characters of 9.5 pt
    const Result result = lay_out(R"toml(
[person]
name = "Ada"
email = "ada.lovelace@mathematics.example.org"
)toml",
                                  sheet);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].find("note: the contact 'ada.lovelace@mathematics.example.org' is set at ") !=
          std::string::npos);
    const std::string text = runs_inside(result.document, 20, 180);
    CHECK(text == "Ada |ada.lovelace@mathematics.example.org |");
    for (const auto& item : result.document.pages.at(0).items) {
        const auto* run = std::get_if<vitae::layout::TextRun>(&item);
        if (run == nullptr || run->text().find('@') == std::string::npos) continue;
        CHECK(run->size < 9.5);
        CHECK(run->size >= 9.5 * vitae::style::LineBreaking::smallest_contact_scale);
        CHECK(run->origin.x + run->width <= 180 + 1e-6);
    }
}

TEST_CASE(
    "a hyphenated name that fits its line does not break at its hyphen, in the header or an author list",
    "[layout]") {
    vitae::style::Sheet sheet = test_sheet();
    sheet.page_width = 200;  // 160 pt of text: "Ana Núñez-" fits on a line of the name, "García" not
    const Result result = lay_out(R"toml(
[person]
name = "Ana Núñez-García"
[[section]]
title = "Publications"
kind = "publications"
[[section.entry]]
title = "Fast Training"
authors = ["Ana Beatriz Núñez-García", "Luis Peña-Gonçalves", "Jean-Pierre Lefèvre-Dupont"]
)toml",
                                  sheet);
    CHECK(result.diagnostics.empty());
    std::vector<std::string> lines;
    for (const PlacedRun& run : placed_runs(result.document)) {
        lines.push_back(run.text);
        CHECK_FALSE(run.text.ends_with("-"));
    }
    CHECK(lines.at(0) == "Ana ");
    CHECK(lines.at(1) == "Núñez-García ");
}

TEST_CASE("a name wider than its column breaks at its hyphen or between its characters, as a last resort",
          "[layout]") {
    vitae::style::Sheet sheet = test_sheet();
    sheet.page_width = 130;  // 90 pt of text: "Núñez-García" is wider, "Núñez-" and "García" are not
    SECTION("at the hyphen, rather than over the column's edge") {
        const Result result = lay_out("[person]\nname = \"Ana Núñez-García\"\n", sheet);
        CHECK(result.diagnostics.empty());
        std::vector<std::string> lines;
        for (const PlacedRun& run : placed_runs(result.document)) lines.push_back(run.text);
        CHECK(lines == std::vector<std::string>{"Ana ", "Núñez-", "García "});
        runs_inside(result.document, 20, 110);
    }
    SECTION("between the characters of a Chinese name") {
        vitae::style::Sheet chinese = sheet_in("zh", "Hans");
        chinese.page_width = sheet.page_width;
        const Result result =
            lay_out("lang = \"zh\"\n[person]\nname = \"欧阳娜娜欧阳娜娜欧阳娜娜\"\n", chinese);
        CHECK(result.diagnostics.empty());
        CHECK(placed_runs(result.document).size() >= 2);
        runs_inside(result.document, 20, 110);
    }
}

TEST_CASE("a location wider than the column takes lines of its own, inside the column", "[layout]") {
    vitae::style::Sheet sheet = test_sheet();
    sheet.page_width = 200;
    const Result result = lay_out(R"toml(
[person]
name = "Ada"
[[section]]
title = "Work"
[[section.entry]]
title = "Engine"
subtitle = "Analyst"
location = "Departamento de Matemáticas, Universidad de Londres"
)toml",
                                  sheet);
    CHECK(result.diagnostics.empty());
    runs_inside(result.document, 20, 180);
}

TEST_CASE("any line set whole that leaves its column is a warning naming its section", "[layout]") {
    vitae::style::Sheet sheet = test_sheet();
    sheet.page_width = 200;
    const Result result = lay_out(R"toml(
[person]
name = "Ada"
[[section]]
title = "Skills"
kind = "skills"
[[section.entry]]
label = "Herramientas_de_visualización_científica"
items = ["Python"]
)toml",
                                  sheet);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0] ==
          "cv.toml:5:10: warning: a line of section 'Skills' is too wide for its column (it runs past the "
          "column's edge: shorten it, or choose a wider column)");
}

TEST_CASE("a publication's line never starts with a separator, however its venue wraps", "[layout]") {
    // Venues of every length up to two lines: wherever the line breaks, the
    // separator stays with the item before it.
    for (int words = 1; words <= 24; ++words) {
        std::string venue = "Venue";
        for (int word = 1; word < words; ++word) venue.append(" Venue");
        const Result result = lay_out(
            "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Papers\"\nkind = \"publications\"\n"
            "[[section.entry]]\ntitle = \"T\"\nvenue = \"" +
            venue + "\"\nyear = 2024\nnote = \"Oral\"\ndoi = \"10.1000/x\"\n");
        INFO(result.trace);
        std::istringstream lines{result.trace};
        double last_y = -1;
        for (std::string line; std::getline(lines, line);) {
            if (!line.starts_with("  text ")) continue;
            const double y = std::stod(line.substr(line.find(',') + 1));
            const bool starts_line = y != last_y;
            last_y = y;
            CHECK_FALSE((starts_line && line.find("] \"\u00B7") != std::string::npos));
        }
    }
}

TEST_CASE("a bullet and a skill label come before their line's text in the page's order", "[layout]") {
    // Extractors that read the content stream in order (MuPDF) put a
    // marker written after its line's text after that text.
    const Result result = lay_out(R"toml(
[person]
name = "Ada"
[[section]]
title = "Work"
[[section.entry]]
title = "Engine"
highlights = ["Wrote the first program"]
[[section]]
title = "Skills"
kind = "skills"
[[section.entry]]
label = "Maths"
items = ["Analysis", "Algebra"]
)toml");
    std::string order;
    for (const PlacedRun& run : placed_runs(result.document)) order += run.text + "|";
    INFO(order);
    const std::size_t bullet = order.find("\u2022 |");
    REQUIRE(bullet != std::string::npos);
    CHECK(bullet < order.find("Wrote"));
    CHECK(order.find("Maths") < order.find("Analysis"));
}

TEST_CASE("a sidebar's list item is never split between two pages", "[layout]") {
    // Each page is read column by column: the halves of a sidebar item
    // split by a page break would be read with the main column between them.
    vitae::style::Sheet sheet = test_sheet();
    sheet.sidebar = true;
    sheet.sidebar_width = 80;
    sheet.column_gap = 10;
    std::string toml = "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Notes\"\nkind = \"list\"\nitems = [";
    constexpr int items = 12;
    for (int item = 0; item < items; ++item) {
        // Eight words, unique to the item: "w3x0 w3x1 … w3x7".
        toml += '"';
        for (int word = 0; word < 8; ++word) {
            if (word > 0) toml += ' ';
            toml.append("w").append(std::to_string(item)).append("x").append(std::to_string(word));
        }
        toml += "\", ";
    }
    toml += "]\n";
    const Result result = lay_out(toml, sheet);
    REQUIRE(result.document.pages.size() >= 2);
    for (int item = 0; item < items; ++item) {
        const std::string prefix = std::string{"w"}.append(std::to_string(item)).append("x");
        std::set<std::size_t> pages;
        for (std::size_t page = 0; page < result.document.pages.size(); ++page) {
            for (const auto& placed : result.document.pages[page].items) {
                const auto* run = std::get_if<vitae::layout::TextRun>(&placed);
                if (run != nullptr && run->text().find(prefix) != std::string::npos) pages.insert(page);
            }
        }
        INFO(prefix);
        CHECK(pages.size() == 1);
    }
}

namespace {

constexpr std::string_view german_paragraph_cv = R"toml(
[person]
name = "Lena Hoffmann"
[[section]]
title = "Profil"
kind = "text"
text = "Softwareentwicklerin mit Forschungserfahrung in der Spracherkennung: Datenverarbeitungspipelines, Qualitätssicherungsmaßnahmen und Modellkomprimierung für Mobilgeräte; Betreuung studentischer Abschlussarbeiten und Lehrveranstaltungen an der Universität."
)toml";

/// A justified paragraph's lines (runs by baseline) and its widest space
/// between words (pt), last line aside.
struct JustifiedFigures {
    std::size_t lines = 0;
    double widest_space = 0;
};

JustifiedFigures justified_figures(const vitae::layout::PagedDocument& document) {
    std::map<double, std::vector<const vitae::layout::TextRun*>> lines;
    for (const auto& item : document.pages.at(0).items) {
        const auto* run = std::get_if<vitae::layout::TextRun>(&item);
        if (run != nullptr && run->provenance.block_role == vitae::compose::Role::text)
            lines[run->origin.y].push_back(run);
    }
    JustifiedFigures figures;
    figures.lines = lines.size();
    std::size_t line = 0;
    for (const auto& [y, runs] : lines) {
        if (++line == lines.size()) break;
        for (const auto* run : runs) {
            for (std::size_t glyph = 0; glyph + 1 < run->glyphs.size(); ++glyph) {
                if (run->glyphs.text(glyph) == " ")
                    figures.widest_space =
                        std::max(figures.widest_space, run->glyphs[glyph + 1].x - run->glyphs[glyph].x);
            }
        }
    }
    return figures;
}

}  // namespace

TEST_CASE("golden: a justified German paragraph, hyphenated", "[layout][golden][hyphenation]") {
    vitae::style::Sheet sheet = test_sheet();
    sheet.page_width = 400;
    sheet.language.tag = "de";
    sheet.line_breaking.justify = true;
    sheet.line_breaking.hyphenate = true;
    const Result hyphenated = lay_out(german_paragraph_cv, sheet);
    CHECK(hyphenated.diagnostics.empty());
    check_golden("hyphenated-paragraph", hyphenated.trace);
    // Lines end at hyphens the text does not have, and read whole.
    std::size_t added_hyphens = 0;
    std::string text;
    for (const auto& item : hyphenated.document.pages.at(0).items) {
        if (const auto* run = std::get_if<vitae::layout::TextRun>(&item)) {
            if (run->ends_with_added_hyphen) ++added_hyphens;
            if (run->provenance.block_role == vitae::compose::Role::text) text += run->source_text();
        }
    }
    CHECK(added_hyphens >= 2);
    CHECK(text.find("Qualitätssicherungsmaßnahmen") != std::string::npos);

    // The figures the note gives: lines, and the widest space between
    // words, with hyphenation and without.
    sheet.line_breaking.hyphenate = false;
    const Result unhyphenated = lay_out(german_paragraph_cv, sheet);
    const JustifiedFigures with = justified_figures(hyphenated.document);
    const JustifiedFigures without = justified_figures(unhyphenated.document);
    // The widest a space may stretch within the tolerance: TeX's badness
    // is 100 × ratio³, so its ratio is at most ∛(tolerance / 100).
    const double space = 10 * vitae::test::FakeFonts::space_width;  // the body's 10 pt
    const double stretch_limit =
        space * (1 + sheet.line_breaking.space_stretch * std::cbrt(sheet.line_breaking.tolerance / 100));
    std::printf(
        "justified German paragraph: %zu lines, widest space %.2f pt hyphenated; "
        "%zu lines, widest space %.2f pt without (stretch limit %.2f pt)\n",
        with.lines, with.widest_space, without.lines, without.widest_space, stretch_limit);
    // Made-up metrics are coarse (every letter 5 pt): the real fonts'
    // figures, within the limit, are the end-to-end tests'.
    CHECK(with.lines < without.lines);
    CHECK(with.widest_space < without.widest_space / 10);
    CHECK(without.widest_space > stretch_limit);
}

TEST_CASE("capitals, addresses and code are not hyphenated but soft hyphens are honoured",
          "[layout][hyphenation]") {
    vitae::style::Sheet sheet = test_sheet();
    sheet.language.tag = "de";
    sheet.line_breaking.justify = true;
    sheet.line_breaking.hyphenate = true;
    const Result result = lay_out(R"toml(
[person]
name = "Lena Hoffmann"
[[section]]
title = "Profil"
kind = "text"
text = "DATENVERARBEITUNGSPIPELINES DATENVERARBEITUNGSPIPELINES DATENVERARBEITUNGSPIPELINES `Datenverarbeitungspipelines` [Datenverarbeitungspipelines](https://example.org/Datenverarbeitungspipelines) Kurz­wort­kette Kurz­wort­kette Kurz­wort­kette Kurz­wort­kette"
)toml",
                                  sheet);
    std::vector<std::string> broken;
    for (const auto& item : result.document.pages.at(0).items) {
        if (const auto* run = std::get_if<vitae::layout::TextRun>(&item); run && run->ends_with_added_hyphen)
            broken.push_back(run->text());
    }
    for (const std::string& text : broken) {
        INFO(text);
        // Only the soft hyphens' word breaks, and only at a soft hyphen.
        CHECK((text.ends_with("Kurz-") || text.ends_with("Kurzwort-")));
    }
    // The soft hyphens themselves show nothing and read as nothing.
    CHECK(result.trace.find("\u00AD") == std::string::npos);
}

TEST_CASE("golden: a Chinese paragraph breaks between characters with kinsoku",
          "[layout][golden][segmentation]") {
    vitae::style::Sheet sheet = sheet_in("zh", "Hans");
    sheet.page_width = 200;
    const Result result = lay_out(R"toml(
lang = "zh"
[person]
name = "郑赞伟"
[[section]]
title = "简介"
kind = "text"
text = "新加坡国立大学计算机科学博士研究生，研究方向为大规模视频生成模型、高效深度学习训练系统与分布式优化。熟悉**PyTorch**、CUDA与大规模集群训练，热爱开源社区（GitHub上获得超过两万颗星）。"
)toml",
                                  sheet);
    // No line is too wide, and no hint about words longer than the line.
    CHECK(result.diagnostics.empty());
    check_golden("chinese-paragraph", result.trace);
    std::map<double, std::string> lines;
    for (const auto& item : result.document.pages.at(0).items) {
        const auto* run = std::get_if<vitae::layout::TextRun>(&item);
        if (run != nullptr && run->provenance.block_role == vitae::compose::Role::text) {
            lines[run->origin.y] += run->text();
            CHECK(run->origin.x + run->width <= 180.01);
        }
    }
    REQUIRE(lines.size() >= 3);
    std::string whole;
    for (const auto& [y, text] : lines) {
        INFO(text);
        for (const std::string_view closing : {"，", "、", "。", "）", "」"})
            CHECK_FALSE(text.starts_with(closing));
        for (const std::string_view opening : {"（", "「"}) CHECK_FALSE(text.ends_with(opening));
        whole += text;
    }
    // Every character, in order, with nothing between the lines.
    CHECK(whole.find("新加坡国立大学计算机科学博士研究生") != std::string::npos);
    CHECK(whole.find("热爱开源社区（GitHub上获得超过两万颗星）。") != std::string::npos);
}

TEST_CASE("a Chinese name in an author list is never broken between its characters",
          "[layout][segmentation]") {
    vitae::style::Sheet sheet = sheet_in("zh", "Hans");
    sheet.page_width = 150;
    const std::vector<std::string> names = {"郑赞伟", "欧阳明远", "司马相如", "诸葛孔明", "上官婉儿", "尤洋"};
    const Result result = lay_out(R"toml(
lang = "zh"
[person]
name = "郑赞伟"
[[section]]
title = "论文"
kind = "publications"
[[section.entry]]
title = "视频生成"
authors = ["郑赞伟", "欧阳明远", "司马相如", "诸葛孔明", "上官婉儿", "尤洋"]
venue = "AAAI"
year = 2023
)toml",
                                  sheet);
    std::map<double, std::string> lines;
    for (const auto& item : result.document.pages.at(0).items) {
        const auto* run = std::get_if<vitae::layout::TextRun>(&item);
        if (run != nullptr && run->provenance.block_role == vitae::compose::Role::authors)
            lines[run->origin.y] += run->text();
    }
    std::size_t found = 0;
    for (const std::string& name : names) {
        for (const auto& [y, text] : lines) {
            if (text.find(name) != std::string::npos) ++found;
        }
    }
    INFO(result.trace);
    // Every name whole on a line (the header's name is not counted: another role).
    CHECK(found == names.size());
    CHECK(lines.size() >= 2);
}

namespace {

/// Which page (from 1) the trace draws `text` on; 0 when it draws it nowhere.
int page_of(const std::string& trace, std::string_view text) {
    const std::size_t at = trace.find(fmt::format("\"{} \"", text));
    if (at == std::string::npos) return 0;
    int page = 0;
    for (std::size_t p = trace.find("\npage "); p != std::string::npos && p < at;
         p = trace.find("\npage ", p + 1))
        ++page;
    return page;
}

/// A section of `entries` entries of three bullets each, Entry 0 on.
std::string entries_cv(int entries, std::string_view entry_keys = {}, std::string_view section_keys = {}) {
    std::string toml =
        fmt::format("[person]\nname = \"Ada\"\n[[section]]\ntitle = \"One\"\n{}\n", section_keys);
    for (int i = 0; i < entries; ++i) {
        toml += fmt::format(
            "[[section.entry]]\ntitle = \"Entry {}\"\nhighlights = [\"First\", \"Second\", \"Third "
            "{}\"]\n{}\n",
            i, i, i == 4 ? entry_keys : std::string_view{});
    }
    return toml;
}

}  // namespace

TEST_CASE("page_break_before starts a new page at its section or entry, and nowhere else",
          "[layout][breaks]") {
    const std::string cv =
        "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"One\"\nkind = \"text\"\ntext = \"Short\"\n"
        "[[section]]\ntitle = \"Two\"\nkind = \"text\"\ntext = \"Also short\"\n";
    CHECK(lay_out(cv).document.pages.size() == 1);
    const Result broken = lay_out(cv + "page_break_before = true\n");
    REQUIRE(broken.document.pages.size() == 2);
    CHECK(page_of(broken.trace, "TWO") == 2);
    CHECK(page_of(broken.trace, "Short") == 1);
    // The bookmark goes to the new page, and a break before the first
    // section makes no empty page.
    CHECK(broken.document.bookmarks.at(1).page == 1);
    const std::string first =
        "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"One\"\npage_break_before = true\n"
        "[[section.entry]]\ntitle = \"Entry 0\"\npage_break_before = true\n";
    CHECK(lay_out(first).document.pages.size() == 2);  // the name alone, then the section

    const Result entry =
        lay_out(entries_cv(2, "") + "[[section.entry]]\ntitle = \"Entry 9\"\npage_break_before = true\n");
    REQUIRE(entry.document.pages.size() == 2);
    CHECK(page_of(entry.trace, "Entry 1") == 1);
    CHECK(page_of(entry.trace, "Entry 9") == 2);
}

TEST_CASE("keep_together keeps an entry or a section on one page, from the CV or the style",
          "[layout][breaks]") {
    // A page on which Entry 4 straddles pages 1 and 2 as designed.
    vitae::style::Sheet sheet = test_sheet();
    sheet.page_height = 380;
    const auto lay_out = [&](const std::string& toml, vitae::style::Sheet used) {
        used.page_height = sheet.page_height;
        return ::lay_out(toml, used);
    };
    const Result designed = lay_out(entries_cv(6), sheet);
    REQUIRE(designed.document.pages.size() == 2);
    REQUIRE(page_of(designed.trace, "Entry 4") == 1);
    REQUIRE(page_of(designed.trace, "Third 4") == 2);

    const Result kept = lay_out(entries_cv(6, "keep_together = true"), sheet);
    CHECK(page_of(kept.trace, "Entry 4") == 2);
    CHECK(page_of(kept.trace, "Third 4") == 2);
    CHECK(page_of(kept.trace, "Third 3") == 1);

    vitae::style::Sheet keeping = sheet;
    keeping.keep_entries_together = true;
    const Result by_style = lay_out(entries_cv(6), keeping);
    CHECK(page_of(by_style.trace, "Entry 4") == 2);
    // An entry (or its section) may say false against the style.
    CHECK(page_of(lay_out(entries_cv(6, "keep_together = false"), keeping).trace, "Entry 4") == 1);
    CHECK(page_of(lay_out(entries_cv(6, "", "keep_together = false"), keeping).trace, "Entry 4") == 1);

    // A section kept together starts on the page it fits on whole.
    const std::string two_sections =
        entries_cv(3) +
        "[[section]]\ntitle = \"Two\"\nkeep_together = true\n"
        "[[section.entry]]\ntitle = \"Entry A\"\nhighlights = [\"a\", \"b\", \"c\"]\n"
        "[[section.entry]]\ntitle = \"Entry B\"\nhighlights = [\"d\", \"e\", \"f\"]\n"
        "[[section.entry]]\ntitle = \"Entry C\"\nhighlights = [\"g\", \"h\", \"i\"]\n";
    const Result section = lay_out(two_sections, sheet);
    CHECK(page_of(section.trace, "TWO") == page_of(section.trace, "i"));

    // Longer than a page: split after all, with a warning.
    const Result too_long = lay_out(entries_cv(12, "", "keep_together = true"), sheet);
    CHECK(too_long.document.pages.size() >= 2);
    CHECK(std::find(too_long.diagnostics.begin(), too_long.diagnostics.end(),
                    "warning: a part that must stay together is longer than a page; it is split") !=
          too_long.diagnostics.end());
}
