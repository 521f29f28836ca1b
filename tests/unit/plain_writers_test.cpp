// The text and Markdown writers print the composition: every piece of
// text the CV's rules composed reaches both outputs.
#include <catch2/catch.hpp>
#include <sstream>

#include "unit/support.hpp"
#include "vitae/compose/blocks.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/render/markdown.hpp"
#include "vitae/render/text.hpp"

namespace {

/// A CV with every kind of section and of piece: groups of entries and of
/// publications, roles with places, a list counting down, the owner among
/// the authors, equal contribution, awards, notes, links, long URLs, no tags.
constexpr std::string_view every_part = R"toml([person]
name = "Ana Pérez-Lima"
headline = "Headlineword researcher"
email = "ana.perez-lima.with.a.long.address@universidad-de-ejemplo.example.es"
phone = "+34 600 000 000"
homepage = "https://ana.example.org/a/very/long/path/that/goes/on/and/on/index.html"
location = "Calle Princesa 1, Madrid"
links = [{ label = "Githubword", url = "https://github.com/ana", icon = "github" }]
summary = """Summaryword one.

Summaryword two."""

[[section]]
title = "Experienceword"
[[section.entry]]
title = "Labword"
group = "Groupword"
subtitle = "Subtitleword"
location = "Lisboaword"
start = "2020-01"
end = "present"
url = "https://lab.example"
description = "Descriptionword"
highlights = ["Highlightword", """Firstparagraphword.

Secondparagraphword."""]
[[section.entry]]
title = "Shopword"
location = "Portoword"
roles = [
  { title = "Managerword", location = "Bragaword", start = "2018-01", end = "2019-12", highlights = ["Rolehighlightword"] },
  { title = "Clerkword", start = 2016, end = 2017 },
]

[[section]]
title = "Papersword"
kind = "publications"
[[section.entry]]
title = "Titleword with *markup*"
authors = ["Ana Pérez-Lima", "Coauthorword Second"]
equal_contribution = ["Ana Pérez-Lima", "Coauthorword Second"]
abbr = "Abbrword"
venue = "Venueword Conference"
year = 2024
month = 3
volume = 12
issue = 3
pages = "45--67"
award = "Awardword"
note = "Noteword"
doi = "10.1/abc"
pdf = "https://paper.example/x.pdf"
code = "https://github.com/ana/x"
group = "Pubgroupword"
[[section.entry]]
title = "Journalword"
authors = ["A. Pérez-Lima"]
venue = "Journalvenueword"
year = 2021

[[section]]
title = "Talksword"
kind = "list"
numbered = true
reversed = true
items = ["Newestword", "Oldestword"]

[[section]]
title = "Skillsword"
kind = "skills"
[[section.entry]]
label = "Labelword"
items = ["Skillone", "Skilltwo"]

[[section]]
title = "Aboutword"
kind = "text"
text = "Textword"
)toml";

vitae::cv::Document load(std::string_view toml) {
    vitae::Diagnostics diagnostics;
    vitae::cv::Document document = vitae::load_cv_text(toml, "cv.toml", diagnostics);
    INFO(vitae::test::lines(diagnostics).size() << " diagnostics");
    REQUIRE_FALSE(diagnostics.has_errors());
    return document;
}

/// The words of every piece of text the composition says: the CV's own
/// text and what vitae made (dates, numbers, details, links' labels);
/// not separators and bullets, which each writer prints its own way.
std::vector<std::string> composed_words(const vitae::compose::Composition& composition) {
    using vitae::compose::Piece;
    using vitae::compose::Role;
    std::vector<std::string> words;
    const auto add = [&](const vitae::compose::Inline& pieces) {
        for (const Piece& piece : pieces) {
            if (piece.role == Role::separator || piece.role == Role::icon) continue;
            std::istringstream text{piece.kind == Piece::Kind::rich ? piece.rich.plain() : piece.text};
            for (std::string word; text >> word;) words.push_back(word);
        }
    };
    for (const auto* flow : {&composition.sidebar, &composition.main}) {
        for (const vitae::compose::Block& block : *flow) {
            add(block.content);
            add(block.right);
            if (block.numbered) add(block.marker);
            for (const vitae::compose::SkillRow& row : block.rows) {
                add(row.label);
                add(row.items);
            }
            for (const vitae::compose::ContactItem& contact : block.contacts) add(contact.whole);
        }
    }
    return words;
}

/// `markdown` without its escapes: the text a reader sees.
std::string unescaped(std::string markdown) {
    std::erase(markdown, '\\');
    return markdown;
}

}  // namespace

TEST_CASE("the text and Markdown outputs say every piece the composition holds",
          "[text][markdown][compose]") {
    const vitae::cv::Document document = load(every_part);
    const vitae::style::Sheet sheet = vitae::render::plain_sheet({}, {}, {}, true);
    const std::vector<std::string> words = composed_words(vitae::compose::compose_all(document, sheet));
    // Every part of the CV above is composed into words of its own.
    for (const std::string_view word :
         {"Headlineword", "Subtitleword", "Bragaword", "Abbrword", "Awardword", "Noteword", "Code",
          "Newestword", "Labelword", "Skilltwo", "Pubgroupword", "Textword", "2.", "Mar.", "pp."}) {
        CHECK(std::find(words.begin(), words.end(), word) != words.end());
    }
    vitae::render::TextOptions options;
    options.width = 60;
    const std::string text = vitae::render::render_text(document, options);
    const std::string markdown = unescaped(vitae::render::render_markdown(document));
    for (const std::string& word : words) {
        INFO(word);
        CHECK(text.find(word) != std::string::npos);
        CHECK(markdown.find(word) != std::string::npos);
    }
}

TEST_CASE("a publication title with a link of its own makes no nested link in Markdown", "[markdown]") {
    const std::string markdown = vitae::render::render_markdown(load(R"toml([person]
name = "A"
[[section]]
title = "Papers"
kind = "publications"
[[section.entry]]
title = "On [Data](https://data.example) *sets*"
url = "https://paper.example"
)toml"));
    CHECK(markdown.find("1. **[On ](https://paper.example)[Data](https://data.example)"
                        "[ *sets*](https://paper.example)**\n") != std::string::npos);
}

TEST_CASE("a publication's own link in the text output stands after its title", "[text]") {
    const std::string text = vitae::render::render_text(load(R"toml([person]
name = "A"
[[section]]
title = "Papers"
kind = "publications"
[[section.entry]]
title = "On [Data](https://data.example) sets"
url = "https://paper.example"
)toml"));
    // The title's target is listed below it, not repeated; its own link stays.
    CHECK(text.find(" 1. On Data <https://data.example> sets\n    URL: https://paper.example\n") !=
          std::string::npos);
}
