// vitae::compile, the library's entry point: the whole pipeline in one
// call, from a file or from memory, with every diagnostic, and the same
// bytes `vitae build` writes.
#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "e2e/process.hpp"
#include "support.hpp"
#include "vitae/base/limits.hpp"
#include "vitae/compile/compile.hpp"

namespace {

namespace fs = std::filesystem;

using vitae::CompileRequest;
using vitae::CompileResult;
using vitae::CompileStatus;
using vitae::OutputFormat;

constexpr std::string_view small_cv = R"toml([person]
name = "Ada Lovelace"
email = "ada@example.org"

[[section]]
title = "Work"
[[section.entry]]
title = "Analytical Engine"
start = "1842-01"
end = "present"
highlights = ["The first published algorithm"]
)toml";

/// Two entries, one for each of two tags.
constexpr std::string_view tagged_cv = R"toml([person]
name = "Ada Lovelace"
[[section]]
title = "Work"
[[section.entry]]
title = "Engine"
tags = ["industry"]
[[section.entry]]
title = "Notes"
tags = ["academic"]
)toml";

/// A request for `small_cv`, in memory under the name "ada.toml".
CompileRequest in_memory(std::vector<OutputFormat> formats) {
    CompileRequest request;
    request.cv.path = "ada.toml";
    request.cv.text = std::string{small_cv};
    request.formats = std::move(formats);
    return request;
}

std::string described(const CompileResult& result) {
    std::string text;
    for (const std::string& line : vitae::test::lines(result.diagnostics)) text += line + '\n';
    return text;
}

const std::vector<OutputFormat> every_format = {OutputFormat::pdf, OutputFormat::latex, OutputFormat::text,
                                                OutputFormat::markdown, OutputFormat::debug};

}  // namespace

TEST_CASE("compile makes a PDF from a CV in memory", "[compile]") {
    const CompileResult result = vitae::compile(in_memory({OutputFormat::pdf}));
    INFO(described(result));
    REQUIRE(result.ok());
    CHECK(result.diagnostics.empty());
    REQUIRE(result.outputs.size() == 1);
    CHECK(result.outputs[0].format == OutputFormat::pdf);
    CHECK(result.outputs[0].bytes.starts_with("%PDF-"));
    CHECK(result.pages == 1U);
    // Made from the CV and the fonts it embeds; the built-in style is no file.
    const std::vector<std::string>& sources = result.outputs[0].sources;
    REQUIRE(sources.size() >= 2);
    CHECK(sources[0] == "ada.toml");
    CHECK(fs::path{sources[1]}.is_absolute());
    CHECK(result.files_read == std::vector<std::string>(sources.begin() + 1, sources.end()));
}

TEST_CASE("compile writes every format, one output each in the order asked", "[compile]") {
    const CompileResult result = vitae::compile(in_memory(every_format));
    INFO(described(result));
    REQUIRE(result.ok());
    REQUIRE(result.outputs.size() == every_format.size());
    for (std::size_t i = 0; i < every_format.size(); ++i) CHECK(result.outputs[i].format == every_format[i]);
    CHECK(result.outputs[0].bytes.starts_with("%PDF-"));
    CHECK(result.outputs[1].bytes.find("\\documentclass") != std::string::npos);
    CHECK(result.outputs[2].bytes.starts_with("Ada Lovelace\n"));
    CHECK(result.outputs[3].bytes.starts_with("# Ada Lovelace\n"));
    CHECK(result.outputs[4].bytes.find("page 1") != std::string::npos);
    // The engine the .tex names in its first line.
    REQUIRE(result.latex_engine);
    CHECK(result.outputs[1].bytes.starts_with(
        fmt::format("% !TEX program = {}\n", vitae::render::engine_name(*result.latex_engine))));
}

TEST_CASE("compile reports every problem of a bad CV at its position, and makes nothing", "[compile]") {
    CompileRequest request = in_memory({OutputFormat::pdf, OutputFormat::text});
    request.cv.text = "[person]\nname = \"Ada\"\nemial = \"ada@example.org\"\n[[section]]\ntitle = 3\n";
    const CompileResult result = vitae::compile(request);
    CHECK(result.status == CompileStatus::input_errors);
    CHECK(result.outputs.empty());
    const std::vector<std::string> lines = vitae::test::lines(result.diagnostics);
    INFO(described(result));
    REQUIRE(lines.size() >= 2);
    CHECK(lines[0].starts_with("ada.toml:3:1: error: "));
    CHECK(lines.back().starts_with("ada.toml:5:9: error: "));
}

