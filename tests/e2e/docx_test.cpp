// End-to-end tests of the Word output: every example CV in every built-in
// style, and every example letter, opens in python-docx with Word's styles
// where the CV's structure is (the name a Title, sections Heading 1,
// entries Heading 2, bullets List Bullet), and pandoc reads every word of
// vitae's own text output from it, in order.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "e2e/process.hpp"
#include "seed_words.hpp"

using namespace vitae::e2e;
namespace fs = std::filesystem;

namespace {

/// Debian's python3 (the first python3 on PATH may lack python3-docx).
constexpr std::string_view python = "/usr/bin/python3";
constexpr std::string_view pandoc = "/usr/bin/pandoc";

/// Prints each paragraph of a Word file as "style<TAB>text", its text as
/// python-docx reads it (links are fields, whose text it reads; it skips
/// the runs inside a w:hyperlink element).
constexpr std::string_view paragraphs_script = R"py(
import sys, docx
for paragraph in docx.Document(sys.argv[1]).paragraphs:
    text = paragraph.text.replace("\n", " ")
    print(f"{paragraph.style.name}\t{text}")
)py";

struct Paragraph {
    std::string style;
    std::string text;
};

std::vector<Paragraph> paragraphs_of(const fs::path& docx, const fs::path& directory) {
    const RunResult result =
        run({std::string{python}, "-c", std::string{paragraphs_script}, docx.string()}, directory);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    std::vector<Paragraph> paragraphs;
    for (const std::string& line : lines_of(result.out)) {
        const std::size_t tab = line.find('\t');
        REQUIRE(tab != std::string::npos);
        paragraphs.push_back({line.substr(0, tab), line.substr(tab + 1)});
    }
    return paragraphs;
}

std::vector<std::string> texts_in_style(const std::vector<Paragraph>& paragraphs, std::string_view style) {
    std::vector<std::string> texts;
    for (const Paragraph& paragraph : paragraphs) {
        if (paragraph.style == style) texts.push_back(paragraph.text);
    }
    return texts;
}

/// The words of vitae's text output a Word reader is to find. Left out:
/// what the text writer prints for what Word shows otherwise — a link's
/// target after its text ("<https://…>", a contact's "GitHub: https://…"),
/// which the Word file holds as the hyperlink's target; the icons'
/// characters (✉ ☎), whose contacts' text stays; a picture's file name
/// ("[Photo: photos/x.jpg]"), which the Word file embeds; its bullets
/// ("•"), which are the Word list's, and the dash it puts between a
/// publication's details, where the Word file has the composition's "·".
std::vector<std::string> expected_words(const std::string& text) {
    std::string kept;
    for (const std::string& line : lines_of(text)) {
        if (line.starts_with("[Photo: ") || line.starts_with("[Signature: ")) continue;
        kept += line;
        kept += '\n';
    }
    std::vector<std::string> words;
    for (std::string& word : vitae::test::words_of(kept)) {
        const bool target = contains(word, "://") || word.starts_with("mailto:") ||
                            word.starts_with("tel:") || (word.starts_with('<') && word.ends_with('>'));
        const bool icon = word == "\u2709" || word == "\u260E" || word == "\U0001F3E0" ||
                          word == "\U0001F310" || word == "\U0001F4CD" || word == "\U0001F517" ||
                          word == "\U0001F4F1" || word == "\U0001F4E0";
        const bool marker = word == "\u2022" || word == "\u2014";
        if (!target && !icon && !marker) words.push_back(std::move(word));
    }
    return words;
}

/// pandoc's plain text of a Word file, a no-break space (which the Word
/// file has where a line must not break) read as a space.
std::string pandoc_text(const fs::path& docx, const fs::path& directory) {
    const RunResult result =
        run({std::string{pandoc}, "--standalone", "--wrap=none", "-t", "plain", docx.string()}, directory);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return vitae::test::replaced_all(result.out, "\u00A0", " ");
}

/// How many of `expected` appear in `actual` in the same order: the
/// length of their longest common subsequence.
std::size_t in_order(const std::vector<std::string>& expected, const std::vector<std::string>& actual) {
    std::vector<std::size_t> previous(actual.size() + 1, 0);
    std::vector<std::size_t> current(actual.size() + 1, 0);
    for (const std::string& word : expected) {
        for (std::size_t at = 0; at < actual.size(); ++at)
            current[at + 1] = word == actual[at] ? previous[at] + 1 : std::max(previous[at + 1], current[at]);
        std::swap(previous, current);
    }
    return previous.back();
}

std::vector<std::string> built_in_styles(const TemporaryDirectory& directory) {
    const RunResult listed = run_vitae({"styles"}, directory.path());
    REQUIRE(listed.exit_code == 0);
    std::vector<std::string> styles;
    for (const std::string& line : lines_of(listed.out)) styles.push_back(line.substr(0, line.find(' ')));
    REQUIRE(styles.size() >= 6);
    return styles;
}

