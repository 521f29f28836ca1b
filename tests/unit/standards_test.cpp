// The CV's language (a BCP 47 tag, `lang`) and the PDF standards a style
// or a build names (`pdf_standard`).
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "unit/support.hpp"
#include "vitae/compile/compile.hpp"
#include "vitae/compose/blocks.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/load/sheet_loader.hpp"
#include "vitae/model/language.hpp"
#include "vitae/style/pdf_standard.hpp"

namespace {

using vitae::style::PdfArchive;
using vitae::style::PdfStandards;

/// Every diagnostic, one printed line each, each ended by a newline.
std::string printed(const vitae::Diagnostics& diagnostics) {
    std::string text;
    for (const std::string& line : vitae::test::lines(diagnostics)) text += line + "\n";
    return text;
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

std::string loaded_errors(std::string_view cv) {
    vitae::Diagnostics diagnostics;
    (void)vitae::load_cv_text(std::string{cv}, "cv.toml", diagnostics);
    return printed(diagnostics);
}

}  // namespace

TEST_CASE("language tags follow BCP 47's syntax", "[load][language]") {
    for (const std::string_view tag :
         {"en", "de", "DE", "fil", "de-CH", "pt-BR", "es-419", "sr-Latn", "sr-Latn-RS", "zh-Hant-TW",
          "zh-yue-HK", "de-CH-1996", "sl-rozaj-biske", "en-US-u-ca-gregory", "en-x-vitae", "de-CH-x-a-b"}) {
        INFO(tag);
        CHECK_FALSE(vitae::cv::check_language_tag(tag).has_value());
    }
    struct Bad {
        std::string_view tag;
        std::size_t offset;
    };
    for (const Bad bad : {Bad{"", 0}, Bad{"e", 0}, Bad{"english", 0}, Bad{"en_US", 0}, Bad{"12", 0},
                          Bad{"en-", 3}, Bad{"en--US", 3}, Bad{"de-Switzerland", 3}, Bad{"en-US-x", 6},
                          Bad{"en-a", 3}, Bad{"de-CH-Latn", 6}, Bad{"en-US-x-toolongsubtag", 6}}) {
        INFO(bad.tag);
        const auto problem = vitae::cv::check_language_tag(bad.tag);
        REQUIRE(problem.has_value());
        CHECK(problem->offset == bad.offset);
    }
    CHECK(vitae::cv::primary_language("DE-ch") == "de");
}

TEST_CASE("a CV names its language with lang, and a bad tag is an error at its subtag", "[load][language]") {
    vitae::Diagnostics diagnostics;
    const vitae::cv::Document cv =
        vitae::load_cv_text("lang = \"pt-BR\"\n[person]\nname = \"Ana\"\n", "cv.toml", diagnostics);
    CHECK(printed(diagnostics).empty());
    CHECK(cv.language == "pt-BR");
    const vitae::style::Sheet sheet;
    CHECK(vitae::compose::Composer{cv, sheet}.info().language == "pt-BR");

    const vitae::cv::Document unnamed =
        vitae::load_cv_text("[person]\nname = \"Ana\"\n", "cv.toml", diagnostics);
    CHECK(unnamed.language.empty());
    CHECK(vitae::compose::Composer{unnamed, sheet}.info().language == "en");

    CHECK(loaded_errors("lang = \"de-Switzerland\"\n[person]\nname = \"Ana\"\n") ==
          "cv.toml:1:12: error: invalid language tag 'de-Switzerland': 'Switzerland' is not a subtag of a "
          "language tag "
          "here: after the language come a script (Latn), a region (CH, 419), variants (1996), in this order "
          "(write a BCP 47 tag such as \"en\", \"de\", \"de-CH\", \"pt-BR\" or \"sr-Latn\")\n");
    CHECK(loaded_errors("lang = \"english\"\n[person]\nname = \"Ana\"\n") ==
          "cv.toml:1:9: error: invalid language tag 'english': 'english' is not a language: a tag begins "
          "with 2 or 3 "
          "letters (en, de, pt) (write a BCP 47 tag such as \"en\", \"de\", \"de-CH\", \"pt-BR\" or "
          "\"sr-Latn\")\n");
    CHECK(contains(loaded_errors("lang = 7\n[person]\nname = \"Ana\"\n"),
                   "cv.toml:1:8: error: expected string"));
}

TEST_CASE("PDF standards are named one by one, at most one PDF/A level", "[style][standards]") {
    PdfStandards standards;
    CHECK_FALSE(standards.any());
    CHECK_FALSE(vitae::style::add_pdf_standard(standards, "a-2u").has_value());
    CHECK_FALSE(vitae::style::add_pdf_standard(standards, "ua-1").has_value());
    CHECK(standards == PdfStandards{PdfArchive::level_u, true});
    CHECK(vitae::style::describe(standards) == "a-2u,ua-1");
    CHECK(standards.needs_dates());
    CHECK_FALSE(vitae::style::add_pdf_standard(standards, "a-2u").has_value());  // the same again
    const auto second = vitae::style::add_pdf_standard(standards, "a-2a");
    REQUIRE(second.has_value());
    CHECK(second->message == "a PDF conforms to one PDF/A level, not both 'a-2u' and 'a-2a'");
    const auto unknown = vitae::style::add_pdf_standard(standards, "pdf/a");
    REQUIRE(unknown.has_value());
    CHECK(unknown->message == "unknown PDF standard 'pdf/a'");
    CHECK(unknown->hint == "use one of ua-1, a-2b, a-2u, a-2a");
    PdfStandards accessible;
    CHECK_FALSE(vitae::style::add_pdf_standard(accessible, "ua-1").has_value());
    CHECK_FALSE(accessible.needs_dates());
    CHECK(accessible.needs_embedded_fonts());
}

TEST_CASE("a style sheet's pdf_standard is a name or a list of names", "[style][standards]") {
    const auto load = [](std::string_view toml, vitae::Diagnostics& diagnostics) {
        return vitae::load_sheet_text(std::string{toml}, "mine.toml", diagnostics);
    };
    vitae::Diagnostics diagnostics;
    CHECK(load("pdf_standard = \"a-2b\"\n", diagnostics).pdf_standards ==
          PdfStandards{PdfArchive::level_b, false});
    CHECK(load("pdf_standard = [\"ua-1\", \"a-2a\"]\n", diagnostics).pdf_standards ==
          PdfStandards{PdfArchive::level_a, true});
    CHECK(printed(diagnostics).empty());

    vitae::Diagnostics errors;
    (void)load("pdf_standard = [\"a-2b\", \"ua-2\", 3]\n", errors);
    CHECK(printed(errors) ==
          "mine.toml:1:25: error: unknown PDF standard 'ua-2' (did you mean 'ua-1'?)\n"
          "mine.toml:1:33: error: expected string or array of strings (\"a-2b\", \"ua-1\") for "
          "'pdf_standard', got "
          "integer\n");
}

TEST_CASE("the build's PDF standards replace the style's", "[compile][standards]") {
    vitae::CompileRequest request;
    request.cv.path = "cv.toml";
    request.cv.text = "[person]\nname = \"Ana\"\n";
    request.style = "mine.toml";
    request.style_text = "extends = \"default\"\npdf_standard = \"a-2b\"\n";
    request.formats = {vitae::OutputFormat::pdf};
    request.pdf_standards = PdfStandards{PdfArchive::none, true};
    const vitae::CompileResult result = vitae::compile(request);
    INFO(printed(result.diagnostics));
    // The style's a-2b would need a date; the build asks for ua-1 only.
    REQUIRE(result.ok());
    const std::string& pdf = result.outputs.front().bytes;
    CHECK(contains(pdf, "<pdfuaid:part>1</pdfuaid:part>"));
    CHECK_FALSE(contains(pdf, "pdfaid"));

    request.pdf_standards.reset();
    const vitae::CompileResult archived = vitae::compile(request);
    CHECK_FALSE(archived.ok());
    CHECK(contains(printed(archived.diagnostics), "PDF/A (a-2b) needs the document's creation date"));
}

TEST_CASE("the LaTeX output states the CV's language, and asks TeX for a PDF/A level", "[latex][standards]") {
    vitae::CompileRequest request;
    request.cv.path = "cv.toml";
    request.cv.text = "lang = \"de-CH\"\n[person]\nname = \"Ana\"\n";
    request.formats = {vitae::OutputFormat::latex};
    const vitae::CompileResult plain = vitae::compile(request);
    REQUIRE(plain.ok());
    const std::string& tex = plain.outputs.front().bytes;
    CHECK(contains(tex, "pdflang={de-CH},pdfdisplaydoctitle=true}"));
    CHECK_FALSE(contains(tex, "\\DocumentMetadata"));
    CHECK(printed(plain.diagnostics).empty());

    request.pdf_standards = PdfStandards{PdfArchive::level_b, true};
    const vitae::CompileResult archived = vitae::compile(request);
    REQUIRE(archived.ok());
    const std::string& archived_tex = archived.outputs.front().bytes;
    // Before \documentclass, as LaTeX requires.
    CHECK(contains(
        archived_tex,
        "\\DocumentMetadata{pdfstandard=A-2b,lang=de-CH,pdfversion=1.7}\n\\documentclass{article}\n"));
    // TeX Live 2022 cannot tag: no PDF/UA claim, and a warning for each gap.
    CHECK_FALSE(contains(archived_tex, "UA-1"));
    const std::string warnings = printed(archived.diagnostics);
    CHECK(contains(warnings,
                   "warning: the LaTeX output asks TeX for a-2b with \\DocumentMetadata, but TeX Live 2022 "
                   "does not make the PDF conform"));
    CHECK(contains(warnings, "warning: the LaTeX output cannot be PDF/UA-1"));
}
