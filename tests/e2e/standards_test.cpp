// `vitae build --pdf-standard` and the PDF's self-description: the errors a
// standard adds (no date, fonts that cannot be embedded, unknown names),
// the XMP and viewer preferences every PDF has, and the language a CV
// names. tests/pdf/check_standard.py (ctest pdf-standard-*) checks the
// rules of PDF/A-2 and PDF/UA-1 on every example and style.
#include <catch2/catch.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "e2e/process.hpp"

namespace {

namespace fs = std::filesystem;

using vitae::e2e::contains;
using vitae::e2e::EnvironmentChanges;
using vitae::e2e::example;
using vitae::e2e::read_file;
using vitae::e2e::run;
using vitae::e2e::run_vitae;
using vitae::e2e::RunResult;
using vitae::e2e::TemporaryDirectory;
using vitae::e2e::without_fonts;
using vitae::e2e::write_file;

constexpr const char* fixed_date = "1700000000";

EnvironmentChanges dated() {
    return {{"SOURCE_DATE_EPOCH", fixed_date}};
}
EnvironmentChanges undated() {
    return {{"SOURCE_DATE_EPOCH", std::nullopt}};
}

/// `vitae build CV -o DIR/cv.pdf ARGUMENTS…`.
RunResult build(const TemporaryDirectory& directory, const fs::path& cv, std::vector<std::string> arguments,
                const EnvironmentChanges& environment) {
    std::vector<std::string> command{"build", cv.string(), "-o", (directory / "cv.pdf").string()};
    command.insert(command.end(), arguments.begin(), arguments.end());
    return run_vitae(command, directory.path(), std::nullopt, environment);
}

/// What pikepdf reads of a PDF: one `key: value` a line.
std::string describe_pdf(const TemporaryDirectory& directory, const fs::path& pdf) {
    constexpr const char* script = R"(
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
root = pdf.Root
print("version:", pdf.pdf_version)
print("DisplayDocTitle:", root.ViewerPreferences.get("/DisplayDocTitle"))
print("ID:", "/ID" in pdf.trailer)
print("OutputIntents:", "/OutputIntents" in root)
print(root.Metadata.read_bytes().decode())
)";
    const RunResult result = run({"/usr/bin/python3", "-c", script, pdf.string()}, directory.path());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return result.out;
}

}  // namespace

TEST_CASE("PDF/A without SOURCE_DATE_EPOCH is an error and writes nothing", "[e2e][pdf][standards]") {
    const TemporaryDirectory directory;
    const RunResult result =
        build(directory, example("zangwei-zheng.toml"), {"--pdf-standard", "a-2b"}, undated());
    INFO(result.err);
    CHECK(result.exit_code == 1);
    CHECK(contains(result.err,
                   "error: PDF/A (a-2b) needs the document's creation date, and vitae takes dates "
                   "only from SOURCE_DATE_EPOCH, which is not set"));
    CHECK_FALSE(fs::exists(directory / "cv.pdf"));
}

TEST_CASE("PDF/UA alone needs no date", "[e2e][pdf][standards]") {
    const TemporaryDirectory directory;
    const RunResult result =
        build(directory, example("zangwei-zheng.toml"), {"--pdf-standard", "ua-1"}, undated());
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(fs::exists(directory / "cv.pdf"));
}

TEST_CASE("a standard refuses the base-14 fonts, naming the style's font", "[e2e][pdf][standards][base14]") {
    const TemporaryDirectory directory;
    EnvironmentChanges environment = without_fonts(directory);
    environment.emplace_back("SOURCE_DATE_EPOCH", fixed_date);
    const RunResult result = build(directory, example("zangwei-zheng.toml"),
                                   {"--pdf-standard", "a-2b", "--style", "classic"}, environment);
    INFO(result.err);
    CHECK(result.exit_code == 1);
    CHECK(contains(result.err,
                   "error: a-2b needs every font embedded, but no font of the style ('CMU Serif' or its "
                   "fallbacks) is installed as TrueType"));
    CHECK_FALSE(contains(result.err, "using the PDF base-14 fonts"));  // they are not used
    CHECK_FALSE(fs::exists(directory / "cv.pdf"));
}

