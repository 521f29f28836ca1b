// End-to-end tests of the built-in styles on the seed CV: the one-page
// variant fits one page and keeps every industry entry, the academic
// variant says everything the seed says; fitting that cannot succeed
// exits 3 and writes nothing.
#include <catch2/catch.hpp>

#include "e2e/process.hpp"
#include "seed_words.hpp"

using namespace vitae::e2e;
namespace fs = std::filesystem;

namespace {

struct Build {
    TemporaryDirectory directory;
    RunResult result;
    fs::path pdf;
};

void build(Build& built, const std::vector<std::string>& arguments,
           const EnvironmentChanges& environment = {{"SOURCE_DATE_EPOCH", std::nullopt}}) {
    built.pdf = built.directory / "cv.pdf";
    std::vector<std::string> command{"build"};
    command.insert(command.end(), arguments.begin(), arguments.end());
    command.insert(command.end(), {"-o", built.pdf.string()});
    built.result = run_vitae(command, built.directory.path(), std::nullopt, environment);
}

std::string tool_output(const Build& built, const std::string& tool, std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), "/usr/bin/" + tool);
    const RunResult result = run(arguments, built.directory.path());
    REQUIRE(result.exit_code == 0);
    return result.out;
}

int page_count(const Build& built) {
    const std::string info = tool_output(built, "pdfinfo", {built.pdf.string()});
    const std::size_t at = info.find("Pages:");
    REQUIRE(at != std::string::npos);
    return std::stoi(info.substr(at + 6));
}

std::string seed() {
    return example("zangwei-zheng.toml").string();
}

}  // namespace

TEST_CASE("vitae styles lists every built-in style with one line", "[e2e][styles]") {
    const TemporaryDirectory directory;
    const RunResult result = run_vitae({"styles"}, directory.path());
    CHECK(result.exit_code == 0);
    const std::vector<std::string> lines = lines_of(result.out);
    REQUIRE(lines.size() >= 3);
    for (const std::string_view name : {"academic", "default", "onepage"}) {
        INFO(name);
        CHECK(std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
            return line.starts_with(std::string{name} + " ") && line.size() > name.size() + 10;
        }));
    }
}

TEST_CASE("the seed CV in onepage: one page, every industry entry, every step reported", "[e2e][styles]") {
    Build built;
    build(built, {seed(), "--style", "onepage"});
    INFO(built.result.err);
    REQUIRE(built.result.exit_code == 0);
    CHECK(page_count(built) == 1);
    CHECK(contains(built.result.err, "note: fit: 1 page"));
    const std::string text = tool_output(built, "pdftotext", {"-enc", "UTF-8", built.pdf.string(), "-"});
    for (const std::string_view entry :
         {"National University of Singapore", "Nanjing University", "HPC-AI Tech", "ByteDance",
          "National University of Singapore (HPC-AI Lab)", "CowClip", "CAME", "Response Length Perception",
          "Languages", "Deep Learning", "Tools"}) {
        INFO(entry);
        CHECK(contains(text, entry));
    }
    CHECK_FALSE(contains(text, "Berkeley"));   // tagged academic only
    CHECK_FALSE(contains(text, "InfoBatch"));  // not a selected publication
}

TEST_CASE("explain names every item onepage leaves out, at its line", "[e2e][styles]") {
    Build built;
    build(built, {seed(), "--style", "onepage", "--explain"});
    REQUIRE(built.result.exit_code == 0);
    CHECK(contains(built.result.err,
                   "zangwei-zheng.toml:99:1: note: left out entry 'University of California, "
                   "Berkeley (iCyPhy, DOP Center)'"));
}

TEST_CASE("the seed CV in academic says everything the seed says", "[e2e][styles]") {
    Build built;
    build(built, {seed(), "--style", "academic"});
    INFO(built.result.err);
    REQUIRE(built.result.exit_code == 0);
    CHECK(built.result.err.empty());
    CHECK(page_count(built) == 2);
    CHECK(contains(tool_output(built, "pdfinfo", {built.pdf.string()}), "(A4)"));
    const std::string text = vitae::test::joined_at_hyphen_breaks(
        tool_output(built, "pdftotext", {"-raw", "-enc", "UTF-8", built.pdf.string(), "-"}));
    std::vector<std::string> seed_words;
    for (std::string& word :
         vitae::test::words_of(read_file(fs::path{VITAE_SOURCE_DIR} / "tests/data/seed-cv.txt"))) {
        // Pictographs are drawn as outlines, not text.
        if (std::any_of(word.begin(), word.end(),
                        [](char c) { return std::isalnum(static_cast<unsigned char>(c)); })) {
            seed_words.push_back(std::move(word));
        }
    }
    const std::vector<std::string> missing =
        vitae::test::missing_words(seed_words, vitae::test::words_of(text));
    INFO("missing: " << vitae::test::joined(missing));
    CHECK(missing.empty());
    CHECK(contains(text, "Zangwei Zheng — page 1 of 2"));
}

