// End-to-end tests: the real `vitae` binary, run as a user would run it
// (no shell), each test in a fresh temporary directory. Exit codes and the
// `file:line:col: severity: message` lines are the interface under test.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "build.hpp"
#include "e2e/process.hpp"

namespace {

namespace fs = std::filesystem;

using namespace vitae::e2e;

// --- files ---------------------------------------------------------------------

/// Files the atomic writer leaves behind if it fails to clean up
/// (`<output>.tmp-XXXXXX`), anywhere under `directory`.
std::vector<std::string> leftover_temporary_files(const fs::path& directory) {
    std::vector<std::string> leftovers;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator{directory}) {
        if (entry.path().filename().string().find(".tmp-") != std::string::npos) {
            leftovers.push_back(entry.path().string());
        }
    }
    return leftovers;
}

/// Where `needle` (which must occur in `text`) starts, plus `offset` code
/// points, as the diagnostics count: 1-based line, column in code points.
struct TextPosition {
    std::size_t line = 0;
    std::size_t column = 0;
};
TextPosition position_of(std::string_view text, std::string_view needle, std::size_t offset = 0) {
    const std::size_t found = text.find(needle);
    REQUIRE(found != std::string_view::npos);
    TextPosition position{1, 1};
    for (std::size_t i = 0; i < found; ++i) {
        if (text[i] == '\n') {
            ++position.line;
            position.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {  // not a UTF-8 continuation byte
            ++position.column;
        }
    }
    position.column += offset;
    return position;
}

std::string diagnostic_prefix(std::string_view file, TextPosition position, std::string_view severity) {
    return std::string{file} + ':' + std::to_string(position.line) + ':' + std::to_string(position.column) +
           ": " + std::string{severity} + ": ";
}

// --- CVs -------------------------------------------------------------------------

constexpr std::string_view good_cv = R"(# A small CV with non-ASCII text and every common field kind.
[person]
name = "Ada Lovelace-Núñez"
email = "ada@example.org"

[[section]]
title = "Experience"

[[section.entry]]
title = "Analytical Engine Project"
subtitle = "*Programmer*, notes on the engine"
location = "London"
start = "1842-09"
end = "1843-08"
highlights = ["Wrote the first published **algorithm** for a machine."]
)";

/// Several problems, one of each sort, written so that their positions are
/// easy to find again: the test computes them from this text.
constexpr std::string_view broken_cv = R"([person]
name = "Ada Lovelace"
emial = "ada@example.org"
links = [{ label = "Zürich café", url = "https://example.org", iccon = "github" }]

[[section]]
title = "Experience"
priority = "high"

[[section.entry]]
title = "Analytical Engine"
start = "1843-02-30"
)";

}  // namespace

// --- command line ------------------------------------------------------------------

TEST_CASE("vitae --version prints the version and the git revision it was built from", "[e2e]") {
    const TemporaryDirectory directory;
    const RunResult result = run_vitae({"--version"}, directory.path());
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    const std::regex version_line{
        R"(vitae (\d+\.\d+\.\d+) \((git ([0-9a-f]{12})(-dirty)?|revision unknown)\)\n)"};
    std::smatch parts;
    REQUIRE(std::regex_match(result.out, parts, version_line));
    CHECK(parts[1] == "0.1.0");
    // Built from this checkout: its commit (the test runs where it was built).
    if (!std::filesystem::exists("/usr/bin/git")) return;
    const RunResult head =
        run({"/usr/bin/git", "-C", VITAE_SOURCE_DIR, "rev-parse", "--short=12", "HEAD"}, directory.path());
    if (head.exit_code == 0) CHECK(parts[3] == head.out.substr(0, head.out.find('\n')));
}

TEST_CASE("vitae completions prints a script for bash, zsh and fish, and refuses another shell", "[e2e]") {
    const TemporaryDirectory directory;
    for (const std::string_view shell : {"bash", "zsh", "fish"}) {
        INFO(shell);
        const RunResult result = run_vitae({"completions", std::string{shell}}, directory.path());
        CHECK(result.exit_code == 0);
        CHECK(result.err.empty());
        // Every subcommand and a value of an option, from the command line's own lists.
        for (const std::string_view word : {"build", "check", "new", "import", "style", "sidebar", "docx"})
            CHECK(contains(result.out, word));
        CHECK_FALSE(contains(result.out, "manual"));  // hidden, as in --help
    }
    const RunResult other = run_vitae({"completions", "tcsh"}, directory.path());
    CHECK(other.exit_code == 2);
    CHECK(other.out.empty());
    const RunResult help = run_vitae({"--help"}, directory.path());
    CHECK(contains(help.out, "completions"));
    CHECK_FALSE(contains(help.out, "manual"));
}

TEST_CASE("vitae --help names the subcommands and the exit codes", "[e2e]") {
    const TemporaryDirectory directory;
    const RunResult result = run_vitae({"--help"}, directory.path());
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "check"));
    CHECK(contains(result.out, "build"));
    std::string exit_code_line;
    for (const std::string& line : lines_of(result.out)) {
        if (contains(line, "Exit codes")) exit_code_line = line;
    }
    INFO(result.out);
    REQUIRE_FALSE(exit_code_line.empty());
    for (const std::string_view code : {"0 success", "1 errors", "2 usage", "4 output"}) {
        CHECK(contains(exit_code_line, code));
    }
}

