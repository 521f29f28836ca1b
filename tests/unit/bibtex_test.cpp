// BibTeX as real files are written: tests/data/quirks.bib holds one of
// every quirk the parser must take (front matter, @string and #, @comment
// and @preamble, accents, names, stray commas, empty fields, broken entries).
#include "load/bibtex.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "unit/support.hpp"
#include "vitae/load/cv_loader.hpp"

namespace {

std::string data_file(const std::string& name) {
    std::ifstream file{std::string{VITAE_SOURCE_DIR} + "/tests/data/" + name};
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

std::string quirks_bib() {
    return data_file("quirks.bib");
}

/// Every entry parsed and converted, as a CV build does: the keys read,
/// and every diagnostic.
struct Parsed {
    std::vector<std::string> keys;
    std::vector<std::string> lines;
};

Parsed parse_and_convert(const std::string& text, const std::string& name = "test.bib") {
    vitae::Diagnostics diagnostics;
    const auto path = std::make_shared<const std::string>(name);
    Parsed parsed;
    for (const auto& entry : vitae::bibtex::parse(text, path, diagnostics)) {
        parsed.keys.push_back(entry.key);
        (void)vitae::bibtex::to_publication(entry, diagnostics);
    }
    parsed.lines = vitae::test::lines(diagnostics);
    return parsed;
}

std::string decoded(std::string_view latex) {
    vitae::Diagnostics diagnostics;
    std::string text = vitae::bibtex::decode_latex(latex, {}, diagnostics);
    CHECK(diagnostics.empty());
    return text;
}

}  // namespace

TEST_CASE("a .bib with every quirk gives its good entries and each problem at its line and column",
          "[bibtex]") {
    vitae::Diagnostics diagnostics;
    const auto path = std::make_shared<const std::string>("quirks.bib");
    const std::vector<vitae::bibtex::Entry> entries = vitae::bibtex::parse(quirks_bib(), path, diagnostics);
    std::vector<std::string> keys;
    for (const auto& entry : entries) keys.push_back(entry.key);
    // The broken entry and the undefined macro's entry are left out; the
    // entries after them are read; the duplicate key keeps the first.
    CHECK(keys == std::vector<std::string>{"zheng2024", "smith2019", "good2021", "thesis2020"});
    CHECK(
        vitae::test::lines(diagnostics) ==
        std::vector<std::string>{"quirks.bib:30:1: error: entry 'broken' is not closed before the next entry",
                                 "quirks.bib:35:41: error: undefined @string macro 'nomacro'",
                                 "quirks.bib:39:1: warning: duplicate key 'zheng2024' (first at line 10); "
                                 "this entry is left out"});

    const vitae::bibtex::Entry& open_sora = entries[0];
    CHECK(open_sora.type == "inproceedings");
    // @string macros joined with #, a braced piece after them.
    CHECK(open_sora.field("booktitle")->value ==
          "Proc. of Advances in Neural Information Processing Systems (NeurIPS)");
    CHECK(open_sora.field("year")->value == "2024");
    CHECK(open_sora.field("booktitle")->where.begin.line == 13);

    vitae::Diagnostics conversion;
    const vitae::cv::Publication publication = vitae::bibtex::to_publication(open_sora, conversion);
    CHECK(conversion.empty());
    CHECK(publication.title.plain() == "Open-Sora: Democratizing Efficient Video Production for All");
    std::vector<std::string> authors;
    for (const auto& author : publication.authors) authors.push_back(author.plain());
    CHECK(authors == std::vector<std::string>{"Zangwei Zheng", "Xiangyu Peng", "J\u00f6rg M\u00fcller",
                                              "\u00ed\u00f1igo Garc\u00eda", "et al."});
    CHECK(publication.year == 2024);
    CHECK(publication.doi == "10.48550/arXiv.2412.20404");
    CHECK(publication.award.plain() == "Oral");
    CHECK(publication.selected);

    const vitae::cv::Publication smith = vitae::bibtex::to_publication(entries[1], conversion);
    CHECK(smith.title.plain() ==
          "A Study of \u00c7ommunication \u2013 and \u00dfomething \u2014 with \u201cquotes\u201d");
    CHECK(smith.venue.plain() == "Journal of LaTeX Things");
    CHECK(smith.note.empty());  // an empty field says nothing
    CHECK(smith.url == "https://example.org/paper");
    // A thesis: the school is the venue.
    CHECK(vitae::bibtex::to_publication(entries[3], conversion).venue.plain() ==
          "National University of Singapore");
}

TEST_CASE("LaTeX in BibTeX values decodes to Unicode", "[bibtex]") {
    CHECK(decoded(R"({\"u}ber \"{o} \'e {\'\i} \c{c} \c c \v{s} \H{o} \k{a} \r{a} \u{g} \={a} \.{z})") ==
          "\u00fcber \u00f6 \u00e9 \u00ed \u00e7 \u00e7 \u0161 \u0151 \u0105 \u00e5 \u011f \u0101 \u017c");
    // A control word eats the spaces after it, as in TeX: braces keep them.
    CHECK(decoded(R"({\ss} {\o} {\O} {\l} {\L} {\ae} {\AE} {\oe} {\aa} {\AA})") ==
          "\u00df \u00f8 \u00d8 \u0142 \u0141 \u00e6 \u00c6 \u0153 \u00e5 \u00c5");
    CHECK(decoded(R"(pages 10--20 --- a~b ``quoted'' \& 50\% \$5 \_x \{y\})") ==
          "pages 10\u201320 \u2014 a\u00a0b \u201cquoted\u201d & 50% $5 _x {y}");
    CHECK(decoded(R"(\emph{Deep} \textbf{Learning} for {NLP} $\alpha$)") == "Deep Learning for NLP \\alpha");
    CHECK(decoded("two\n   lines") == "two lines");
    // A combination Unicode has no single character for: letter + mark.
    CHECK(decoded(R"(\"{q})") == "q\u0308");

    vitae::Diagnostics diagnostics;
    CHECK(vitae::bibtex::decode_latex(R"(\foo{bar})", vitae::test::region("a.bib", 3, 5), diagnostics) ==
          "bar");
    CHECK(vitae::test::lines(diagnostics) ==
          std::vector<std::string>{"a.bib:3:5: warning: unknown LaTeX command '\\foo' in a BibTeX value (its "
                                   "argument, if any, is kept as text)"});
}

TEST_CASE("BibTeX names in every form print in reading order", "[bibtex]") {
    using vitae::bibtex::names;
    CHECK(names("Zheng, Zangwei and Yang You") == std::vector<std::string>{"Zangwei Zheng", "Yang You"});
    CHECK(names("Doe, Jr., Jane AND {Barnes and Noble} and others") ==
          std::vector<std::string>{"Jane Doe, Jr.", "{Barnes and Noble}", "et al."});
    CHECK(names("  Anna {van der Berg}  and  Smith,  John ,") ==
          std::vector<std::string>{"Anna {van der Berg}", "John Smith"});
    CHECK(names("Ludwig van Beethoven") == std::vector<std::string>{"Ludwig van Beethoven"});
}

TEST_CASE("a CV takes publications from BibTeX: filters, keys, problems at their place", "[bibtex]") {
    const std::string directory = std::string{VITAE_SOURCE_DIR} + "/tests/data/";
    vitae::Diagnostics diagnostics;
    const vitae::cv::Document document = vitae::load_cv_text(R"([person]
name = "Zangwei Zheng"
[[section]]
title = "Papers"
kind = "publications"
bibliography = "quirks.bib"
types = ["inproceedings", "article"]
since = 2019
[[section.entry]]
title = "By hand"
year = 2025
[[section]]
title = "Chosen"
kind = "publications"
bibliography = "quirks.bib"
keys = ["thesis2020", "smith2019", "zheng2O24"]
[[section]]
title = "Talks"
keys = ["x"]
)",
                                                             directory + "cv.toml", diagnostics);
    std::vector<std::string> papers;
    for (const auto& publication : document.sections.at(0).publications)
        papers.push_back(publication.title.plain());
    CHECK(papers ==
          std::vector<std::string>{"By hand", "Open-Sora: Democratizing Efficient Video Production for All",
                                   "A Study of \u00c7ommunication \u2013 and \u00dfomething \u2014 with "
                                   "\u201cquotes\u201d"});
    CHECK(document.sections.at(1).publications.size() == 2);
    CHECK(document.source_files == std::vector<std::string>{directory + "quirks.bib"});
    const std::vector<std::string> lines = vitae::test::lines(diagnostics);
    // The file's problems once, though two sections read it.
    CHECK(std::count_if(lines.begin(), lines.end(), [](const std::string& line) {
              return line.find("undefined @string macro") != std::string::npos;
          }) == 1);
    // What a CV does not show is said once, in a note.
    CHECK(std::find(lines.begin(), lines.end(),
                    directory + "cv.toml:15:16: note: fields of " + directory +
                        "quirks.bib a CV does not show: abstract (1)") != lines.end());
    CHECK(std::find(lines.begin(), lines.end(),
                    directory + "cv.toml:16:36: error: no entry 'zheng2O24' in " + directory +
                        "quirks.bib (did you mean 'zheng2024'?)") != lines.end());
    CHECK(std::find(lines.begin(), lines.end(),
                    directory + "cv.toml:19:8: error: 'keys' chooses among a bibliography's entries (add "
                                "bibliography = \"papers.bib\")") != lines.end());
}