TEST_CASE("compile reads the style from memory too, and reports its errors under its name", "[compile]") {
    CompileRequest request = in_memory({OutputFormat::text});
    request.style = "mine.toml";
    SECTION("a good style") {
        request.style_text = "extends = \"classic\"\n";
        const CompileResult result = vitae::compile(request);
        INFO(described(result));
        CHECK(result.ok());
        CHECK(result.outputs.size() == 1);
    }
    SECTION("a bad one") {
        request.style_text = "extends = \"classic\"\n[page]\nsize = \"A9000\"\n";
        const CompileResult result = vitae::compile(request);
        CHECK(result.status == CompileStatus::input_errors);
        CHECK(result.outputs.empty());
        const std::vector<std::string> lines = vitae::test::lines(result.diagnostics);
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].starts_with("mine.toml:3:8: error: unknown page size 'A9000'"));
    }
}

TEST_CASE("compile says when the CV cannot fit its pages, and makes nothing", "[compile]") {
    CompileRequest request;
    request.cv.path = (fs::path{VITAE_SOURCE_DIR} / "tests/data/long-es.toml").string();
    request.style = "classic";
    request.max_pages = 1;
    request.formats = {OutputFormat::markdown, OutputFormat::pdf};
    const CompileResult result = vitae::compile(request);
    CHECK(result.status == CompileStatus::cannot_fit);
    CHECK(result.outputs.empty());
    CHECK(described(result).find("error: cannot fit in 1 page") != std::string::npos);
}

TEST_CASE("compile refuses a source date past four-digit years", "[compile]") {
    CompileRequest request = in_memory({OutputFormat::text});
    request.source_date_epoch = vitae::limits::latest_source_date_epoch + 1;
    const CompileResult result = vitae::compile(request);
    CHECK(result.status == CompileStatus::input_errors);
    CHECK(result.outputs.empty());
    CHECK(described(result).find("SOURCE_DATE_EPOCH") != std::string::npos);
}

TEST_CASE("compile names what the selection left out in its notes", "[compile]") {
    CompileRequest request = in_memory({OutputFormat::text});
    request.cv.text = std::string{tagged_cv};
    request.tags = {"industry"};
    const CompileResult counted = vitae::compile(request);
    REQUIRE(counted.ok());
    CHECK(vitae::test::lines(counted.notes) ==
          std::vector<std::string>{"note: 1 item left out by the selection; --explain lists them"});
    request.explain = true;
    const CompileResult explained = vitae::compile(request);
    REQUIRE(explained.notes.items().size() == 1);
    CHECK(vitae::test::lines(explained.notes)[0].starts_with("ada.toml:8:1: note: left out entry 'Notes'"));
}

TEST_CASE("compile makes the PDF through LaTeX with the typesetter it is given", "[compile]") {
    CompileRequest request = in_memory({OutputFormat::pdf});
    request.cv.text = std::string{tagged_cv};
    request.tags = {"industry"};
    std::string typeset;
    SECTION("it makes a PDF") {
        request.pdf_via_latex = [&](const vitae::render::LatexSource& latex, vitae::Diagnostics&) {
            typeset = latex.text;
            return std::optional<std::string>{"%PDF- from TeX"};
        };
        const CompileResult result = vitae::compile(request);
        REQUIRE(result.ok());
        CHECK(typeset.find("\\documentclass") != std::string::npos);
        REQUIRE(result.outputs.size() == 1);
        CHECK(result.outputs[0].bytes == "%PDF- from TeX");
        REQUIRE(result.latex_engine);
        CHECK(typeset.starts_with(
            fmt::format("% !TEX program = {}\n", vitae::render::engine_name(*result.latex_engine))));
    }
    SECTION("it fails: its error alone is said") {
        request.pdf_via_latex = [](const vitae::render::LatexSource&, vitae::Diagnostics& diagnostics) {
            diagnostics.error({}, "no TeX here");
            return std::optional<std::string>{};
        };
        const CompileResult result = vitae::compile(request);
        CHECK(result.status == CompileStatus::latex_failed);
        CHECK(result.outputs.empty());
        CHECK(vitae::test::lines(result.diagnostics) == std::vector<std::string>{"error: no TeX here"});
        CHECK(result.notes.empty());
    }
}

