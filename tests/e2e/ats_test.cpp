// `vitae check --ats`: the vitae binary builds a CV, reads its PDF back with
// poppler (the module beside it) and reports every mismatch at its place.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "e2e/process.hpp"

namespace {

namespace fs = std::filesystem;
using namespace vitae::e2e;

const std::vector<std::string> builtin_styles{"academic", "classic", "default", "onepage", "sidebar"};

/// A CV with text copied from a PDF: "ﬁ" (U+FB01) is the ligature, not its
/// letters. Lato draws it, so the build says nothing; an ATS searching
/// for "file" finds nothing.
constexpr std::string_view ligature_cv = R"([person]
name = "Ada Lovelace"
email = "ada@example.org"

[[section]]
title = "Experience"
kind = "entries"

[[section.entry]]
title = "Analytical Engine"
start = "1842-01"
highlights = [
  "Wrote a ﬁle parser for the engine",
]
)";

std::vector<std::string> check_ats(const fs::path& cv, const std::vector<std::string>& styles) {
    std::vector<std::string> arguments{"check", "--ats", cv.string()};
    for (const std::string& style : styles) {
        arguments.emplace_back("--style");
        arguments.push_back(style);
    }
    return arguments;
}

}  // namespace

TEST_CASE("check --ats fails at the place of a character no ATS reads", "[e2e][ats]") {
    const TemporaryDirectory directory;
    write_file(directory / "cv.toml", ligature_cv);
    const RunResult result = run_vitae({"check", "--ats", "cv.toml"}, directory.path());
    CHECK(result.exit_code == 1);
    // Line 13: two spaces, the quote, then "Wrote a " — the ligature is column 12.
    CHECK_THAT(result.err,
               Catch::Contains("cv.toml:13:12: error: the PDF's text reads the ligature 'ﬁ' (U+FB01)"));
    CHECK_THAT(result.out, Catch::Contains("cv.toml (default): ats: name 1/1, email 1/1") &&
                               Catch::Contains("bullet 0/1"));

    const RunResult json =
        run_vitae({"check", "--ats", "--diagnostics", "json", "cv.toml"}, directory.path());
    CHECK(json.exit_code == 1);
    CHECK_THAT(json.err, Catch::Contains(R"("file":"cv.toml","line":13,"column":12,"severity":"error")"));
}

TEST_CASE("check --ats passes a plain CV in each style asked, with a score line each", "[e2e][ats]") {
    const TemporaryDirectory directory;
    std::string cv{ligature_cv};
    cv.replace(cv.find("ﬁle"), std::string_view{"ﬁle"}.size(), "file");
    write_file(directory / "cv.toml", cv);
    const RunResult result = run_vitae(
        {"check", "--ats", "cv.toml", "--style", "classic", "--style", "sidebar"}, directory.path());
    CHECK(result.err.empty());
    CHECK(result.exit_code == 0);
    CHECK(lines_of(result.out) ==
          std::vector<std::string>{
              "cv.toml (classic): ats: name 1/1, email 1/1, title 2/2, date 1/1, bullet 1/1",
              "cv.toml (sidebar): ats: name 1/1, email 1/1, title 2/2, date 1/1, bullet 1/1"});
}

TEST_CASE("check --ats says it does not judge a right-to-left CV rather than fail its words",
          "[e2e][ats][bidi]") {
    const TemporaryDirectory directory;
    const std::string cv = example("noa-levi-he.toml").string();
    const RunResult result = run_vitae({"check", "--ats", cv}, directory.path());
    CHECK(result.exit_code == 0);
    CHECK(lines_of(result.out) == std::vector<std::string>{cv + " (default): ats: not judged"});
    CHECK(lines_of(result.err) ==
          std::vector<std::string>{
              cv + ":1:1: warning: the ATS check does not judge right-to-left CVs yet: the PDF was "
                   "built but its text was not compared (poppler reorders right-to-left text by "
                   "its own guess at spaces and punctuation)"});
    // Unchecked is not passed where warnings count.
    CHECK(run_vitae({"check", "--ats", "--werror", cv}, directory.path()).exit_code == 1);
}

TEST_CASE("check --ats without the PDF reader module says so and exits 2", "[e2e][ats]") {
    const TemporaryDirectory directory;
    write_file(directory / "cv.toml", ligature_cv);
    const RunResult result = run_vitae_without_modules(directory.path(), {"check", "--ats", "cv.toml"});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("vitae: error: the PDF reader module vitae-pdf-reader.so is not "
                                           "installed"));
}

TEST_CASE("check --style needs --ats", "[e2e][ats]") {
    const TemporaryDirectory directory;
    write_file(directory / "cv.toml", ligature_cv);
    const RunResult result = run_vitae({"check", "cv.toml", "--style", "classic"}, directory.path());
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("--style is for check --ats"));
}

// Every example and the long Spanish CV, in every built-in style, read
// right by an ATS (docs/ats.md).
TEST_CASE("check --ats passes the examples and the long Spanish CV in the built-in styles", "[e2e][ats]") {
    const std::vector<fs::path> cvs{example("jose-nunez.toml"), example("zangwei-zheng.toml"),
                                    fs::path{VITAE_SOURCE_DIR} / "tests" / "data" / "long-es.toml"};
    const TemporaryDirectory directory;
    for (const fs::path& cv : cvs) {
        const RunResult result = run_vitae(check_ats(cv, builtin_styles), directory.path());
        INFO(cv << "\n" << result.err);
        CHECK(result.exit_code == 0);
    }
}

TEST_CASE("check --ats --werror fails a CV whose build warns", "[e2e][ats]") {
    const TemporaryDirectory directory;
    std::string cv{ligature_cv};
    cv.replace(cv.find("ﬁle"), std::string_view{"ﬁle"}.size(), "file");
    cv.replace(cv.find("start = \"1842-01\""), std::string_view{"start = \"1842-01\""}.size(),
               "start = \"1843-01\"\nend = \"1842-01\"");
    write_file(directory / "cv.toml", cv);
    const RunResult lenient = run_vitae({"check", "--ats", "cv.toml"}, directory.path());
    CHECK(lenient.exit_code == 0);
    CHECK_THAT(lenient.err, Catch::Contains("warning:"));
    const RunResult strict = run_vitae({"check", "--ats", "--werror", "cv.toml"}, directory.path());
    CHECK(strict.exit_code == 1);
    CHECK_THAT(strict.err, Catch::Contains("cv.toml:12:7: error:"));
}