TEST_CASE("usage errors exit with 2 and say why on stderr", "[e2e]") {
    const TemporaryDirectory directory;

    SECTION("no arguments") {
        const RunResult result = run_vitae({}, directory.path());
        CHECK(result.exit_code == 2);
        CHECK_FALSE(result.err.empty());
    }
    SECTION("an unknown subcommand") {
        const RunResult result = run_vitae({"frobnicate", "cv.toml"}, directory.path());
        CHECK(result.exit_code == 2);
        CHECK_FALSE(result.err.empty());
        CHECK(result.out.empty());
    }
    SECTION("an unknown option to build") {
        const RunResult result = run_vitae({"build", "cv.toml", "--colour"}, directory.path());
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "--colour"));
        CHECK(result.out.empty());
    }
    SECTION("an unknown format far from any known one gets no suggestion") {
        const RunResult result = run_vitae({"build", "cv.toml", "--format", "nosuch"}, directory.path());
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "unknown format 'nosuch'"));
        CHECK_FALSE(contains(result.err, "did you mean"));
    }
    SECTION("a misspelt format gets a suggestion") {
        const RunResult result = run_vitae({"build", "cv.toml", "--format", "txt"}, directory.path());
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "did you mean 'text'?"));
    }
    SECTION("an output name whose extension names no format") {
        const RunResult result = run_vitae({"build", "cv.toml", "-o", "out.weird"}, directory.path());
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "cannot tell the format"));
        CHECK_FALSE(fs::exists(directory / "out.weird"));
    }
}

// --- check -------------------------------------------------------------------------

TEST_CASE("vitae check accepts the examples silently", "[e2e]") {
    const TemporaryDirectory directory;
    const auto name = GENERATE(as<std::string>{}, "zangwei-zheng.toml", "jose-nunez.toml");
    INFO(name);
    const RunResult result = run_vitae({"check", example(name).string()}, directory.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out.empty());
    CHECK(result.err.empty());
}

TEST_CASE("vitae check on a missing file reports it", "[e2e]") {
    const TemporaryDirectory directory;
    const RunResult result = run_vitae({"check", "missing.toml"}, directory.path());
    CHECK(result.exit_code == 1);
    CHECK(result.out.empty());
    CHECK(contains(result.err, "missing.toml: error: cannot read the file"));
}

TEST_CASE("vitae check reports every problem of a CV in one run, in file order", "[e2e]") {
    const TemporaryDirectory directory;
    write_file(directory / "broken.toml", broken_cv);

    struct Expected {
        std::string prefix;
        std::string_view words;  ///< part of the message that names the problem
    };
    const std::vector<Expected> expected = {
        {diagnostic_prefix("broken.toml", position_of(broken_cv, "emial"), "error"), "unknown key 'emial'"},
        // After "ü" and "é": columns count code points, not bytes.
        {diagnostic_prefix("broken.toml", position_of(broken_cv, "iccon"), "error"), "unknown key 'iccon'"},
        {diagnostic_prefix("broken.toml", position_of(broken_cv, "\"high\""), "error"), "expected integer"},
        // At the day, the part that cannot be: after the quote and "1843-02-".
        {diagnostic_prefix("broken.toml", position_of(broken_cv, "\"1843-02-30\"", 9), "error"),
         "February 1843 has 28 days"},
    };

    const RunResult result = run_vitae({"check", "broken.toml"}, directory.path());
    CHECK(result.exit_code == 1);
    CHECK(result.out.empty());
    const std::vector<std::string> lines = lines_of(result.err);
    INFO("stderr:\n" << result.err);
    REQUIRE(lines.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("expected line " << i + 1 << " to start with '" << expected[i].prefix << "' and mention '"
                              << expected[i].words << "'");
        CHECK(lines[i].starts_with(expected[i].prefix));
        CHECK(contains(lines[i], expected[i].words));
    }
}

TEST_CASE("vitae check - reads the CV from standard input", "[e2e]") {
    const TemporaryDirectory directory;

    SECTION("a good CV") {
        const RunResult result = run_vitae({"check", "-"}, directory.path(), std::string{good_cv});
        CHECK(result.exit_code == 0);
        CHECK(result.out.empty());
        CHECK(result.err.empty());
    }
    SECTION("a broken CV: diagnostics name <stdin>") {
        const RunResult result = run_vitae({"check", "-"}, directory.path(), std::string{broken_cv});
        CHECK(result.exit_code == 1);
        const std::vector<std::string> lines = lines_of(result.err);
        INFO("stderr:\n" << result.err);
        REQUIRE(lines.size() == 4);
        CHECK(lines.front().starts_with(
            diagnostic_prefix("<stdin>", position_of(broken_cv, "emial"), "error")));
        for (const std::string& line : lines) CHECK(line.starts_with("<stdin>:"));
    }
    SECTION("a CV larger than a pipe holds at once") {
        std::string large_cv{good_cv};
        for (int line = 0; line < 20000; ++line) large_cv += "# a comment to make the input large\n";
        const RunResult result = run_vitae({"check", "-"}, directory.path(), large_cv);
        CHECK(result.exit_code == 0);
        CHECK(result.err.empty());
    }
    SECTION("input the program never reads does not disturb the run") {
        const RunResult result = run_vitae({"--version"}, directory.path(), std::string(1 << 20, '#'));
        CHECK(result.exit_code == 0);
        CHECK(result.out.starts_with("vitae 0.1.0 ("));
    }
}

// --- build ---------------------------------------------------------------------------

