// Tailoring to a job ad, end to end: the master CV example built with the
// example ad in the one-page style is one page of the ad's bullets, most
// relevant first, every word of it the CV's own; --explain scores every
// item, --job-report lists the ad's terms the CV lacks, and two runs give
// the same bytes.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "e2e/process.hpp"

namespace {

namespace fs = std::filesystem;

using namespace vitae::e2e;

const EnvironmentChanges dated = {{"SOURCE_DATE_EPOCH", "1764547200"}};

fs::path master_example(std::string_view name) {
    return fs::path{VITAE_SOURCE_DIR} / "examples" / name;
}

/// The text with every run of white space one space: lines wrap anywhere.
std::string flattened(std::string_view text) {
    std::string flat;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
        if (space && (flat.empty() || flat.back() == ' ')) continue;
        flat.push_back(space ? ' ' : c);
    }
    return flat;
}

/// The words of a text, without the punctuation around them ("Feast," is
/// "Feast": a skill's separator depends on its place in the row).
std::set<std::string> words_of(std::string_view text) {
    std::set<std::string> words;
    std::istringstream in{std::string{text}};
    for (std::string word; in >> word;) {
        const std::size_t first = word.find_first_not_of(",.;:()");
        const std::size_t last = word.find_last_not_of(",.;:()");
        if (first != std::string::npos) words.insert(word.substr(first, last - first + 1));
    }
    return words;
}

std::string pdf_text(const fs::path& pdf) {
    return run({"/usr/bin/pdftotext", "-enc", "UTF-8", pdf.string(), "-"}, pdf.parent_path()).out;
}

RunResult tailored(const TemporaryDirectory& out, const std::vector<std::string>& more = {}) {
    std::vector<std::string> arguments{"build",   master_example("amara-osei-master.toml").string(),
                                       "--job",   master_example("amara-osei-ad.txt").string(),
                                       "--style", "onepage"};
    arguments.insert(arguments.end(), more.begin(), more.end());
    return run_vitae(arguments, out.path(), std::nullopt, dated);
}

/// The bullets the ad asks for, in the order their scores put them (the
/// first four of the Lumen Health entry), and bullets it has no word for,
/// which the fitter leaves out for the page.
const std::vector<std::string_view> relevant_in_order = {
    "Built the training platform on Kubernetes that runs 1,200 PyTorch jobs",
    "Cut model deployment from two weeks to one day with a serving template",
    "Ran distributed training trials with Ray and PyTorch DDP",
};
const std::vector<std::string_view> left_out = {
    "Replaced the hand-written React admin pages",
    "Organised the office's first hackathon.",
    "Paired with the Android developers",
    "Code Club UK",
    "Scalable graph similarity",  // an academic publication: the one-page style selects "industry"
};

}  // namespace

TEST_CASE("a master CV tailored to a job ad is one page of the bullets the ad asks for", "[e2e][job]") {
    const TemporaryDirectory out;
    const RunResult built = tailored(out, {"-o", "cv.pdf"});
    INFO(built.err);
    REQUIRE(built.exit_code == 0);
    CHECK(run({"/usr/bin/pdfinfo", (out / "cv.pdf").string()}, out.path()).out.find("Pages:           1") !=
          std::string::npos);
    const std::string text = flattened(pdf_text(out / "cv.pdf"));
    std::size_t previous = 0;
    for (const std::string_view bullet : relevant_in_order) {
        INFO(bullet);
        const std::size_t at = text.find(bullet);
        REQUIRE(at != std::string::npos);
        CHECK(at >= previous);
        previous = at;
    }
    for (const std::string_view gone : left_out) {
        INFO(gone);
        CHECK(text.find(gone) == std::string::npos);
    }
    // Every left-out item to fit is a warning that gives its job ad score.
    std::size_t dropped = 0;
    std::istringstream lines{built.err};
    for (std::string line; std::getline(lines, line);) {
        if (line.find("warning: left out") == std::string::npos) continue;
        ++dropped;
        CHECK(line.find("job ad score") != std::string::npos);
    }
    CHECK(dropped >= 5);

    // Nothing is written that the CV does not say: every word of the page
    // is a word of the whole CV's page (the default style shows it all).
    const TemporaryDirectory whole;
    REQUIRE(run_vitae({"build", master_example("amara-osei-master.toml").string(), "--tags",
                       "industry,academic", "-o", "all.pdf"},
                      whole.path(), std::nullopt, dated)
                .exit_code == 0);
    const std::set<std::string> all_words = words_of(flattened(pdf_text(whole / "all.pdf")));
    for (const std::string& word : words_of(text)) {
        INFO(word);
        CHECK(all_words.contains(word));
    }
}

