// JSON Resume export, end to end: every example CV built as JSON is valid
// against the schema vendored in tests/data/json-resume/, and `vitae
// import` of it builds to the words the CV's own text has; a word that does
// not come back is one a note of the export named.
#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "e2e/process.hpp"
#include "seed_words.hpp"

namespace {

namespace fs = std::filesystem;

using namespace vitae::e2e;

/// Validates a JSON file (argv[2]) against a JSON Schema (argv[1]) with
/// formats checked; prints each problem and exits 1 when there is one.
constexpr std::string_view validator = R"(
import json, sys, jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
document = json.load(open(sys.argv[2], encoding="utf-8"))
errors = list(jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).iter_errors(document))
for error in errors:
    print("/".join(str(part) for part in error.absolute_path), error.message)
sys.exit(1 if errors else 0)
)";

const fs::path python = "/usr/bin/python3";

fs::path schema_path() {
    return fs::path{VITAE_SOURCE_DIR} / "tests/data/json-resume/schema.json";
}

/// Round-trip recall measured for each example (words that came back over
/// the words of its text), a little below what it is, so that a loss
/// fails here: what JSON Resume has no place for (section titles, sections
/// it has no key for, publication details) is the rest.
const std::map<std::string, double>& least_recall() {
    static const std::map<std::string, double> least = {
        {"amara-osei-master.toml", 0.93}, {"hanako-yamada-ja.toml", 0.85}, {"jose-nunez.toml", 0.915},
        {"lena-hoffmann.toml", 0.915},    {"lucia-fernandez.toml", 0.92},  {"noa-levi-he.toml", 0.88},
        {"zangwei-zheng-zh.toml", 0.86},  {"zangwei-zheng.toml", 0.92},
    };
    return least;
}

/// How many of `expected`'s words (counted as often as they occur) `actual` lacks.
std::size_t lost_count(const std::vector<std::string>& expected, const std::vector<std::string>& actual) {
    std::map<std::string_view, std::size_t> available;
    for (const std::string& word : actual) ++available[word];
    std::size_t lost = 0;
    for (const std::string& word : expected) {
        std::size_t& left = available[word];
        if (left == 0) {
            ++lost;
        } else {
            --left;
        }
    }
    return lost;
}

/// The words of a text output, without the separators the text writer
/// puts between parts (bullets, middle dots, dashes), which are no words.
std::vector<std::string> words_of_text(const std::string& text) {
    std::vector<std::string> words = vitae::test::words_of(text);
    std::erase_if(words, [](const std::string& word) {
        return word == "\u2022" || word == "\u00B7" || word == "\u2014" || word == "\u2013";
    });
    return words;
}

/// The words the export's notes name, quoted text (“…”) as words.
std::vector<std::string> words_of_notes(const std::string& notes) {
    std::string text = notes;
    for (const std::string_view mark : {"\u201C", "\u201D"})
        text = vitae::test::replaced_all(text, mark, " ");
    return vitae::test::words_of(text);
}

/// Words vitae writes itself, in the CV's language, for facts the notes
/// name in English: "expected" after an end date (Spanish "previsto",
/// Chinese "（预计）" fused with the date), a journal's "vol." and "pp.",
/// the legend of equal contribution ("igual contribución").
const std::vector<std::string>& locale_words_for_noted_facts() {
    static const std::vector<std::string> words = {"previsto", "vol",          "pp",
                                                   "igual",    "contribución", "2025年6月（预计）"};
    return words;
}

std::vector<fs::path> example_cvs() {
    std::vector<fs::path> cvs;
    for (const fs::directory_entry& entry : fs::directory_iterator{fs::path{VITAE_SOURCE_DIR} / "examples"}) {
        if (entry.path().extension() == ".toml") cvs.push_back(entry.path());
    }
    std::sort(cvs.begin(), cvs.end());
    return cvs;
}

}  // namespace

