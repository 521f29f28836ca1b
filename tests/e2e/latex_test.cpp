// End-to-end tests of the LaTeX backend: every example in every built-in
// style compiles with the engine vitae chose, without an error or a missing
// character, and gives the pages, sections and words of the direct PDF;
// text that tries to run TeX comes out as text; --via latex runs the engine
// and names what is missing when it cannot.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "e2e/process.hpp"
#include "vitae/model/model.hpp"
#include "vitae/render/latex.hpp"

using namespace vitae::e2e;
namespace fs = std::filesystem;

namespace {

std::string tool_output(const fs::path& directory, const std::string& tool,
                        std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), "/usr/bin/" + tool);
    const RunResult result = run(arguments, directory);
    INFO(tool << " said: " << result.err);
    REQUIRE(result.exit_code == 0);
    return result.out;
}

/// The words of a PDF's text, counted: what a reader or an ATS gets, in
/// whatever order pdftotext groups the columns. Hyphens are dropped, as
/// is a line break after one: where a line breaks decides whether
/// pdftotext joins "vision-" and "language", and the two typesetters need
/// not break lines at the same words.
std::map<std::string, int> word_counts(const fs::path& pdf) {
    std::string text = tool_output(pdf.parent_path(), "pdftotext", {pdf.string(), "-"});
    for (const std::string_view hyphen : {"-", "\u2010", "\u00AD"}) {
        for (std::size_t at = text.find(hyphen); at != std::string::npos; at = text.find(hyphen, at)) {
            const bool before_break = at + hyphen.size() < text.size() && text[at + hyphen.size()] == '\n';
            text.erase(at, hyphen.size() + (before_break ? 1 : 0));
        }
    }
    // A word: letters and digits. Symbols are not words: the direct PDF
    // draws pictographs (🌟) as outlines, LaTeX as text, and xdvipdfmx
    // names the middle dot U+2219 where libharu writes U+00B7.
    const auto is_letter_or_digit = [](char32_t c) {
        return (c < 0x80 && std::isalnum(static_cast<int>(c)) != 0) ||
               (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x370 && c <= 0x52F) ||
               (c >= 0x3040 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x05D0 && c <= 0x05EA);
    };
    std::map<std::string, int> counts;
    std::string word;
    for (std::size_t offset = 0; offset <= text.size();) {
        char32_t code_point = 0;
        std::size_t length = 1;
        if (offset < text.size()) {
            const auto lead = static_cast<unsigned char>(text[offset]);
            length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
            code_point = lead < 0x80   ? lead
                         : lead < 0xE0 ? lead & 0x1F
                         : lead < 0xF0 ? lead & 0x0F
                                       : lead & 0x07;
            for (std::size_t i = 1; i < length && offset + i < text.size(); ++i) {
                code_point = (code_point << 6) | (static_cast<unsigned char>(text[offset + i]) & 0x3F);
            }
        }
        if (offset < text.size() && is_letter_or_digit(code_point)) {
            word += text.substr(offset, length);
        } else if (!word.empty()) {
            ++counts[word];
            word.clear();
        }
        offset += length;
    }
    return counts;
}

std::string describe_difference(const std::map<std::string, int>& direct,
                                const std::map<std::string, int>& latex) {
    std::string out;
    for (const auto& [word, count] : direct) {
        const auto found = latex.find(word);
        const int other = found == latex.end() ? 0 : found->second;
        if (other != count) out += " '" + word + "' " + std::to_string(count) + "/" + std::to_string(other);
    }
    for (const auto& [word, count] : latex) {
        if (!direct.contains(word)) out += " '" + word + "' 0/" + std::to_string(count);
    }
    return out;
}

