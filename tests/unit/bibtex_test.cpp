// BibTeX as real files are written: tests/data/quirks.bib holds one of
// every quirk the parser must take (front matter, @string and #, @comment
// and @preamble, accents, names, stray commas, empty fields, broken entries).
#include "load/bibtex.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "unit/support.hpp"
#include "vitae/load.hpp"

namespace {

std::string quirks_bib() {
    std::ifstream file{std::string{VITAE_SOURCE_DIR} + "/tests/data/quirks.bib"};
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
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
                        "quirks.bib a CV does not show: abstract (1), month (1)") != lines.end());
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