TEST_CASE("vitae build writes the text where it is told", "[e2e]") {
    const TemporaryDirectory directory;
    write_file(directory / "ada.toml", good_cv);

    SECTION("-o names the output file") {
        const RunResult result = run_vitae({"build", "ada.toml", "-o", "out.txt"}, directory.path());
        CHECK(result.exit_code == 0);
        CHECK(result.out.empty());
        CHECK(result.err.empty());
        REQUIRE(fs::exists(directory / "out.txt"));
        const std::string text = read_file(directory / "out.txt");
        CHECK(contains(text, "Ada Lovelace-Núñez"));
        CHECK(contains(text, "Analytical Engine Project"));
    }
    SECTION("-o - writes to standard output, the same bytes as to a file") {
        const RunResult to_stdout =
            run_vitae({"build", "ada.toml", "--format", "text", "-o", "-"}, directory.path());
        CHECK(to_stdout.exit_code == 0);
        CHECK(to_stdout.err.empty());
        CHECK(contains(to_stdout.out, "Ada Lovelace-Núñez"));
        REQUIRE(run_vitae({"build", "ada.toml", "-o", "out.txt"}, directory.path()).exit_code == 0);
        CHECK(to_stdout.out == read_file(directory / "out.txt"));
    }
    SECTION("without -o, the output goes next to the CV, named after it") {
        fs::create_directory(directory / "cvs");
        fs::rename(directory / "ada.toml", directory / "cvs" / "ada.toml");
        const RunResult result = run_vitae({"build", "cvs/ada.toml"}, directory.path());
        CHECK(result.exit_code == 0);
        CHECK(result.out.empty());
        REQUIRE(fs::exists(directory / "cvs" / "ada.pdf"));
        CHECK(read_file(directory / "cvs" / "ada.pdf").starts_with("%PDF-"));
        CHECK_FALSE(fs::exists(directory / "ada.pdf"));
    }
    SECTION("--format text lets the output have any name") {
        const RunResult result =
            run_vitae({"build", "ada.toml", "--format", "text", "-o", "anything.dat"}, directory.path());
        CHECK(result.exit_code == 0);
        CHECK(result.err.empty());
        REQUIRE(fs::exists(directory / "anything.dat"));
        CHECK(contains(read_file(directory / "anything.dat"), "Ada Lovelace-Núñez"));
    }
    SECTION("build - reads standard input and writes standard output") {
        const RunResult result =
            run_vitae({"build", "-", "--format", "text"}, directory.path(), std::string{good_cv});
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "Ada Lovelace-Núñez"));
    }
    CHECK(leftover_temporary_files(directory.path()).empty());
}

TEST_CASE("vitae build writes nothing when the CV has errors", "[e2e]") {
    const TemporaryDirectory directory;

    SECTION("no output appears") {
        write_file(directory / "broken.toml", broken_cv);
        const RunResult result = run_vitae({"build", "broken.toml", "-o", "out.txt"}, directory.path());
        CHECK(result.exit_code == 1);
        CHECK(result.out.empty());
        CHECK(contains(result.err, "broken.toml:"));
        CHECK_FALSE(fs::exists(directory / "out.txt"));
    }
    SECTION("the output of an earlier, good build is removed") {
        // A stale output must not pass for a build of the broken input
        // (make would take it as up to date).
        write_file(directory / "cv.toml", good_cv);
        REQUIRE(run_vitae({"build", "cv.toml", "-o", "out.txt"}, directory.path()).exit_code == 0);
        REQUIRE(fs::exists(directory / "out.txt"));
        write_file(directory / "cv.toml", broken_cv);
        const RunResult result = run_vitae({"build", "cv.toml", "-o", "out.txt"}, directory.path());
        CHECK(result.exit_code == 1);
        CHECK_FALSE(fs::exists(directory / "out.txt"));
    }
    SECTION("the default output of an earlier, good build is removed") {
        write_file(directory / "cv.toml", good_cv);
        REQUIRE(run_vitae({"build", "cv.toml"}, directory.path()).exit_code == 0);
        REQUIRE(fs::exists(directory / "cv.pdf"));
        write_file(directory / "cv.toml", broken_cv);
        CHECK(run_vitae({"build", "cv.toml"}, directory.path()).exit_code == 1);
        CHECK_FALSE(fs::exists(directory / "cv.pdf"));
    }
    CHECK(leftover_temporary_files(directory.path()).empty());
}

TEST_CASE("a failed build leaves a directory named as its output alone", "[e2e]") {
    // Only a stale *file* is removed; a directory is not an earlier output.
    const TemporaryDirectory directory;
    write_file(directory / "broken.toml", broken_cv);

    SECTION("an empty directory") {
        fs::create_directory(directory / "out.txt");
        const RunResult result = run_vitae({"build", "broken.toml", "-o", "out.txt"}, directory.path());
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 1);
        CHECK(fs::is_directory(directory / "out.txt"));
    }
    SECTION("a directory with files in it") {
        fs::create_directory(directory / "out.txt");
        write_file(directory / "out.txt" / "keep.me", "precious");
        const RunResult result = run_vitae({"build", "broken.toml", "-o", "out.txt"}, directory.path());
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 1);
        CHECK(fs::exists(directory / "out.txt" / "keep.me"));
    }
}