/// Bookmark titles in order, as qpdf's JSON writes them.
std::vector<std::string> bookmarks(const fs::path& pdf) {
    const std::string json =
        tool_output(pdf.parent_path(), "qpdf", {"--json", "--json-key=outlines", pdf.string()});
    std::vector<std::string> titles;
    const std::regex title{R"re("title": "((?:[^"\\]|\\.)*)")re"};
    for (auto match = std::sregex_iterator(json.begin(), json.end(), title); match != std::sregex_iterator();
         ++match) {
        titles.push_back((*match)[1]);
    }
    return titles;
}

struct Compiled {
    int exit_code = -1;
    std::string log;
};

/// Runs the engine the .tex asks for, twice (references settle on the second run).
Compiled compile_tex(const fs::path& tex, const std::string& engine) {
    Compiled compiled;
    for (int pass = 0; pass < 2; ++pass) {
        const RunResult result =
            run({"/usr/bin/" + engine, "-interaction=nonstopmode", "-halt-on-error", tex.filename().string()},
                tex.parent_path());
        compiled.exit_code = result.exit_code;
        if (result.exit_code != 0) break;
    }
    fs::path log = tex;
    compiled.log = read_file(log.replace_extension(".log"));
    return compiled;
}

std::string engine_of(const std::string& tex) {
    return tex.starts_with("% !TEX program = xelatex\n") ? "xelatex" : "pdflatex";
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines) out += line + "\n";
    return out;
}

std::vector<std::string> log_errors(const std::string& log) {
    std::vector<std::string> errors;
    for (const std::string& line : lines_of(log)) {
        if (line.starts_with("!") || contains(line, "Missing character")) errors.push_back(line);
    }
    return errors;
}

const std::vector<std::string> built_in_styles{"default", "onepage", "academic",
                                               "classic", "sidebar", "justified"};
const std::vector<std::string> examples{"zangwei-zheng.toml", "jose-nunez.toml"};

/// An example CV built in one language (empty: its own).
struct LanguageExample {
    std::string file;
    std::string language;
    [[nodiscard]] std::vector<std::string> build(const std::string& style, const fs::path& output) const {
        std::vector<std::string> arguments{"build", example(file).string(), "--style", style,
                                           "-o",    output.string()};
        if (!language.empty()) arguments.insert(arguments.end(), {"--lang", language});
        return arguments;
    }
};
/// The examples, the bilingual one in both its languages.
const std::vector<LanguageExample> examples_in_languages{
    {"zangwei-zheng.toml", ""},   {"jose-nunez.toml", ""},      {"lena-hoffmann.toml", "en"},
    {"lena-hoffmann.toml", "de"}, {"lucia-fernandez.toml", ""}, {"noa-levi-he.toml", ""}};

}  // namespace

TEST_CASE("every example in every built-in style and language writes its .tex", "[e2e][latex]") {
    // The [tex-matrix] tests typeset these .tex files; a sanitizer build leaves
    // them out (tests/CMakeLists.txt) and runs its vitae on the same CVs here.
    for (const LanguageExample& cv : examples_in_languages) {
        for (const std::string& style : built_in_styles) {
            const TemporaryDirectory directory;
            const RunResult written = run_vitae(cv.build(style, directory / "cv.tex"), directory.path());
            INFO(cv.file << " in " << style << " " << cv.language << ": " << written.err);
            REQUIRE(written.exit_code == 0);
            CHECK(read_file(directory / "cv.tex").ends_with("\\end{document}\n"));
        }
    }
}

TEST_CASE(
    "every example in every built-in style and language compiles with the engine vitae chose and matches the "
    "direct PDF",
    "[e2e][latex][tex-matrix]") {
    for (const LanguageExample& cv : examples_in_languages) {
        for (const std::string& style : built_in_styles) {
            DYNAMIC_SECTION(cv.file << " in " << style << " " << cv.language) {
                const TemporaryDirectory directory;
                const fs::path tex = directory / "cv.tex";
                const fs::path direct = directory / "direct.pdf";
                const RunResult written = run_vitae(cv.build(style, tex), directory.path());
                REQUIRE(written.exit_code == 0);
                REQUIRE(run_vitae(cv.build(style, direct), directory.path()).exit_code == 0);
                const std::string source = read_file(tex);
                const std::string engine = engine_of(source);
                // The style's fonts are installed: xelatex sets the CV in them, as
                // the direct PDF, whatever the text (the seed's 🌟 included).
                CHECK(engine == "xelatex");
                CHECK_FALSE(contains(written.err, "the LaTeX is written for xelatex"));

                const Compiled compiled = compile_tex(tex, engine);
                INFO("log errors: " << joined(log_errors(compiled.log)));
                REQUIRE(compiled.exit_code == 0);
                CHECK(log_errors(compiled.log).empty());
                // No line runs into the margin.
                CHECK_FALSE(contains(compiled.log, "Overfull \\hbox"));

                const fs::path typeset = directory / "cv.pdf";
                CHECK(page_count(typeset) == page_count(direct));
                CHECK(bookmarks(typeset) == bookmarks(direct));
                CHECK(bookmarks(typeset).size() >= 4);  // every example has four sections or more
                auto direct_words = word_counts(direct);
                const auto typeset_words = word_counts(typeset);
                // The direct PDF's icons read as what they mean ("E-mail"),
                // the .tex's as nothing yet: those words are the one
                // difference allowed.
                for (const std::string_view icon : vitae::cv::known_icons()) {
                    std::istringstream meaning{std::string{vitae::cv::icon_meaning(icon)}};
                    for (std::string word; meaning >> word;) {
                        std::erase(word, '-');  // as word_counts reads "E-mail"
                        const auto found = typeset_words.find(word);
                        const int typeset_count = found == typeset_words.end() ? 0 : found->second;
                        if (direct_words.contains(word) && direct_words[word] > typeset_count) {
                            direct_words[word] = typeset_count;
                            if (typeset_count == 0) direct_words.erase(word);
                        }
                    }
                }
                INFO("words (direct/LaTeX):" << describe_difference(direct_words, typeset_words));
                CHECK(direct_words == typeset_words);
            }
        }
    }
}

TEST_CASE("text that tries to run TeX comes out as the text typed", "[e2e][latex]") {
    // Every TeX-active character, the ligature pairs of TeX's fonts, and
    // attempts at running code, each as a list item of its own.
    const std::vector<std::string> hostile{
        R"(\input{/etc/passwd})",
        R"(\write18{touch pwned} \immediate\write18{id})",
        R"(^^5c^^5cinput /etc/hostname)",
        R"(\catcode`\{=12 \def\x{y})",
        R"(unbalanced { braces }} {{)",
        R"(# $ % & _ { } ~ ^ \ | < > " ' `)",
        R"(-- --- `` '' << >> ,, !` ?`)",
        R"(100% of $5 & 3_000 ~ #1)",
        "Caf\u00e9 \u2013 na\u00efve \u2014 \u201cquoted\u201d \u2022 \u00a7 \u20ac \u00a9 "
        "\u0141\u00f3d\u017a \u2709 \u2605",
    };
    constexpr std::string_view code_item = R"(\input{/etc/passwd} $ # ~ ^^5c {)";
    const auto cv_with = [&](const std::vector<std::string>& items) {
        std::string toml =
            "[person]\nname = \"Ada Lovelace\"\n[[section]]\ntitle = \"Hostile\"\nkind = \"list\"\nitems = "
            "[\n";
        for (const std::string& text : items) {
            std::string quoted;
            for (const char c : text) {
                if (c == '\\' || c == '"') quoted += '\\';
                // A backquote starts `code` in markup: escaped, it is typed.
                if (c == '`') quoted += "\\\\";
                quoted += c;
            }
            toml += "  \"" + quoted + "\",\n";
        }
        // And as code, which markup takes literally.
        return toml + "  '`" + std::string{code_item} + "`',\n]\n";
    };
    for (const bool with_emoji : {false, true}) {
        DYNAMIC_SECTION((with_emoji ? "with an emoji" : "Latin and symbols")) {
            const TemporaryDirectory directory;
            std::vector<std::string> items = hostile;
            if (with_emoji) items.push_back("star \U0001F31F");
            write_file(directory / "cv.toml", cv_with(items));
            const fs::path tex = directory / "cv.tex";
            const RunResult written = run_vitae({"build", "cv.toml", "-o", tex.string()}, directory.path());
            INFO(written.err);
            REQUIRE(written.exit_code == 0);
            const std::string source = read_file(tex);
            CHECK(engine_of(source) == "xelatex");
            const Compiled compiled = compile_tex(tex, engine_of(source));
            INFO("log errors: " << joined(log_errors(compiled.log)));
            REQUIRE(compiled.exit_code == 0);
            CHECK(log_errors(compiled.log).empty());
            CHECK_FALSE(fs::exists(directory / "pwned"));
            const std::string text = tool_output(directory.path(), "pdftotext", {"cv.pdf", "-"});
            // Each item a line of its own: the bullet, then the text as typed.
            // pdftotext guesses spaces from gaps, and xelatex writes no space
            // glyphs: it may miss those between lone punctuation marks, so
            // the text is compared without spaces.
            const auto without_spaces = [](std::string value) {
                std::erase(value, ' ');
                return value;
            };
            std::vector<std::string> typed = hostile;
            typed.emplace_back(code_item);
            for (const std::string& expected : typed) {
                INFO("pdftotext gave:\n" << text);
                CHECK(contains(without_spaces(text), "\u2022" + without_spaces(expected) + "\n"));
            }
        }
    }
}

TEST_CASE("a LaTeX build is the same bytes every time", "[e2e][latex]") {
    const TemporaryDirectory directory;
    std::string first;
    for (int build = 0; build < 2; ++build) {
        const fs::path tex = directory / ("cv" + std::to_string(build) + ".tex");
        REQUIRE(
            run_vitae({"build", example("zangwei-zheng.toml").string(), "-o", tex.string()}, directory.path())
                .exit_code == 0);
        if (build == 0) first = read_file(tex);
        CHECK(read_file(tex) == first);
    }
}

TEST_CASE("vitae build --via latex makes the PDF with the engine the .tex needs", "[e2e][latex]") {
    const TemporaryDirectory directory;
    const EnvironmentChanges epoch{{"SOURCE_DATE_EPOCH", "1700000000"}};
    for (const std::string& cv : examples) {
        DYNAMIC_SECTION(cv) {
            const fs::path pdf = directory / "via.pdf";
            const fs::path again = directory / "again.pdf";
            const fs::path direct = directory / "direct.pdf";
            RunResult result =
                run_vitae({"build", example(cv).string(), "--via", "latex", "-o", pdf.string()},
                          directory.path(), std::nullopt, epoch);
            INFO(result.err);
            REQUIRE(result.exit_code == 0);
            REQUIRE(run_vitae({"build", example(cv).string(), "--via", "latex", "-o", again.string()},
                              directory.path(), std::nullopt, epoch)
                        .exit_code == 0);
            REQUIRE(run_vitae({"build", example(cv).string(), "-o", direct.string()}, directory.path())
                        .exit_code == 0);
            CHECK(page_count(pdf) == page_count(direct));
            const std::string producer = tool_output(directory.path(), "pdfinfo", {pdf.string()});
            CHECK(contains(producer, "xdvipdfmx"));
            // SOURCE_DATE_EPOCH reaches the engine: two builds, the same bytes.
            CHECK(read_file(pdf) == read_file(again));
        }
    }
}

TEST_CASE("a build via latex names the Debian package of a missing engine or TeX file, and writes nothing",
          "[e2e][latex]") {
    const TemporaryDirectory directory;
    const fs::path pdf = directory / "cv.pdf";
    SECTION("no engine") {
        const fs::path empty = directory / "bin";
        fs::create_directories(empty);
        const RunResult result =
            run_vitae({"build", example("jose-nunez.toml").string(), "--via", "latex", "-o", pdf.string()},
                      directory.path(), std::nullopt, {{"PATH", empty.string()}});
        CHECK(result.exit_code == 5);
        CHECK(contains(result.err,
                       "error: xelatex is not installed: install the Debian package texlive-xetex"));
        CHECK_FALSE(fs::exists(pdf));
    }
    SECTION("a package missing") {
        // An engine that is there, and a kpsewhich that finds only the class.
        const fs::path bin = directory / "bin";
        fs::create_directories(bin);
        write_file(bin / "xelatex", "#!/bin/sh\nexit 0\n");
        write_file(bin / "kpsewhich", "#!/bin/sh\necho /usr/share/texlive/article.cls\n");
        fs::permissions(bin / "xelatex", fs::perms::owner_all);
        fs::permissions(bin / "kpsewhich", fs::perms::owner_all);
        const RunResult result =
            run_vitae({"build", example("zangwei-zheng.toml").string(), "--via", "latex", "-o", pdf.string()},
                      directory.path(), std::nullopt, {{"PATH", bin.string()}});
        CHECK(result.exit_code == 5);
        CHECK(contains(result.err, "error: TeX files xelatex needs are not installed:"));
        CHECK(contains(result.err, "lastpage.sty, paracol.sty (Debian package texlive-latex-extra)"));
        CHECK(contains(result.err, "fontspec.sty (Debian package texlive-latex-recommended)"));
        CHECK_FALSE(fs::exists(pdf));
    }
    SECTION("--via latex with another format is a usage error") {
        const RunResult result = run_vitae({"build", example("jose-nunez.toml").string(), "--via", "latex",
                                            "-o", (directory / "cv.tex").string()},
                                           directory.path());
        CHECK(result.exit_code == 2);
    }
}

TEST_CASE("a style's name or file name cannot put TeX into the .tex", "[e2e][latex]") {
    const TemporaryDirectory directory;
    write_file(directory / "cv.toml", "[person]\nname = \"Ada Lovelace\"\n");
    // A newline in the name, and one in the file name used when there is no name.
    write_file(directory / "named.toml",
               "name = \"x\\n\\\\input{/etc/passwd}\\n\\\\def\\\\x{\\\\x}\\\\x\"\nextends = \"default\"\n");
    // (A file name holds no `/`: \input of a name in the folder vitae compiles in.)
    const std::string stem = "evil\n\\input{cv.tex}\n\\def\\x{\\x}\\x";
    write_file(directory / (stem + ".toml"), "extends = \"default\"\n");
    for (const std::string& style : {std::string{"named.toml"}, stem + ".toml"}) {
        DYNAMIC_SECTION((style == "named.toml" ? "name" : "file name")) {
            const fs::path tex = directory / "cv.tex";
            const RunResult written =
                run_vitae({"build", "cv.toml", "--style", style, "-o", tex.string()}, directory.path());
            INFO(written.err);
            REQUIRE(written.exit_code == 0);
            const std::string source = read_file(tex);
            for (const std::string& line : lines_of(source)) {
                CHECK_FALSE(line.starts_with("\\input"));
                CHECK_FALSE(line.starts_with("\\def"));
            }
            const Compiled compiled = compile_tex(tex, engine_of(source));
            INFO("log errors: " << joined(log_errors(compiled.log)));
            REQUIRE(compiled.exit_code == 0);
            const std::string text = tool_output(directory.path(), "pdftotext", {"cv.pdf", "-"});
            CHECK_FALSE(contains(text, "root:"));
            CHECK(contains(text, "Ada Lovelace"));
        }
    }
}

namespace {

/// Builds `toml` via latex in `directory` and returns the PDF's path.
fs::path build_via_latex(const TemporaryDirectory& directory, const std::string& toml) {
    write_file(directory / "cv.toml", toml);
    const fs::path pdf = directory / "cv.pdf";
    const RunResult result =
        run_vitae({"build", "cv.toml", "--via", "latex", "-o", pdf.string()}, directory.path());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return pdf;
}

/// A folder for PATH holding `engine_script` as xelatex and a kpsewhich
/// that finds every file, and an empty folder for TMPDIR: the environment
/// that runs vitae with them.
EnvironmentChanges fake_engine(const TemporaryDirectory& directory, const std::string& engine_script) {
    const fs::path bin = directory / "bin";
    const fs::path temporary = directory / "tmp";
    fs::create_directories(bin);
    fs::create_directories(temporary);
    write_file(bin / "xelatex", engine_script);
    write_file(bin / "kpsewhich", "#!/bin/sh\nfor f in \"$@\"; do echo \"/texmf/$f\"; done\n");
    fs::permissions(bin / "xelatex", fs::perms::owner_all);
    fs::permissions(bin / "kpsewhich", fs::perms::owner_all);
    return {{"PATH", bin.string()}, {"TMPDIR", temporary.string()}};
}

}  // namespace

TEST_CASE("a 300 KB paragraph builds via latex: the .tex's lines fit TeX's buffer", "[e2e][latex]") {
    const TemporaryDirectory directory;
    std::string words;
    // Long words: few places to break a line, so that TeX takes seconds, not tens.
    while (words.size() < 300 * 1024) words += "responsibilities internationalization characteristically ";
    const fs::path pdf = build_via_latex(
        directory,
        "[person]\nname = \"Ada Lovelace\"\n[[section]]\ntitle = \"Long\"\nkind = \"text\"\ntext = \"" +
            words + "\"\n");
    CHECK(page_count(pdf) > 10);
    const std::string text = tool_output(directory.path(), "pdftotext", {pdf.string(), "-"});
    CHECK(contains(text, "responsibilities internationalization characteristically"));
}

TEST_CASE("a URL with % escapes links to exactly that URL in a LaTeX build", "[e2e][latex]") {
    const TemporaryDirectory directory;
    const std::string url = "https://example.com/a%20b?q=1%2F2#frag";
    const fs::path pdf = build_via_latex(directory,
                                         "[person]\nname = \"Ada Lovelace\"\n[[section]]\ntitle = "
                                         "\"Work\"\n[[section.entry]]\ntitle = \"Project\"\nurl = \"" +
                                             url + "\"\n");
    const std::string json = tool_output(directory.path(), "qpdf", {"--json", pdf.string()});
    std::vector<std::string> targets;
    const std::regex uri{R"re("/URI": "u:((?:[^"\\]|\\.)*)")re"};
    for (auto match = std::sregex_iterator(json.begin(), json.end(), uri); match != std::sregex_iterator();
         ++match)
        targets.push_back((*match)[1]);
    CHECK(targets == std::vector<std::string>{url});
}

TEST_CASE("an engine that does not finish is stopped at the time limit with everything it started",
          "[e2e][latex]") {
    const TemporaryDirectory directory;
    // An engine that starts a child and waits for it.
    const fs::path child_pid = directory / "child.pid";
    EnvironmentChanges environment = fake_engine(
        directory, "#!/bin/sh\n/bin/sleep 1000 &\necho $! > '" + child_pid.string() + "'\nwait\n");
    environment.emplace_back("VITAE_TEX_TIME_LIMIT", "1");
    const fs::path pdf = directory / "cv.pdf";
    const auto started = std::chrono::steady_clock::now();
    const RunResult result =
        run_vitae({"build", example("jose-nunez.toml").string(), "--via", "latex", "-o", pdf.string()},
                  directory.path(), std::nullopt, environment);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds{20});
    CHECK(result.exit_code == 5);
    CHECK(contains(result.err, "error: xelatex did not finish within 1 s and was stopped"));
    CHECK_FALSE(fs::exists(pdf));
    CHECK(fs::is_empty(directory / "tmp"));
    // The engine's own child was killed too (at most a zombie until reaped).
    REQUIRE(fs::exists(child_pid));
    const std::string pid = lines_of(read_file(child_pid)).at(0);
    bool gone = false;
    for (int attempt = 0; attempt < 100 && !gone; ++attempt) {
        std::ifstream status{"/proc/" + pid + "/stat"};
        std::string stat;
        std::getline(status, stat);
        const std::size_t state = stat.rfind(") ");
        gone = !status || (state != std::string::npos && stat.at(state + 2) == 'Z');
        if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
    CHECK(gone);
}

TEST_CASE("a TeX time limit that is not a number of seconds is an error", "[e2e][latex]") {
    const TemporaryDirectory directory;
    const RunResult result = run_vitae({"build", example("jose-nunez.toml").string(), "--via", "latex", "-o",
                                        (directory / "cv.pdf").string()},
                                       directory.path(), std::nullopt, {{"VITAE_TEX_TIME_LIMIT", "soon"}});
    CHECK(result.exit_code == 5);
    CHECK(contains(result.err, "VITAE_TEX_TIME_LIMIT must be a whole number of seconds from 1 to 3600"));
}

TEST_CASE("a failed build via latex leaves no temporary file and quotes TeX's error", "[e2e][latex]") {
    const TemporaryDirectory directory;
    // An engine that fails as TeX does: the error in the log, with a control character.
    const EnvironmentChanges environment = fake_engine(
        directory,
        "#!/bin/sh\nprintf '(./cv.aux)! Emergency stop \\033[2J.\\nl.42 here\\n' > cv.log\nexit 1\n");
    const fs::path pdf = directory / "cv.pdf";
    const RunResult result =
        run_vitae({"build", example("jose-nunez.toml").string(), "--via", "latex", "-o", pdf.string()},
                  directory.path(), std::nullopt, environment);
    CHECK(result.exit_code == 5);
    CHECK(contains(result.err, "error: xelatex failed: ! Emergency stop \\x1B[2J. (line 42)"));
    CHECK_FALSE(fs::exists(pdf));
    CHECK(fs::is_empty(directory / "tmp"));
}

TEST_CASE("breaking the .tex's lines changes nothing TeX typesets", "[e2e][latex]") {
    // Lines of 40 bytes: almost every line of the .tex is broken, at spaces
    // and with `%` line ends. The two PDFs are the same bytes.
    for (const std::string_view style : {"default", "sidebar"}) {
        DYNAMIC_SECTION(style) {
            const TemporaryDirectory directory;
            fs::create_directories(directory / "whole");
            fs::create_directories(directory / "broken");
            REQUIRE(run_vitae({"build", example("jose-nunez.toml").string(), "--style", std::string{style},
                               "-o", (directory / "whole" / "cv.tex").string()},
                              directory.path())
                        .exit_code == 0);
            const std::string whole = read_file(directory / "whole" / "cv.tex");
            const std::string broken = vitae::render::wrap_tex_lines(whole, 40);
            REQUIRE(lines_of(broken).size() > 3 * lines_of(whole).size());
            write_file(directory / "broken" / "cv.tex", broken);
            const EnvironmentChanges epoch{{"SOURCE_DATE_EPOCH", "1700000000"}, {"FORCE_SOURCE_DATE", "1"}};
            for (const std::string_view folder : {"whole", "broken"}) {
                for (int pass = 0; pass < 2; ++pass) {
                    REQUIRE(run({"/usr/bin/" + engine_of(whole), "-interaction=nonstopmode", "-halt-on-error",
                                 "cv.tex"},
                                directory / folder, std::nullopt, epoch)
                                .exit_code == 0);
                }
            }
            CHECK(read_file(directory / "whole" / "cv.pdf") == read_file(directory / "broken" / "cv.pdf"));
        }
    }
}

namespace {

/// The first line of text of each page, without spaces (pdftotext guesses
/// spaces from gaps, and xelatex writes no space glyphs).
std::vector<std::string> first_lines(const fs::path& pdf) {
    std::vector<std::string> firsts;
    const int pages = page_count(pdf);
    for (int page = 1; page <= pages; ++page) {
        const std::string number = std::to_string(page);
        const std::string text =
            tool_output(pdf.parent_path(), "pdftotext", {"-f", number, "-l", number, pdf.string(), "-"});
        std::string first;
        for (std::string line : lines_of(text)) {
            std::erase(line, ' ');
            std::erase(line, '\f');
            if (!line.empty()) {
                first = line;
                break;
            }
        }
        firsts.push_back(first);
    }
    return firsts;
}

/// The PostScript names of the fonts a PDF embeds ("Lato-Bold"), without
/// the subset's tag or a style suffix.
std::set<std::string> font_names(const fs::path& pdf) {
    const std::string listing = tool_output(pdf.parent_path(), "pdffonts", {pdf.string()});
    std::set<std::string> names;
    const std::vector<std::string> lines = lines_of(listing);
    for (std::size_t i = 2; i < lines.size(); ++i) {  // after the heading and its rule
        std::string name = lines[i].substr(0, lines[i].find(' '));
        if (const std::size_t tag = name.find('+'); tag != std::string::npos) name.erase(0, tag + 1);
        name = name.substr(0, name.find(','));
        // "[none]": the Type 3 font of glyphs drawn from outlines, which
        // LaTeX shows from their own font.
        if (!name.empty() && !name.starts_with('[')) names.insert(name);
    }
    return names;
}

}  // namespace

TEST_CASE("via latex, a long CV and the examples in every style have the direct PDF's fonts and pages",
          "[e2e][latex][tex-matrix]") {
    const std::vector<fs::path> cvs{example("zangwei-zheng.toml"), example("jose-nunez.toml"),
                                    fs::path{VITAE_SOURCE_DIR} / "tests" / "data" / "long-es.toml"};
    const EnvironmentChanges epoch{{"SOURCE_DATE_EPOCH", "1700000000"}};
    for (const fs::path& cv : cvs) {
        for (const std::string& style : built_in_styles) {
            DYNAMIC_SECTION(cv.filename().string() << " in " << style) {
                const TemporaryDirectory directory;
                const fs::path direct = directory / "direct.pdf";
                const fs::path via = directory / "via.pdf";
                REQUIRE(run_vitae({"build", cv.string(), "--style", style, "-o", direct.string()},
                                  directory.path())
                            .exit_code == 0);
                const RunResult built =
                    run_vitae({"build", cv.string(), "--style", style, "--via", "latex", "-o", via.string()},
                              directory.path(), std::nullopt, epoch);
                INFO(built.err);
                REQUIRE(built.exit_code == 0);
                // The same faces: Lato's own bold, not Latin Modern, not Lato Heavy.
                const std::set<std::string> direct_fonts = font_names(direct);
                const std::set<std::string> via_fonts = font_names(via);
                for (const std::string& font : direct_fonts) {
                    INFO("LaTeX's fonts: " << joined({via_fonts.begin(), via_fonts.end()}));
                    CHECK(via_fonts.contains(font));
                }
                // The same pages, each starting with the same line.
                CHECK(page_count(via) == page_count(direct));
                CHECK(first_lines(via) == first_lines(direct));
            }
        }
    }
}

TEST_CASE(
    "a fallback family with no bold or italic is made bold and slanted in the .tex as the engine makes it",
    "[e2e][latex]") {
    const TemporaryDirectory directory;
    REQUIRE(run_vitae({"build", example("zangwei-zheng-zh.toml").string(), "-o", "cv.tex"}, directory.path())
                .exit_code == 0);
    const std::vector<std::string> lines = lines_of(read_file(directory / "cv.tex"));
    const auto definition = [&](std::string_view family) {
        const auto found = std::find_if(lines.begin(), lines.end(), [&](const std::string& line) {
            return line.starts_with("\\newfontfamily") && contains(line, family);
        });
        REQUIRE(found != lines.end());
        return *found;
    };
    // WenQuanYi Micro Hei has no bold: stroked 0.04 em wide, as the engine's
    // synthetic bold (layout::synthetic_bold_stroke).
    CHECK(contains(definition("{WenQuanYiMicroHei}"), "BoldFeatures={FakeBold=4}"));
    // Nor italic: slanted as the engine slants it (layout::synthetic_italic_slant).
    CHECK(contains(definition("{WenQuanYiMicroHei}"),
                   "ItalicFeatures={FakeSlant=0.2},BoldItalicFeatures={FakeBold=4,FakeSlant=0.2}"));
    // Lato has its own bold and italic.
    CHECK_FALSE(contains(definition("{Lato-Regular}"), "FakeBold"));
    CHECK_FALSE(contains(definition("{Lato-Regular}"), "FakeSlant"));
}