TEST_CASE("compile from a loaded CV, kept or moved in, makes what compile from the file makes", "[compile]") {
    CompileRequest request;
    request.cv.path = vitae::e2e::example("jose-nunez.toml").string();
    request.formats = every_format;
    request.source_date_epoch = 1700000000;
    vitae::layout::SystemFonts fonts;
    const CompileResult whole = vitae::compile(request, fonts);
    REQUIRE(whole.ok());

    vitae::Diagnostics loading;
    vitae::cv::Document loaded = vitae::load_cv(request, loading);
    REQUIRE(loading.empty());
    const CompileResult kept = vitae::compile(loaded, request, fonts);
    CHECK_FALSE(loaded.sections.empty());  // still there for another style
    const CompileResult moved = vitae::compile(std::move(loaded), request, fonts);
    for (const CompileResult* result : {&kept, &moved}) {
        REQUIRE(result->ok());
        REQUIRE(result->outputs.size() == whole.outputs.size());
        for (std::size_t i = 0; i < whole.outputs.size(); ++i) {
            CHECK(result->outputs[i].bytes == whole.outputs[i].bytes);
            CHECK(result->outputs[i].sources == whole.outputs[i].sources);
        }
    }
}

TEST_CASE("a PDF's bytes do not depend on what its font provider was used for before", "[compile]") {
    // `vitae build -j` shares one provider per thread: the CVs a thread
    // built first numbered the faces, and the fonts were embedded in that
    // order.
    const auto request = [](std::string cv, std::string style) {
        CompileRequest made;
        made.cv.path = vitae::e2e::example(cv).string();
        made.style = std::move(style);
        made.source_date_epoch = 1700000000;
        return made;
    };
    const CompileRequest target = request("zangwei-zheng.toml", "academic");
    vitae::layout::SystemFonts fresh;
    const CompileResult alone = vitae::compile(target, fresh);
    REQUIRE(alone.ok());
    vitae::layout::SystemFonts used;
    for (const char* style : {"sidebar", "classic"})
        REQUIRE(vitae::compile(request("jose-nunez.toml", style), used).ok());
    const CompileResult after_others = vitae::compile(target, used);
    REQUIRE(after_others.ok());
    CHECK(after_others.outputs.at(0).bytes == alone.outputs.at(0).bytes);
}

TEST_CASE("compile makes the bytes vitae build writes, in every format", "[compile]") {
    const std::string style = GENERATE(as<std::string>{}, "default", "onepage", "sidebar");
    const vitae::e2e::TemporaryDirectory directory;
    const fs::path cv = vitae::e2e::example("zangwei-zheng.toml");
    constexpr long long date = 1700000000;
    const vitae::e2e::RunResult built = vitae::e2e::run_vitae(
        {"build", cv.string(), "-s", style, "-f", "pdf,latex,text,md,debug", "-o", "out/"}, directory.path(),
        std::nullopt, {{"SOURCE_DATE_EPOCH", std::to_string(date)}});
    REQUIRE(built.exit_code == 0);

    CompileRequest request;
    request.cv.path = cv.string();
    request.style = style;
    request.formats = every_format;
    request.source_date_epoch = date;
    const CompileResult result = vitae::compile(request);
    INFO(style << '\n' << described(result));
    REQUIRE(result.ok());
    CHECK(built.err == described(result) + [&] {
        std::string notes;
        for (const std::string& line : vitae::test::lines(result.notes)) notes += line + '\n';
        return notes;
    }());
    REQUIRE(result.outputs.size() == every_format.size());
    const std::vector<std::string> extensions = {".pdf", ".tex", ".txt", ".md", ".trace"};
    for (std::size_t i = 0; i < extensions.size(); ++i) {
        INFO(extensions[i]);
        CHECK(result.outputs[i].bytes ==
              vitae::e2e::read_file(directory / "out" / ("zangwei-zheng" + extensions[i])));
    }
}

TEST_CASE("format names and extensions come from one table", "[compile]") {
    REQUIRE(vitae::find_output_format("md") != nullptr);
    CHECK(vitae::find_output_format("md")->format == OutputFormat::markdown);
    CHECK(vitae::find_output_format("markdown") == nullptr);
    REQUIRE(vitae::output_format_for_file("cv.tex") != nullptr);
    CHECK(vitae::output_format_for_file("cv.tex")->format == OutputFormat::latex);
    REQUIRE(vitae::output_format_for_file("cv.docx") != nullptr);
    CHECK(vitae::output_format_for_file("cv.docx")->format == OutputFormat::docx);
    CHECK(vitae::output_format_for_file("cv.html")->format == OutputFormat::html);
    CHECK(vitae::output_format_for_file("cv.json")->format == OutputFormat::json);
    CHECK(vitae::output_format_for_file("cv.odt") == nullptr);
    CHECK(vitae::output_formats().front().format == OutputFormat::pdf);
}