TEST_CASE("vitae build exits with 4 when the output cannot be written", "[e2e]") {
    const TemporaryDirectory directory;
    write_file(directory / "cv.toml", good_cv);

    SECTION("the output is a directory") {
        fs::create_directory(directory / "out.txt");
        const RunResult result = run_vitae({"build", "cv.toml", "-o", "out.txt"}, directory.path());
        CHECK(result.exit_code == 4);
        CHECK(contains(result.err, "out.txt"));
        CHECK(result.out.empty());
        CHECK(fs::is_directory(directory / "out.txt"));
        CHECK(fs::is_empty(directory / "out.txt"));
    }
    SECTION("the output's directory does not exist") {
        const RunResult result =
            run_vitae({"build", "cv.toml", "-o", "/nonexistent-dir/x.txt"}, directory.path());
        CHECK(result.exit_code == 4);
        CHECK(contains(result.err, "/nonexistent-dir/x.txt"));
        CHECK_FALSE(fs::exists("/nonexistent-dir"));
    }
    SECTION("the output's directory is a file") {
        const RunResult result = run_vitae({"build", "cv.toml", "-o", "cv.toml/x.txt"}, directory.path());
        CHECK(result.exit_code == 4);
        CHECK(contains(result.err, "cv.toml/x.txt"));
        CHECK(read_file(directory / "cv.toml") == good_cv);
    }
    CHECK(leftover_temporary_files(directory.path()).empty());
}

TEST_CASE("vitae build prints warnings and still writes the output", "[e2e]") {
    const TemporaryDirectory directory;
    constexpr std::string_view backwards_cv = R"([person]
name = "Ada Lovelace"

[[section]]
title = "Experience"

[[section.entry]]
title = "Analytical Engine"
start = "1843-09"
end = "1842-01"
)";
    write_file(directory / "backwards.toml", backwards_cv);

    const RunResult result = run_vitae({"build", "backwards.toml", "-o", "out.txt"}, directory.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out.empty());
    const std::vector<std::string> lines = lines_of(result.err);
    INFO("stderr:\n" << result.err);
    REQUIRE(lines.size() == 1);
    CHECK(lines.front() ==
          diagnostic_prefix("backwards.toml", position_of(backwards_cv, "\"1842-01\""), "warning") +
              "end date is before the start date");
    REQUIRE(fs::exists(directory / "out.txt"));
    CHECK(contains(read_file(directory / "out.txt"), "Analytical Engine"));
    CHECK(leftover_temporary_files(directory.path()).empty());
}

TEST_CASE("vitae build is reproducible: two builds give the same bytes", "[e2e]") {
    const TemporaryDirectory directory;
    const std::string cv = example("jose-nunez.toml").string();
    REQUIRE(run_vitae({"build", cv, "-o", "first.txt"}, directory.path()).exit_code == 0);
    REQUIRE(run_vitae({"build", cv, "-o", "second.txt"}, directory.path()).exit_code == 0);
    const std::string first = read_file(directory / "first.txt");
    CHECK_FALSE(first.empty());
    CHECK(first == read_file(directory / "second.txt"));
}

// --- selection -------------------------------------------------------------------

namespace {

constexpr std::string_view berkeley = "University of California, Berkeley (iCyPhy, DOP Center)";

/// The items of examples/zangwei-zheng.toml tagged "academic" only: one
/// research entry and seven publications.
constexpr std::size_t academic_only_items = 8;

/// Where the `[[section.entry]]` or `[[section]]` table whose title is
/// `title` starts (the header nearest above the title): the place a note
/// about it points at.
TextPosition table_of_title(std::string_view cv_text, std::string_view header, std::string_view title) {
    const std::size_t title_line = cv_text.find("title = \"" + std::string{title} + "\"");
    REQUIRE(title_line != std::string_view::npos);
    const std::size_t table = cv_text.rfind(header, title_line);
    REQUIRE(table != std::string_view::npos);
    // position_of counts to the first match; the header is not unique.
    TextPosition position{1, 1};
    for (std::size_t i = 0; i < table; ++i) {
        if (cv_text[i] == '\n') {
            ++position.line;
            position.column = 1;
        } else if ((static_cast<unsigned char>(cv_text[i]) & 0xC0) !=
                   0x80) {  // not a UTF-8 continuation byte
            ++position.column;
        }
    }
    return position;
}

}  // namespace

TEST_CASE("vitae build --tags leaves out what is not selected and says so", "[e2e][select]") {
    const TemporaryDirectory directory;
    const std::string cv = example("zangwei-zheng.toml").string();
    const std::string cv_text = read_file(example("zangwei-zheng.toml"));
    const std::vector<std::string> industry_text = {"build",    cv,     "--tags", "industry",
                                                    "--format", "text", "-o",     "-"};

    SECTION("without --explain: the output lacks the items and one note counts them") {
        const RunResult result = run_vitae(industry_text, directory.path());
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK_FALSE(contains(result.out, "Berkeley"));
        CHECK_FALSE(contains(result.out, "InfoBatch"));
        CHECK(contains(result.out, "HPC-AI Tech"));
        CHECK(contains(result.out, "CowClip"));
        CHECK(result.err == "note: " + std::to_string(academic_only_items) +
                                " items left out by the selection; --explain lists them\n");
    }
    SECTION("--explain: one note per item, at its file:line:col, with the reason") {
        std::vector<std::string> arguments = industry_text;
        arguments.push_back("--explain");
        const RunResult result = run_vitae(arguments, directory.path());
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(result.out == run_vitae(industry_text, directory.path()).out);
        const std::vector<std::string> lines = lines_of(result.err);
        REQUIRE(lines.size() == academic_only_items);
        CHECK(lines.front() ==
              diagnostic_prefix(cv, table_of_title(cv_text, "[[section.entry]]", berkeley), "note") +
                  "left out entry '" + std::string{berkeley} +
                  "' in 'Academic Research Experience': none of its tags (academic) is selected (industry)");
        CHECK(lines.back() ==
              diagnostic_prefix(cv,
                                table_of_title(cv_text, "[[section.entry]]",
                                               "A Study on Transformer Configuration and Training Objective"),
                                "note") +
                  "left out publication 'A Study on Transformer Configuration and Training Objective' in "
                  "'Selected Publications': none of its tags (academic) is selected (industry)");
        for (const std::string& line : lines) CHECK(line.starts_with(cv + ":"));
    }
    SECTION("the frame trace (and so the PDF) leaves out the same items") {
        const RunResult result =
            run_vitae({"build", cv, "--tags", "industry", "--format", "debug", "-o", "-"}, directory.path());
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "HPC-AI"));
        CHECK_FALSE(contains(result.out, "Berkeley"));
    }
}