TEST_CASE("a CV takes BibTeX entries by keyword and by a range of years", "[bibtex]") {
    const std::string directory = std::string{VITAE_SOURCE_DIR} + "/tests/data/";
    vitae::Diagnostics diagnostics;
    const vitae::cv::Document document = vitae::load_cv_text(R"([person]
name = "Zangwei Zheng"
[[section]]
title = "Video"
kind = "publications"
bibliography = "quirks.bib"
keywords = ["Generation", "thesis"]
[[section]]
title = "Older"
kind = "publications"
bibliography = "quirks.bib"
since = 2019
until = 2021
)",
                                                             directory + "cv.toml", diagnostics);
    const auto titles = [&](std::size_t section) {
        std::vector<std::string> result;
        for (const auto& publication : document.sections.at(section).publications) {
            result.push_back(publication.title.plain());
        }
        return result;
    };
    // Keywords compare without case, one of the entry's comma-separated list.
    CHECK(titles(0) == std::vector<std::string>{"Open-Sora: Democratizing Efficient Video Production for All",
                                                "My Thesis"});
    // Both bounds included; newest first.
    CHECK(titles(1) ==
          std::vector<std::string>{"Still read", "My Thesis",
                                   "A Study of \u00c7ommunication \u2013 and \u00dfomething \u2014 "
                                   "with \u201cquotes\u201d"});
}

