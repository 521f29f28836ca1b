// Phone numbers, end to end: checked and written as the style says in
// every format, linked in E.164, a bad number a warning at its place, and
// a vitae without its phone module still builds, saying so.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "e2e/process.hpp"

namespace {

namespace fs = std::filesystem;
using namespace vitae::e2e;

constexpr std::string_view phones_cv = R"(lang = "de-CH"

[person]
name = "Ada Lovelace"
email = "ada@example.org"
phone = ["044 555 01 23", { number = "+4930 5550-1234", kind = "mobile" }]

[[section]]
title = "Erfahrung"

[[section.entry]]
title = "Acme"
highlights = ["Baute Dinge."]
)";

/// The PDF with its objects uncompressed and out of object streams, so
/// that its link annotations can be read as text.
std::string uncompressed_pdf(const fs::path& pdf) {
    const fs::path plain = pdf.parent_path() / "plain.pdf";
    run({"/usr/bin/qpdf", "--qdf", "--object-streams=disable", pdf.string(), plain.string()},
        pdf.parent_path());
    return read_file(plain);
}

}  // namespace

TEST_CASE("phone numbers are written in the style's form in every format and linked in E.164",
          "[e2e][phones]") {
    const TemporaryDirectory out;
    write_file(out / "cv.toml", phones_cv);
    write_file(out / "national.toml", "extends = \"default\"\n[person.contact]\nphone = \"national\"\n");

    const RunResult international =
        run_vitae({"build", "cv.toml", "-f", "pdf,latex,text,md", "-o", "international/"}, out.path());
    INFO(international.err);
    REQUIRE(international.exit_code == 0);
    CHECK(international.err.empty());
    for (const std::string_view written : {"cv.txt", "cv.md", "cv.tex"}) {
        INFO(written);
        const std::string text = read_file(out / "international" / written);
        CHECK(contains(text, "+41 44 555 01 23"));
        CHECK(contains(text, "+49 30 55501234"));
        CHECK_FALSE(contains(text, "5550-1234"));
    }
    const std::string tex = read_file(out / "international" / "cv.tex");
    CHECK(contains(tex, "tel:+41445550123"));
    const std::string pdf_text =
        run({"/usr/bin/pdftotext", "-enc", "UTF-8", (out / "international" / "cv.pdf").string(), "-"},
            out.path())
            .out;
    CHECK(contains(pdf_text, "+41 44 555 01 23"));
    CHECK(contains(pdf_text, "+49 30 55501234"));
    const std::string pdf = uncompressed_pdf(out / "international" / "cv.pdf");
    CHECK(contains(pdf, "(tel:+41445550123)"));
    CHECK(contains(pdf, "(tel:+493055501234)"));

    const RunResult national = run_vitae(
        {"build", "cv.toml", "--style", "national.toml", "-f", "text", "-o", "national.txt"}, out.path());
    INFO(national.err);
    REQUIRE(national.exit_code == 0);
    const std::string text = read_file(out / "national.txt");
    CHECK(contains(text, "044 555 01 23"));    // Swiss, as the CV's lang de-CH
    CHECK(contains(text, "+49 30 55501234"));  // German: international still
}

TEST_CASE("a phone number that is not valid is a warning at its column, and is printed as written",
          "[e2e][phones]") {
    const TemporaryDirectory out;
    write_file(out / "cv.toml", "[person]\nname = \"Ada\"\nphone = \"+49 30 5\"\n");
    const RunResult built = run_vitae({"build", "cv.toml", "-f", "text", "-o", "cv.txt"}, out.path());
    CHECK(built.exit_code == 0);
    CHECK(contains(built.err,
                   "cv.toml:3:9: warning: '+49 30 5' is not a valid phone number: no number of its country "
                   "has this form (it is printed as written)"));
    CHECK(contains(read_file(out / "cv.txt"), "+49 30 5"));
}

TEST_CASE("without its phone module vitae builds with the numbers as written, and says why",
          "[e2e][phones]") {
    const TemporaryDirectory out;
    write_file(out / "cv.toml", phones_cv);
    const RunResult built =
        run_vitae_without_modules(out.path(), {"build", "cv.toml", "-f", "text", "-o", "cv.txt"});
    INFO(built.err);
    CHECK(built.exit_code == 0);
    CHECK(contains(built.err,
                   "warning: phone numbers are printed as written and not checked: the phone "
                   "module vitae-phone.so is not installed"));
    CHECK(contains(read_file(out / "cv.txt"), "+4930 5550-1234"));
}