TEST_CASE("vitae build takes --tags comma-separated or repeated, before or after the CV", "[e2e][select]") {
    const TemporaryDirectory directory;
    const std::string cv = example("zangwei-zheng.toml").string();
    const RunResult everything = run_vitae({"build", cv, "--format", "text", "-o", "-"}, directory.path());
    REQUIRE(everything.exit_code == 0);
    REQUIRE(contains(everything.out, "Berkeley"));

    for (const std::vector<std::string>& arguments : std::vector<std::vector<std::string>>{
             {"build", cv, "--tags", "industry,academic", "--format", "text", "-o", "-"},
             {"build", "--tags", "academic", cv, "--tags", "industry", "--format", "text", "-o", "-"},
         }) {
        const RunResult result = run_vitae(arguments, directory.path());
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(result.err.empty());
        CHECK(result.out == everything.out);
    }

    const RunResult empty_tag =
        run_vitae({"build", cv, "--tags", "", "--format", "text", "-o", "-"}, directory.path());
    CHECK(empty_tag.exit_code == 2);
    CHECK(contains(empty_tag.err, "empty tag in --tags"));
}

TEST_CASE("vitae build with a tag nothing has leaves out everything tagged, and explains it",
          "[e2e][select]") {
    const TemporaryDirectory directory;
    const std::string cv = example("zangwei-zheng.toml").string();
    const std::string cv_text = read_file(example("zangwei-zheng.toml"));
    const RunResult result = run_vitae(
        {"build", cv, "--tags", "industri", "--explain", "--format", "text", "-o", "-"}, directory.path());
    INFO("stderr:\n" << result.err);
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Zangwei Zheng"));
    CHECK_FALSE(contains(result.out, "Education"));
    CHECK_FALSE(contains(result.out, "Skills"));

    // Every section of the example is tagged, so each goes with its contents.
    const std::vector<std::string> sections = {"Education", "Industry Experience",
                                               "Academic Research Experience", "Selected Publications",
                                               "Skills"};
    const std::vector<std::string> lines = lines_of(result.err);
    REQUIRE(lines.size() == sections.size() + 2);
    CHECK(lines.front() ==
          "warning: --tags: nothing in the CV is tagged 'industri' (did you mean 'industry'?)");
    CHECK(lines[1] == diagnostic_prefix(cv, {1, 1}, "warning") +
                          "the selection left out every section of the CV: only the header is shown "
                          "(vitae build --explain says why each was left out)");
    for (std::size_t i = 0; i < sections.size(); ++i) {
        CHECK(lines[i + 2] ==
              diagnostic_prefix(cv, table_of_title(cv_text, "[[section]]", sections[i]), "note") +
                  "left out section '" + sections[i] +
                  "': none of its tags (academic, industry) is selected (industri)");
    }
}

TEST_CASE("a style's [select] orders sections, caps them, and warns about titles the CV lacks",
          "[e2e][select]") {
    const TemporaryDirectory directory;
    constexpr std::string_view style = R"(extends = "default"
[select]
sections = ["Skills", "Education", "Awards"]
max_entries = 1
)";
    write_file(directory / "industry.toml", style);
    const std::string cv = example("zangwei-zheng.toml").string();
    const RunResult result =
        run_vitae({"build", cv, "--style", "industry.toml", "--format", "text", "-o", "-"}, directory.path());
    INFO("stderr:\n" << result.err);
    CHECK(result.exit_code == 0);
    const std::size_t skills = result.out.find("Skills\n");
    const std::size_t education = result.out.find("Education\n");
    REQUIRE(skills != std::string::npos);
    REQUIRE(education != std::string::npos);
    CHECK(skills < education);
    CHECK(contains(result.out, "National University of Singapore"));
    CHECK_FALSE(contains(result.out, "Nanjing University"));
    CHECK_FALSE(contains(result.out, "HPC-AI Tech"));
    // Industry Experience, Academic Research Experience and Selected
    // Publications are not listed; Nanjing University is past the cap.
    CHECK(lines_of(result.err) ==
          std::vector<std::string>{
              diagnostic_prefix("industry.toml", position_of(style, "\"Awards\""), "warning") +
                  "section 'Awards' is not in the CV",
              "note: 4 items left out by the selection; --explain lists them",
          });
}

// --- outputs never destroy inputs ---------------------------------------------------

