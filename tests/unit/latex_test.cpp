#include "vitae/render/latex.hpp"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>

#include "tex_runner.hpp"

#include "unit/fake_fonts.hpp"
#include "unit/tex_tokens.hpp"
#include "vitae/base/limits.hpp"
#include "vitae/base/utf8.hpp"
#include "vitae/layout/face_choice.hpp"
#include "vitae/load/cv_loader.hpp"

namespace {

vitae::style::Sheet fake_sheet() {
    vitae::style::Sheet sheet;
    sheet.body_family = "Sans";
    sheet.fallback_families = {"Emoji"};
    sheet.icon_family = "Icons";
    return sheet;
}

vitae::render::LatexSource latex_of(const std::string& toml, vitae::Diagnostics& diagnostics,
                                    const vitae::style::Sheet& sheet = fake_sheet()) {
    const vitae::cv::Document document = vitae::load_cv_text(toml, "cv.toml", diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    vitae::test::FakeFonts fonts;
    return vitae::render::write_latex(document, sheet, fonts, nullptr, diagnostics);
}

/// A sheet whose body family is not installed: no font of the direct PDF
/// for fontspec to load.
vitae::style::Sheet sheet_without_fonts() {
    vitae::style::Sheet sheet = fake_sheet();
    sheet.body_family = "Not Installed";
    return sheet;
}

/// FakeFonts with another way of finding faces.
class FakeFontsFinding final : public vitae::layout::FontProvider {
public:
    using Finder = std::function<std::optional<vitae::layout::FaceId>(vitae::test::FakeFonts&,
                                                                      const vitae::layout::FontRequest&)>;
    explicit FakeFontsFinding(Finder finder) : finder_(std::move(finder)) {}
    std::optional<vitae::layout::FaceId> find_face(const vitae::layout::FontRequest& request) override {
        return finder_(fake_, request);
    }
    const vitae::layout::FaceInfo& face(vitae::layout::FaceId face) const override {
        return fake_.face(face);
    }
    bool has_glyph(vitae::layout::FaceId face, char32_t code_point) const override {
        return fake_.has_glyph(face, code_point);
    }
    std::optional<std::uint32_t> glyph_for(vitae::layout::FaceId face, char32_t code_point) const override {
        return fake_.glyph_for(face, code_point);
    }
    std::vector<vitae::layout::ShapedGlyph> shape(vitae::layout::FaceId face,
                                                  std::string_view text) const override {
        return fake_.shape(face, text);
    }

private:
    vitae::test::FakeFonts fake_;
    Finder finder_;
};

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

TEST_CASE("with the style's fonts installed, the .tex is for xelatex in those fonts, with no note",
          "[latex]") {
    vitae::Diagnostics diagnostics;
    const auto latex =
        latex_of("[person]\nname = \"Zoë Ørsted\"\nheadline = \"Café ✉ — “ok”\"\n", diagnostics);
    CHECK(latex.engine == vitae::render::TexEngine::xelatex);
    CHECK(latex.text.starts_with("% !TEX program = xelatex\n"));
    // Ragged lines: rigid spaces, as the engine sets them; one space after a full stop.
    CHECK(latex.text.find(
              "\\setmainfont{Sans}[Ligatures={NoCommon,NoRequired,NoContextual},WordSpace={1,0,0}]") !=
          std::string::npos);
    CHECK(latex.text.find("\\frenchspacing") != std::string::npos);
    CHECK(latex.text.find("\\usepackage[T1]{fontenc}") == std::string::npos);
    CHECK(diagnostics.empty());
}

TEST_CASE("justified lines give the spaces the style's stretch and shrink", "[latex]") {
    vitae::Diagnostics diagnostics;
    vitae::style::Sheet sheet = fake_sheet();
    sheet.line_breaking.justify = true;
    sheet.line_breaking.space_stretch = 0.25;
    sheet.line_breaking.space_shrink = 0.5;
    const auto latex = latex_of("[person]\nname = \"Ada\"\n", diagnostics, sheet);
    // Fractions of XeTeX's own 1/2 and 1/3 of a space.
    CHECK(latex.text.find("WordSpace={1,0.5,1.5}") != std::string::npos);
}

TEST_CASE("Latin text in a style whose fonts are not installed is written for pdflatex, with no note",
          "[latex]") {
    vitae::Diagnostics diagnostics;
    const auto latex = latex_of("[person]\nname = \"Zoë Ørsted\"\nheadline = \"Café ✉ — “ok”\"\n",
                                diagnostics, sheet_without_fonts());
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
    const auto latex = latex_of("[person]\nname = \"Ada\"\nheadline = \"Maths 中文 and more\"\n", diagnostics,
                                sheet_without_fonts());
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

TEST_CASE("the .tex spells each length rounded to four places, in the fewest digits, never an exponent",
          "[latex]") {
    vitae::Diagnostics diagnostics;
    const vitae::cv::Document document = vitae::load_cv_text(
        "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Work\"\n[[section.entry]]\ntitle = \"A\"\n",
        "cv.toml", diagnostics);
    vitae::style::Sheet sheet = fake_sheet();
    sheet.margins.top = 0.6 * 72;                // 43.199999999999996
    sheet.section_gap_before = 0.1 + 0.2 - 0.3;  // 5.55e-17, which TeX cannot read as written
    sheet.section_gap_after = 10.0 / 3;
    vitae::test::FakeFonts fonts;
    const std::string tex = vitae::render::write_latex(document, sheet, fonts, nullptr, diagnostics).text;
    CHECK(tex.find(",top=43.2bp,") != std::string::npos);
    CHECK(tex.find("\\cvspace{0bp}") != std::string::npos);
    CHECK(tex.find("\\cvspace{3.3333bp}") != std::string::npos);
    CHECK(tex.find("e-17") == std::string::npos);
}

// --- user text never becomes TeX ------------------------------------------

namespace {

std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> lines;
    for (std::size_t start = 0; start <= text.size();) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        lines.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

bool contains_text(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

std::string repeated(std::string_view piece, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += piece;
    return out;
}

}  // namespace

TEST_CASE("escape_tex turns every control character into a space and keeps UTF-8 valid", "[latex]") {
    using vitae::render::escape_tex;
    using vitae::render::TexEngine;
    const std::string controls =
        std::string{"a\0b", 3} + "\x01\x1b[2J\x7f" + "\r\n\t" + "\u0085\u2028\u2029" + "z";
    CHECK(escape_tex(controls, TexEngine::pdflatex) == "a b  [2J       z");
    // Invalid bytes come out as U+FFFD, never as bytes that would start a
    // sequence swallowing what follows.
    CHECK(escape_tex("x\xff\xc3}", TexEngine::xelatex) == "x\uFFFD\uFFFD\\}");
    for (char32_t code_point = 0; code_point < 0x3000; ++code_point) {
        if (code_point >= 0xD800 && code_point < 0xE000) continue;
        std::string text;
        vitae::utf8::append(text, code_point);
        const std::string escaped = escape_tex(text, TexEngine::pdflatex);
        CAPTURE(static_cast<unsigned>(code_point));
        CHECK(vitae::utf8::find_invalid(escaped) == std::string::npos);
        for (const char c : escaped) CHECK(static_cast<unsigned char>(c) >= 0x20);
        CHECK(escaped.find('\x7f') == std::string::npos);
        if (vitae::utf8::is_control(code_point)) CHECK(escaped == " ");
    }
}

TEST_CASE("a style's name reaches the .tex's comment as text, never as a line of TeX", "[latex]") {
    vitae::Diagnostics diagnostics;
    const vitae::cv::Document document =
        vitae::load_cv_text("[person]\nname = \"Ada\"\n", "cv.toml", diagnostics);
    vitae::style::Sheet sheet = fake_sheet();
    sheet.name = "x\n\\input{/etc/passwd}\r\\def\\a{b}\u2028\\immediate\\write18{id}";
    vitae::test::FakeFonts fonts;
    const std::string tex = vitae::render::write_latex(document, sheet, fonts, nullptr, diagnostics).text;
    const std::vector<std::string> lines = lines_of(tex);
    REQUIRE(lines.size() > 3);
    CHECK(
        lines[1].starts_with("% A CV written by vitae from its TOML source and the style 'x "
                             "\\textbackslash{}input\\{/etc/passwd\\} \\textbackslash{}def"));
    CHECK(lines[0] == "% !TEX program = xelatex");
    CHECK(lines[2].starts_with("% the look lives in the preamble"));
    for (const std::string& token : vitae::test::tex_tokens(tex)) {
        CHECK(token != "\\input");
        CHECK(token != "\\write");
        CHECK(token != "\\def");
    }
}

TEST_CASE("a name reading {page} stays as written in the footer: only the style's template numbers pages",
          "[latex]") {
    vitae::Diagnostics diagnostics;
    vitae::style::Sheet sheet = fake_sheet();
    sheet.footer = true;
    const std::string tex = latex_of("[person]\nname = \"Ada {page} {pages}\"\n", diagnostics, sheet).text;
    const std::size_t footer = tex.find("\\fancyfoot[C]");
    REQUIRE(footer != std::string::npos);
    const std::string line = tex.substr(footer, tex.find('\n', footer) - footer);
    CHECK(line.find("Ada \\{page\\} \\{pages\\}") != std::string::npos);
    // The template's own "page {page} of {pages}" still becomes TeX's numbers.
    CHECK(line.find("{\\thepage}") != std::string::npos);
    CHECK(line.find("\\thepage", line.find("Ada")) > line.find("pages\\}"));
}

TEST_CASE("a font family that is not plain text is not written into the .tex", "[latex]") {
    vitae::Diagnostics diagnostics;
    const vitae::cv::Document document =
        vitae::load_cv_text("[person]\nname = \"Ada \u4E2D\"\n", "cv.toml", diagnostics);
    vitae::style::Sheet sheet = fake_sheet();
    // A font provider that finds any name (fontconfig matches loosely).
    FakeFontsFinding fonts{[](vitae::test::FakeFonts& fake, const vitae::layout::FontRequest& request) {
        vitae::layout::FontRequest sans = request;
        sans.family = "Sans";
        return fake.find_face(sans);
    }};
    sheet.body_family = "Sans}\\input{/etc/passwd}{";
    sheet.fallback_families = {"Emoji\n\\input{/etc/passwd}"};
    const vitae::render::LatexSource latex =
        vitae::render::write_latex(document, sheet, fonts, nullptr, diagnostics);
    CHECK(latex.engine == vitae::render::TexEngine::xelatex);
    CHECK(latex.text.find("/etc/passwd") == std::string::npos);
    CHECK(latex.text.find("\\newcommand\\cvFallbackA{}") != std::string::npos);
}

TEST_CASE("wrap_tex_lines breaks long lines where TeX reads the same tokens", "[latex]") {
    using vitae::render::wrap_tex_lines;
    const auto check_wrapped = [](const std::string& tex, std::size_t limit) {
        const std::string wrapped = wrap_tex_lines(tex, limit);
        CAPTURE(tex, wrapped);
        CHECK(vitae::test::tex_tokens(wrapped) == vitae::test::tex_tokens(tex));
        std::size_t blank_before = 0;
        for (const std::string& line : lines_of(tex)) blank_before += line.empty() ? 1 : 0;
        std::size_t blank_after = 0;
        for (const std::string& line : lines_of(wrapped)) {
            blank_after += line.empty() ? 1 : 0;
            CHECK(line.size() <= limit);
        }
        CHECK(blank_after == blank_before);
        return wrapped;
    };
    SECTION("short lines stay as they are") {
        const std::string tex = "\\cvpar{1bp}{2bp}{a b}\n\n%c\n";
        CHECK(wrap_tex_lines(tex, 40) == tex);
    }
    SECTION("at spaces, not at control spaces, nor into a blank line") {
        const std::string wrapped = check_wrapped(
            "\\cvpar{1bp}{2bp}{" + repeated("word  \\ \\ and\\relax more ", 40) + "}\n\\end{document}\n", 24);
        CHECK(wrapped.find("\\\n") == std::string::npos);
    }
    SECTION("with a % line end in a run without spaces, never inside a control word") {
        const std::string wrapped =
            check_wrapped("\\cvpar{" + repeated("x\\textbackslash{}\\%\\{\u00e9\u4e2d", 200) + "}\n", 16);
        CHECK(wrapped.find("%\n") != std::string::npos);
        CHECK(vitae::utf8::find_invalid(wrapped) == std::string::npos);
    }
    SECTION("never beside a ^, which TeX's ^^ notation joins to what follows") {
        const std::string wrapped = check_wrapped(repeated("^^5cx^^M", 100), 8);
        CHECK(wrapped.find("^%\n") == std::string::npos);
        CHECK(wrapped.find("%\n^") == std::string::npos);
    }
    SECTION("a comment goes on in comment lines") {
        const std::string wrapped = check_wrapped("% " + repeated("comment words ", 50) + "\n\\relax\n", 30);
        for (const std::string& line : lines_of(wrapped)) {
            if (!line.empty()) CHECK((line.starts_with("%") || line == "\\relax"));
        }
    }
    SECTION("spaces after a line break and runs of spaces") {
        check_wrapped("a" + repeated(" ", 100) + "b " + repeated("c ", 100) + "\\foo " + repeated("d", 90),
                      10);
    }
    SECTION("a whole .tex for a CV with a 300 KB paragraph") {
        vitae::Diagnostics diagnostics;
        const std::string words = repeated("lorem ipsum dolor sit amet, ", 300 * 1024 / 28);
        const std::string toml = "[person]\nname = \"Ada\"\nsummary = \"" + words +
                                 "\"\n[[section]]\ntitle = \"W\"\nkind = "
                                 "\"text\"\ntext = \"" +
                                 repeated("x", 300 * 1024) + "\"\n";
        const auto latex = latex_of(toml, diagnostics);
        for (const std::string& line : lines_of(latex.text))
            CHECK(line.size() <= vitae::limits::max_tex_line_bytes);
        CHECK(vitae::test::tex_tokens(latex.text) ==
              vitae::test::tex_tokens(vitae::render::wrap_tex_lines(latex.text, 1 << 30)));
    }
}

TEST_CASE("line-breaking numbers beyond TeX's integers are written as TeX's largest", "[latex]") {
    vitae::Diagnostics diagnostics;
    const vitae::cv::Document document =
        vitae::load_cv_text("[person]\nname = \"Ada\"\n", "cv.toml", diagnostics);
    vitae::style::Sheet sheet = fake_sheet();
    sheet.line_breaking.tolerance = 1e300;
    sheet.line_breaking.line_penalty = 4294967296.0;
    sheet.line_breaking.fitness_demerits = 100;
    vitae::test::FakeFonts fonts;
    const std::string tex = vitae::render::write_latex(document, sheet, fonts, nullptr, diagnostics).text;
    CHECK(contains_text(tex, "\\tolerance=2147483647\\linepenalty=2147483647\\adjdemerits=100\n"));
}

TEST_CASE("the LaTeX author list sets the CV's owner in bold when the style says so", "[latex]") {
    const std::string toml =
        "[person]\nname = \"Ada Lovelace\"\n[[section]]\ntitle = \"Papers\"\nkind = \"publications\"\n"
        "[[section.entry]]\ntitle = \"Notes\"\nauthors = [\"Charles Babbage\", \"Ada Lovelace\"]\n";
    vitae::Diagnostics diagnostics;
    const vitae::cv::Document document = vitae::load_cv_text(toml, "cv.toml", diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    vitae::test::FakeFonts fonts;
    for (const bool highlight : {true, false}) {
        vitae::style::Sheet sheet = fake_sheet();
        sheet.highlight_owner = highlight;
        const std::string tex = vitae::render::write_latex(document, sheet, fonts, nullptr, diagnostics).text;
        CAPTURE(highlight, tex);
        // Inside the style's macro, whose \mdseries would undo a \textbf around it.
        CHECK(contains_text(tex, "\\cvPublicationsAuthors{\\bfseries Ada Lovelace}") == highlight);
        CHECK_FALSE(contains_text(tex, "\\bfseries Charles Babbage"));
        CHECK(contains_text(tex, "\\cvPublicationsAuthors{Charles Babbage}"));
    }
}

TEST_CASE("a contact goes into the .tex with the engine's break points, for a column it is too wide for",
          "[latex]") {
    vitae::Diagnostics diagnostics;
    const std::string tex =
        latex_of("[person]\nname = \"Ada\"\nemail = \"ada.lovelace@maths.example.org\"\nphone = \"555\"\n",
                 diagnostics)
            .text;
    CAPTURE(tex);
    // Whole, and broken after the '@' (50) and the dots (100), as style::split_contact says.
    CHECK(contains_text(
        tex,
        "\\cvPersonContact{\\href{mailto:ada.lovelace@maths.example.org}{ada.lovelace@maths.example.org}}"));
    CHECK(contains_text(
        tex, "{ada.\\penalty100 lovelace@\\penalty50 maths.\\penalty100 example.\\penalty100 org}"));
    CHECK(contains_text(tex, "\\cvcontactstate=0 \\cvcontact{"));
    // The separator's spaces on both sides, in the contact style.
    CHECK(contains_text(tex, "\\discretionary{}{}{\\mbox{\\cvPersonContact{\\ \u00B7\\ }}}"));
}

TEST_CASE("the name and author lists forbid breaks at their hyphens and hyphenation points in the .tex",
          "[latex]") {
    vitae::Diagnostics diagnostics;
    const std::string tex = latex_of(
                                "[person]\nname = \"Ana Núñez-García\"\n[[section]]\ntitle = "
                                "\"Papers\"\nkind = \"publications\"\n"
                                "[[section.entry]]\ntitle = \"Notes\"\nauthors = [\"Jean-Pierre Roux\"]\n",
                                diagnostics)
                                .text;
    CAPTURE(tex);
    CHECK(contains_text(
        tex, "\\exhyphenpenalty=9999\\hyphenpenalty=10000 \\cvcenter \\cvPersonName{Ana Núñez-García}"));
    CHECK(contains_text(
        tex,
        "\\cvindent \\exhyphenpenalty=9999\\hyphenpenalty=10000 \\cvPublicationsAuthors{Jean-Pierre Roux}"));
}

TEST_CASE("paragraphs are blocks a paragraph gap apart with TeX's line breaks and code in the mono face",
          "[latex]") {
    vitae::Diagnostics diagnostics;
    const std::string tex = latex_of(R"toml([person]
name = "A"
summary = '''
First \par paragraph.

Second, with `\input{x}` and a\
break.'''
)toml",
                                     diagnostics)
                                .text;
    CAPTURE(tex);
    // Two blocks, half a line of the body (10pt at 1.25) apart; the user's
    // \par is text, never TeX.
    CHECK(
        contains_text(tex, "{\\cvText{First \\textbackslash{}par paragraph.}}\n\\cvspace{6.25bp}\n\\cvpar"));
    // Code in the engine's own mono face, under xelatex as in the direct PDF.
    CHECK(contains_text(tex, "\\newfontfamily\\cvFamilyA{DejaVu Sans Mono}"));
    CHECK(contains_text(tex, "{\\cvFamilyA \\textbackslash{}input\\{x\\}}"));
    CHECK(contains_text(tex, "and a\\hfil\\penalty-10000 break.}}"));
}

TEST_CASE("the .tex numbers lists as the engine, and heads entry groups", "[latex]") {
    vitae::Diagnostics diagnostics;
    const std::string tex = latex_of(R"toml([person]
name = "A"
[[section]]
title = "Talks"
kind = "list"
numbered = true
reversed = true
items = ["Newest", "Oldest"]
[[section]]
title = "Work"
[[section.entry]]
title = "Lab"
group = "Research"
)toml",
                                     diagnostics)
                                .text;
    CAPTURE(tex);
    CHECK(contains_text(tex, "\\cvnumbermarker{\\cvText{2.}}\\cvText{Newest}"));
    CHECK(contains_text(tex, "\\cvnumbermarker{\\cvText{1.}}\\cvText{Oldest}"));
    CHECK(contains_text(tex, "{\\cvPublicationsGroup{Research}}"));
}

// --- the TeX runner ---------------------------------------------------------

namespace {

/// A scratch directory, also TMPDIR while the object lives: the runner's
/// temporary folders go there, where a test can see what is left.
class ScratchTemp {
public:
    ScratchTemp() {
        std::string pattern = (std::filesystem::temp_directory_path() / "vitae-test-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path_ = pattern;
        const char* old = std::getenv("TMPDIR");
        if (old != nullptr) old_tmpdir_ = old;
        ::setenv("TMPDIR", (path_ / "tmp").c_str(), 1);
        std::filesystem::create_directory(path_ / "tmp");
    }
    ScratchTemp(const ScratchTemp&) = delete;
    ScratchTemp& operator=(const ScratchTemp&) = delete;
    ~ScratchTemp() {
        if (old_tmpdir_) {
            ::setenv("TMPDIR", old_tmpdir_->c_str(), 1);
        } else {
            ::unsetenv("TMPDIR");
        }
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    /// Whatever the runner left in TMPDIR.
    [[nodiscard]] bool temporary_is_empty() const { return std::filesystem::is_empty(path_ / "tmp"); }

private:
    std::filesystem::path path_;
    std::optional<std::string> old_tmpdir_;
};

vitae::render::LatexSource document_with(const std::string& body) {
    return {"\\documentclass{article}\n\\begin{document}\n" + body + "\n\\end{document}\n",
            vitae::render::TexEngine::pdflatex,
            {}};
}

}  // namespace

TEST_CASE("the TeX runner stops a loop at its time limit and leaves no temporary file", "[latex][tex]") {
    const ScratchTemp scratch;
    const auto started = std::chrono::steady_clock::now();
    const vitae::cli::TexRun run = vitae::cli::run_tex(document_with("\\def\\loop{\\loop}\\loop"),
                                                       std::nullopt, {std::chrono::milliseconds{1500}});
    const auto took = std::chrono::steady_clock::now() - started;
    CHECK_FALSE(run.pdf);
    CHECK(run.problem == "pdflatex did not finish within 1.5 s and was stopped (a loop in the .tex?)");
    // The limit and the time kpsewhich takes, with room for a busy machine.
    CHECK(took < std::chrono::seconds{10});
    CHECK(scratch.temporary_is_empty());
}

TEST_CASE("the TeX runner reads and writes no file outside its folder and runs no shell", "[latex][tex]") {
    const ScratchTemp scratch;
    const std::filesystem::path secret = scratch.path() / "secret.tex";
    {
        std::ofstream out{secret};
        out << "SECRETWORD\n";
    }
    SECTION("\\input of an absolute path") {
        const vitae::cli::TexRun run =
            vitae::cli::run_tex(document_with("\\input{" + secret.string() + "}"), std::nullopt);
        CHECK_FALSE(run.pdf);
        CHECK(run.problem.starts_with("pdflatex failed: ! LaTeX Error: File `" + secret.string()));
        CHECK(scratch.temporary_is_empty());
    }
    SECTION("\\openin of an absolute path") {
        const vitae::cli::TexRun run =
            vitae::cli::run_tex(document_with("\\newread\\r\\openin\\r=" + secret.string() +
                                              " \\ifeof\\r closed\\else\\read\\r to\\x "
                                              "\\x\\fi"),
                                std::nullopt);
        REQUIRE(run.pdf);
        CHECK(run.pdf->find("SECRETWORD") == std::string::npos);
        CHECK(scratch.temporary_is_empty());
    }
    SECTION("\\openout to an absolute path, and \\write18") {
        const std::filesystem::path written = scratch.path() / "written.tex";
        const std::filesystem::path shell = scratch.path() / "shell-ran";
        const vitae::cli::TexRun run =
            vitae::cli::run_tex(document_with("\\immediate\\write18{touch " + shell.string() +
                                              "}\\newwrite\\w\\immediate\\openout\\w=" + written.string() +
                                              " \\immediate\\write\\w{x}\\immediate\\closeout\\w text"),
                                std::nullopt);
        CHECK_FALSE(std::filesystem::exists(shell));
        CHECK_FALSE(std::filesystem::exists(written));
        CHECK(scratch.temporary_is_empty());
        // TeX refuses the \openout as an error.
        CHECK(run.problem == "pdflatex failed: ! I can't write on file `" + written.string() + "'. (line 3)");
    }
    SECTION("a pipe from a command TeX Live's restricted shell escape allows") {
        // TeX Live's default (shell_escape=p) runs kpsewhich, among others,
        // for \input|"…"; vitae allows no command at all.
        const vitae::cli::TexRun run = vitae::cli::run_tex(
            document_with("\\makeatletter\\@@input|\"kpsewhich -var-value=TEXMFROOT\" \\makeatother"),
            std::nullopt);
        CHECK_FALSE(run.pdf);
        CHECK(run.problem.starts_with("pdflatex failed: ! I can't find file `\"|kpsewhich"));
        CHECK(scratch.temporary_is_empty());
    }
}

TEST_CASE("a failed TeX run quotes the log's first error, escaped", "[latex][tex]") {
    const ScratchTemp scratch;
    const vitae::cli::TexRun run = vitae::cli::run_tex(document_with("ok\n\\undefinedcommand"), std::nullopt);
    CHECK_FALSE(run.pdf);
    CHECK(run.problem == "pdflatex failed: ! Undefined control sequence. (line 4)");
    CHECK(scratch.temporary_is_empty());

    using vitae::cli::first_tex_error;
    // After a file's closing parenthesis, and only on the terminal (TeX's
    // line buffer overflowing).
    CHECK(first_tex_error("(./cv.aux)! Missing $ inserted.\nl.7 x\n", "") ==
          "! Missing $ inserted. (line 7)");
    CHECK(first_tex_error("no error here\n",
                          "(/usr/share/x.def)! Unable to read an entire line---bufsize=200000.\n") ==
          "! Unable to read an entire line---bufsize=200000.");
    CHECK(first_tex_error("! Bad \x1b]0;title\x07 \r\n", "") == "! Bad \\x1B]0;title\\x07 \\r");
    CHECK(first_tex_error("", "").empty());
}

TEST_CASE("the LaTeX publication line ties each separator to the item before it", "[latex]") {
    vitae::Diagnostics diagnostics;
    const std::string tex =
        latex_of(
            "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Papers\"\nkind = \"publications\"\n"
            "[[section.entry]]\ntitle = \"T\"\nvenue = \"J\"\nyear = 2024\ndoi = \"10.1000/x\"\n",
            diagnostics)
            .text;
    CAPTURE(tex);
    CHECK(contains_text(tex, "2024}~\\cvText{\u00B7} "));
    CHECK_FALSE(contains_text(tex, " \\cvText{\u00B7}"));
}

TEST_CASE("a publication line is as tall as its separator's type, as the engine sets it", "[latex]") {
    // The separator between the venue and the award is in the body's style,
    // larger here than theirs: the engine's line takes its height from it.
    vitae::style::Sheet sheet = fake_sheet();
    sheet.body.size = 14;
    sheet.publication_venue.size = 8;
    sheet.publication_award.size = 8;
    vitae::Diagnostics diagnostics;
    const std::string tex =
        latex_of(
            "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Papers\"\nkind = "
            "\"publications\"\n[[section.entry]]\ntitle = \"T\"\nvenue = \"J\"\n"
            "award = \"A\"\n[[section]]\ntitle = \"Text\"\nkind = \"text\"\ntext = \"x\"\n",
            diagnostics, sheet)
            .text;
    CAPTURE(tex);
    // "\cvpar{ascent}{descent}" of the line holding `text`.
    const auto extent_of_line = [&](std::string_view text) {
        for (const std::string& line : lines_of(tex)) {
            const std::size_t at = line.find("\\cvpar{");
            if (at != std::string::npos && line.find(text) != std::string::npos)
                return line.substr(at, line.find("}", line.find("}", at) + 1) - at + 1);
        }
        return std::string{};
    };
    const std::string body_line = extent_of_line("\\cvText{x}");
    REQUIRE_FALSE(body_line.empty());
    CHECK(extent_of_line("\\cvPublicationsAward{A}") == body_line);
}

TEST_CASE(
    "a fallback family without a bold face sets bold text's characters in its regular face, as the "
    "engine does",
    "[latex]") {
    // A fallback family with its regular face only: the engine (FontContext,
    // through layout::FaceChoice) retries the family's regular face, and the
    // .tex must send the same characters to the same family.
    FakeFontsFinding fonts{[](vitae::test::FakeFonts& fake, const vitae::layout::FontRequest& request) {
        if (request.family == "Emoji" && (request.bold || request.italic))
            return std::optional<vitae::layout::FaceId>{};
        return fake.find_face(request);
    }};
    const vitae::style::Sheet sheet = fake_sheet();
    vitae::layout::FaceChoice choice{fonts, sheet};
    const auto bold_sans = choice.for_style(sheet.body, true, false);
    REQUIRE(bold_sans);
    const auto fallback = choice.fallback_for(true, false, U'\U0001F600');
    REQUIRE(fallback);
    CHECK(fallback->index == 0);
    CHECK(fallback->face == fonts.find_face({"Emoji", false, false, true}));
    CHECK(choice.for_character(*bold_sans, true, false, U'\U0001F600') == fallback->face);

    vitae::Diagnostics diagnostics;
    const vitae::cv::Document document = vitae::load_cv_text(
        "[person]\nname = \"Ada\"\nheadline = \"**bold \U0001F600**\"\n", "cv.toml", diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    const vitae::render::LatexSource latex =
        vitae::render::write_latex(document, sheet, fonts, nullptr, diagnostics);
    CHECK(latex.engine == vitae::render::TexEngine::xelatex);
    CHECK(latex.text.find("{\\cvFallbackA \U0001F600}") != std::string::npos);
}
