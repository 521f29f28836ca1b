#include <catch2/catch.hpp>

#include "unit/support.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/load/markup.hpp"

using vitae::Diagnostics;
using vitae::cv::RichText;
using vitae::cv::Span;

namespace {

/// A compact picture of the spans: text with style marks, e.g. "B[x]" for
/// bold, "I[x]" italic, "BI[x]" both, "L(url)[x]" a link, plain text as is.
std::string describe(const RichText& text) {
    std::string out;
    for (const Span& span : text.spans) {
        std::string marks;
        if (span.bold) marks += 'B';
        if (span.italic) marks += 'I';
        if (!span.link.empty()) marks += "L(" + span.link + ")";
        out += marks.empty() ? span.text : marks + "[" + span.text + "]";
    }
    return out;
}

RichText parse(std::string_view text, Diagnostics& diagnostics) {
    // The text starts at line 2, column 5 of the file.
    return vitae::parse_markup(text, vitae::test::region("cv.toml", 2, 5), {}, diagnostics);
}

}  // namespace

TEST_CASE("bold, italic and links become styled runs", "[markup]") {
    Diagnostics diagnostics;
    CHECK(describe(parse("plain text", diagnostics)) == "plain text");
    CHECK(describe(parse("**GPA:** 4.61/5.00", diagnostics)) == "B[GPA:] 4.61/5.00");
    CHECK(describe(parse("an *italic* word", diagnostics)) == "an I[italic] word");
    CHECK(describe(parse("***both*** and **bold *inner***", diagnostics)) ==
          "BI[both] and B[bold ]BI[inner]");
    CHECK(describe(parse("see [the paper](https://x.org/p)", diagnostics)) ==
          "see L(https://x.org/p)[the paper]");
    CHECK(describe(parse("[**bold link**](u)", diagnostics)) == "BL(u)[bold link]");
    CHECK(diagnostics.empty());
}

TEST_CASE("backslash escapes give the character itself", "[markup]") {
    Diagnostics diagnostics;
    CHECK(parse(R"(5 \* 3 \[x\] \\ \_ \(y\))", diagnostics).plain() == R"(5 * 3 [x] \ _ (y))");
    // A backslash before anything else stays, as in Markdown.
    CHECK(parse(R"(C:\dir \alpha)", diagnostics).plain() == R"(C:\dir \alpha)");
    CHECK(diagnostics.empty());
}

TEST_CASE("plain text without markup characters stays one span", "[markup]") {
    Diagnostics diagnostics;
    const RichText text = parse("Zürich – “quoted” 🌟 22k", diagnostics);
    REQUIRE(text.spans.size() == 1);
    CHECK(text.spans[0].start == vitae::SourcePosition{2, 5});
    CHECK(text.plain() == "Zürich – “quoted” 🌟 22k");
}

TEST_CASE("spans know where their text starts in the input", "[markup]") {
    Diagnostics diagnostics;
    const RichText text = parse(R"(ab **cd** e\*f)", diagnostics);
    // "ab " at 5, "cd" at 10 (after **), " e" at 14, "*f" at 17 (the escaped char).
    REQUIRE(text.spans.size() == 4);
    CHECK(text.spans[0].start.column == 5);
    CHECK(text.spans[1].start.column == 10);
    CHECK(text.spans[2].start.column == 14);
    CHECK(text.spans[3].text == "*f");
    CHECK(text.spans[3].start.column == 17);
}

TEST_CASE("line breaks in multi-line strings read as one space", "[markup]") {
    Diagnostics diagnostics;
    CHECK(parse("first line\n    second line", diagnostics).plain() == "first line second line");
    CHECK(parse("ends with space \nnext", diagnostics).plain() == "ends with space next");
}

