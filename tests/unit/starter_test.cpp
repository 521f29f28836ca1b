// `vitae new`: the #:schema line of the starter CV points at a schema that
// exists for the user: the installed one, else the source tree's, else none.
#include "starter.hpp"

#include <catch2/catch.hpp>

#include "unit/temporary_directory.hpp"
#include "vitae/load/locale_loader.hpp"

namespace fs = std::filesystem;

namespace {

std::string starter(const std::optional<fs::path>& schema, std::string_view language = "en") {
    return vitae::cli::starter_cv(schema, language, *vitae::load_locale(language));
}

}  // namespace

TEST_CASE("vitae new points the starter at the installed schema, found from the executable", "[new]") {
    const vitae::test::TemporaryDirectory prefix;
    const fs::path executable = prefix.write("bin/vitae", "");
    const fs::path installed = prefix.write("share/vitae/schemas/cv.schema.json", "{}");
    const auto schema = vitae::cli::find_cv_schema(executable);
    REQUIRE(schema);
    CHECK(*schema == fs::weakly_canonical(installed));
    CHECK(starter(schema).starts_with("#:schema " + fs::weakly_canonical(installed).string() + "\n"));
}

TEST_CASE(
    "uninstalled, vitae new points at the source tree's schema, and with none it writes no #:schema line",
    "[new]") {
    const vitae::test::TemporaryDirectory build;
    const auto schema = vitae::cli::find_cv_schema(build.write("vitae", ""));
    REQUIRE(schema);
    CHECK(*schema == fs::weakly_canonical(fs::path{VITAE_SOURCE_DIR} / "schemas" / "cv.schema.json"));
    // Not a path that holds only in the working folder either.
    CHECK(vitae::cli::find_cv_schema("vitae") == schema);
    const std::string without = starter(std::nullopt);
    CHECK(without.find("#:schema ") == std::string::npos);
    CHECK(without.starts_with("# A CV for vitae."));
}

TEST_CASE("vitae new --lang writes the language and its section titles", "[new]") {
    const std::string german = starter(std::nullopt, "de");
    CHECK(german.find("\nlang = \"de\"\n") != std::string::npos);
    CHECK(german.find("title = \"Berufserfahrung\"") != std::string::npos);
    CHECK(german.find("title = \"Ausbildung\"") != std::string::npos);
    CHECK(german.find("{{") == std::string::npos);
    const std::string english = starter(std::nullopt);
    CHECK(english.find("title = \"Experience\"") != std::string::npos);
    CHECK(english.find("\nlang = \"en\"\n") != std::string::npos);
}