TEST_CASE("the option --pdf-standard takes a list and refuses unknown names with a suggestion",
          "[e2e][pdf][standards]") {
    const TemporaryDirectory directory;
    const fs::path cv = example("zangwei-zheng.toml");
    SECTION("unknown") {
        const RunResult result = build(directory, cv, {"--pdf-standard", "a-2x"}, dated());
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err,
                       "vitae: error: --pdf-standard: unknown PDF standard 'a-2x'; did you mean 'a-2b'?"));
    }
    SECTION("two PDF/A levels") {
        const RunResult result = build(directory, cv, {"--pdf-standard", "a-2b,a-2u"}, dated());
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "a PDF conforms to one PDF/A level, not both 'a-2b' and 'a-2u'"));
    }
    SECTION("comma-separated and repeated") {
        for (const std::vector<std::string>& arguments :
             {std::vector<std::string>{"--pdf-standard", "a-2u,ua-1"},
              std::vector<std::string>{"--pdf-standard", "ua-1", "--pdf-standard", "a-2u"}}) {
            const RunResult result = build(directory, cv, arguments, dated());
            INFO(result.err);
            REQUIRE(result.exit_code == 0);
            const std::string pdf = describe_pdf(directory, directory / "cv.pdf");
            INFO(pdf);
            CHECK(contains(pdf, "<pdfaid:part>2</pdfaid:part>"));
            CHECK(contains(pdf, "<pdfaid:conformance>U</pdfaid:conformance>"));
            CHECK(contains(pdf, "<pdfuaid:part>1</pdfuaid:part>"));
            // PDF/A describes the schema it does not predefine.
            CHECK(contains(pdf, "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"));
            CHECK(contains(pdf, "version: 1.7"));
        }
    }
}

TEST_CASE("a style's pdf_standard applies, and --pdf-standard replaces it", "[e2e][pdf][standards]") {
    const TemporaryDirectory directory;
    const fs::path style = directory / "archive.toml";
    write_file(style, "extends = \"default\"\npdf_standard = [\"a-2b\", \"ua-1\"]\n");
    const fs::path cv = example("zangwei-zheng.toml");
    {
        const RunResult result = build(directory, cv, {"--style", style.string()}, dated());
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        const std::string pdf = describe_pdf(directory, directory / "cv.pdf");
        CHECK(contains(pdf, "<pdfaid:conformance>B</pdfaid:conformance>"));
        CHECK(contains(pdf, "<pdfuaid:part>1</pdfuaid:part>"));
    }
    {
        const RunResult result =
            build(directory, cv, {"--style", style.string(), "--pdf-standard", "ua-1"}, dated());
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        const std::string pdf = describe_pdf(directory, directory / "cv.pdf");
        CHECK_FALSE(contains(pdf, "pdfaid"));
        CHECK(contains(pdf, "<pdfuaid:part>1</pdfuaid:part>"));
        CHECK(contains(pdf, "OutputIntents: False"));
    }
    write_file(style, "extends = \"default\"\npdf_standard = \"a-2c\"\n");
    const RunResult result = build(directory, cv, {"--style", style.string()}, dated());
    CHECK(result.exit_code == 1);
    CHECK(contains(result.err,
                   style.string() + ":2:16: error: unknown PDF standard 'a-2c' (did you mean 'a-2b'?)"));
}