TEST_CASE("malformed markup is an error at its column, never literal asterisks", "[markup]") {
    Diagnostics diagnostics;
    const RichText unclosed_bold = parse("an **unclosed bold", diagnostics);
    CHECK(unclosed_bold.plain() == "an unclosed bold");
    (void)parse("x *y", diagnostics);
    (void)parse("[text without target]", diagnostics);
    (void)parse("[open", diagnostics);
    (void)parse("close]", diagnostics);
    (void)parse("[t](no end", diagnostics);
    (void)parse("[t]()", diagnostics);
    (void)parse("[](https://x.org)", diagnostics);
    (void)parse("[a [b](u)](v)", diagnostics);
    CHECK(vitae::test::lines(diagnostics) ==
          std::vector<std::string>{
              "cv.toml:2:8: error: unclosed '**' (bold) (write \\* for a literal asterisk)",
              "cv.toml:2:7: error: unclosed '*' (italic) (write \\* for a literal asterisk)",
              "cv.toml:2:25: error: expected '(url)' right after ']' to complete the link (write \\[ and \\] "
              "for "
              "literal brackets)",
              "cv.toml:2:5: error: unclosed '[' (link) (write \\[ for a literal bracket)",
              "cv.toml:2:10: error: ']' without an opening '[' (write \\] for a literal bracket)",
              "cv.toml:2:8: error: unclosed '(' of a link target (end the URL with ')')",
              "cv.toml:2:8: error: empty link target",
              "cv.toml:2:5: error: a link needs some text between '[' and ']'",
              "cv.toml:2:8: error: a link cannot contain another link (write \\[ for a literal bracket)",
              "cv.toml:2:14: error: ']' without an opening '[' (write \\] for a literal bracket)",
          });
}

TEST_CASE("links that could run code or open local files are refused at their column", "[markup][url]") {
    Diagnostics diagnostics;
    const RichText refused = parse("see [this](javascript:alert%281%29) now", diagnostics);
    // The refused target is not kept, even in the text returned with errors.
    CHECK(describe(refused) == "see this now");
    (void)parse("[a](JavaScript:x)", diagnostics);
    (void)parse("[a](vbscript:x)", diagnostics);
    (void)parse("[a](data:text/html,<b>x</b>)", diagnostics);
    (void)parse("[a](file:///etc/passwd)", diagnostics);
    const std::string hint =
        " (link to a web page (https:), an address (mailto:, tel:) or a relative path; javascript:, "
        "vbscript:, data: and file: links could run code or open files on a reader's machine)";
    CHECK(vitae::test::lines(diagnostics) ==
          std::vector<std::string>{
              "cv.toml:2:16: error: a link to a 'javascript:' URL is refused" + hint,
              "cv.toml:2:9: error: a link to a 'javascript:' URL is refused" + hint,
              "cv.toml:2:9: error: a link to a 'vbscript:' URL is refused" + hint,
              "cv.toml:2:9: error: a link to a 'data:' URL is refused" + hint,
              "cv.toml:2:9: error: a link to a 'file:' URL is refused" + hint,
          });
}

TEST_CASE("a URL's scheme is read as a browser reads it", "[markup][url]") {
    using vitae::refused_link_scheme;
    CHECK(refused_link_scheme("javascript:alert(1)") == "javascript");
    CHECK(refused_link_scheme("JaVaScRiPt:alert(1)") == "javascript");
    // Browsers skip leading spaces and control characters and drop tabs and
    // line breaks anywhere.
    CHECK(refused_link_scheme(" \x01javascript:x") == "javascript");
    CHECK(refused_link_scheme("java\tscr\nipt:x") == "javascript");
    CHECK(refused_link_scheme("DATA:image/png;base64,AAAA") == "data");
    CHECK(refused_link_scheme("file:C:/x") == "file");
    CHECK(refused_link_scheme("vbscript:msgbox") == "vbscript");
    // Every other scheme, and URLs without one, are links like any other.
    for (const std::string_view accepted :
         {"https://example.org/javascript:x", "http://x.org", "mailto:ada@example.org", "tel:+4412345",
          "cv.pdf", "../papers/a.pdf", "#top", "localhost:8080", "10.1000/xyz:1", "javascript", "data",
          "?q=file:x", "x-javascript:y", ""}) {
        INFO(accepted);
        CHECK_FALSE(refused_link_scheme(accepted));
    }
}

TEST_CASE("URL fields refuse the same schemes as inline links", "[markup][url]") {
    Diagnostics diagnostics;
    (void)vitae::load_cv_text(R"toml([person]
name = "Ada"
homepage = "javascript:alert(1)"
links = [{ label = "Notes", url = "data:text/html,hi" }]
[[section]]
title = "Work"
[[section.entry]]
title = "Engine"
url = "file:///etc/passwd"
[[section]]
title = "Papers"
kind = "publications"
[[section.entry]]
title = "Notes"
pdf = "vbscript:x"
)toml",
                              "cv.toml", diagnostics);
    std::vector<std::string> refusals;
    for (const std::string& line : vitae::test::lines(diagnostics)) {
        refusals.push_back(line.substr(0, line.find(" URL is refused")));
    }
    CHECK(refusals == std::vector<std::string>{
                          "cv.toml:3:12: error: a link to a 'javascript:'",
                          "cv.toml:4:35: error: a link to a 'data:'",
                          "cv.toml:9:7: error: a link to a 'file:'",
                          "cv.toml:15:7: error: a link to a 'vbscript:'",
                      });
}

