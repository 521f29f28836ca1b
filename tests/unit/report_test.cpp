#include "report.hpp"

#include <catch2/catch.hpp>
#include <sstream>

#include "unit/support.hpp"

namespace {

vitae::Diagnostic diagnostic(vitae::Severity severity, const std::string& file, std::uint32_t line,
                             std::uint32_t column, std::string message, std::string hint = {}) {
    return {severity, vitae::test::region(file, line, column), std::move(message), std::move(hint)};
}

}  // namespace

TEST_CASE("a diagnostic as one JSON line has every field, null where unknown", "[report]") {
    CHECK(vitae::cli::json_line(diagnostic(vitae::Severity::error, "cv.toml", 12, 5, "unknown key 'titel'",
                                           "did you mean 'title'?")) ==
          R"({"file":"cv.toml","line":12,"column":5,"severity":"error","message":"unknown key 'titel'",)"
          R"("hint":"did you mean 'title'?"})");
    CHECK(vitae::cli::json_line(vitae::Diagnostic{vitae::Severity::note, {}, "fit: 1 page", {}}) ==
          R"({"file":null,"line":null,"column":null,"severity":"note","message":"fit: 1 page","hint":null})");
    // Quotes, backslashes and control characters are escaped; UTF-8 passes.
    CHECK(vitae::cli::json_line(
              diagnostic(vitae::Severity::warning, "a \"b\"\\c.toml", 1, 2, "tab\there \u00e9\x01")) ==
          R"({"file":"a \"b\"\\c.toml","line":1,"column":2,"severity":"warning","message":"tab\there )"
          "\u00e9"
          R"(\u0001","hint":null})");
}

TEST_CASE("a diagnostic as a GitHub Actions annotation", "[report]") {
    CHECK(vitae::cli::github_annotation(diagnostic(vitae::Severity::error, "cv.toml", 4, 1,
                                                   "unknown key 'titel'", "did you mean 'title'?")) ==
          "::error file=cv.toml,line=4,col=1::unknown key 'titel' (did you mean 'title'?)");
    CHECK(vitae::cli::github_annotation(
              diagnostic(vitae::Severity::warning, "c,v:1.toml", 2, 3, "50% done\nnext")) ==
          "::warning file=c%2Cv%3A1.toml,line=2,col=3::50%25 done%0Anext");
    CHECK(vitae::cli::github_annotation(vitae::Diagnostic{vitae::Severity::note, {}, "fit: 1 page", {}}) ==
          "::notice::fit: 1 page");
}

TEST_CASE("report prints lines or JSON, drops notes when quiet, and annotates on request", "[report]") {
    vitae::Diagnostics diagnostics;
    diagnostics.add(
        diagnostic(vitae::Severity::warning, "cv.toml", 3, 7, "end date is before the start date"));
    diagnostics.note({}, "fit: 1 page");
    std::ostringstream out;
    std::ostringstream annotations;
    vitae::cli::report(diagnostics, {vitae::cli::DiagnosticsFormat::text, false, false}, out, annotations);
    CHECK(out.str() == "cv.toml:3:7: warning: end date is before the start date\nnote: fit: 1 page\n");
    CHECK(annotations.str().empty());

    out.str("");
    vitae::cli::report(diagnostics, {vitae::cli::DiagnosticsFormat::json, true, true}, out, annotations);
    CHECK(out.str() ==
          "{\"file\":\"cv.toml\",\"line\":3,\"column\":7,\"severity\":\"warning\",\"message\":\"end date is "
          "before "
          "the start date\",\"hint\":null}\n");
    CHECK(annotations.str() == "::warning file=cv.toml,line=3,col=7::end date is before the start date\n");
}

TEST_CASE("no diagnostic format lets input text start a line or reach the terminal raw", "[report]") {
    const std::string key = "k\x1B]0;owned\x07\n::warning file=x::forged\r\x7F";
    const vitae::Diagnostic hostile =
        diagnostic(vitae::Severity::error, "cv\n::error::.toml", 2, 1, "unknown key '" + key + "'", key);
    for (const std::string& printed :
         {vitae::format(hostile), vitae::cli::json_line(hostile), vitae::cli::github_annotation(hostile)}) {
        INFO(printed);
        CHECK(printed.find_first_of("\n\r\x1B\x07\x7F") == std::string::npos);
    }
    CHECK(vitae::cli::github_annotation(hostile) ==
          "::error file=cv%0A%3A%3Aerror%3A%3A.toml,line=2,col=1::unknown key "
          "'k%1B]0;owned%07%0A::warning file=x::forged%0D%7F' "
          "(k%1B]0;owned%07%0A::warning file=x::forged%0D%7F)");
}