namespace {

/// A CV with a BibTeX file and a style that extends another one: every
/// kind of input a build reads.
struct CvWithEveryInput {
    TemporaryDirectory directory;
    static constexpr std::string_view cv =
        "[person]\nname = \"Ada Lovelace\"\n[[section]]\ntitle = \"Papers\"\n"
        "kind = \"publications\"\nbibliography = \"papers.bib\"\n";
    static constexpr std::string_view bib =
        "@article{a, title = {On Engines}, author = {Lovelace, Ada}, journal = {Notes}, year = 1843}\n";
    static constexpr std::string_view style = "extends = \"base.toml\"\nname = \"mine\"\n";
    static constexpr std::string_view base = "extends = \"default\"\n";

    CvWithEveryInput() {
        write_file(directory / "cv.toml", cv);
        write_file(directory / "papers.bib", bib);
        write_file(directory / "style.toml", style);
        write_file(directory / "base.toml", base);
    }

    /// Every input still has its bytes.
    void check_inputs_intact() const {
        CHECK(read_file(directory / "cv.toml") == cv);
        CHECK(read_file(directory / "papers.bib") == bib);
        CHECK(read_file(directory / "style.toml") == style);
        CHECK(read_file(directory / "base.toml") == base);
    }

    RunResult build(std::vector<std::string> arguments) const {
        arguments.insert(arguments.begin(), {"build", "cv.toml", "--style", "style.toml"});
        return run_vitae(arguments, directory.path());
    }
};

}  // namespace

TEST_CASE("an output that is one of the build's inputs is refused, and nothing is written",
          "[e2e][outputs]") {
    const CvWithEveryInput files;
    REQUIRE(files.build({"-f", "text", "-o", "good.txt"}).exit_code == 0);
    const auto refused = [&](const std::vector<std::string>& arguments, std::string_view output,
                             std::string_view input) {
        const RunResult result = files.build(arguments);
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "vitae: error: the output " + std::string{output} + " is the input " +
                                       std::string{input} + " (the same file); nothing was written"));
        files.check_inputs_intact();
        CHECK_FALSE(fs::exists(files.directory / "cv.d"));
    };
    SECTION("the CV") {
        refused({"-f", "text", "-o", "cv.toml", "--depfile", "cv.d"}, "cv.toml", "cv.toml");
    }
    SECTION("the CV, spelled otherwise") {
        fs::create_directory(files.directory / "sub");
        refused({"-f", "text", "-o", "./sub/../cv.toml"}, "./sub/../cv.toml", "cv.toml");
    }
    SECTION("the style file") {
        refused({"-f", "text", "-o", "style.toml"}, "style.toml", "style.toml");
    }
    SECTION("a style file it extends") {
        refused({"-f", "text", "-o", "base.toml", "--depfile", "cv.d"}, "base.toml", "base.toml");
    }
    SECTION("a BibTeX file of the CV") {
        refused({"-f", "text", "-o", "papers.bib"}, "papers.bib", "papers.bib");
    }
    SECTION("the depfile is the CV") {
        refused({"-f", "text", "-o", "x.txt", "--depfile", "cv.toml"}, "cv.toml", "cv.toml");
    }
    SECTION("the depfile is a style file") {
        refused({"-f", "text", "-o", "x.txt", "--depfile", "base.toml"}, "base.toml", "base.toml");
    }
    SECTION("a hard link to the CV") {
        fs::create_hard_link(files.directory / "cv.toml", files.directory / "hard.txt");
        refused({"-o", "hard.txt"}, "hard.txt", "cv.toml");
    }
    SECTION("a symbolic link to the BibTeX file") {
        fs::create_symlink("papers.bib", files.directory / "soft.txt");
        refused({"-o", "soft.txt"}, "soft.txt", "papers.bib");
        CHECK(fs::is_symlink(files.directory / "soft.txt"));
    }
    CHECK_FALSE(fs::exists(files.directory / "x.txt"));
    CHECK(leftover_temporary_files(files.directory.path()).empty());
}

TEST_CASE("a broken CV given as its own output is refused, not removed as a stale output", "[e2e][outputs]") {
    const TemporaryDirectory directory;
    write_file(directory / "cv.toml", broken_cv);
    SECTION("the CV itself") {
        const RunResult result =
            run_vitae({"build", "cv.toml", "-f", "text", "-o", "cv.toml"}, directory.path());
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "the output cv.toml is the input cv.toml"));
    }
    SECTION("a style file it extends, when that style is broken") {
        write_file(directory / "cv.toml", good_cv);
        write_file(directory / "style.toml", "extends = \"base.toml\"\n");
        write_file(directory / "base.toml", "extends = \"default\"\npage_size = 12\n");
        const RunResult result = run_vitae(
            {"build", "cv.toml", "--style", "style.toml", "-f", "text", "-o", "base.toml"}, directory.path());
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 2);
        CHECK(read_file(directory / "base.toml") == "extends = \"default\"\npage_size = 12\n");
        write_file(directory / "cv.toml", broken_cv);
    }
    CHECK(read_file(directory / "cv.toml") == broken_cv);
}