namespace {

RichText parse_block(std::string_view text, Diagnostics& diagnostics) {
    return vitae::parse_markup(text, vitae::test::region("cv.toml", 2, 5), {}, diagnostics,
                               vitae::TextShape::block);
}

/// The spans with their breaks: "|" a line break, "¶" a paragraph break.
std::string breaks(const RichText& text) {
    std::string out;
    for (const Span& span : text.spans) {
        if (span.break_before == Span::Break::line) out += '|';
        if (span.break_before == Span::Break::paragraph) out += "\u00B6";
        out += span.text;
    }
    return out;
}

}  // namespace

TEST_CASE("a blank line starts a paragraph, a backslash at a line's end breaks the line", "[markup]") {
    Diagnostics diagnostics;
    // Spaces around a break go; several blank lines are one break; a
    // backslash before a blank line still makes a paragraph.
    CHECK(breaks(parse_block("one\ntwo  \n\nthree \n  \n\n   four\\\n   five\\\n\nsix", diagnostics)) ==
          "one two\u00B6three\u00B6four|five\u00B6six");
    CHECK(breaks(parse_block("Windows\r\nline ends\r\n\r\ntoo\\\r\nhere", diagnostics)) ==
          "Windows line ends\u00B6too|here");
    // Nothing before the first paragraph or after the last one.
    CHECK(breaks(parse_block("only\n\n", diagnostics)) == "only");
    // An escaped backslash at a line's end is the character, then a space.
    CHECK(breaks(parse_block("a\\\\\nb", diagnostics)) == "a\\ b");
    // A break keeps the style around it.
    const RichText styled = parse_block("**bold\n\nstill bold**", diagnostics);
    REQUIRE(styled.spans.size() == 2);
    CHECK(styled.spans[1].bold);
    CHECK(styled.spans[1].start == vitae::SourcePosition{2, 13});
    CHECK(styled.plain() == "bold\n\nstill bold");
    CHECK(diagnostics.empty());

    const std::vector<RichText> paragraphs =
        vitae::cv::split_paragraphs(parse_block("a\\\nb\n\nc", diagnostics));
    REQUIRE(paragraphs.size() == 2);
    CHECK(breaks(paragraphs[0]) == "a|b");
    CHECK(breaks(paragraphs[1]) == "c");
}

TEST_CASE("paragraph and line breaks in a one-line field are errors at their place", "[markup]") {
    Diagnostics diagnostics;
    CHECK(parse("one\n\ntwo", diagnostics).plain() == "one two");
    CHECK(parse("one\\\ntwo", diagnostics).plain() == "one two");
    const std::string hint =
        " (paragraphs and line breaks belong in a summary, description, highlight, list item or text "
        "section; join the lines here)";
    CHECK(
        vitae::test::lines(diagnostics) ==
        std::vector<std::string>{
            "cv.toml:2:8: error: a blank line (a paragraph break) in a one-line field" + hint,
            "cv.toml:2:8: error: a line break (a backslash at the end of a line) in a one-line field" + hint,
        });
}

TEST_CASE("`code` is literal text in its own span", "[markup]") {
    Diagnostics diagnostics;
    const RichText text = parse("run `make **all** \\*` now", diagnostics);
    REQUIRE(text.spans.size() == 3);
    CHECK(text.spans[1].code);
    CHECK(text.spans[1].text == "make **all** \\*");
    CHECK(text.spans[1].start.column == 10);
    CHECK_FALSE(text.spans[2].code);
    CHECK(text.plain() == "run make **all** \\* now");
    CHECK(parse("a \\` b", diagnostics).plain() == "a ` b");
    CHECK(diagnostics.empty());
    (void)parse("an `unclosed", diagnostics);
    CHECK(vitae::test::lines(diagnostics) ==
          std::vector<std::string>{
              "cv.toml:2:8: error: unclosed '`' (code) (write \\` for a literal backquote)"});
}