TEST_CASE("BibTeX braces nested past the limit are an error at the brace, not a stack overflow", "[bibtex]") {
    // 60,000 levels overflowed the stack when the value was decoded.
    const std::size_t levels = 60000;
    const std::string text = "@misc{deep, title = {" + std::string(levels, '{') + "x" +
                             std::string(levels, '}') + "}}\n@misc{after, title = {Read}}\n";
    const Parsed parsed = parse_and_convert(text);
    CHECK(parsed.keys == std::vector<std::string>{"after"});
    CHECK(parsed.lines ==
          std::vector<std::string>{"test.bib:1:277: error: braces nested deeper than 256 in a value"});
}

TEST_CASE("chained LaTeX accents past the limit are an error, not a stack overflow", "[bibtex]") {
    // 100,000 accents on accents: each one recursed for its argument.
    std::string braced;
    std::string bare;
    for (int i = 0; i < 100000; ++i) {
        braced += "\\'{";
        bare += "\\'";
    }
    for (const std::string& value : {braced + "e", bare + "e"}) {
        vitae::Diagnostics diagnostics;
        CHECK(vitae::bibtex::decode_latex(value, vitae::test::region("a.bib", 4, 11), diagnostics).empty());
        CHECK(vitae::test::lines(diagnostics) ==
              std::vector<std::string>{
                  "a.bib:4:11: error: LaTeX nested deeper than 256 groups and accents in a BibTeX value"});
    }
    // At the limit itself, it decodes.
    std::string deepest;
    for (int i = 0; i < 255; ++i) deepest += "{";
    CHECK(decoded(deepest + "x" + std::string(255, '}')) == "x");
    // Through the parser, the braced chain stops at the brace.
    const Parsed parsed = parse_and_convert("@misc{accents, title = {" + braced + "}}\n");
    CHECK(parsed.keys.empty());
    CHECK(parsed.lines ==
          std::vector<std::string>{"test.bib:1:792: error: braces nested deeper than 256 in a value"});
}

