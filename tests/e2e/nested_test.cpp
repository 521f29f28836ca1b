// Bullets under bullets, end to end: the engine's PDF and the PDF TeX makes
// of the .tex set each level further in with the style's nested bullet; the
// text, Markdown, HTML and Word outputs nest them too; a third level is an
// error at its key.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "e2e/process.hpp"

namespace {

namespace fs = std::filesystem;
using namespace vitae::e2e;

constexpr std::string_view nested_cv = R"([person]
name = "Ada Lovelace"

[[section]]
title = "Experience"

[[section.entry]]
title = "Analytical Society"
highlights = [
  "Wrote the first published program.",
  { text = "Annotated the memoir:", items = [
      "Note A on patterns.",
      { text = "Note G on Bernoulli numbers.", items = ["Variables V1 to V24."] },
  ] },
]
)";

/// Where pdftotext -bbox puts the first word `word` (its left edge), or -1.
double left_of(const std::string& boxes, std::string_view word) {
    const std::size_t at = boxes.find(fmt::format(">{}</word>", word));
    if (at == std::string::npos) return -1;
    const std::size_t x = boxes.rfind("xMin=\"", at);
    return std::stod(boxes.substr(x + 6));
}

}  // namespace

TEST_CASE("bullets under bullets are set further in, level by level, in every format", "[e2e][nested]") {
    const TemporaryDirectory out;
    std::ofstream{out / "cv.toml"} << nested_cv;
    const RunResult built =
        run_vitae({"build", "cv.toml", "-f", "pdf,text,md,html,docx", "-o", "out/"}, out.path());
    INFO(built.err);
    REQUIRE(built.exit_code == 0);
    const RunResult via = run_vitae({"build", "cv.toml", "--via", "latex", "-o", "via.pdf"}, out.path());
    INFO(via.err);
    REQUIRE(via.exit_code == 0);
    for (const fs::path& pdf : {out / "out" / "cv.pdf", out / "via.pdf"}) {
        INFO(pdf);
        const std::string boxes = run({"/usr/bin/pdftotext", "-bbox", pdf.string(), "-"}, out.path()).out;
        const double top = left_of(boxes, "Annotated");
        const double first = left_of(boxes, "Note");
        const double second = left_of(boxes, "Variables");
        REQUIRE(top > 0);
        // The default style: 10pt further in a level.
        CHECK(first - top == Approx(10).margin(0.6));
        CHECK(second - first == Approx(10).margin(0.6));
        CHECK(boxes.find(">\u25E6</word>") != std::string::npos);
    }
    const std::string text = read_file(out / "out" / "cv.txt");
    CHECK(text.find("\n    \u25E6 Note A on patterns.\n") != std::string::npos);
    CHECK(text.find("\n      \u25E6 Variables V1 to V24.\n") != std::string::npos);
    const std::string markdown = read_file(out / "out" / "cv.md");
    CHECK(
        markdown.find("\n- Annotated the memoir:\n  - Note A on patterns.\n  - Note G on Bernoulli numbers.\n"
                      "    - Variables V1 to V24.\n") != std::string::npos);
    CHECK(read_file(out / "out" / "cv.html").find("<li class=\"nested-2\"") != std::string::npos);

    // The tagged PDF nests them too: a list under an item is an L in its
    // LBody, which is how a screen reader tells the levels.
    const RunResult tree = run({"/usr/bin/python3", "-c", R"py(import sys, pikepdf
def shape(element):
    kids = element.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    inner = [shape(kid) for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]
    name = str(element.S)[1:]
    return name + ("(" + ",".join(inner) + ")" if inner else "")
with pikepdf.open(sys.argv[1]) as pdf:
    print(shape(pdf.Root.StructTreeRoot.K))
)py",
                                (out / "out" / "cv.pdf").string()},
                               out.path());
    INFO(tree.err);
    CHECK(contains(tree.out,
                   "L(LI(Lbl,LBody),LI(Lbl,LBody(L(LI(Lbl,LBody),LI(Lbl,LBody(L(LI(Lbl,LBody))))))))"));
}

TEST_CASE("a third level of bullets, or bullets under a skill, is an error at its key", "[e2e][nested]") {
    const TemporaryDirectory out;
    std::ofstream{out / "cv.toml"} << R"([person]
name = "Ada"
[[section]]
title = "Work"
[[section.entry]]
title = "Acme"
highlights = [{ text = "a", items = [{ text = "b", items = [{ text = "c", items = ["d"] }] }] }]
[[section]]
title = "Skills"
kind = "skills"
[[section.entry]]
label = "L"
items = [{ text = "Python", items = ["x"] }]
)";
    const RunResult built = run_vitae({"build", "cv.toml", "-o", "cv.pdf"}, out.path());
    CHECK(built.exit_code == 1);
    CHECK(built.err.find("cv.toml:7:83: error: bullets nest 2 levels deep at most") != std::string::npos);
    CHECK(built.err.find("cv.toml:13:37: error: a skill has no items under it") != std::string::npos);
    CHECK_FALSE(fs::exists(out / "cv.pdf"));
}
