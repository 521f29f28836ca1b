// End-to-end tests of the web page (`-f html`): every example CV in every
// built-in style, and every example letter, opened in Debian's headless
// Chromium (tests/html/check_pages.py): its text is the composition's words
// in order, no console error, no network request, no sideways scrolling on
// a phone, and the browser prints it on as many pages as vitae's PDF.
#include <catch2/catch.hpp>

#include <map>

#include "e2e/process.hpp"

using namespace vitae::e2e;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> built_in_styles{"default", "onepage", "academic",
                                               "classic", "sidebar", "justified"};

/// The .toml files of a folder of examples, in name order.
std::vector<fs::path> toml_files(const fs::path& folder) {
    std::vector<fs::path> files;
    for (const fs::directory_entry& entry : fs::directory_iterator{folder}) {
        if (entry.path().extension() == ".toml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

/// Chromium's verdict on every page in `folder`: one `ok NAME …` line per
/// page and a `problem NAME …` line per problem. Screenshots are kept in
/// the test's working folder (html-screenshots/), to be looked at.
std::vector<std::string> browser_verdict(const fs::path& folder) {
    std::vector<std::string> arguments{"/usr/bin/python3",
                                       fs::path{VITAE_SOURCE_DIR} / "tests" / "html" / "check_pages.py",
                                       fs::current_path() / "html-screenshots"};
    std::vector<fs::path> pages;
    for (const fs::directory_entry& entry : fs::directory_iterator{folder}) {
        if (entry.path().extension() == ".html") pages.push_back(entry.path());
    }
    std::sort(pages.begin(), pages.end());
    for (const fs::path& page : pages) arguments.push_back(page.string());
    const RunResult result = run(arguments, folder);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return lines_of(result.out);
}

/// Where the browser's print has other pages than vitae's PDF, and why.
const std::map<std::string, std::string, std::less<>> explained_page_counts{
    {"problem jose-nunez-onepage prints on 2 pages, vitae's PDF has 1",
     "the style fits the CV to one page to within a line; the engine keeps the header's six contacts on "
     "one line by shrinking its spaces (a third at most, as TeX does), which a browser cannot do: the "
     "contacts take two lines and the last list item goes to page 2"},
    {"problem amara-osei-master-onepage prints on 2 pages, vitae's PDF has 1",
     "the style fits the master CV to one page at its tightest bounds (body 9 pt, line height 1.1, "
     "margins 0.5 in) and leaves out 16 items; every gap is at its minimum and the spaces of full lines "
     "shrink, which a browser cannot do: its looser lines need a second page"},
};

/// Every page passed (an `ok` line each), with no problem but those explained.
void check_verdict(const std::vector<std::string>& lines, std::size_t pages) {
    std::size_t passed = 0;
    for (const std::string& line : lines) {
        INFO(line);
        if (line.starts_with("problem ")) CHECK(explained_page_counts.contains(line));
        if (line.starts_with("ok ")) ++passed;
    }
    CHECK(passed == pages);
}

}  // namespace

TEST_CASE("Every example CV in every built-in style is a web page Chromium reads as the PDF says it",
          "[e2e][html][chromium]") {
    const TemporaryDirectory directory;
    const std::vector<fs::path> examples = toml_files(example(""));
    REQUIRE(examples.size() >= 7);
    for (const fs::path& cv : examples) {
        std::vector<std::string> command{"build", cv.string(), "-f", "html,pdf,blocks"};
        for (const std::string& style : built_in_styles) command.insert(command.end(), {"-s", style});
        command.insert(command.end(), {"-o", (directory.path() / "").string()});
        const RunResult result =
            run_vitae(command, directory.path(), std::nullopt, {{"SOURCE_DATE_EPOCH", "1767225600"}});
        INFO(cv << "\n" << result.err);
        REQUIRE(result.exit_code == 0);
    }
    check_verdict(browser_verdict(directory.path()), examples.size() * built_in_styles.size());
}

TEST_CASE("Every example letter is a web page Chromium reads as the PDF says it", "[e2e][html][chromium]") {
    const TemporaryDirectory directory;
    const std::vector<fs::path> letters = toml_files(example("letters"));
    REQUIRE(letters.size() >= 6);
    for (const fs::path& letter : letters) {
        const RunResult result = run_vitae(
            {"build", letter.string(), "-f", "html,pdf,blocks", "-o", (directory.path() / "").string()},
            letter.parent_path(), std::nullopt, {{"SOURCE_DATE_EPOCH", "1767225600"}});
        INFO(letter << "\n" << result.err);
        REQUIRE(result.exit_code == 0);
    }
    check_verdict(browser_verdict(directory.path()), letters.size());
}