TEST_CASE("an @string doubled 40 times is stopped at its first value past the limit", "[bibtex]") {
    // tests/data/billion-laughs.bib: 1 KB that took over 2 GB; one error
    // for the chain, one for the entry that uses it, the next entry read.
    const Parsed parsed = parse_and_convert(data_file("billion-laughs.bib"), "billion-laughs.bib");
    CHECK(parsed.keys == std::vector<std::string>{"after"});
    CHECK(parsed.lines == std::vector<std::string>{
                              "billion-laughs.bib:20:21: error: value longer than 256 KiB, macros expanded",
                              "billion-laughs.bib:43:22: error: @string macro 'a40' is left out: it expands "
                              "to more than 256 KiB "
                              "(line 20)"});
}

TEST_CASE("a .bib's @string expansions together stop at their budget", "[bibtex]") {
    // Each copy is under the value limit; 100 of them are 20 MB.
    std::string text = "@string{big = {" + std::string(200000, 'x') + "}}\n";
    for (int i = 0; i < 100; ++i) text += "@string{copy" + std::to_string(i) + " = big}\n";
    text += "@misc{late, title = {Not read}}\n";
    const Parsed parsed = parse_and_convert(text);
    CHECK(parsed.keys.empty());
    CHECK(parsed.lines ==
          std::vector<std::string>{"test.bib:85:18: error: @string macros expand to more than 16 MiB "
                                   "in this file; the rest of it is not read"});
}

TEST_CASE("an entry closed early by a '}' too many names the fields it drops", "[bibtex]") {
    const Parsed parsed = parse_and_convert(data_file("early-close.bib"), "early-close.bib");
    CHECK(parsed.keys == std::vector<std::string>{"early", "next"});
    CHECK(parsed.lines ==
          std::vector<std::string>{"early-close.bib:3:3: error: entry 'early' ended at line 2:28, before its "
                                   "fields author, year (a '}' too many closes the entry early; those fields "
                                   "are left out)"});
    // Text between entries that is not fields is still a comment.
    CHECK(parse_and_convert("@misc{a, title = {A}}\nSee also: the talk.\n").lines.empty());
}

namespace {

/// The diagnostics of a CV made of a person and `sections`, at `cv_path`.
std::vector<std::string> cv_diagnostics(const std::string& sections, const std::string& cv_path) {
    vitae::Diagnostics diagnostics;
    (void)vitae::load_cv_text("[person]\nname = \"A\"\n" + sections, cv_path, diagnostics);
    return vitae::test::lines(diagnostics);
}

}  // namespace