TEST_CASE("a tailored build gives the same bytes every run, in every format", "[e2e][job]") {
    const TemporaryDirectory first;
    const TemporaryDirectory second;
    for (const TemporaryDirectory* out : {&first, &second}) {
        const RunResult built = tailored(*out, {"-f", "pdf,latex,text,md,html", "-o", "out/"});
        INFO(built.err);
        REQUIRE(built.exit_code == 0);
    }
    for (const std::string_view name :
         {"amara-osei-master.pdf", "amara-osei-master.tex", "amara-osei-master.txt", "amara-osei-master.md",
          "amara-osei-master.html"}) {
        INFO(name);
        const std::string bytes = read_file(first / "out" / name);
        CHECK_FALSE(bytes.empty());
        CHECK(bytes == read_file(second / "out" / name));
    }
    // The text and Markdown writers show the tailored order too.
    const std::string text = flattened(read_file(first / "out" / "amara-osei-master.txt"));
    CHECK(text.find(relevant_in_order[0]) < text.find(relevant_in_order[1]));
    CHECK(text.find(left_out[0]) == std::string::npos);
    const std::string markdown = flattened(read_file(first / "out" / "amara-osei-master.md"));
    CHECK(markdown.find(relevant_in_order[1]) < markdown.find(relevant_in_order[2]));
}

TEST_CASE("with --explain every item has its score against the ad, and --job-report lists what the CV lacks",
          "[e2e][job]") {
    const TemporaryDirectory out;
    const RunResult built = tailored(out, {"--explain", "--job-report", "missing.txt", "-o", "cv.pdf"});
    INFO(built.err);
    REQUIRE(built.exit_code == 0);
    std::size_t scored = 0;
    std::istringstream lines{built.err};
    for (std::string line; std::getline(lines, line);) {
        if (line.find(": note: job ad: score ") != std::string::npos) ++scored;
    }
    // 8 entries, 2 roles, 32 highlights, 4 skill rows, 24 skills, 6 list
    // items (the academic ones are left out by the style's tags before).
    CHECK(scored == 8 + 2 + 32 + 4 + 24 + 6);
    CHECK(built.err.find("amara-osei-master.toml:50:3: note: job ad: score ") != std::string::npos);
    CHECK(built.err.find("[note: ask Priya for the incident numbers]") != std::string::npos);
    CHECK(built.err.find("(PyTorch \u2248 deep learning") != std::string::npos);

    const std::string report = read_file(out / "missing.txt");
    CHECK(report.starts_with("# Terms of the job ad "));
    for (const std::string_view term : {"\tKubeflow\n", "\tCUDA\n", "\tnotebooks\n"}) {
        INFO(term);
        CHECK(report.find(term) != std::string::npos);
    }
    // Terms the CV holds are not in it.
    CHECK(report.find("\tKubernetes\n") == std::string::npos);
    CHECK(report.find("\tPyTorch\n") == std::string::npos);
}

TEST_CASE("a job ad that cannot be read is an error, and --job-report needs --job", "[e2e][job]") {
    const TemporaryDirectory out;
    const RunResult missing = run_vitae({"build", master_example("amara-osei-master.toml").string(), "--job",
                                         "no-such-ad.txt", "-o", "cv.pdf"},
                                        out.path(), std::nullopt, dated);
    CHECK(missing.exit_code == 1);
    CHECK(missing.err.find("no-such-ad.txt: error: cannot read the job ad: ") != std::string::npos);
    CHECK_FALSE(fs::exists(out / "cv.pdf"));

    const RunResult alone = run_vitae(
        {"build", master_example("amara-osei-master.toml").string(), "--job-report", "r.txt", "-o", "cv.pdf"},
        out.path(), std::nullopt, dated);
    CHECK(alone.exit_code == 2);
    CHECK(alone.err.find("--job-report needs --job") != std::string::npos);

    // The report may not replace an input.
    const fs::path ad = out / "ad.txt";
    std::ofstream{ad} << "Kubernetes and Python\n";
    const RunResult onto_input = run_vitae({"build", master_example("amara-osei-master.toml").string(),
                                            "--job", "ad.txt", "--job-report", "ad.txt", "-o", "cv.pdf"},
                                           out.path(), std::nullopt, dated);
    CHECK(onto_input.exit_code == 2);
    CHECK(read_file(ad) == "Kubernetes and Python\n");
}