TEST_CASE("a CV that cannot fit exits 3 and writes nothing", "[e2e][styles]") {
    Build built;
    write_file(built.directory / "tight.toml",
               "extends = \"default\"\n[fit]\nmax_pages = 1\ndrop_items = false\nmin_spacing_scale = 0.9\n");
    build(built, {seed(), "--style", (built.directory / "tight.toml").string()});
    CHECK(built.result.exit_code == 3);
    CHECK(
        contains(built.result.err, "tight.toml:1:1: error: cannot fit in 1 page within the style's bounds"));
    CHECK_FALSE(fs::exists(built.pdf));
}

TEST_CASE("the max-pages option replaces the style's bound", "[e2e][styles]") {
    // The default style has no page limit and drops nothing: the seed
    // (two pages) cannot be tightened into one.
    Build built;
    build(built, {seed(), "--max-pages", "1"});
    INFO(built.result.err);
    CHECK(built.result.exit_code == 3);
    CHECK(contains(built.result.err, "error: cannot fit in 1 page within the style's bounds"));
    CHECK_FALSE(contains(built.result.err, "left out"));
    CHECK_FALSE(fs::exists(built.pdf));
    // Two pages it fits, by tightening alone.
    Build two;
    build(two, {seed(), "--max-pages", "2", "--style", "academic"});
    INFO(two.result.err);
    REQUIRE(two.result.exit_code == 0);
    CHECK(page_count(two) == 2);
}

TEST_CASE("academic says when it was last updated, from SOURCE_DATE_EPOCH only", "[e2e][styles]") {
    Build dated;
    build(dated, {seed(), "--style", "academic"}, {{"SOURCE_DATE_EPOCH", "1700000000"}});
    REQUIRE(dated.result.exit_code == 0);
    CHECK(contains(tool_output(dated, "pdftotext", {"-enc", "UTF-8", dated.pdf.string(), "-"}),
                   "Last updated Nov. 14, 2023"));
    Build undated;
    build(undated, {seed(), "--style", "academic"});
    REQUIRE(undated.result.exit_code == 0);
    CHECK_FALSE(contains(tool_output(undated, "pdftotext", {"-enc", "UTF-8", undated.pdf.string(), "-"}),
                         "Last updated"));
}

TEST_CASE("every built-in style builds both examples into a valid PDF", "[e2e][styles]") {
    const TemporaryDirectory directory;
    const RunResult listed = run_vitae({"styles"}, directory.path());
    REQUIRE(listed.exit_code == 0);
    for (const std::string& line : lines_of(listed.out)) {
        const std::string style = line.substr(0, line.find(' '));
        for (const std::string_view cv : {"zangwei-zheng.toml", "jose-nunez.toml"}) {
            INFO(style << " / " << cv);
            Build built;
            build(built, {example(cv).string(), "--style", style});
            INFO(built.result.err);
            REQUIRE(built.result.exit_code == 0);
            CHECK(run({"/usr/bin/qpdf", "--check", built.pdf.string()}, built.directory.path()).exit_code ==
                  0);
            CHECK(page_count(built) >= 1);
        }
    }
}

TEST_CASE("font lookups are remembered between runs without changing a byte", "[e2e][fonts]") {
    const TemporaryDirectory directory;
    const fs::path cache = directory / "cache" / "fonts.tsv";
    const EnvironmentChanges with_cache = {{"VITAE_FONT_CACHE", cache.string()},
                                           {"SOURCE_DATE_EPOCH", std::nullopt}};
    auto build_to = [&](const std::string& name, const EnvironmentChanges& environment) {
        const RunResult result = run_vitae({"build", seed(), "-o", (directory / name).string()},
                                           directory.path(), std::nullopt, environment);
        REQUIRE(result.exit_code == 0);
        return read_file(directory / name);
    };
    const std::string first = build_to("first.pdf", with_cache);
    REQUIRE(fs::exists(cache));
    CHECK(contains(read_file(cache), "/usr/share/fonts/truetype/lato/Lato-Regular.ttf"));
    CHECK(build_to("second.pdf", with_cache) == first);  // answered from the cache
    write_file(cache, "garbage\n");
    CHECK(build_to("third.pdf", with_cache) == first);  // a damaged cache is rebuilt
    const std::string uncached =
        build_to("fourth.pdf", {{"VITAE_FONT_CACHE", "off"}, {"SOURCE_DATE_EPOCH", std::nullopt}});
    CHECK(uncached == first);
}