TEST_CASE("the JSON Resume export of a CV is valid against the schema", "[json-export][e2e]") {
    const TemporaryDirectory directory;
    const fs::path good = directory / "good.json";
    write_file(good, R"({"basics": {"name": "A", "email": "a@example.org"}})");
    CHECK(run({python.string(), "-c", std::string{validator}, schema_path().string(), good.string()},
              directory.path())
              .exit_code == 0);
    // The validator can fail: a date the schema's pattern refuses.
    const fs::path bad = directory / "bad.json";
    write_file(bad, R"({"work": [{"name": "A", "startDate": "March 2020"}]})");
    const RunResult refused =
        run({python.string(), "-c", std::string{validator}, schema_path().string(), bad.string()},
            directory.path());
    CHECK(refused.exit_code == 1);
    CHECK(contains(refused.out, "work/0/startDate"));
}

TEST_CASE("every example exports to valid JSON Resume that imports back to its words", "[json-export][e2e]") {
    const std::vector<fs::path> cvs = example_cvs();
    REQUIRE(cvs.size() >= least_recall().size());
    for (const fs::path& cv : cvs) {
        const std::string name = cv.filename().string();
        DYNAMIC_SECTION(name) {
            const TemporaryDirectory directory;
            // The photo's path is the CV's: the JSON and the CV made of it sit beside the same folder.
            fs::copy(cv.parent_path() / "photos", directory / "photos", fs::copy_options::recursive);
            const RunResult exported =
                run_vitae({"build", cv.string(), "-f", "json", "-o", "x.json"}, directory.path());
            INFO(exported.err);
            REQUIRE(exported.exit_code == 0);
            const std::string json = read_file(directory / "x.json");

            const RunResult valid = run({python.string(), "-c", std::string{validator},
                                         schema_path().string(), (directory / "x.json").string()},
                                        directory.path());
            INFO(valid.out << valid.err);
            CHECK(valid.exit_code == 0);

            // Same bytes on a second run.
            REQUIRE(run_vitae({"build", cv.string(), "-f", "json", "-o", "again.json"}, directory.path())
                        .exit_code == 0);
            CHECK(read_file(directory / "again.json") == json);

            const RunResult imported = run_vitae({"import", "x.json", "-o", "back.toml"}, directory.path());
            INFO(imported.err);
            REQUIRE(imported.exit_code == 0);
            // Every key the export writes, the import reads: no warnings.
            CHECK(!contains(imported.err, "warning"));

            const RunResult original =
                run_vitae({"build", cv.string(), "-f", "text", "-o", "-"}, directory.path());
            const RunResult back =
                run_vitae({"build", "back.toml", "-f", "text", "-o", "-"}, directory.path());
            REQUIRE(original.exit_code == 0);
            INFO(back.err);
            REQUIRE(back.exit_code == 0);
            const std::vector<std::string> expected = words_of_text(original.out);
            const std::vector<std::string> returned = words_of_text(back.out);
            const std::vector<std::string> missing = vitae::test::missing_words(expected, returned);
            // A word that did not come back is one the export's notes name.
            std::vector<std::string> unexplained =
                vitae::test::missing_words(missing, words_of_notes(exported.err));
            std::erase_if(unexplained, [](const std::string& word) {
                const auto& known = locale_words_for_noted_facts();
                return std::find(known.begin(), known.end(), word) != known.end();
            });
            INFO("missing: " << vitae::test::joined(missing));
            INFO("not named by a note: " << vitae::test::joined(unexplained));
            CHECK(unexplained.empty());
            const std::size_t lost = lost_count(expected, returned);
            const double recall = 1.0 - static_cast<double>(lost) /
                                            static_cast<double>(std::max<std::size_t>(1, expected.size()));
            // Printed for the record: `vitae_tests "[json-export]" -s` shows each figure.
            WARN(fmt::format("{}: round-trip recall {:.3f} ({} of {} words)", name, recall,
                             expected.size() - lost, expected.size()));
            const auto least = least_recall().find(name);
            CHECK(recall >= (least == least_recall().end() ? 0.65 : least->second));
        }
    }
}
