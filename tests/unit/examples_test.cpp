// The examples shipped in examples/ are part of the documentation: they must
// load cleanly, and the seed example must say everything the original CV
// (tests/data/seed-cv.txt) says.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "vitae/diag.hpp"
#include "vitae/load.hpp"
#include "vitae/model.hpp"
#include "vitae/text.hpp"

namespace {

namespace fs = std::filesystem;

fs::path source_file(std::string_view relative) {
    return fs::path{VITAE_SOURCE_DIR} / relative;
}

std::string read_file(const fs::path& path) {
    std::ifstream file{path, std::ios::binary};
    INFO(path.string());
    REQUIRE(file.good());
    return {std::istreambuf_iterator<char>{file}, std::istreambuf_iterator<char>{}};
}

std::string describe(const vitae::Diagnostics& diagnostics) {
    std::string text;
    for (const vitae::Diagnostic& diagnostic : diagnostics.items()) text += vitae::format(diagnostic) + '\n';
    return text;
}

/// Loads examples/<name>; the test stops here if the example has errors.
vitae::cv::Document load_example(std::string_view name) {
    vitae::Diagnostics diagnostics;
    vitae::cv::Document document =
        vitae::load_cv_file((source_file("examples") / name).string(), diagnostics);
    INFO(describe(diagnostics));
    REQUIRE_FALSE(diagnostics.has_errors());
    return document;
}

/// `text` with every `from` replaced by `to`. Builds a new string: GCC 12
/// warns (-Wrestrict, wrongly) about std::string::replace in place.
std::string replaced_all(std::string_view text, std::string_view from, std::string_view to) {
    std::string result;
    std::size_t start = 0;
    for (std::size_t at = text.find(from); at != std::string_view::npos; at = text.find(from, start)) {
        result.append(text.substr(start, at - start)).append(to);
        start = at + from.size();
    }
    return result.append(text.substr(start));
}

bool consists_of(std::string_view word, char character) {
    return !word.empty() && word.find_first_not_of(character) == std::string_view::npos;
}

/// "1.", "10.": the number of a Markdown list item.
bool is_list_number(std::string_view word) {
    return word.size() >= 2 && word.back() == '.' &&
           std::all_of(word.begin(), word.end() - 1, [](char c) { return c >= '0' && c <= '9'; });
}

/// The words a reader sees in `text`, lower-cased (ASCII letters only), in
/// order. Markdown and HTML syntax is dropped, so the Markdown-ish seed CV and
/// the plain-text output can be compared word by word.
std::vector<std::string> words_of(std::string text) {
    // The seed's copy-paste mangled the typeset LaTeX logo.
    text = replaced_all(text, "<del>AT</del> X", "LaTeX");
    text = replaced_all(text, "<b>", " ");
    text = replaced_all(text, "</b>", " ");
    // Every asterisk in the seed is emphasis or an equal-contribution mark
    // (escaped as \*), and in the output only the latter.
    text = replaced_all(text, "\\*", "*");
    std::erase(text, '*');

    std::vector<std::string> words;
    std::istringstream stream{text};
    for (std::string word; stream >> word;) {
        // Headings (#), rules (---), bullets (-) and list numbers.
        if (consists_of(word, '#') || consists_of(word, '-') || is_list_number(word)) continue;
        constexpr std::string_view punctuation = ",.;:()";
        const std::size_t first = word.find_first_not_of(punctuation);
        if (first == std::string::npos) continue;
        word = word.substr(first, word.find_last_not_of(punctuation) - first + 1);
        std::transform(word.begin(), word.end(), word.begin(),
                       [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
        words.push_back(std::move(word));
    }
    return words;
}

/// Words of `expected` that `actual` does not contain, once each, in the
/// order of `expected`.
std::vector<std::string> missing_words(const std::vector<std::string>& expected,
                                       const std::vector<std::string>& actual) {
    const std::set<std::string> present(actual.begin(), actual.end());
    std::vector<std::string> missing;
    for (const std::string& word : expected) {
        if (!present.contains(word) && std::find(missing.begin(), missing.end(), word) == missing.end()) {
            missing.push_back(word);
        }
    }
    return missing;
}

std::string joined(const std::vector<std::string>& words) {
    std::string text;
    for (const std::string& word : words) text += (text.empty() ? "" : " ") + word;
    return text;
}

const vitae::cv::Section& section_titled(const vitae::cv::Document& document, std::string_view title) {
    const auto found =
        std::find_if(document.sections.begin(), document.sections.end(),
                     [&](const vitae::cv::Section& section) { return section.title.plain() == title; });
    INFO("section '" << title << "'");
    REQUIRE(found != document.sections.end());
    return *found;
}

}  // namespace

TEST_CASE("the examples load without any diagnostic", "[examples]") {
    const auto name = GENERATE(as<std::string>{}, "zangwei-zheng.toml", "jose-nunez.toml");
    vitae::Diagnostics diagnostics;
    (void)vitae::load_cv_file((source_file("examples") / name).string(), diagnostics);
    INFO(name << ":\n" << describe(diagnostics));
    CHECK(diagnostics.empty());
}

TEST_CASE("the text output contains every word of the seed CV", "[examples]") {
    const std::vector<std::string> seed_words = words_of(read_file(source_file("tests/data/seed-cv.txt")));
    REQUIRE(seed_words.size() > 500);  // the whole seed was read, not an empty file
    const std::string output = vitae::render::render_text(load_example("zangwei-zheng.toml"));

    const std::vector<std::string> missing = missing_words(seed_words, words_of(output));
    INFO("missing from the output: " << joined(missing));
    CHECK(missing.empty());
}

TEST_CASE("the seed comparison notices a missing word", "[examples]") {
    SECTION("the normaliser drops syntax and keeps the words") {
        const std::vector<std::string> expected = {"helen", "xiangyu", "yue",  "zangwei",   "languages",
                                                   "c++",   "latex",   "gpa",  "4.61/5.00", "on",
                                                   "1",     "gpu",     "ph.d", "open-sora"};
        CHECK(
            words_of("#### 1. **Helen:** Xiangyu Yue\\*, (Zangwei)\n<b>Languages</b>\tC++, <del>AT</del> X\n"
                     "---\n- **GPA:** 4.61/5.00\non 1 GPU; *Ph.D.* **Open-Sora**") == expected);
    }
    SECTION("words are compared whole, not as parts of longer words") {
        CHECK(missing_words(words_of("Sora video"), words_of("Open-Sora videos")) ==
              std::vector<std::string>{"sora", "video"});
    }
    SECTION("a word removed from the real output is reported") {
        const std::vector<std::string> seed_words =
            words_of(read_file(source_file("tests/data/seed-cv.txt")));
        std::string output = vitae::render::render_text(load_example("zangwei-zheng.toml"));
        REQUIRE(output.find("VideoOcean") != std::string::npos);
        output = replaced_all(output, "VideoOcean", "");
        CHECK(missing_words(seed_words, words_of(output)) == std::vector<std::string>{"videoocean"});
    }
}

TEST_CASE("the seed example has the seed CV's structure", "[examples]") {
    const vitae::cv::Document document = load_example("zangwei-zheng.toml");

    CHECK(document.sections.size() == 5);
    CHECK(section_titled(document, "Education").entries.size() == 2);
    CHECK(section_titled(document, "Industry Experience").entries.size() == 2);
    CHECK(section_titled(document, "Academic Research Experience").entries.size() == 2);
    CHECK(section_titled(document, "Skills").skills.size() == 3);

    const std::vector<vitae::cv::Entry>& industry = section_titled(document, "Industry Experience").entries;
    const auto hpc_ai_tech =
        std::find_if(industry.begin(), industry.end(),
                     [](const vitae::cv::Entry& entry) { return entry.title.plain() == "HPC-AI Tech"; });
    REQUIRE(hpc_ai_tech != industry.end());
    CHECK(hpc_ai_tech->highlights.size() == 6);

    const std::vector<vitae::cv::Publication>& publications =
        section_titled(document, "Selected Publications").publications;
    CHECK(publications.size() == 10);
    const auto prototypical =
        std::find_if(publications.begin(), publications.end(), [](const vitae::cv::Publication& publication) {
            return publication.title.plain().starts_with("Prototypical");
        });
    REQUIRE(prototypical != publications.end());
    CHECK(prototypical->equal_contribution == std::vector<std::string>{"Xiangyu Yue", "Zangwei Zheng"});
}

TEST_CASE("the second example exercises what the seed does not", "[examples]") {
    const vitae::cv::Document document = load_example("jose-nunez.toml");

    const std::string name = document.person.name.plain();
    const bool has_non_ascii_name =
        std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    CHECK(has_non_ascii_name);

    auto has_section_of_kind = [&](vitae::cv::SectionKind kind) {
        return std::any_of(document.sections.begin(), document.sections.end(),
                           [kind](const vitae::cv::Section& section) { return section.kind == kind; });
    };
    CHECK(has_section_of_kind(vitae::cv::SectionKind::list));
    CHECK(has_section_of_kind(vitae::cv::SectionKind::text));

    bool has_entry_with_several_roles = false;
    for (const vitae::cv::Section& section : document.sections) {
        for (const vitae::cv::Entry& entry : section.entries) {
            has_entry_with_several_roles = has_entry_with_several_roles || entry.roles.size() >= 2;
        }
    }
    CHECK(has_entry_with_several_roles);

    const std::string output = vitae::render::render_text(document);
    INFO(output);
    CHECK(output.find(name) != std::string::npos);
}
