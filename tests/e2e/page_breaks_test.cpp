// page_break_before and keep_together, end to end: the engine's PDF, the
// PDF TeX makes of the .tex, the text (a form feed), Word (a paragraph
// that starts a page), the web page as Chromium prints it and Markdown (an
// empty HTML block that breaks the printed page) all start the page where
// the CV says.
#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "e2e/process.hpp"

namespace {

namespace fs = std::filesystem;
using namespace vitae::e2e;

constexpr std::string_view breaking_cv = R"([person]
name = "Ada Lovelace"

[[section]]
title = "Notes"
kind = "text"
text = "Translated and annotated the memoir on the Analytical Engine."

[[section]]
title = "Experience"
page_break_before = true

[[section.entry]]
title = "Analytical Society"
start = 1840
end = 1843
highlights = ["Wrote the first published program.", "Corresponded with Babbage."]

[[section.entry]]
title = "Royal Society"
page_break_before = true
keep_together = true
highlights = ["Attended the lectures.", "Read every paper."]
)";

/// The text of page `page` (from 1) of a PDF.
std::string page_text(const fs::path& pdf, int page) {
    return run({"/usr/bin/pdftotext", "-f", std::to_string(page), "-l", std::to_string(page), pdf.string(),
                "-"},
               pdf.parent_path())
        .out;
}

}  // namespace

TEST_CASE("page_break_before starts a page in the PDF, via LaTeX, in text, in Word, in HTML and in Markdown",
          "[e2e][breaks]") {
    const TemporaryDirectory out;
    std::ofstream{out / "cv.toml"} << breaking_cv;
    const RunResult built =
        run_vitae({"build", "cv.toml", "-f", "pdf,text,docx,md,html", "-o", "out/"}, out.path());
    INFO(built.err);
    REQUIRE(built.exit_code == 0);
    const fs::path pdf = out / "out" / "cv.pdf";
    REQUIRE(page_count(pdf) == 3);
    CHECK(page_text(pdf, 1).find("EXPERIENCE") == std::string::npos);
    CHECK(page_text(pdf, 2).find("EXPERIENCE") != std::string::npos);
    CHECK(page_text(pdf, 3).find("Royal Society") != std::string::npos);

    const RunResult via = run_vitae({"build", "cv.toml", "--via", "latex", "-o", "via.pdf"}, out.path());
    INFO(via.err);
    REQUIRE(via.exit_code == 0);
    CHECK(page_count(out / "via.pdf") == 3);
    CHECK(page_text(out / "via.pdf", 2).find("Analytical Society") != std::string::npos);
    CHECK(page_text(out / "via.pdf", 3).find("Royal Society") != std::string::npos);

    const std::string text = read_file(out / "out" / "cv.txt");
    const std::size_t first_feed = text.find('\f');
    REQUIRE(first_feed != std::string::npos);
    CHECK(first_feed < text.find("Analytical Society"));
    CHECK(text.find('\f', first_feed + 1) < text.find("Royal Society"));

    const RunResult document =
        run({"/usr/bin/python3", "-c",
             "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode())",
             (out / "out" / "cv.docx").string()},
            out.path());
    std::size_t breaks = 0;
    for (std::size_t at = document.out.find("<w:pageBreakBefore/>"); at != std::string::npos;
         at = document.out.find("<w:pageBreakBefore/>", at + 1))
        ++breaks;
    CHECK(breaks == 2);

    // The web page, printed by a browser as a reader would print it.
    const fs::path printed = out / "printed.pdf";
    const RunResult chromium =
        run({"/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             fmt::format("--print-to-pdf={}", printed.string()), (out / "out" / "cv.html").string()},
            out.path());
    INFO(chromium.err);
    REQUIRE(page_count(printed) == 3);
    CHECK(page_text(printed, 2).find("Analytical Society") != std::string::npos);
    CHECK(page_text(printed, 3).find("Royal Society") != std::string::npos);

    const std::string markdown = read_file(out / "out" / "cv.md");
    const std::string_view page_break = "\n<div style=\"break-before: page\"></div>\n\n";
    const std::size_t first_break = markdown.find(page_break);
    REQUIRE(first_break != std::string::npos);
    CHECK(first_break < markdown.find("## Experience"));
    CHECK(markdown.find("## Experience") < markdown.find(page_break, first_break + 1));
    CHECK(markdown.find(page_break, first_break + 1) < markdown.find("Royal Society"));
}

TEST_CASE("a forced page break counts when a style fits to pages", "[e2e][breaks]") {
    const TemporaryDirectory out;
    std::ofstream{out / "cv.toml"} << breaking_cv;
    // Three pages by the CV's own breaks: one page cannot be had without
    // leaving out what starts the later pages.
    const RunResult fitted = run_vitae({"build", "cv.toml", "--max-pages", "2", "-o", "cv.pdf"}, out.path());
    CHECK(fitted.exit_code == 3);
    CHECK(fitted.err.find("cannot fit in 2 pages") != std::string::npos);
    CHECK(fitted.err.find(
              "cv.toml:21:21: error: this page_break_before starts page 3 or later, but the style fits "
              "the CV to 2 pages") != std::string::npos);
    // Nothing else is dropped in vain: the fitter does not try.
    CHECK(fitted.err.find("left out") == std::string::npos);
    CHECK_FALSE(fs::exists(out / "cv.pdf"));
}
