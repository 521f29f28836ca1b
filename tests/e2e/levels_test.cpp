// Skill levels, end to end: words by default, dots or bars as a style
// draws them, and always words in the text and Markdown outputs.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "e2e/process.hpp"

namespace {

namespace fs = std::filesystem;
using namespace vitae::e2e;

constexpr std::string_view levels_cv = R"([person]
name = "Ada Lovelace"

[[section]]
title = "Skills"
kind = "skills"

[[section.entry]]
label = "Languages"
items = [{ text = "Python", level = 5 }, { text = "Rust", level = 2 }, "SQL"]

[[section.entry]]
label = "Spoken"
items = [{ text = "English", level = "native" }]
)";

std::string pdf_text(const fs::path& pdf) {
    return run({"/usr/bin/pdftotext", "-enc", "UTF-8", pdf.string(), "-"}, pdf.parent_path()).out;
}

}  // namespace

TEST_CASE("skill levels show as words, dots or bars as the style says, and as words in text",
          "[e2e][levels]") {
    const TemporaryDirectory out;
    std::ofstream{out / "cv.toml"} << levels_cv;
    std::ofstream{out / "bars.toml"} << "extends = \"default\"\n[skills]\nlevel = \"bars\"\n";
    std::ofstream{out / "none.toml"} << "extends = \"default\"\n[skills]\nlevel = \"none\"\n";

    const RunResult words = run_vitae({"build", "cv.toml", "-f", "pdf,text,md", "-o", "words/"}, out.path());
    INFO(words.err);
    REQUIRE(words.exit_code == 0);
    const std::string word_pdf = pdf_text(out / "words" / "cv.pdf");
    CHECK(word_pdf.find("Python (5/5), Rust (2/5), SQL") != std::string::npos);
    CHECK(word_pdf.find("English (native)") != std::string::npos);

    const RunResult dots = run_vitae(
        {"build", "cv.toml", "--style", "sidebar", "-f", "pdf,text,md,latex", "-o", "dots/"}, out.path());
    INFO(dots.err);
    REQUIRE(dots.exit_code == 0);
    const std::string dot_pdf = pdf_text(out / "dots" / "cv.pdf");
    CHECK(dot_pdf.find("\u25CF\u25CF\u25CB\u25CB\u25CB") != std::string::npos);  // Rust: 2 of 5
    CHECK(dot_pdf.find("English (native)") != std::string::npos);                // a word stays a word
    for (const std::string_view written : {"cv.txt", "cv.md"}) {
        INFO(written);
        const std::string text = read_file(out / "dots" / written);
        CHECK(text.find("Rust (2/5)") != std::string::npos);
        CHECK(text.find("\u25CF") == std::string::npos);
    }
    CHECK(read_file(out / "dots" / "cv.tex").find("\u25CF\u25CF\u25CF\u25CF\u25CF") != std::string::npos);

    const RunResult bars =
        run_vitae({"build", "cv.toml", "--style", "bars.toml", "-o", "bars.pdf"}, out.path());
    REQUIRE(bars.exit_code == 0);
    CHECK(pdf_text(out / "bars.pdf").find("\u25B0\u25B0\u25B1\u25B1\u25B1") != std::string::npos);

    const RunResult none =
        run_vitae({"build", "cv.toml", "--style", "none.toml", "-o", "none.pdf"}, out.path());
    REQUIRE(none.exit_code == 0);
    const std::string plain = pdf_text(out / "none.pdf");
    CHECK(plain.find("Python, Rust, SQL") != std::string::npos);
}

TEST_CASE("a level out of range, or on a bullet, is an error at its key", "[e2e][levels]") {
    const TemporaryDirectory out;
    std::ofstream{out / "cv.toml"} << R"([person]
name = "Ada"
[[section]]
title = "Work"
[[section.entry]]
title = "Acme"
highlights = [{ text = "Built it.", level = 3 }]
[[section]]
title = "Skills"
kind = "skills"
[[section.entry]]
label = "Languages"
items = [{ text = "Python", level = 7 }, { text = "Go", level = true }]
)";
    const RunResult built = run_vitae({"build", "cv.toml", "-o", "cv.pdf"}, out.path());
    CHECK(built.exit_code == 1);
    CHECK(built.err.find("cv.toml:7:45: error: 'level' is for skills, not for element 1 of 'highlights'") !=
          std::string::npos);
    CHECK(built.err.find("cv.toml:13:37: error: 'level' is 7, not from 1 to 5") != std::string::npos);
    CHECK(built.err.find(
              "cv.toml:13:65: error: expected integer from 1 to 5 or a word for 'level', got boolean") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(out / "cv.pdf"));
}
