#include "vitae/latex.hpp"

#include <catch2/catch.hpp>

#include "unit/fake_fonts.hpp"
#include "vitae/load.hpp"

namespace {

vitae::style::Sheet fake_sheet() {
    vitae::style::Sheet sheet;
    sheet.body_family = "Sans";
    sheet.fallback_families = {"Emoji"};
    sheet.icon_family = "Icons";
    return sheet;
}

vitae::render::LatexSource latex_of(const std::string& toml, vitae::Diagnostics& diagnostics) {
    const vitae::cv::Document document = vitae::load_cv_text(toml, "cv.toml", diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    vitae::test::FakeFonts fonts;
    return vitae::render::write_latex(document, fake_sheet(), fonts, nullptr, diagnostics);
}

}  // namespace

TEST_CASE("escape_tex makes every TeX-active character literal", "[latex]") {
    using vitae::render::escape_tex;
    using vitae::render::TexEngine;
    CHECK(escape_tex(R"(\input{x})", TexEngine::pdflatex) == R"(\textbackslash{}input\{x\})");
    CHECK(escape_tex("# $ % & _ ~ ^", TexEngine::pdflatex) ==
          R"(\# \$ \% \& \_ \textasciitilde{} \textasciicircum{})");
    CHECK(escape_tex("^^5c", TexEngine::pdflatex) == R"(\textasciicircum{}\textasciicircum{}5c)");
    CHECK(escape_tex("'`\"", TexEngine::xelatex) == R"(\textquotesingle{}\textasciigrave{}\textquotedbl{})");
    // Pairs TeX's fonts would join into one glyph stay two characters.
    CHECK(escape_tex("a--b---c", TexEngine::pdflatex) == "a-{}-b-{}-{}-c");
    CHECK(escape_tex("<<>>,,", TexEngine::pdflatex) == "<{}<>{}>,{},");
    CHECK(escape_tex("line\nbreak\ttab", TexEngine::pdflatex) == "line break tab");
    // Text pdflatex sets from UTF-8 passes as it is.
    CHECK(escape_tex("Łódź — “é”", TexEngine::pdflatex) == "Łódź — “é”");
}

TEST_CASE("pdflatex_sets knows what T1 and TS1 hold", "[latex]") {
    using vitae::render::pdflatex_sets;
    for (const char32_t settable : {U'a', U'~', U'é', U'Ł', U'ź', U'—', U'“', U'•', U'€', U'§', U'\u00A0'}) {
        CAPTURE(static_cast<unsigned>(settable));
        CHECK(pdflatex_sets(settable));
    }
    for (const char32_t unsettable : {U'中', U'α', U'✉', U'\U0001F31F', U'\u05D0', U'\u0301'}) {
        CAPTURE(static_cast<unsigned>(unsettable));
        CHECK_FALSE(pdflatex_sets(unsettable));
    }
}

TEST_CASE("Latin text is written for pdflatex, with no note", "[latex]") {
    vitae::Diagnostics diagnostics;
    const auto latex =
        latex_of("[person]\nname = \"Zoë Ørsted\"\nheadline = \"Café ✉ — “ok”\"\n", diagnostics);
    CHECK(latex.engine == vitae::render::TexEngine::pdflatex);
    CHECK(latex.text.find("% !TEX program") == std::string::npos);
    CHECK(latex.text.find("\\usepackage[T1]{fontenc}") != std::string::npos);
    // ✉ is not in T1: marvosym's, keeping its Unicode for copy and paste.
    CHECK(latex.text.find("\\BeginAccSupp{method=hex,unicode,ActualText=2709}\\Letter\\EndAccSupp{}") !=
          std::string::npos);
    CHECK(diagnostics.empty());
}

TEST_CASE("text pdflatex cannot set switches to xelatex, with a note at its place", "[latex]") {
    vitae::Diagnostics diagnostics;
    const auto latex =
        latex_of("[person]\nname = \"Ada\"\nheadline = \"Maths 中文 and more\"\n", diagnostics);
    CHECK(latex.engine == vitae::render::TexEngine::xelatex);
    CHECK(latex.text.starts_with("% !TEX program = xelatex\n"));
    CHECK(latex.text.find("\\usepackage{fontspec}") != std::string::npos);
    REQUIRE(diagnostics.items().size() == 1);
    CHECK(vitae::format(diagnostics.items().front()) ==
          "cv.toml:3:19: note: pdflatex cannot set '中' (U+4E2D): the LaTeX is written for xelatex (% !TEX "
          "program = xelatex)");
}

TEST_CASE("the .tex carries the sheet's page, margins and gaps", "[latex]") {
    vitae::Diagnostics diagnostics;
    const vitae::cv::Document document = vitae::load_cv_text(
        "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Work\"\n[[section.entry]]\ntitle = "
        "\"A\"\nhighlights = "
        "[\"x\"]\n",
        "cv.toml", diagnostics);
    vitae::style::Sheet sheet = fake_sheet();
    sheet.page_width = 595.28;
    sheet.margins = {40, 30, 50, 20};
    sheet.section_gap_before = 7.25;
    vitae::test::FakeFonts fonts;
    const std::string tex = vitae::render::write_latex(document, sheet, fonts, nullptr, diagnostics).text;
    CHECK(tex.find("paperwidth=595.28bp,paperheight=792bp,top=40bp,bottom=50bp,left=20bp,right=30bp") !=
          std::string::npos);
    CHECK(tex.find("\\cvspace{7.25bp}") != std::string::npos);
    CHECK(tex.find("\\bookmark[dest=section1,level=1]{Work}") != std::string::npos);
}