std::vector<fs::path> tomls_in(const fs::path& folder) {
    std::vector<fs::path> files;
    for (const fs::directory_entry& entry : fs::directory_iterator{folder}) {
        if (entry.path().extension() == ".toml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    REQUIRE_FALSE(files.empty());
    return files;
}

struct Built {
    std::vector<Paragraph> paragraphs;
    std::vector<std::string> text_lines;  ///< of vitae's text output
    std::size_t expected = 0;             ///< words
    std::size_t found_in_order = 0;
    std::vector<std::string> missing;  ///< words pandoc has fewer of
    std::uintmax_t bytes = 0;
};

/// `vitae build` of `cv` to DOCX and to text (`style`: none for a letter's
/// own), the Word file read by python-docx and pandoc.
Built build_both(const fs::path& cv, const std::string& style) {
    const TemporaryDirectory directory;
    std::vector<std::string> common{"build", cv.string()};
    if (!style.empty()) common.insert(common.end(), {"--style", style});
    const EnvironmentChanges environment{{"SOURCE_DATE_EPOCH", "1700000000"}};
    const fs::path docx = directory / "out.docx";
    const fs::path text = directory / "out.txt";
    for (const auto& [format, output] : {std::pair{"docx", docx}, std::pair{"text", text}}) {
        std::vector<std::string> command = common;
        command.insert(command.end(), {"-f", format, "-o", output.string()});
        const RunResult result = run_vitae(command, directory.path(), std::nullopt, environment);
        INFO(format << ": " << result.err);
        REQUIRE(result.exit_code == 0);
    }
    Built built;
    built.bytes = fs::file_size(docx);
    built.paragraphs = paragraphs_of(docx, directory.path());
    const std::string text_output = read_file(text);
    built.text_lines = lines_of(text_output);
    const std::vector<std::string> expected = expected_words(text_output);
    const std::vector<std::string> actual = vitae::test::words_of(pandoc_text(docx, directory.path()));
    built.expected = expected.size();
    built.found_in_order = in_order(expected, actual);
    built.missing = vitae::test::missing_words(expected, actual);
    return built;
}

/// The section titles of a text output: each is underlined with dashes.
std::vector<std::string> underlined_titles(const std::vector<std::string>& lines) {
    std::vector<std::string> titles;
    for (std::size_t at = 1; at < lines.size(); ++at) {
        if (!lines[at].empty() && lines[at].find_first_not_of('-') == std::string::npos &&
            !lines[at - 1].empty())
            titles.push_back(lines[at - 1]);
    }
    return titles;
}

}  // namespace

TEST_CASE("every example CV in every style is a Word file with Word's styles and every word", "[e2e][docx]") {
    const TemporaryDirectory directory;
    const std::vector<std::string> styles = built_in_styles(directory);
    for (const fs::path& cv : tomls_in(fs::path{VITAE_SOURCE_DIR} / "examples")) {
        for (const std::string& style : styles) {
            INFO(cv.filename().string() << " in " << style);
            const Built built = build_both(cv, style);
            // The name is the document's Title, the sections its Heading 1s.
            const auto name =
                std::find_if(built.text_lines.begin(), built.text_lines.end(),
                             [](const std::string& line) { return !line.starts_with("[Photo: "); });
            REQUIRE(name != built.text_lines.end());
            CHECK(texts_in_style(built.paragraphs, "Title") == std::vector<std::string>{*name});
            const std::vector<std::string> headings = texts_in_style(built.paragraphs, "Heading 1");
            for (const std::string& title : underlined_titles(built.text_lines)) {
                INFO(title);
                CHECK(std::find(headings.begin(), headings.end(), title) != headings.end());
            }
            CHECK_FALSE(texts_in_style(built.paragraphs, "Heading 2").empty());
            // As many bullets as the text output has ("  • ", a role's further in).
            const auto bullets = static_cast<std::size_t>(
                std::count_if(built.text_lines.begin(), built.text_lines.end(), [](const std::string& line) {
                    const std::size_t first = line.find_first_not_of(' ');
                    return first != std::string::npos && first > 0 && line.compare(first, 4, "\u2022 ") == 0;
                }));
            CHECK(texts_in_style(built.paragraphs, "List Bullet").size() == bullets);
            INFO("missing: " << vitae::test::joined(built.missing));
            CHECK(built.missing.empty());
            CHECK(built.found_in_order == built.expected);
            WARN(cv.filename().string() << " " << style << ": " << built.found_in_order << "/"
                                        << built.expected << " words in order, " << built.bytes << " bytes");
        }
    }
}

TEST_CASE("every example letter is a Word letter with every word", "[e2e][docx]") {
    for (const fs::path& letter : tomls_in(fs::path{VITAE_SOURCE_DIR} / "examples" / "letters")) {
        INFO(letter.filename().string());
        const Built built = build_both(letter, {});
        CHECK(built.paragraphs.size() > 8);
        INFO("missing: " << vitae::test::joined(built.missing));
        CHECK(built.missing.empty());
        CHECK(built.found_in_order == built.expected);
        WARN(letter.filename().string() << ": " << built.found_in_order << "/" << built.expected
                                        << " words in order, " << built.bytes << " bytes");
    }
}

TEST_CASE("a Word file is the same bytes for the same CV", "[e2e][docx]") {
    const TemporaryDirectory directory;
    std::vector<std::string> outputs;
    for (const std::string_view zone : {"UTC", "Asia/Tokyo"}) {
        const fs::path docx = directory / (std::to_string(outputs.size()) + ".docx");
        const RunResult result = run_vitae(
            {"build", example("zangwei-zheng.toml").string(), "-o", docx.string()}, directory.path(),
            std::nullopt, {{"SOURCE_DATE_EPOCH", "1700000000"}, {"TZ", std::string{zone}}});
        REQUIRE(result.exit_code == 0);
        outputs.push_back(read_file(docx));
    }
    CHECK(outputs[0].starts_with("PK"));
    CHECK(outputs[0] == outputs[1]);
}
