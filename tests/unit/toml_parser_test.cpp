#include <catch2/catch.hpp>

#include "unit/support.hpp"
#include "vitae/load/cv_loader.hpp"

// Where toml++ looks for whitespace it used to reach undefined behaviour on
// letters such as 'É' (see src/load/toml_parser.hpp); the sanitizer build
// aborts on it, so these loads are the regression test.

TEST_CASE("a \"\"\" string line after a line-ending backslash may start with a non-ASCII letter",
          "[loader][toml]") {
    vitae::Diagnostics diagnostics;
    const auto document = vitae::load_cv_text(
        "[person]\nname = \"\"\"\\\n  \xc3\x89lodie \xd0\x96\xe2\xb4\x80\"\"\"\n", "cv.toml", diagnostics);
    CHECK(vitae::test::lines(diagnostics).empty());
    CHECK(document.person.name.plain() == "\xc3\x89lodie \xd0\x96\xe2\xb4\x80");
}

TEST_CASE("a non-ASCII letter where a key belongs is a syntax error at its position", "[loader][toml]") {
    for (const std::string_view letter :
         {"\xc2\xa1", "\xc3\x89", "\xd2\x99", "\xe2\xb2\x8e", "\xe3\x82\x87"}) {
        vitae::Diagnostics diagnostics;
        (void)vitae::load_cv_text(std::string{"[person]\n"} + std::string{letter} + "name = \"A\"\n",
                                  "cv.toml", diagnostics);
        const auto lines = vitae::test::lines(diagnostics);
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].starts_with("cv.toml:2:1: error: "));
    }
}
