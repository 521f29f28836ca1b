// End-to-end tests that no text is printed over other text: the long CV
// (a long postal address, e-mail and homepage) in every built-in style,
// direct and through LaTeX, read back word by word with pdftotext -bbox.
#include <catch2/catch.hpp>
#include <optional>
#include <regex>

#include "e2e/process.hpp"

using namespace vitae::e2e;
namespace fs = std::filesystem;

namespace {

struct Word {
    std::string text;
    double x_min = 0;
    double y_min = 0;
    double x_max = 0;
    double y_max = 0;
};

/// The words of each page, with their boxes, as pdftotext -bbox gives them.
std::vector<std::vector<Word>> words_by_page(const fs::path& pdf) {
    const RunResult result = run({"/usr/bin/pdftotext", "-bbox", pdf.string(), "-"}, pdf.parent_path());
    REQUIRE(result.exit_code == 0);
    std::vector<std::vector<Word>> pages;
    const std::regex word{
        R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re"};
    for (const std::string& line : lines_of(result.out)) {
        if (contains(line, "<page ")) pages.emplace_back();
        std::smatch match;
        if (!pages.empty() && std::regex_search(line, match, word)) {
            pages.back().push_back({match[5], std::stod(match[1]), std::stod(match[2]), std::stod(match[3]),
                                    std::stod(match[4])});
        }
    }
    return pages;
}

/// Pairs of words printed over each other: their boxes meet by more than a
/// point across, and their middles are less than a third of a line apart
/// (boxes of consecutive lines may touch: they are the fonts' whole height).
std::vector<std::string> overprinted(const std::vector<std::vector<Word>>& pages) {
    constexpr double overlap_across = 1.0;
    std::vector<std::string> found;
    for (std::size_t page = 0; page < pages.size(); ++page) {
        const std::vector<Word>& words = pages[page];
        for (std::size_t i = 0; i < words.size(); ++i) {
            for (std::size_t j = i + 1; j < words.size(); ++j) {
                const Word& a = words[i];
                const Word& b = words[j];
                const double across = std::min(a.x_max, b.x_max) - std::max(a.x_min, b.x_min);
                const double height = std::min(a.y_max - a.y_min, b.y_max - b.y_min);
                const double apart = std::abs((a.y_min + a.y_max) / 2 - (b.y_min + b.y_max) / 2);
                if (across > overlap_across && apart < height / 3) {
                    found.push_back("page " + std::to_string(page + 1) + ": '" + a.text + "' and '" + b.text +
                                    "'");
                }
            }
        }
    }
    return found;
}

/// Words that start in the sidebar and reach past its right edge. The main
/// column starts where its first heading does (fitting may narrow the
/// margins); the sidebar ends a gap before it (sidebar.toml: 0.25in).
std::vector<std::string> out_of_sidebar(const std::vector<std::vector<Word>>& pages,
                                        std::string_view main_heading) {
    constexpr double gap = 0.25 * 72;
    constexpr double tolerance = 0.5;
    std::optional<double> main_left;
    for (const Word& word : pages.at(0)) {
        if (word.text == main_heading) main_left = word.x_min;
    }
    REQUIRE(main_left);
    const double sidebar_right = *main_left - gap;
    std::vector<std::string> found;
    for (const std::vector<Word>& words : pages) {
        for (const Word& word : words) {
            if (word.x_min < *main_left - tolerance && word.x_max > sidebar_right + tolerance)
                found.push_back(word.text);
        }
    }
    return found;
}

fs::path long_cv() {
    return fs::path{VITAE_SOURCE_DIR} / "tests/data/long-es.toml";
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines) out += line + "\n";
    return out;
}

/// Builds the long CV in `style` with `options`, and checks that no word
/// is printed over another, nor (in the sidebar) past the sidebar's edge.
void check_long_cv(const std::string& style, const std::vector<std::string>& options) {
    const TemporaryDirectory directory;
    const fs::path pdf = directory / "cv.pdf";
    std::vector<std::string> arguments{"build", long_cv().string(), "--style", style, "-o", pdf.string()};
    arguments.insert(arguments.end(), options.begin(), options.end());
    const RunResult built = run_vitae(arguments, directory.path());
    INFO(built.err);
    REQUIRE(built.exit_code == 0);
    // Nothing is too wide for its column: no warning says so.
    CHECK_FALSE(contains(built.err, "too wide"));
    const auto pages = words_by_page(pdf);
    INFO(joined(overprinted(pages)));
    CHECK(overprinted(pages).empty());
    if (style == "sidebar") {
        INFO(joined(out_of_sidebar(pages, "EXPERIENCIA")));
        CHECK(out_of_sidebar(pages, "EXPERIENCIA").empty());
    }
}

}  // namespace

TEST_CASE("the long CV's contacts and text never print over other text, in any style", "[e2e][overflow]") {
    for (const std::string style : {"default", "onepage", "academic", "classic", "sidebar", "justified"}) {
        DYNAMIC_SECTION(style) {
            check_long_cv(style, {});
        }
    }
}

TEST_CASE("through LaTeX, the long CV's contacts stay in the sidebar and print over nothing",
          "[e2e][overflow][latex]") {
    for (const std::string style : {"sidebar", "default"}) {
        DYNAMIC_SECTION(style) {
            check_long_cv(style, {"--via", "latex"});
        }
    }
}

TEST_CASE("a double-barrelled name wider than the sidebar breaks at its hyphen, directly and through LaTeX",
          "[e2e][overflow][latex]") {
    const TemporaryDirectory directory;
    write_file(directory / "cv.toml", R"([person]
name = "Anna-Katharina Müller-Lüdenscheidt"
email = "anna@example.org"
[[section]]
title = "Experience"
[[section.entry]]
title = "Acme"
start = "2020-01"
highlights = ["Built things."]
)");
    for (const std::vector<std::string>& options : {std::vector<std::string>{}, {"--via", "latex"}}) {
        DYNAMIC_SECTION((options.empty() ? "direct" : "via latex")) {
            std::vector<std::string> arguments{"build", "cv.toml", "--style", "sidebar", "-o", "cv.pdf"};
            arguments.insert(arguments.end(), options.begin(), options.end());
            const RunResult built = run_vitae(arguments, directory.path());
            INFO(built.err);
            REQUIRE(built.exit_code == 0);
            CHECK_FALSE(contains(built.err, "too wide"));
            const auto pages = words_by_page(directory / "cv.pdf");
            INFO(joined(overprinted(pages)));
            CHECK(overprinted(pages).empty());
            INFO(joined(out_of_sidebar(pages, "EXPERIENCE")));
            CHECK(out_of_sidebar(pages, "EXPERIENCE").empty());
        }
    }
}
