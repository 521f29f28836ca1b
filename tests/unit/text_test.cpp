#include <catch2/catch.hpp>

#include "unit/support.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/render/text.hpp"

namespace {

std::string render(std::string_view toml, std::size_t width = 60) {
    vitae::Diagnostics diagnostics;
    const vitae::cv::Document document = vitae::load_cv_text(toml, "cv.toml", diagnostics);
    INFO(vitae::test::lines(diagnostics).size() << " diagnostics");
    REQUIRE_FALSE(diagnostics.has_errors());
    vitae::render::TextOptions options;
    options.width = width;
    return vitae::render::render_text(document, options);
}

}  // namespace

TEST_CASE("the header has the name, then contacts with icons", "[text]") {
    CHECK(render(R"toml([person]
name = "Zangwei Zheng"
email = "zhengzangw@gmail.com"
homepage = "zhengzangw.github.io"
links = [{ label = "GitHub", url = "https://github.com/z", icon = "github" }]
)toml") == "Zangwei Zheng\n"
           "\u2709 zhengzangw@gmail.com \u00B7 \U0001F3E0 zhengzangw.github.io\n"
           "GitHub: https://github.com/z\n");
}

TEST_CASE("entries put dates on the right and wrap a long title above them", "[text]") {
    const std::string text = render(R"toml([person]
name = "A"
[[section]]
title = "Education"
[[section.entry]]
title = "National University of Singapore"
subtitle = "Ph.D."
location = "Singapore"
start = "2021-08"
end = "2025-06"
end_note = "expected"
highlights = ["**Award** of [NUS](https://nus.edu.sg)"]
[[section.entry]]
title = "A title so long that it cannot share its line with the dates at all"
start = 2017
end = "present"
)toml");
    CHECK(text ==
          "A\n"
          "\n"
          "Education\n"
          "---------\n"
          "\n"
          "National University of Singapore\n"
          "                            Aug. 2021 \u2013 Jun. 2025 (expected)\n"
          "Ph.D.                                              Singapore\n"
          "  \u2022 Award of NUS <https://nus.edu.sg>\n"
          "\n"
          "A title so long that it cannot share its line with the dates\n"
          "at all\n"
          "                                              2017 \u2013 Present\n");
}

TEST_CASE("publications are grouped, numbered and marked for equal contribution", "[text]") {
    const std::string text = render(R"toml([person]
name = "A"
[[section]]
title = "Papers"
kind = "publications"
[[section.entry]]
title = "First"
authors = ["X Yue", "Z Zheng", "Y You"]
equal_contribution = ["X Yue", "Z Zheng"]
venue = "CVPR"
year = 2021
group = "Vision"
doi = "10.1/abc"
[[section.entry]]
title = "Ungrouped"
award = "**Best Paper**"
)toml");
    CHECK(text ==
          "A\n\nPapers\n------\n"
          "\n"
          " 1. Ungrouped\n"
          "    Best Paper\n"
          "\n"
          "Vision\n"
          "\n"
          " 1. First\n"
          "    X Yue*, Z Zheng*, Y You\n"
          "    CVPR 2021\n"
          "    DOI: https://doi.org/10.1/abc\n"
          "\n"
          "* equal contribution\n");
}

TEST_CASE("skills align their items, lists and text wrap", "[text]") {
    const std::string text = render(R"toml([person]
name = "A"
[[section]]
title = "Skills"
kind = "skills"
[[section.entry]]
label = "Languages"
items = ["Python", "C++"]
[[section.entry]]
label = "Tools"
items = ["Git", "Linux", "a very long tool name", "another long tool name"]
[[section]]
title = "Spoken"
kind = "list"
items = ["English", "German"]
[[section]]
title = "About"
kind = "text"
text = "I write *compilers*."
)toml",
                                    50);
    CHECK(text ==
          "A\n\nSkills\n------\n\n"
          "Languages  Python, C++\n"
          "Tools      Git, Linux, a very long tool name,\n"
          "           another long tool name\n"
          "\nSpoken\n------\n\n"
          "  \u2022 English\n"
          "  \u2022 German\n"
          "\nAbout\n-----\n\n"
          "I write compilers.\n");
}

TEST_CASE("several roles at one employer each get their dates", "[text]") {
    const std::string text = render(R"toml([person]
name = "A"
[[section]]
title = "Work"
[[section.entry]]
title = "ACME"
location = "Zürich"
roles = [
  { title = "Staff Engineer", start = "2022-01", end = "present", highlights = ["Led the move"] },
  { title = "Engineer", start = "2019-03", end = "2021-12" },
]
)toml");
    // An entry without dates has its place on its title's line, as on its page.
    CHECK(text ==
          "A\n\nWork\n----\n\n"
          "ACME                                                  Zürich\n"
          "  Staff Engineer                         Jan. 2022 \u2013 Present\n"
          "    \u2022 Led the move\n"
          "  Engineer                             Mar. 2019 \u2013 Dec. 2021\n");
}

TEST_CASE("paragraphs keep a blank line between them, line breaks a line end", "[text]") {
    const std::string text = render(R"toml([person]
name = "A"
summary = """
First paragraph of the summary.

Second paragraph."""
[[section]]
title = "Notes"
kind = "list"
items = ['''an item\
on two lines

and a second paragraph''']
)toml",
                                    40);
    CHECK(text ==
          "A\n\nFirst paragraph of the summary.\n\nSecond paragraph.\n"
          "\nNotes\n-----\n\n"
          "  \u2022 an item\n"
          "    on two lines\n"
          "\n"
          "    and a second paragraph\n");
}

TEST_CASE("numbered lists count up or down, entries sit under their group", "[text]") {
    const std::string text = render(R"toml([person]
name = "A"
[[section]]
title = "Talks"
kind = "list"
numbered = true
reversed = true
items = ["Newest", "Middle", "Oldest"]
[[section]]
title = "Patents"
kind = "list"
numbered = true
items = ["First", "Second"]
[[section]]
title = "Experience"
[[section.entry]]
title = "Lab"
group = "Research"
[[section.entry]]
title = "Shop"
group = "Industry"
[[section.entry]]
title = "Institute"
group = "Research"
)toml",
                                    40);
    CHECK(text ==
          "A\n"
          "\nTalks\n-----\n\n"
          " 3. Newest\n 2. Middle\n 1. Oldest\n"
          "\nPatents\n-------\n\n"
          " 1. First\n 2. Second\n"
          "\nExperience\n----------\n"
          "\nResearch\n\nLab\n\nInstitute\n"
          "\nIndustry\n\nShop\n");
}
