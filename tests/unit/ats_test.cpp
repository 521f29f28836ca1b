// The ATS check's comparison (vitae/verify/ats.hpp), fed texts: what the
// CV says and what a PDF reader read.
#include "vitae/verify/ats.hpp"

#include <catch2/catch.hpp>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "vitae/base/utf8.hpp"

namespace {

using vitae::SourcePosition;
using vitae::compose::Flow;
using vitae::verify::Expected;
using vitae::verify::ExpectedItem;
using vitae::verify::ExpectedUnit;
using vitae::verify::ExpectedWord;
using vitae::verify::Field;
using vitae::verify::PdfText;

/// Builds Expected texts: each unit's words on one line of cv.toml, the
/// text starting at column 1, one item per unit.
class Cv {
public:
    Cv& unit(std::string_view text, Field field, Flow flow = Flow::main, bool side = false,
             bool new_block = true) {
        ++line_;
        if (new_block) ++block_;
        ExpectedItem item;
        item.field = field;
        item.text = std::string{text};
        item.where.path = path_;
        item.where.begin = {line_, 1};
        expected_.items.push_back(item);
        ExpectedUnit unit;
        unit.flow = flow;
        unit.block = block_;
        unit.side = side;
        unit.what.append(1, '\'').append(text).append(1, '\'');
        std::uint32_t column = 1;
        std::istringstream words{std::string{text}};
        std::string word;
        std::size_t offset = 0;
        while (words >> word) {
            offset = text.find(word, offset);
            column = static_cast<std::uint32_t>(vitae::utf8::length(text.substr(0, offset))) + 1;
            ExpectedWord expected;
            expected.text = word;
            expected.where = item.where;
            expected.item = expected_.items.size() - 1;
            for (std::size_t k = 0; k < vitae::utf8::length(word); ++k)
                expected.positions.push_back({line_, column + static_cast<std::uint32_t>(k)});
            unit.words.push_back(expected);
            offset += word.size();
        }
        expected_.units.push_back(unit);
        return *this;
    }
    [[nodiscard]] const Expected& expected() const { return expected_; }

private:
    std::shared_ptr<const std::string> path_ = std::make_shared<const std::string>("cv.toml");
    Expected expected_;
    std::uint32_t line_ = 0;
    std::size_t block_ = 0;
};

/// The CV of most tests: a name, a contact line, an entry with a date, a highlight.
Cv small_cv() {
    Cv cv;
    cv.unit("Ada Lovelace", Field::name)
        .unit("ada@example.org", Field::email)
        .unit("+44 20 7946 0000", Field::phone)
        .unit("Analytical Engine", Field::title)
        .unit("Jan. 1842 – Present", Field::date, Flow::main, true, false)
        .unit("Wrote the first program for a machine", Field::bullet);
    return cv;
}

std::vector<std::string> messages(const vitae::verify::AtsReport& report) {
    std::vector<std::string> lines;
    for (const vitae::Diagnostic& diagnostic : report.diagnostics.items())
        lines.push_back(format(diagnostic));
    return lines;
}

const vitae::verify::FieldScore& score_of(const vitae::verify::AtsReport& report, Field field) {
    for (const auto& score : report.scores) {
        if (score.field == field) return score;
    }
    FAIL("no score for " << to_string(field));
    return report.scores.front();
}

}  // namespace

TEST_CASE("ats: a PDF that reads as the CV says passes, with every field scored", "[ats]") {
    const PdfText read{
        {"Ada Lovelace\nada@example.org · +44 20 7946 0000\nAnalytical Engine Jan. 1842 – "
         "Present\n• Wrote the first program for a machine\n"}};
    const auto report = vitae::verify::compare(small_cv().expected(), read);
    CHECK(messages(report).empty());
    CHECK(report.passed());
    CHECK(vitae::verify::score_line(report.scores) ==
          "ats: name 1/1, email 1/1, phone 1/1, title 1/1, date 1/1, bullet 1/1");
}

TEST_CASE("ats: a word not read is an error at its place in the CV", "[ats]") {
    const PdfText read{
        {"Ada Lovelace\nada@example.org +44 20 7946 0000\nAnalytical Engine Jan. 1842 – "
         "Present\nWrote the program for a machine\n"}};
    const auto report = vitae::verify::compare(small_cv().expected(), read);
    REQUIRE(messages(report).size() == 1);
    CHECK(messages(report)[0] ==
          "cv.toml:6:11: error: the PDF's text does not read 'first' of 'Wrote the first program for a "
          "machine' "
          "where it should be");
    CHECK(score_of(report, Field::bullet).read == 0);
    CHECK(score_of(report, Field::name).read == 1);
}

TEST_CASE("ats: a compound glued at a line's end is named as such", "[ats]") {
    Cv cv;
    cv.unit("Ada Lovelace", Field::name).unit("Built cloud-based tools", Field::bullet);
    const auto report =
        vitae::verify::compare(cv.expected(), PdfText{{"Ada Lovelace\nBuilt cloudbased tools\n"}});
    REQUIRE(messages(report).size() == 1);
    CHECK(messages(report)[0] ==
          "cv.toml:2:7: error: the PDF's text does not read 'cloud-based' of 'Built "
          "cloud-based tools' where it should be (poppler reads it as 'cloudbased')");
}

TEST_CASE("ats: an e-mail or URL broken over lines is not intact", "[ats]") {
    Cv cv;
    cv.unit("Ada Lovelace", Field::name).unit("https://example.org/ada/notes", Field::url);
    const auto report =
        vitae::verify::compare(cv.expected(), PdfText{{"Ada Lovelace\nhttps://example.org/\nada/notes\n"}});
    REQUIRE(messages(report).size() == 1);
    CHECK_THAT(messages(report)[0], Catch::Contains("cv.toml:2:1: error:") &&
                                        Catch::Contains("reads it as 'https://example.org/' 'ada/notes'"));
    CHECK(score_of(report, Field::url).read == 0);
}