TEST_CASE("Chinese, Japanese and Korean text comes from the CJK fallback, embedded and extractable",
          "[e2e][fonts]") {
    Build built;
    write_file(built.directory / "cjk.toml",
               "[person]\nname = \"Li Wei 李伟\"\n[[section]]\ntitle = \"Languages\"\nkind = \"list\"\n"
               "items = [\"中文 (native)\", \"日本語 (fluent)\", \"한국어 (basic)\"]\n");
    build(built, {(built.directory / "cjk.toml").string()});
    INFO(built.result.err);
    REQUIRE(built.result.exit_code == 0);
    CHECK(built.result.err.empty());  // no character was missing
    const std::string text = tool_output(built, "pdftotext", {"-enc", "UTF-8", built.pdf.string(), "-"});
    for (const std::string_view phrase : {"李伟", "中文", "日本語", "한국어"}) {
        INFO(phrase);
        CHECK(contains(text, phrase));
    }
    CHECK(contains(tool_output(built, "pdffonts", {built.pdf.string()}), "WenQuanYiMicroHei"));
}

namespace {

fs::path long_cv() {
    return fs::path{VITAE_SOURCE_DIR} / "tests/data/long-es.toml";
}

/// The words of every entry's, publication's and skill row's title or
/// label (`title = "…"`, `label = "…"`; not section titles, which styles
/// may print in capitals): each must be printed by a style that drops
/// nothing.
std::vector<std::string> title_words(const fs::path& cv) {
    std::string titles;
    bool in_section_header = false;
    for (const std::string& line : lines_of(read_file(cv))) {
        if (line.starts_with("[")) in_section_header = line == "[[section]]";
        if (in_section_header) continue;
        if (!line.starts_with("title = \"") && !line.starts_with("label = \"")) continue;
        const std::size_t open = line.find('"');
        titles += line.substr(open + 1, line.rfind('"') - open - 1) + "\n";
    }
    return vitae::test::words_of(titles);
}

std::vector<std::string> lines_with(const std::string& text, std::string_view part) {
    std::vector<std::string> found;
    for (const std::string& line : lines_of(text)) {
        if (contains(line, part)) found.push_back(line);
    }
    return found;
}

}  // namespace

TEST_CASE("vitae styles says which style drops items to fit: onepage only", "[e2e][styles]") {
    const TemporaryDirectory directory;
    const RunResult result = run_vitae({"styles"}, directory.path());
    REQUIRE(result.exit_code == 0);
    for (const std::string& line : lines_of(result.out)) {
        INFO(line);
        const bool drops = contains(line, "drops the lowest-priority items to fit, each with a warning]");
        CHECK(drops == line.starts_with("onepage "));
        if (!drops) CHECK(contains(line, "[any length; drops nothing to fit]"));
    }
}

TEST_CASE("a long CV loses nothing in any style but onepage, and no fitting note hides a loss",
          "[e2e][styles]") {
    const std::vector<std::string> expected = title_words(long_cv());
    REQUIRE(expected.size() > 100);
    for (const std::string_view style : {"default", "academic", "classic", "sidebar"}) {
        INFO(style);
        Build built;
        build(built, {long_cv().string(), "--style", std::string{style}, "--werror"});
        INFO(built.result.err);
        REQUIRE(built.result.exit_code == 0);
        CHECK_FALSE(contains(built.result.err, "left out"));
        CHECK(page_count(built) >= 3);
        const std::string text = vitae::test::joined_at_hyphen_breaks(
            tool_output(built, "pdftotext", {"-raw", "-enc", "UTF-8", built.pdf.string(), "-"}));
        const std::vector<std::string> missing =
            vitae::test::missing_words(expected, vitae::test::words_of(text));
        INFO("missing: " << vitae::test::joined(missing));
        CHECK(missing.empty());
    }
}

