#include "vitae/render/markdown.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "seed_words.hpp"
#include "unit/support.hpp"
#include "vitae/load/cv_loader.hpp"

namespace {

std::string source(const std::string& relative) {
    std::ifstream file{std::string{VITAE_SOURCE_DIR} + "/" + relative};
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

vitae::cv::Document example(const std::string& name) {
    vitae::Diagnostics diagnostics;
    vitae::cv::Document document =
        vitae::load_cv_file(std::string{VITAE_SOURCE_DIR} + "/examples/" + name, diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    return document;
}

/// The Markdown of a list section "Notes" holding `items` (a TOML array).
std::string markdown_of_notes(std::string_view name, std::string_view items) {
    vitae::Diagnostics diagnostics;
    const vitae::cv::Document document = vitae::load_cv_text(
        "[person]\nname = \"" + std::string{name} +
            "\"\n[[section]]\ntitle = \"Notes\"\nkind = \"list\"\nitems = " + std::string{items} + "\n",
        "cv.toml", diagnostics);
    INFO(vitae::test::joined(vitae::test::lines(diagnostics)));
    REQUIRE_FALSE(diagnostics.has_errors());
    return vitae::render::render_markdown(document);
}

}  // namespace

TEST_CASE("the Markdown output says every word of the seed CV, links kept", "[markdown]") {
    const std::string markdown = vitae::render::render_markdown(example("zangwei-zheng.toml"));
    // A link's text and its target both count as what a reader sees.
    const std::string unlinked =
        std::regex_replace(markdown, std::regex{R"(\[([^\]]*)\]\(([^)]*)\))"}, "$1 $2");
    const std::vector<std::string> missing = vitae::test::missing_words(
        vitae::test::words_of(source("tests/data/seed-cv.txt")), vitae::test::words_of(unlinked));
    INFO("missing: " << vitae::test::joined(missing));
    CHECK(missing.empty());
    CHECK(markdown.starts_with("# Zangwei Zheng\n"));
    CHECK(markdown.find("\u2709 [zhengzangw@gmail.com](mailto:zhengzangw@gmail.com)") != std::string::npos);
    CHECK(markdown.find("\n## Selected Publications\n") != std::string::npos);
    // The owner bold in author lists, the rest as written.
    CHECK(markdown.find("   **Zangwei Zheng**, Pengtai Xu") != std::string::npos);
    CHECK(markdown.find("****") == std::string::npos);
}

TEST_CASE("Markdown output keeps the CV's markup and escapes the rest", "[markdown]") {
    const std::string markdown = markdown_of_notes(
        "Ada *Lovelace*",
        R"toml(["**fast, reproducible builds** and [the blog](https://x.org/a)", "2 \\* 3 = 6, a_b, <tag>, #1"])toml");
    CHECK(markdown ==
          "# Ada *Lovelace*\n\n## Notes\n\n"
          "- **fast, reproducible builds** and [the blog](https://x.org/a)\n"
          "- 2 \\* 3 = 6, a\\_b, \\<tag\\>, \\#1\n");
}

TEST_CASE("Markdown output never turns a CV's text into an image or a script link", "[markdown][url]") {
    const std::string markdown =
        markdown_of_notes("Ada", R"toml(["Look![x](https://x.org/t.png)", "wow! [y](https://x.org)",
         "[z](&#106;avascript:alert%281%29)", "[w](https://x.org/?a=1&b=2\\c)"])toml");
    // "!" before a link's "[" is escaped: the link stays a link, not an
    // image; one elsewhere stays as written.
    CHECK(markdown.find("- Look\\![x](https://x.org/t.png)\n") != std::string::npos);
    CHECK(markdown.find("- wow! [y](https://x.org)\n") != std::string::npos);
    // Markdown reads character references and backslash escapes in a
    // link's target: "&" and "\" are escaped, so "&#106;" stays six
    // characters instead of becoming the "j" of "javascript:".
    CHECK(markdown.find("- [z](\\&#106;avascript:alert%281%29)\n") != std::string::npos);
    CHECK(markdown.find("- [w](https://x.org/?a=1\\&b=2\\\\c)\n") != std::string::npos);
}

TEST_CASE("Markdown output keeps paragraphs, line breaks and code", "[markdown]") {
    vitae::Diagnostics diagnostics;
    const vitae::cv::Document document = vitae::load_cv_text(R"toml([person]
name = "A"
summary = """
First paragraph with `make -j2`.

Second paragraph."""
[[section]]
title = "Notes"
kind = "list"
items = ['''an item\
- not a list item

1. nor an ordered one''']
)toml",
                                                             "cv.toml", diagnostics);
    INFO(vitae::test::joined(vitae::test::lines(diagnostics)));
    REQUIRE_FALSE(diagnostics.has_errors());
    const std::string markdown = vitae::render::render_markdown(document);
    CHECK(markdown.find("\nFirst paragraph with `make -j2`.\n\nSecond paragraph.\n") != std::string::npos);
    // The item's later lines stay inside it, and never start a list.
    CHECK(markdown.find("\n- an item\\\n  \\- not a list item\n\n  1\\. nor an ordered one\n") !=
          std::string::npos);
}

TEST_CASE("Markdown numbers lists, counting down without an ordered list, and heads entry groups",
          "[markdown]") {
    vitae::Diagnostics diagnostics;
    const vitae::cv::Document document = vitae::load_cv_text(R"toml([person]
name = "A"
[[section]]
title = "Talks"
kind = "list"
numbered = true
reversed = true
items = ["Newest", "Oldest"]
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
title = "Alone"
)toml",
                                                             "cv.toml", diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    const std::string markdown = vitae::render::render_markdown(document);
    CHECK(markdown.find("## Talks\n\n2\\. Newest\n\n1\\. Oldest\n") != std::string::npos);
    CHECK(markdown.find("## Patents\n\n1. First\n2. Second\n") != std::string::npos);
    CHECK(markdown.find("## Experience\n\n### Alone\n\n### Research\n\n#### Lab\n") != std::string::npos);
}