TEST_CASE("ats: a phone or date with other text between its words is broken apart", "[ats]") {
    Cv cv;
    cv.unit("Ada Lovelace", Field::name).unit("+44 20 7946 0000", Field::phone);
    const auto report =
        vitae::verify::compare(cv.expected(), PdfText{{"Ada Lovelace\n+44 20\n3\n7946 0000\n"}});
    REQUIRE(messages(report).size() == 1);
    CHECK_THAT(messages(report)[0], Catch::StartsWith("cv.toml:2:5: error: the PDF's text breaks the phone "
                                                      "'+44 20 7946 0000' apart: '3' is read between"));
}

TEST_CASE("ats: the name must be on the first lines of page 1", "[ats]") {
    Cv cv;
    cv.unit("Ada Lovelace", Field::name).unit("Wrote the first program", Field::bullet);
    const PdfText late{{"Wrote\n\n\n\n\n\nthe\nfirst\nprogram\nAda Lovelace\n"}};
    Cv bullet_first;
    bullet_first.unit("Wrote the first program", Field::bullet).unit("Ada Lovelace", Field::name);
    const auto report = vitae::verify::compare(bullet_first.expected(), late);
    REQUIRE(messages(report).size() == 1);
    CHECK_THAT(messages(report)[0], Catch::StartsWith("cv.toml:2:1: error: the PDF's text reads the name on "
                                                      "page 1, line 10"));
    CHECK(vitae::verify::compare(cv.expected(), PdfText{{"Ada Lovelace\nWrote the first program"}}).passed());
}

TEST_CASE("ats: ligatures, private-use and replacement characters fail at their character", "[ats]") {
    Cv cv;
    cv.unit("Ada Lovelace", Field::name)
        .unit("Wrote a \xEF\xAC\x81le parser \xEE\x80\x80 fast", Field::bullet);
    const auto report = vitae::verify::compare(
        cv.expected(),
        PdfText{{"Ada Lovelace\nWrote a \xEF\xAC\x81le parser \xEE\x80\x80 fast\n\xEF\xBF\xBD\n"}});
    const auto lines = messages(report);
    REQUIRE(lines.size() == 3);
    CHECK_THAT(lines[0], Catch::StartsWith("cv.toml:2:9: error: the PDF's text reads the ligature"));
    CHECK_THAT(lines[0], Catch::Contains("write the letters 'fi'"));
    CHECK_THAT(lines[1],
               Catch::StartsWith("cv.toml:2:20: error: the PDF's text reads '\xEE\x80\x80' (U+E000), "
                                 "a private-use character"));
    CHECK_THAT(lines[2],
               Catch::StartsWith("cv.toml:2:22: error: the PDF's text reads '\xEF\xBF\xBD' (U+FFFD)"));
    CHECK(vitae::verify::unreadable(0xFB06));
    CHECK(vitae::verify::unreadable(0xF8FF));
    CHECK(vitae::verify::unreadable(0x10FFFD));
    CHECK_FALSE(vitae::verify::unreadable(0xFB07));
    CHECK_FALSE(vitae::verify::unreadable(U'é'));
}

TEST_CASE("ats: a sidebar may be read before or after the main column, not line by line", "[ats]") {
    Cv cv;
    cv.unit("Skills", Field::title, Flow::sidebar)
        .unit("Rust Kotlin Go", Field::skill, Flow::sidebar)
        .unit("Ada Lovelace", Field::name)
        .unit("Wrote the first program for a machine", Field::bullet);
    CHECK(vitae::verify::compare(
              cv.expected(), PdfText{{"Skills\nRust Kotlin Go\nAda Lovelace\nWrote the first program for a "
                                      "machine\n"}})
              .passed());
    CHECK(vitae::verify::compare(cv.expected(),
                                 PdfText{{"Ada Lovelace\nWrote the first program for a machine\nSkills\nRust "
                                          "Kotlin Go\n"}})
              .passed());
    const auto interleaved = vitae::verify::compare(
        cv.expected(),
        PdfText{{"Ada Lovelace Skills\nWrote the first Rust Kotlin Go\nprogram for a machine\n"}});
    CHECK_FALSE(interleaved.passed());
    CHECK_THAT(
        messages(interleaved).front(),
        Catch::Contains("reads 'Wrote the first program for a machine' interleaved with 'Rust Kotlin Go'"));
}

TEST_CASE("ats: a two-sided line's right side may be read after what follows its line", "[ats]") {
    const PdfText read{
        {"Ada Lovelace\nada@example.org +44 20 7946 0000\nAnalytical Engine\nWrote the first "
         "program for a machine\nJan. 1842 – Present\n"}};
    const auto report = vitae::verify::compare(small_cv().expected(), read);
    CHECK(messages(report).empty());
}

TEST_CASE("ats: a word that is read out of order says where", "[ats]") {
    Cv cv;
    cv.unit("Ada Lovelace", Field::name).unit("ada@example.org", Field::email).unit("GitHub", Field::url);
    const auto report =
        vitae::verify::compare(cv.expected(), PdfText{{"Ada Lovelace\nGitHub\nada@example.org\n"}});
    REQUIRE(messages(report).size() == 1);
    CHECK_THAT(messages(report)[0], Catch::Contains("cv.toml:3:1:") &&
                                        Catch::Contains("reads it out of order, on page 1 after 'Lovelace'"));
}
