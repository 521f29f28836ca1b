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

#include "vitae/base/diag.hpp"
#include "vitae/compile/compile.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/model/model.hpp"
#include "vitae/render/text.hpp"

#include "seed_words.hpp"

namespace {

namespace fs = std::filesystem;

using namespace vitae::test;

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

/// examples/<name> built as `vitae build -f text` builds it, in the default style.
std::string text_of_example(std::string_view name) {
    vitae::CompileRequest request;
    request.cv.path = (source_file("examples") / name).string();
    request.formats = {vitae::OutputFormat::text};
    vitae::CompileResult result = vitae::compile(request);
    INFO(describe(result.diagnostics));
    REQUIRE(result.ok());
    return std::move(result.outputs.front().bytes);
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
    const std::string output = text_of_example("zangwei-zheng.toml");

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
        std::string output = text_of_example("zangwei-zheng.toml");
        REQUIRE(output.find("VideoOcean") != std::string::npos);
        output = replaced_all(output, "VideoOcean", "");
        CHECK(missing_words(seed_words, words_of(output)) == std::vector<std::string>{"videoocean"});
    }
    SECTION("a whole author list removed from the real output is reported") {
        // Every name of this list recurs in other papers' lists: only
        // counting the words notices that a list is gone.
        constexpr std::string_view authors =
            "Zangwei Zheng, Xiaozhe Ren, Fuzhao Xue, Yang Luo, Xin Jiang, Yang You";
        const std::vector<std::string> seed_words =
            words_of(read_file(source_file("tests/data/seed-cv.txt")));
        std::string output = text_of_example("zangwei-zheng.toml");
        REQUIRE(output.find(authors) != std::string::npos);
        output = replaced_all(output, authors, "");
        CHECK_FALSE(missing_words(seed_words, words_of(output)).empty());
    }
    SECTION("a word is missing when the output has it fewer times than the seed") {
        CHECK(missing_words(words_of("Ada and Ada, Bob"), words_of("Bob, Ada and Carl")) ==
              std::vector<std::string>{"ada"});
        CHECK(missing_words(words_of("Ada and Ada"), words_of("Ada and Ada and Ada")).empty());
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