TEST_CASE("onepage warns for each item it drops to fit, and its text output drops the same",
          "[e2e][styles]") {
    Build built;
    build(built, {long_cv().string(), "--style", "onepage"});
    INFO(built.result.err);
    REQUIRE(built.result.exit_code == 0);
    CHECK(page_count(built) == 1);
    const std::vector<std::string> dropped = lines_with(built.result.err, "to fit 1 page (priority");
    REQUIRE_FALSE(dropped.empty());
    for (const std::string& line : dropped) {
        INFO(line);
        CHECK(line.starts_with(long_cv().string() + ":"));
        CHECK(contains(line, ": warning: left out "));
    }
    // The selection's count leaves the fitting's drops to their warnings.
    Build explained;
    build(explained, {long_cv().string(), "--style", "onepage", "--explain"});
    const std::size_t selected_out = lines_with(explained.result.err, ": note: left out ").size();
    REQUIRE(selected_out > 0);
    CHECK(contains(built.result.err,
                   "note: " + std::to_string(selected_out) + " items left out by the selection"));

    // The text of the same style leaves out what its PDF left out: each
    // title dropped is printed fewer times than in a style that drops
    // nothing (a CV may hold two jobs at one place).
    Build text;
    text.pdf = text.directory / "cv.txt";
    text.result = run_vitae({"build", long_cv().string(), "--style", "onepage", "-o", text.pdf.string()},
                            text.directory.path());
    REQUIRE(text.result.exit_code == 0);
    CHECK(lines_with(text.result.err, "to fit 1 page (priority") == dropped);
    Build full;
    full.pdf = full.directory / "cv.txt";
    full.result = run_vitae({"build", long_cv().string(), "-o", full.pdf.string()}, full.directory.path());
    REQUIRE(full.result.exit_code == 0);
    // Lines wrap anywhere in a long highlight: white space is compared as one space.
    const auto flat = [](const std::string& written) {
        std::string one_line;
        for (const char c : written) {
            const bool space = c == ' ' || c == '\n';
            if (space && (one_line.empty() || one_line.back() == ' ')) continue;
            one_line.push_back(space ? ' ' : c);
        }
        return one_line;
    };
    const std::string fitted_text = flat(read_file(text.pdf));
    const std::string full_text = flat(read_file(full.pdf));
    auto occurrences = [](const std::string& haystack, const std::string& part) {
        std::size_t count = 0;
        for (std::size_t at = haystack.find(part); at != std::string::npos; at = haystack.find(part, at + 1))
            ++count;
        return count;
    };
    for (const std::string& line : dropped) {
        const std::size_t open = line.find('\'') + 1;
        const std::string title = flat(line.substr(open, line.find('\'', open) - open));
        INFO(title);
        CHECK(occurrences(fitted_text, title) < occurrences(full_text, title));
    }

    // Dropping is a warning: --werror stops the build.
    Build strict;
    build(strict, {long_cv().string(), "--style", "onepage", "--werror"});
    CHECK(strict.result.exit_code != 0);
    CHECK_FALSE(fs::exists(strict.pdf));
}

TEST_CASE("onepage on an untagged CV with no selected publication shows its newest papers, no warning",
          "[e2e][styles]") {
    Build built;
    std::string cv =
        "[person]\nname = \"Ada Lovelace\"\n[[section]]\ntitle = \"Papers\"\nkind = \"publications\"\n";
    for (int year = 2015; year <= 2020; ++year) {
        cv += "[[section.entry]]\ntitle = \"Paper of " + std::to_string(year) +
              "\"\nyear = " + std::to_string(year) + "\nauthors = [\"Ada Lovelace\"]\n";
    }
    write_file(built.directory / "papers.toml", cv);
    build(built, {(built.directory / "papers.toml").string(), "--style", "onepage", "--werror"});
    INFO(built.result.err);
    REQUIRE(built.result.exit_code == 0);
    CHECK_FALSE(contains(built.result.err, "warning"));
    CHECK(contains(built.result.err, "note: the CV uses no tags"));
    CHECK(contains(built.result.err, "note: no publication is marked selected: showing the 3 newest"));
    const std::string text = tool_output(built, "pdftotext", {"-enc", "UTF-8", built.pdf.string(), "-"});
    for (const std::string_view kept : {"Paper of 2020", "Paper of 2019", "Paper of 2018"}) {
        CHECK(contains(text, kept));
    }
    CHECK_FALSE(contains(text, "Paper of 2017"));
}
