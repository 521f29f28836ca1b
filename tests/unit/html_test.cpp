#include "vitae/render/html.hpp"

#include <catch2/catch.hpp>
#include <regex>

#include "vitae/compile/compile.hpp"

namespace {

/// The page of a CV given as TOML, in a style.
std::string page_of(const std::string& toml, const std::string& style = "default",
                    std::optional<long long> source_date_epoch = std::nullopt) {
    vitae::CompileRequest request;
    request.cv.path = "cv.toml";
    request.cv.text = toml;
    request.style = style;
    request.formats = {vitae::OutputFormat::html};
    request.source_date_epoch = source_date_epoch;
    const vitae::CompileResult result = vitae::compile(request);
    std::string problems;
    for (const vitae::Diagnostic& diagnostic : result.diagnostics.items())
        problems += diagnostic.message + "\n";
    INFO(problems);
    REQUIRE(result.ok());
    REQUIRE(result.outputs.size() == 1);
    return result.outputs.front().bytes;
}

bool has(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

const std::string cv = R"toml(
[person]
name = "Ada <Lovelace> & \"Co\""
headline = "Analyst </script><script>alert(1)</script>"
email = "ada@example.org"
homepage = "https://ada.example.org"

[[section]]
title = "Experience"

[[section.entry]]
title = "Analytical Engine"
subtitle = "Programmer"
location = "London"
start = "1842-07"
end = "1843-09"
highlights = ["Wrote **the first** program, see [notes](https://example.org/notes)"]

[[section]]
title = "Skills"
kind = "skills"

[[section.entry]]
label = "Maths"
items = ["Bernoulli numbers", "Calculus"]
)toml";

}  // namespace

TEST_CASE("the page is semantic HTML5 with the CV's text escaped", "[html]") {
    const std::string page = page_of(cv);
    CHECK(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">"));
    CHECK(has(page, "<header class=\"cv-header p-contact h-card\">"));
    CHECK(has(page, "<main>"));
    CHECK(has(page, "<h1 class=\"p-name align-center\">"));
    CHECK(has(page, "Ada &lt;Lovelace&gt; &amp; &quot;Co&quot;"));
    CHECK(has(page, "<section class=\"cv-section\" style=\"margin-top:10pt;\">\n<h2>"));
    CHECK(has(page, "<article class=\"entry h-event p-experience\" style=\"margin-top:4pt;\">"));
    // The composition's gaps, in the sheet's amounts.
    CHECK(has(page, "<dl class=\"skills\" style=\"margin-top:4pt;\">"));
    CHECK(has(page, "<time class=\"dt-start\" datetime=\"1842-07\">"));
    CHECK(has(page, "<time class=\"dt-end\" datetime=\"1843-09\">"));
    CHECK(has(page, "<strong>the first</strong>"));
    CHECK(has(page, "<a href=\"https://example.org/notes\">"));
    CHECK(has(page, "<a href=\"mailto:ada@example.org\">"));
    CHECK(has(page, "<span class=\"p-skill\">"));
}

TEST_CASE("the page runs nothing and fetches nothing", "[html]") {
    const std::string page = page_of(cv);
    // The headline's "</script>" cannot end the JSON-LD or start a script.
    CHECK_FALSE(has(page, "<script>"));
    CHECK(has(page, "\\u003c/script\\u003e"));
    // Every resource is a data: URI; the only addresses are links a reader follows.
    const std::regex fetched{R"((src|url)\(?=?["']?(https?:|//))"};
    CHECK_FALSE(std::regex_search(page, fetched));
    CHECK(has(page, "default-src 'none'"));
    CHECK(has(page, "@font-face { font-family: \"Lato (vitae)\"; font-weight: 400"));
    CHECK(has(page, "src: url(data:font/ttf;base64,"));
}

TEST_CASE("the page's CSS comes from the style sheet", "[html]") {
    const std::string page = page_of(cv, "sidebar");
    CHECK(has(page, "<aside class=\"sidebar\">"));
    CHECK(has(page, "display: grid; grid-template-columns:"));
    CHECK(has(page, "@media screen and (max-width: 700px)"));
    CHECK(has(page, "@page { size: "));
    CHECK(has(page, ".ts-entries-title { font-family: "));
    CHECK(has(page, "<svg class=\"icon\""));
    CHECK(has(page, "aria-label=\"E-mail\""));
}

TEST_CASE("the page is the same bytes every time, dated only by SOURCE_DATE_EPOCH", "[html]") {
    CHECK(page_of(cv) == page_of(cv));
    CHECK_FALSE(has(page_of(cv), "dcterms.modified"));
    CHECK(has(page_of(cv, "default", 1767225600), "<meta name=\"dcterms.modified\" content=\"2026-01-01\">"));
}

TEST_CASE("a right-to-left CV's page is right to left", "[html]") {
    const std::string page = page_of("lang = \"he\"\n[person]\nname = \"נועה לוי\"\n");
    CHECK(page.starts_with("<!DOCTYPE html>\n<html lang=\"he\" dir=\"rtl\">"));
}

TEST_CASE("HTML escaping covers the characters that end text and attributes", "[html]") {
    CHECK(vitae::render::escape_html("<a href=\"x\">&</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
}

TEST_CASE("a style with dark_mode gives the page a dark variant, its colours turned light", "[html]") {
    const std::string page = page_of(cv, "default");
    CHECK(has(page, "<meta name=\"color-scheme\" content=\"light dark\">"));
    CHECK(has(page, "@media screen and (prefers-color-scheme: dark) {\n  html { background: #121212;"));
    // The near-black text (#222222) turns light grey, the deep-blue headings (#1f4e79) light blue.
    CHECK(has(page, "  .ts-text { color: #cacaca; }"));
    const std::smatch heading = [&] {
        std::smatch found;
        std::regex_search(
            page, found,
            std::regex{R"(  \.ts-section-heading \{ color: #([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2}); \})"});
        return found;
    }();
    REQUIRE(heading.size() == 4);
    CHECK(std::stoi(heading[3].str(), nullptr, 16) > std::stoi(heading[1].str(), nullptr, 16));
    CHECK(std::stoi(heading[3].str(), nullptr, 16) > 0xa0);

    const std::string classic = page_of(cv, "classic");
    CHECK(has(classic, "<meta name=\"color-scheme\" content=\"light\">"));
    CHECK_FALSE(has(classic, "prefers-color-scheme"));
}