TEST_CASE("vitae import never writes over its input, nor over a file without --force", "[e2e][outputs]") {
    const TemporaryDirectory directory;
    const std::string resume = R"({"basics": {"name": "Ada Lovelace"}})";
    write_file(directory / "r.json", resume);
    SECTION("-o the input itself") {
        const RunResult result = run_vitae({"import", "r.json", "-o", "r.json", "--force"}, directory.path());
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "the output r.json is the input r.json"));
    }
    SECTION("an existing output without --force, then with it") {
        write_file(directory / "r.toml", "precious");
        const RunResult refused = run_vitae({"import", "r.json"}, directory.path());
        CHECK(refused.exit_code == 4);
        CHECK(contains(refused.err, "r.toml exists; choose another name, or --force to replace it"));
        CHECK(read_file(directory / "r.toml") == "precious");
        const RunResult forced = run_vitae({"import", "r.json", "--force"}, directory.path());
        INFO("stderr:\n" << forced.err);
        CHECK(forced.exit_code == 0);
        CHECK(contains(read_file(directory / "r.toml"), "[person]"));
    }
    CHECK(read_file(directory / "r.json") == resume);
}

TEST_CASE("a key with terminal escapes and a forged CI command prints harmlessly in every format",
          "[e2e][outputs]") {
    const TemporaryDirectory directory;
    // TOML's escapes put ESC ] 0 ; … BEL (retitle the terminal) and a
    // newline followed by a GitHub Actions command into a key.
    write_file(
        directory / "cv.toml",
        "[person]\nname = \"Ada\"\n\"x\\u001B]0;owned\\u0007\\n::warning::forged\\r\\u001B[2J\" = 1\n");
    const EnvironmentChanges in_github_actions = {{"GITHUB_ACTIONS", "true"}};
    for (const std::string format : {"text", "json"}) {
        const RunResult result = run_vitae({"check", "cv.toml", "--diagnostics", format}, directory.path(),
                                           std::nullopt, in_github_actions);
        INFO(format << " stdout:\n" << result.out << "stderr:\n" << result.err);
        CHECK(result.exit_code == 1);
        for (const std::string& printed : {result.out, result.err}) {
            CHECK(printed.find_first_of("\x1B\x07\r") == std::string::npos);
            for (const std::string& line : lines_of(printed)) CHECK_FALSE(line.starts_with("::warning"));
        }
        CHECK(contains(result.out, "::error file=cv.toml,line=3,col=1::"));
    }
    const RunResult text = run_vitae({"check", "cv.toml"}, directory.path());
    CHECK(contains(text.err, "x\\x1B]0;owned\\x07\\n::warning::forged\\r\\x1B[2J"));
}

TEST_CASE("vitae build -j beyond the hardware threads is capped, and the build works", "[e2e][outputs]") {
    const std::size_t hardware = std::max(1U, std::thread::hardware_concurrency());
    CHECK(vitae::cli::job_limit(1000) == hardware);
    CHECK(vitae::cli::job_limit(1) == 1);
    CHECK(vitae::cli::job_limit(0) == 1);
    const TemporaryDirectory directory;
    for (const std::string name : {"a", "b", "c"}) write_file(directory / (name + ".toml"), good_cv);
    const RunResult result = run_vitae(
        {"build", "a.toml", "b.toml", "c.toml", "-j", "1000", "-f", "text", "-o", "out/"}, directory.path());
    INFO("stderr:\n" << result.err);
    CHECK(result.exit_code == 0);
    for (const std::string name : {"a", "b", "c"})
        CHECK(contains(read_file(directory / "out" / (name + ".txt")), "Ada"));
}

TEST_CASE("SOURCE_DATE_EPOCH must be a number of seconds within four-digit years", "[e2e][outputs]") {
    const TemporaryDirectory directory;
    write_file(directory / "cv.toml", good_cv);
    const auto build_with = [&](const std::string& epoch) {
        // academic prints "Last updated {date}" in its footer.
        return run_vitae({"build", "cv.toml", "-s", "academic", "-f", "latex", "-o", "cv.tex"},
                         directory.path(), std::nullopt, {{"SOURCE_DATE_EPOCH", epoch}});
    };
    for (const std::string bad : {"yesterday", "12abc", "-1", "253402300800", "99999999999999999", "1e9"}) {
        const RunResult result = build_with(bad);
        INFO("SOURCE_DATE_EPOCH=" << bad << "\nstderr:\n" << result.err);
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "SOURCE_DATE_EPOCH must be a number of seconds since 1970"));
        CHECK_FALSE(fs::exists(directory / "cv.tex"));
    }
    const RunResult latest = build_with("253402300799");
    INFO("stderr:\n" << latest.err);
    CHECK(latest.exit_code == 0);
    CHECK(contains(read_file(directory / "cv.tex"), "Last updated Dec. 31, 9999"));
}