TEST_CASE("every PDF has XMP metadata in its language and asks viewers to show its title",
          "[e2e][pdf][standards]") {
    const TemporaryDirectory directory;
    const fs::path cv = directory / "cv.toml";
    write_file(cv, "lang = \"de-CH\"\n[person]\nname = \"Ada & <Co>\"\nheadline = \"\\\"Ingenieurin\\\"\"\n");
    const RunResult result = build(directory, cv, {}, dated());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const std::string pdf = describe_pdf(directory, directory / "cv.pdf");
    INFO(pdf);
    CHECK(contains(pdf, "DisplayDocTitle: True"));
    CHECK(contains(pdf,
                   "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Ada &amp; &lt;Co&gt; \u2014 Curriculum "
                   "vitae</rdf:li></rdf:Alt></dc:title>"));
    CHECK(contains(pdf, "<dc:creator><rdf:Seq><rdf:li>Ada &amp; &lt;Co&gt;</rdf:li></rdf:Seq></dc:creator>"));
    CHECK(contains(pdf, "<rdf:li xml:lang=\"x-default\">&quot;Ingenieurin&quot;</rdf:li>"));
    CHECK(contains(pdf, "<dc:language><rdf:Bag><rdf:li>de-CH</rdf:li></rdf:Bag></dc:language>"));
    CHECK(contains(pdf, "<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>"));
    // Without a standard: no claim, no output intent, no /ID.
    CHECK_FALSE(contains(pdf, "pdfaid"));
    CHECK(contains(pdf, "ID: False"));
    CHECK(contains(pdf, "OutputIntents: False"));
}

TEST_CASE("PDF/A output is reproducible: the same input gives the same bytes, /ID included",
          "[e2e][pdf][standards]") {
    const TemporaryDirectory first;
    const TemporaryDirectory second;
    const fs::path cv = example("jose-nunez.toml");
    REQUIRE(build(first, cv, {"--pdf-standard", "a-2b"}, dated()).exit_code == 0);
    REQUIRE(build(second, cv, {"--pdf-standard", "a-2b"}, dated()).exit_code == 0);
    const std::string bytes = read_file(first / "cv.pdf");
    CHECK(bytes == read_file(second / "cv.pdf"));
    CHECK(contains(bytes, "/ID ["));
    // Another CV gets another /ID.
    REQUIRE(build(second, example("zangwei-zheng.toml"), {"--pdf-standard", "a-2b"}, dated()).exit_code == 0);
    const std::string other = read_file(second / "cv.pdf");
    const auto identifier = [](const std::string& pdf) { return pdf.substr(pdf.find("/ID [")); };
    CHECK(identifier(bytes) != identifier(other));
}

TEST_CASE("a PDF made with LaTeX states the CV's language and shows its title", "[e2e][latex][standards]") {
    const TemporaryDirectory directory;
    const fs::path cv = directory / "cv.toml";
    write_file(cv, "lang = \"de\"\n[person]\nname = \"Ada Muster\"\n");
    const RunResult result = build(directory, cv, {"--via", "latex"}, dated());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    constexpr const char* script = R"(
import sys, pikepdf
root = pikepdf.open(sys.argv[1]).Root
print("Lang:", root.get("/Lang"))
print("DisplayDocTitle:", root.ViewerPreferences.get("/DisplayDocTitle"))
)";
    const RunResult read =
        run({"/usr/bin/python3", "-c", script, (directory / "cv.pdf").string()}, directory.path());
    INFO(read.err);
    CHECK(read.out == "Lang: de\nDisplayDocTitle: True\n");
}

TEST_CASE("PDF/A-2b adds to the seed one-page PDF no more than the sRGB profile and the XMP",
          "[e2e][pdf][standards]") {
    const TemporaryDirectory plain;
    const TemporaryDirectory archived;
    const fs::path seed = example("zangwei-zheng.toml");
    REQUIRE(build(plain, seed, {"--style", "onepage"}, dated()).exit_code == 0);
    REQUIRE(build(archived, seed, {"--style", "onepage", "--pdf-standard", "a-2b"}, dated()).exit_code == 0);
    const std::size_t added = read_file(archived / "cv.pdf").size() - read_file(plain / "cv.pdf").size();
    const std::size_t profile = fs::file_size(VITAE_SRGB_PROFILE);
    const RunResult xmp =
        run({"/usr/bin/python3", "-c",
             "import sys, pikepdf; print(len(pikepdf.open(sys.argv[1]).Root.Metadata.read_bytes()))",
             (archived / "cv.pdf").string()},
            archived.path());
    REQUIRE(xmp.exit_code == 0);
    const std::size_t xmp_bytes = std::stoul(xmp.out);
    WARN("a-2b adds " << added << " bytes; the sRGB profile has " << profile << ", the XMP " << xmp_bytes);
    CHECK(added <= profile + xmp_bytes);
}