TEST_CASE("a bibliography with no entries, or none that pass the filters, is a warning", "[bibtex]") {
    const std::string directory = std::string{VITAE_SOURCE_DIR} + "/tests/data/";
    const std::vector<std::string> lines = cv_diagnostics(R"([[section]]
title = "Papers"
kind = "publications"
bibliography = "no-entries.bib"
[[section]]
title = "Future"
kind = "publications"
bibliography = "quirks.bib"
since = 2100
)",
                                                          directory + "cv.toml");
    CHECK(std::find(lines.begin(), lines.end(),
                    directory + "cv.toml:6:16: warning: the bibliography '" + directory +
                        "no-entries.bib' has no entries") != lines.end());
    CHECK(std::find(lines.begin(), lines.end(),
                    directory + "cv.toml:10:16: warning: no entry of '" + directory +
                        "quirks.bib' passes this section's types, keywords, since and until") != lines.end());
}

TEST_CASE("a bibliography that is not a regular file is an error at its key", "[bibtex]") {
    CHECK(
        cv_diagnostics(R"([[section]]
title = "Papers"
kind = "publications"
bibliography = "/dev/zero"
)",
                       "/tmp/cv.toml") ==
        std::vector<std::string>{"/tmp/cv.toml:6:16: error: cannot read the bibliography '/dev/zero': it is "
                                 "not a regular file (a device, FIFO or socket)"});
}

TEST_CASE("a BibTeX link obeys the rules of a CV's links: no javascript:, data: or file: target",
          "[bibtex]") {
    const Parsed parsed = parse_and_convert(
        "@article{a, title = {T}, url = {javascript:alert(1)}, pdf = {https://example.org/a.pdf},\n"
        "  code = { DATA:text/html,x}}\n");
    REQUIRE(parsed.lines.size() == 2);
    CHECK(parsed.lines[0].starts_with("test.bib:1:"));
    CHECK(parsed.lines[0].find("'javascript:' URL is refused") != std::string::npos);
    CHECK(parsed.lines[1].starts_with("test.bib:2:"));
    CHECK(parsed.lines[1].find("'data:' URL is refused") != std::string::npos);
}

TEST_CASE("BibTeX month, volume, number, pages and abbr reach the publication", "[bibtex]") {
    vitae::Diagnostics diagnostics;
    const auto path = std::make_shared<const std::string>("test.bib");
    const auto entries = vitae::bibtex::parse(
        "@article{a, title = {T}, journal = {J}, year = 2024, month = mar, volume = {12}, number = {3},\n"
        "  pages = {45--67}, abbr = {ICML}}\n"
        "@article{b, title = {T}, year = 2024, month = {Sept.}}\n"
        "@article{c, title = {T}, year = 2024, month = {11}}\n"
        "@article{d, title = {T}, date = {2023-06-15}}\n"
        "@article{e, title = {T}, year = 2024, month = {spring}}\n",
        path, diagnostics);
    REQUIRE(entries.size() == 5);
    std::vector<vitae::cv::Publication> publications;
    for (const auto& entry : entries)
        publications.push_back(vitae::bibtex::to_publication(entry, diagnostics));
    CHECK(publications[0].month == 3);
    CHECK(publications[0].volume == "12");
    CHECK(publications[0].issue == "3");
    CHECK(publications[0].pages == "45\u201367");  // decoded as every LaTeX value
    CHECK(publications[0].abbr == "ICML");
    CHECK(publications[1].month == 9);
    CHECK(publications[2].month == 11);
    CHECK(publications[3].month == 6);
    CHECK_FALSE(publications[4].month);
    // A month that is none is said, not dropped in silence.
    const std::vector<std::string> lines = vitae::test::lines(diagnostics);
    REQUIRE(lines.size() == 1);
    CAPTURE(lines[0]);
    CHECK(lines[0].starts_with("test.bib:6:47: warning:"));
    CHECK(lines[0].find("month 'spring'") != std::string::npos);
    for (const char* field : {"month", "volume", "number", "pages", "abbr"})
        CHECK(vitae::bibtex::is_shown_field(field));
}