TEST_CASE("vitae build writes devices and FIFOs in place, through symbolic links, keeping permissions",
          "[e2e][outputs]") {
    const TemporaryDirectory directory;
    write_file(directory / "cv.toml", good_cv);
    const auto build_to = [&](const std::string& output) {
        return run_vitae({"build", "cv.toml", "-f", "text", "-o", output}, directory.path());
    };
    SECTION("/dev/null stays a device") {
        CHECK(build_to("/dev/null").exit_code == 0);
        CHECK(fs::is_character_file("/dev/null"));
    }
    SECTION("a FIFO stays a FIFO, and its reader gets the text") {
        REQUIRE(::mkfifo((directory / "pipe").c_str(), 0600) == 0);
        const int reader = ::open((directory / "pipe").c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        REQUIRE(reader >= 0);
        CHECK(build_to("pipe").exit_code == 0);
        std::string received(65536, '\0');
        const ssize_t count = ::read(reader, received.data(), received.size());
        ::close(reader);
        REQUIRE(count > 0);
        CHECK(contains(received.substr(0, static_cast<std::size_t>(count)), "Ada Lovelace"));
        CHECK(fs::is_fifo(directory / "pipe"));
    }
    SECTION("a symbolic link stays, its target gets the text") {
        fs::create_directory(directory / "real");
        write_file(directory / "real" / "cv.txt", "old");
        fs::create_symlink("real/cv.txt", directory / "link.txt");
        CHECK(build_to("link.txt").exit_code == 0);
        CHECK(fs::is_symlink(directory / "link.txt"));
        CHECK(contains(read_file(directory / "real" / "cv.txt"), "Ada Lovelace"));
    }
    SECTION("an output of mode 0600 stays 0600") {
        write_file(directory / "cv.txt", "old");
        fs::permissions(directory / "cv.txt", fs::perms::owner_read | fs::perms::owner_write);
        CHECK(build_to("cv.txt").exit_code == 0);
        CHECK(fs::status(directory / "cv.txt").permissions() ==
              (fs::perms::owner_read | fs::perms::owner_write));
        CHECK(contains(read_file(directory / "cv.txt"), "Ada Lovelace"));
    }
    CHECK(leftover_temporary_files(directory.path()).empty());
}

TEST_CASE("a rebuild replaces the output whole: an open reader keeps the old bytes, a failure keeps the file",
          "[e2e][outputs]") {
    const TemporaryDirectory directory;
    write_file(directory / "cv.toml", good_cv);
    REQUIRE(run_vitae({"build", "cv.toml", "-o", "cv.pdf"}, directory.path()).exit_code == 0);
    const std::string old_pdf = read_file(directory / "cv.pdf");
    // A viewer that has the PDF open while it is rebuilt.
    const int viewer = ::open((directory / "cv.pdf").c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(viewer >= 0);
    std::string changed{good_cv};
    changed.replace(changed.find("Analytical"), 10, "Difference");
    write_file(directory / "cv.toml", changed);
    REQUIRE(run_vitae({"build", "cv.toml", "-o", "cv.pdf"}, directory.path()).exit_code == 0);
    std::string seen(old_pdf.size() + 1, '\0');
    const ssize_t count = ::pread(viewer, seen.data(), seen.size(), 0);
    ::close(viewer);
    CHECK(count == static_cast<ssize_t>(old_pdf.size()));
    CHECK(seen.substr(0, old_pdf.size()) == old_pdf);
    const std::string new_pdf = read_file(directory / "cv.pdf");
    CHECK(new_pdf != old_pdf);
    CHECK(new_pdf.starts_with("%PDF-"));

    // A write cut short (here by a file size limit, which binds root too)
    // leaves the last good output as it was.
    {
        const FileSizeLimit tiny{100};
        const RunResult failed = run_vitae({"build", "cv.toml", "-o", "cv.pdf"}, directory.path());
        CHECK(failed.exit_code == 4);
        CHECK(contains(failed.err, "cannot write 'cv.pdf': File too large"));
    }
    CHECK(read_file(directory / "cv.pdf") == new_pdf);
    CHECK(leftover_temporary_files(directory.path()).empty());
}

TEST_CASE("vitae build keeps a summary's two paragraphs apart in text and Markdown", "[e2e]") {
    const TemporaryDirectory directory;
    const std::string cv = (std::filesystem::path{VITAE_SOURCE_DIR} / "tests/data/long-es.toml").string();
    REQUIRE(run_vitae({"build", cv, "-o", "cv.txt"}, directory.path()).exit_code == 0);
    REQUIRE(run_vitae({"build", cv, "-o", "cv.md"}, directory.path()).exit_code == 0);
    for (const char* output : {"cv.txt", "cv.md"}) {
        const std::string text = read_file(directory / output);
        INFO(output << ":\n" << text);
        CHECK(contains(text, "Europeia.\n\nAlém disso,"));
    }
}

TEST_CASE("a style that fails does not stop the CV's other styles", "[e2e][outputs]") {
    const TemporaryDirectory directory;
    write_file(directory / "cv.toml", good_cv);
    SECTION("a broken style file: the next style is still built") {
        write_file(directory / "broken.toml", "extends = \"default\"\n[page]\nsize = \"A9000\"\n");
        const RunResult result = run_vitae(
            {"build", "cv.toml", "-s", "broken.toml", "-s", "classic", "-o", "out/"}, directory.path());
        CHECK(result.exit_code == 1);
        CHECK(contains(result.err, "broken.toml:3:8: error: unknown page size 'A9000'"));
        CHECK_FALSE(fs::exists(directory / "out" / "cv-broken.pdf"));
        REQUIRE(fs::exists(directory / "out" / "cv-classic.pdf"));
        CHECK(read_file(directory / "out" / "cv-classic.pdf").starts_with("%PDF-"));
    }
    SECTION("a style that cannot fit: the next style is fitted and written") {
        const std::string cv = (fs::path{VITAE_SOURCE_DIR} / "tests/data/long-es.toml").string();
        const RunResult result = run_vitae(
            {"build", cv, "-s", "classic", "-s", "onepage", "--max-pages", "1", "-f", "md,pdf", "-o", "out/"},
            directory.path());
        CHECK(result.exit_code == 3);
        CHECK(contains(result.err, "classic.toml:1:1: error: cannot fit in 1 page"));
        CHECK_FALSE(fs::exists(directory / "out" / "long-es-classic.md"));
        CHECK(fs::exists(directory / "out" / "long-es-onepage.md"));
        CHECK(fs::exists(directory / "out" / "long-es-onepage.pdf"));
    }
}
