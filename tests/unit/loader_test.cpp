#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "unit/support.hpp"
#include "unit/temporary_directory.hpp"
#include "vitae/base/limits.hpp"
#include "vitae/load/cv_loader.hpp"

using vitae::Diagnostics;

namespace {

struct Loaded {
    vitae::cv::Document document;
    std::vector<std::string> diagnostics;
};

Loaded load(std::string_view toml) {
    Diagnostics diagnostics;
    Loaded loaded{vitae::load_cv_text(toml, "cv.toml", diagnostics), {}};
    loaded.diagnostics = vitae::test::lines(diagnostics);
    return loaded;
}

constexpr std::string_view person = "[person]\nname = \"Ada\"\n";

}  // namespace

TEST_CASE("a minimal CV loads without diagnostics", "[loader]") {
    const Loaded loaded = load(person);
    CHECK(loaded.diagnostics.empty());
    CHECK(loaded.document.person.name.plain() == "Ada");
}

TEST_CASE("a TOML syntax error is reported where the parser stopped", "[loader]") {
    const Loaded loaded = load("[person]\nname = \"Ada\nemail = 3\n");
    REQUIRE(loaded.diagnostics.size() == 1);
    CHECK(loaded.diagnostics[0].starts_with("cv.toml:2:12: error: "));
}

TEST_CASE("a bare month where TOML expects a date says to quote it", "[loader]") {
    const Loaded loaded = load(
        "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Work\"\n"
        "[[section.entry]]\ntitle = \"Analytical Engine\"\nstart = 1843-07\n");
    REQUIRE(loaded.diagnostics.size() == 1);
    CHECK(loaded.diagnostics[0].starts_with("cv.toml:7:"));
    CHECK(loaded.diagnostics[0].find("error: Error while parsing date") != std::string::npos);
    CHECK(
        loaded.diagnostics[0].ends_with("(a TOML date needs a year, a month and a day (2019-07-01); write a "
                                        "month or a year as a string: \"2019-07\")"));
}

TEST_CASE("a profile given as a key of the person points to links", "[loader]") {
    const Loaded loaded = load("[person]\nname = \"Ada\"\ngithub = \"ada\"\n");
    CHECK(loaded.diagnostics ==
          std::vector<std::string>{
              "cv.toml:3:1: error: unknown key 'github' in person (did you mean 'links'?)"});
}

TEST_CASE("invalid UTF-8 is a parse error with its position", "[loader]") {
    const Loaded loaded =
        load("[person]\nname = \"A\xff\"\n# caf\xc3\xa9 \xc3\x28 \xed\xa0\x80\n# \xc0\xaf\n");
    CHECK(loaded.diagnostics == std::vector<std::string>{
                                    "cv.toml:2:10: error: invalid UTF-8 (byte 0xFF) (save the file as UTF-8)",
                                    "cv.toml:3:8: error: invalid UTF-8 (byte 0xC3) (save the file as UTF-8)",
                                    "cv.toml:4:3: error: invalid UTF-8 (byte 0xC0) (save the file as UTF-8)",
                                });
}

TEST_CASE("wrong types say what was expected and what was found", "[loader]") {
    const Loaded loaded = load(R"([person]
name = 42
links = "github"

[[section]]
title = "Work"
priority = "high"
[[section.entry]]
title = "ACME"
highlights = ["ok", 7]
tags = "industry"
)");
    CHECK(loaded.diagnostics ==
          std::vector<std::string>{
              "cv.toml:2:8: error: expected string for 'name', got integer",
              "cv.toml:3:9: error: expected array of tables ([[links]]) for 'links', got string",
              "cv.toml:7:12: error: expected integer for 'priority', got string",
              "cv.toml:10:21: error: expected string or table for element 2 of 'highlights', got integer",
              "cv.toml:11:8: error: expected array of strings for 'tags', got string",
          });
}

TEST_CASE("missing required fields are reported at their table", "[loader]") {
    const Loaded loaded = load(R"([person]
email = "a@b.org"

[[section]]
kind = "skills"
[[section.entry]]
items = ["C++"]
)");
    CHECK(loaded.diagnostics == std::vector<std::string>{
                                    "cv.toml:1:1: error: missing required key 'name' in person",
                                    "cv.toml:4:1: error: missing required key 'title' in section",
                                    "cv.toml:6:1: error: missing required key 'label' in skill row",
                                });
    CHECK(
        load("").diagnostics ==
        std::vector<std::string>{"cv.toml:1:1: error: missing required table [person] (add [person] with at "
                                 "least name = \"…\")"});
}

TEST_CASE("unknown keys suggest the near one", "[loader]") {
    const Loaded loaded = load(R"([person]
name = "Ada"
emial = "a@b.org"

[[sections]]
title = "x"

[[section]]
title = "Work"
[[section.entry]]
titel = "ACME"
venue = "ICML"
wibble = 1
)");
    CHECK(loaded.diagnostics ==
          std::vector<std::string>{
              "cv.toml:3:1: error: unknown key 'emial' in person (did you mean 'email'?)",
              "cv.toml:5:3: error: unknown key 'sections' in the CV (did you mean 'section'?)",
              "cv.toml:10:1: error: missing required key 'title' in entry",
              "cv.toml:11:1: error: unknown key 'titel' in entry (did you mean 'title'?)",
              "cv.toml:12:1: error: unknown key 'venue' in entry ('venue' belongs to entries of a section "
              "with kind "
              "= \"publications\"; this section's kind is \"entries\")",
              "cv.toml:13:1: error: unknown key 'wibble' in entry",
          });
}

TEST_CASE("the words other CV formats use suggest vitae's key", "[loader]") {
    const Loaded loaded = load(R"([person]
name = "Ada"
label = "Engineer"
website = "ada.org"

[[section]]
name = "Work"
[[section.entry]]
company = "ACME"
position = "Engineer"
startDate = "2020"
end_date = "2021"
summary = "Built things."
keywords = ["C++"]

[[section]]
title = "Skills"
kind = "skills"
[[section.entry]]
name = "Languages"
keywords = ["C++"]

[[section]]
title = "Papers"
kind = "publications"
[[section.entry]]
title = "On engines"
journal = "J. Eng."
summary = "Cited."
highlights = ["Best paper"]
)");
    CHECK(loaded.diagnostics ==
          std::vector<std::string>{
              "cv.toml:3:1: error: unknown key 'label' in person (did you mean 'headline'?)",
              "cv.toml:4:1: error: unknown key 'website' in person (did you mean 'homepage'?)",
              "cv.toml:6:1: error: missing required key 'title' in section",
              "cv.toml:7:1: error: unknown key 'name' in section (did you mean 'title'?)",
              "cv.toml:8:1: error: missing required key 'title' in entry",
              "cv.toml:9:1: error: unknown key 'company' in entry (did you mean 'title'?)",
              "cv.toml:10:1: error: unknown key 'position' in entry (did you mean 'subtitle'?)",
              "cv.toml:11:1: error: unknown key 'startDate' in entry (did you mean 'start'?)",
              "cv.toml:12:1: error: unknown key 'end_date' in entry (did you mean 'end'?)",
              "cv.toml:13:1: error: unknown key 'summary' in entry (did you mean 'description'?)",
              "cv.toml:14:1: error: unknown key 'keywords' in entry (did you mean 'highlights'?)",
              "cv.toml:19:1: error: missing required key 'label' in skill row",
              "cv.toml:19:1: error: missing required key 'items' in skill row",
              "cv.toml:20:1: error: unknown key 'name' in skill row (did you mean 'label'?)",
              "cv.toml:21:1: error: unknown key 'keywords' in skill row (did you mean 'items'?)",
              "cv.toml:28:1: error: unknown key 'journal' in publication (did you mean 'venue'?)",
              "cv.toml:29:1: error: unknown key 'summary' in publication (did you mean 'note'?)",
              "cv.toml:30:1: error: unknown key 'highlights' in publication (did you mean 'note'?)",
          });
}

TEST_CASE("an unknown icon lists the icons there are", "[loader]") {
    const Loaded loaded = load(R"([person]
name = "Ada"
links = [
  { label = "X", url = "https://x.com/ada", icon = "X" },
  { label = "Flickr", url = "https://flickr.com/ada", icon = "flickr" },
]
)");
    REQUIRE(loaded.diagnostics.size() == 2);
    CHECK(loaded.diagnostics[0].starts_with(
        "cv.toml:4:52: error: unknown icon 'X' (did you mean 'x-twitter'? The icons are: envelope, phone, "));
    CHECK(loaded.diagnostics[1].starts_with(
        "cv.toml:5:62: error: unknown icon 'flickr' (the icons are: envelope, "));
    for (const std::string_view icon : vitae::cv::known_icons()) {
        CHECK(loaded.diagnostics[1].find(std::string{icon}) != std::string::npos);
    }
}

TEST_CASE("impossible dates and reversed ranges", "[loader]") {
    const Loaded loaded = load(R"([person]
name = "Ada"
[[section]]
title = "Work"
[[section.entry]]
title = "A"
start = "2021-13"
[[section.entry]]
title = "B"
start = "2021-02-30"
end = "present"
[[section.entry]]
title = "C"
start = "2021-08"
end = "2020-05"
[[section.entry]]
title = "D"
start = "present"
date = 2020
[[section.entry]]
title = "E"
start = 2019-05-01
end = 2021
end_note = "expected"
)");
    CHECK(loaded.diagnostics ==
          std::vector<std::string>{
              "cv.toml:7:15: error: invalid date '2021-13': month 13 is not between 1 and 12",
              "cv.toml:10:18: error: invalid date '2021-02-30': February 2021 has 28 days",
              "cv.toml:15:7: warning: end date is before the start date",
              "cv.toml:18:9: error: 'start' cannot be \"present\" (only 'end' can be \"present\")",
              "cv.toml:19:8: error: give either 'date' or 'start'/'end', not both",
          });
    const auto& entries = loaded.document.sections.at(0).entries;
    REQUIRE(entries.size() == 5);
    CHECK(entries[1].dates.start == std::nullopt);
    CHECK(entries[4].dates.start == vitae::cv::Date{2019, 5, 1});
    CHECK(entries[4].dates.end == vitae::cv::Date{2021, 0, 0});
    CHECK(entries[4].dates.end_note.plain() == "expected");
}

TEST_CASE("a date inside a string with escapes is located exactly", "[loader]") {
    const Loaded loaded = load(
        "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"W\"\n[[section.entry]]\n"
        "title = \"A\"\nstart = \"\\u0032021-13\"\n");
    // The escape \u0032 is the '2' at column 10; the month starts 5 characters
    // later in the value but at column 20 in the file.
    CHECK(loaded.diagnostics ==
          std::vector<std::string>{
              "cv.toml:7:20: error: invalid date '2021-13': month 13 is not between 1 and 12"});
}

TEST_CASE("duplicate section titles", "[loader]") {
    const Loaded loaded = load(R"([person]
name = "Ada"
[[section]]
title = "Skills"
kind = "text"
text = "a"
[[section]]
title = "skills"
kind = "text"
text = "b"
)");
    CHECK(loaded.diagnostics ==
          std::vector<std::string>{
              "cv.toml:7:1: error: duplicate section title 'skills' (first used at cv.toml:3:1)"});
}

TEST_CASE("markup errors are reported at their column in the file", "[loader]") {
    const Loaded loaded = load(
        "[person]\nname = \"Ada\"\nheadline = \"Builds **fast things\"\n"
        "summary = '''\nLine one\n  and *two'''\n");
    CHECK(loaded.diagnostics ==
          std::vector<std::string>{
              "cv.toml:3:20: error: unclosed '**' (bold) (write \\* for a literal asterisk)",
              "cv.toml:6:7: error: unclosed '*' (italic) (write \\* for a literal asterisk)",
          });
}

TEST_CASE("section kinds take their own content", "[loader]") {
    const Loaded loaded = load(R"([person]
name = "Ada"
[[section]]
title = "Langs"
kind = "lists"
[[section]]
title = "Spoken"
kind = "list"
text = "no"
[[section]]
title = "About"
kind = "text"
[[section]]
title = "Papers"
kind = "publications"
[[section.entry]]
title = "P"
authors = ["Ada Lovelace", "C. Babbage"]
equal_contribution = ["Ada Lovelce"]
year = 12
)");
    CHECK(
        loaded.diagnostics ==
        std::vector<std::string>{
            "cv.toml:3:1: warning: section 'Langs' has no entries",
            "cv.toml:5:8: error: unknown section kind 'lists' (did you mean 'list'?)",
            "cv.toml:6:1: error: missing required key 'items' in section 'Spoken'",
            "cv.toml:9:8: error: a section of kind \"list\" has no 'text' (use 'items = [\"…\"]')",
            "cv.toml:10:1: error: missing required key 'text' in section 'About'",
            "cv.toml:19:23: error: 'Ada Lovelce' in 'equal_contribution' is not one of the authors (did you "
            "mean 'Ada Lovelace'?)",
            "cv.toml:20:8: error: year 12 is not a four-digit year",
        });
}

TEST_CASE("links and contacts are checked and keep file order", "[loader]") {
    const Loaded loaded = load(R"([person]
name = "Ada"
homepage = "ada.org"
phone = "+44 20 7946 0000"
email = "ada.org"
links = [
  { label = "GitHub", url = "https://github.com/ada", icon = "githb" },
  { label = "Blog" },
]
)");
    CHECK(loaded.diagnostics ==
          std::vector<std::string>{
              "cv.toml:5:9: error: 'ada.org' is not an email address",
              "cv.toml:7:62: error: unknown icon 'githb' (did you mean 'github'? The icons are: "
              "envelope, phone, mobile, fax, home, globe, map-marker, github, gitlab, bitbucket, "
              "linkedin, xing, twitter, x-twitter, mastodon, orcid, google-scholar, "
              "researchgate, researcherid, stack-overflow, youtube, soundcloud, skype, "
              "telegram, discord, link)",
              "cv.toml:8:3: error: missing required key 'url' in link",
          });
    const auto& contacts = loaded.document.person.contacts;
    REQUIRE(contacts.size() == 3);
    CHECK(contacts[0].kind == vitae::cv::Contact::Kind::homepage);
    CHECK(contacts[0].url() == "https://ada.org");
    CHECK(contacts[1].url() == "tel:+442079460000");
    CHECK(contacts[2].kind == vitae::cv::Contact::Kind::email);
}

TEST_CASE("aliases are other spellings of the person's name", "[loader]") {
    const Loaded loaded = load(R"([person]
name = "Zangwei Zheng"
aliases = ["Z. Zheng", "Zheng Zangwei"]
)");
    CHECK(loaded.diagnostics.empty());
    CHECK(loaded.document.person.aliases == std::vector<std::string>{"Z. Zheng", "Zheng Zangwei"});

    CHECK(
        load("[person]\nname = \"Ada\"\naliases = \"A. Lovelace\"\n").diagnostics ==
        std::vector<std::string>{"cv.toml:3:11: error: expected array of strings for 'aliases', got string"});
    const Loaded blank = load("[person]\nname = \"Ada\"\naliases = [\"A. Lovelace\", \" \", 3]\n");
    CHECK(blank.diagnostics ==
          std::vector<std::string>{
              "cv.toml:3:27: error: empty alias in 'aliases'",
              "cv.toml:3:32: error: expected string for element 3 of 'aliases', got integer",
          });
    CHECK(blank.document.person.aliases == std::vector<std::string>{"A. Lovelace"});
}

TEST_CASE("every problem of a file is reported in one run, in file order", "[loader]") {
    const Loaded loaded = load(R"([person]
name = "Ada"
[[section]]
title = "Work"
[[section.entry]]
title = 1
start = "2021-13"
[[section.entry]]
title = "ok"
locaton = "x"
highlights = ["**open"]
)");
    CHECK(loaded.diagnostics.size() == 4);
    CHECK(loaded.diagnostics[0].starts_with("cv.toml:6:9: error: expected string for 'title'"));
    CHECK(loaded.diagnostics[1].starts_with("cv.toml:7:"));
    CHECK(loaded.diagnostics[2].starts_with("cv.toml:10:1: error: unknown key 'locaton'"));
    CHECK(loaded.diagnostics[3].starts_with("cv.toml:11:16: error: unclosed '**'"));
}

TEST_CASE("roles at one employer", "[loader]") {
    const Loaded loaded = load(R"([person]
name = "Ada"
[[section]]
title = "Work"
[[section.entry]]
title = "ACME"
roles = [
  { title = "Staff Engineer", start = "2022-01", end = "present", highlights = ["Led *things*"] },
  { title = "Engineer", start = "2019-03", end = "2021-12" },
]
)");
    CHECK(loaded.diagnostics.empty());
    const auto& roles = loaded.document.sections.at(0).entries.at(0).roles;
    REQUIRE(roles.size() == 2);
    CHECK(roles[0].title.plain() == "Staff Engineer");
    CHECK(roles[0].dates.ongoing);
    CHECK(roles[0].highlights.at(0).text.spans.at(1).italic);
    CHECK(roles[1].dates.end == vitae::cv::Date{2021, 12, 0});
}

TEST_CASE("a file that cannot be read is an error naming it", "[loader]") {
    Diagnostics diagnostics;
    (void)vitae::load_cv_file("/nonexistent/cv.toml", diagnostics);
    CHECK(vitae::test::lines(diagnostics) ==
          std::vector<std::string>{
              "/nonexistent/cv.toml: error: cannot read the file: No such file or directory"});
}

TEST_CASE("the owner's name may not be empty", "[loader]") {
    CHECK(load("[person]\nname = \"\"\n").diagnostics ==
          std::vector<std::string>{"cv.toml:2:8: error: empty 'name' (the CV's owner needs a name)"});
}

TEST_CASE("control characters are errors at their column, in strings and keys", "[loader]") {
    // toml++ refuses them raw; its escapes make them.
    const Loaded loaded = load(R"([person]
name = "A\u0001B"
headline = "x\u0000"
summary = """
ok\tand
new line \u007F \u0085"""
"key\u001b" = 1
email = "a@b\u2028c"
)");
    CHECK(
        loaded.diagnostics ==
        std::vector<std::string>{
            "cv.toml:2:10: error: control character U+0001 in a string (remove it: no output can print it)",
            "cv.toml:3:14: error: control character U+0000 in a string (remove it: no output can print it)",
            "cv.toml:6:10: error: control character U+007F in a string (remove it: no output can print it)",
            "cv.toml:7:1: error: unknown key 'key\\x1B' in person",
            "cv.toml:7:5: error: control character U+001B in a key (remove it: no output can print it)",
            "cv.toml:8:13: error: line separator U+2028 in a string (write a line break as \\n, or a space)",
        });
}

TEST_CASE("a tab and a line break are allowed in strings, not in keys", "[loader]") {
    CHECK(load(std::string{person} + "headline = \"a\\tb\\nc\"\n").diagnostics.empty());
    CHECK(load(std::string{person} + "\"a\\tb\" = 1\n").diagnostics ==
          std::vector<std::string>{
              "cv.toml:3:1: error: unknown key 'a\\tb' in person",
              "cv.toml:3:3: error: control character U+0009 in a key (remove it: no output can print it)",
          });
}

TEST_CASE("integers that do not fit are range errors, never narrowed", "[loader]") {
    const Loaded loaded = load(std::string{person} + R"(
[[section]]
title = "Work"
priority = 2147483648
[[section.entry]]
title = "Job"
start = 4294969296
priority = -2147483649
[[section]]
title = "Papers"
kind = "publications"
[[section.entry]]
title = "Paper"
year = 4294969296
)");
    CHECK(
        loaded.diagnostics ==
        std::vector<std::string>{
            "cv.toml:6:12: error: 'priority' is out of range: 2147483648 (from -2147483648 to 2147483647)",
            "cv.toml:9:9: error: 'start' is out of range: 4294969296 (from -2147483648 to 2147483647)",
            "cv.toml:10:12: error: 'priority' is out of range: -2147483649 (from -2147483648 to 2147483647)",
            "cv.toml:16:8: error: 'year' is out of range: 4294969296 (from -2147483648 to 2147483647)",
        });
}

TEST_CASE("a link target longer than a PDF link can hold is an error at it", "[loader]") {
    const std::string longest(vitae::limits::max_link_target_bytes, 'a');
    const std::string links = "links = [{ label = \"x\", url = \"" + longest + "\" }]\n";
    CHECK(load(std::string{person} + links).diagnostics.empty());
    const std::string too_long = "homepage = \"" + longest + "b\"\n";
    CHECK(load(std::string{person} + too_long).diagnostics ==
          std::vector<std::string>{"cv.toml:3:12: error: a link target of " +
                                   std::to_string(longest.size() + 1) + " bytes; at most " +
                                   std::to_string(longest.size()) + " fit in a PDF link"});
}

TEST_CASE("deeply dotted keys are stopped before toml++ recurses on them", "[loader]") {
    // 200,000 parts overflowed the stack inside toml++.
    std::string key = "x";
    for (int part = 0; part < 200'000; ++part) key += ".a";
    const Loaded deep = load(std::string{person} + key + " = 1\n");
    // [person] is one level, x.a… the next 255: the 255th dot is too deep.
    CHECK(deep.diagnostics ==
          std::vector<std::string>{
              "cv.toml:3:510: error: keys, headers and brackets nest deeper than 256 levels "
              "(each part of a dotted key or [header] is a table inside the one before)"});

    std::string header = "[a";
    for (int part = 0; part < 200'000; ++part) header += ".b";
    CHECK(load(header + "]\n").diagnostics.size() == 1);
    std::string inline_tables = "x = ";
    for (int level = 0; level < 100; ++level) inline_tables += "{ a.b.c = ";
    CHECK(load(inline_tables + "1" + std::string(100, '}') + "\n")
              .diagnostics.front()
              .starts_with("cv.toml:1:"));

    // Dots in values, strings and comments are no keys; 255 levels are fine.
    const Loaded shallow = load(std::string{person} + R"(headline = "a.b.c.d"  # e.f.g.h
[[section]]
title = "x.y"
"q.r".s = 1.5
)");
    CHECK(shallow.diagnostics == std::vector<std::string>{
                                     "cv.toml:4:1: warning: section 'x.y' has no entries",
                                     "cv.toml:6:1: error: unknown key 'q.r' in section",
                                 });
    CHECK(load("x = " + std::string(255, '[') + std::string(255, ']') + "\n")
              .diagnostics.front()
              .find("nest") == std::string::npos);
}

TEST_CASE("with --sandbox a bibliography must be in the CV's folder", "[loader]") {
    const vitae::test::TemporaryDirectory directory;
    const std::string bib = "@article{a, title = {T}, author = {Ada}, year = {2020}}\n";
    const std::string outside = directory.write("outside.bib", bib);
    (void)directory.write("cv/inside.bib", bib);
    std::filesystem::create_symlink(outside, directory.path() / "cv" / "link.bib");
    auto cv_naming = [&](const std::string& file) {
        return directory.write("cv/cv.toml", std::string{person} +
                                                 "[[section]]\ntitle = \"Papers\"\nkind = "
                                                 "\"publications\"\nbibliography = \"" +
                                                 file + "\"\n");
    };
    for (const std::string& file : {outside, std::string{"../outside.bib"}, std::string{"link.bib"}}) {
        const std::string cv = cv_naming(file);
        Diagnostics trusted;
        const vitae::cv::Document document = vitae::load_cv_file(cv, trusted);
        CHECK_FALSE(trusted.has_errors());
        CHECK(document.sections.at(0).publications.size() == 1);

        Diagnostics sandboxed;
        (void)vitae::load_cv_file(cv, sandboxed, vitae::FileAccess::sandboxed);
        const std::vector<std::string> lines = vitae::test::lines(sandboxed);
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].starts_with(cv + ":6:16: error: the bibliography '" + file +
                                   "' is outside the CV's folder"));
    }
    Diagnostics inside;
    const vitae::cv::Document document =
        vitae::load_cv_file(cv_naming("inside.bib"), inside, vitae::FileAccess::sandboxed);
    CHECK_FALSE(inside.has_errors());
    CHECK(document.sections.at(0).publications.size() == 1);
}

TEST_CASE("a publication's abbr, month, volume, issue and pages load, and a wrong month is an error",
          "[loader]") {
    const std::string section =
        "[[section]]\ntitle = \"Papers\"\nkind = \"publications\"\n[[section.entry]]\n";
    const Loaded loaded =
        load(std::string{person} + section +
             "title = \"T\"\nyear = 2024\nmonth = 3\nvolume = 12\nissue = \"3\"\npages = \"45--67\"\n"
             "abbr = \"ICML\"\n");
    CHECK(loaded.diagnostics.empty());
    REQUIRE(loaded.document.sections.size() == 1);
    const vitae::cv::Publication& publication = loaded.document.sections[0].publications.at(0);
    CHECK(publication.month == 3);
    CHECK(publication.volume == "12");
    CHECK(publication.issue == "3");
    CHECK(publication.pages == "45--67");
    CHECK(publication.abbr == "ICML");

    const Loaded wrong = load(std::string{person} + section +
                              "title = \"T\"\nmonth = 13\n[[section.entry]]\ntitle = \"U\"\nmonth = 2\n"
                              "[[section.entry]]\ntitle = \"V\"\npages = 1.5\n");
    REQUIRE(wrong.diagnostics.size() == 3);
    CHECK(wrong.diagnostics[0].find("cv.toml:8:9: error: month 13 is not from 1 to 12") == 0);
    CHECK(wrong.diagnostics[1].find("cv.toml:11:9: error: a 'month' without a 'year'") == 0);
    CHECK(wrong.diagnostics[2].find("cv.toml:14:9:") == 0);
    CHECK(wrong.diagnostics[2].find("string or integer") != std::string::npos);
}

TEST_CASE("several phones, each a string or a table whose kind chooses its icon", "[loader]") {
    const Loaded loaded = load(
        "[person]\nname = \"Ada\"\nemail = \"a@b.c\"\n"
        "phone = [\"+1 555 0100\", { number = \"+1 555 0101\", kind = \"mobile\" },\n"
        "  { number = \"+1 555 0102\", kind = \"fax\" }, { number = \"+1 555 0103\", kind = \"office\" }]\n"
        "location = \"Here\"\n");
    CHECK(loaded.diagnostics.empty());
    const auto& contacts = loaded.document.person.contacts;
    REQUIRE(contacts.size() == 6);
    CHECK(contacts[0].kind == vitae::cv::Contact::Kind::email);
    CHECK(contacts[1].value == "+1 555 0100");
    CHECK(contacts[1].icon() == "phone");
    CHECK(contacts[2].icon() == "mobile");
    CHECK(contacts[2].url() == "tel:+15550101");
    CHECK(contacts[3].icon() == "fax");
    CHECK(contacts[4].icon() == "phone");
    CHECK(contacts[5].kind == vitae::cv::Contact::Kind::location);
    for (const auto& contact : contacts) {
        const auto& icons = vitae::cv::known_icons();
        CHECK(std::find(icons.begin(), icons.end(), contact.icon()) != icons.end());
    }

    const Loaded wrong = load(
        "[person]\nname = \"Ada\"\nphone = [{ number = \"1\", kind = \"mobil\" }, { kind = \"fax\" }, 3]\n");
    REQUIRE(wrong.diagnostics.size() == 3);
    CHECK(wrong.diagnostics[0].find("cv.toml:3:") == 0);
    CHECK(wrong.diagnostics[0].find("unknown phone kind 'mobil'") != std::string::npos);
    CHECK(wrong.diagnostics[0].find("mobile") != std::string::npos);
    CHECK(wrong.diagnostics[1].find("missing required key 'number'") != std::string::npos);
    CHECK(wrong.diagnostics[2].find("string or table") != std::string::npos);
}

TEST_CASE("[person] url links the name", "[loader]") {
    const Loaded loaded = load("[person]\nname = \"Ada *Lovelace*\"\nurl = \"https://ada.example\"\n");
    CHECK(loaded.diagnostics.empty());
    REQUIRE_FALSE(loaded.document.person.name.spans.empty());
    for (const auto& span : loaded.document.person.name.spans) CHECK(span.link == "https://ada.example");
    CHECK(loaded.document.person.name.plain() == "Ada Lovelace");
    // A link target obeys the rules of every link.
    CHECK_FALSE(load("[person]\nname = \"Ada\"\nurl = \"javascript:x\"\n").diagnostics.empty());
}

TEST_CASE("block fields keep paragraph breaks, one-line fields refuse them at their place", "[loader]") {
    const Loaded loaded = load(R"toml([person]
name = "Ada"
summary = """
One.

Two."""
[[section]]
title = """Work

History"""
)toml");
    CHECK(loaded.document.person.summary.plain() == "One.\n\nTwo.");
    CHECK(
        loaded.diagnostics ==
        std::vector<std::string>{
            "cv.toml:7:1: warning: section 'Work History' has no entries",
            "cv.toml:8:16: error: a blank line (a paragraph break) in a one-line field (paragraphs and line "
            "breaks belong in a summary, description, highlight, list item or text section; join the lines "
            "here)",
        });
}

TEST_CASE("numbered and reversed belong to lists, reversed needs numbered", "[loader]") {
    const Loaded loaded = load(R"toml([person]
name = "Ada"
[[section]]
title = "Talks"
kind = "list"
numbered = true
reversed = true
items = ["a", "b", "c"]
[[section]]
title = "Notes"
kind = "list"
reversed = true
items = ["a"]
[[section]]
title = "Work"
numbered = true
[[section.entry]]
title = "Lab"
group = "Research"
)toml");
    const vitae::cv::Section& talks = loaded.document.sections.at(0);
    CHECK(talks.numbering == vitae::cv::Section::Numbering::descending);
    CHECK(talks.item_number(0) == 3);
    CHECK(talks.item_number(2) == 1);
    CHECK(loaded.document.sections.at(2).entries.at(0).group.plain() == "Research");
    CHECK(loaded.diagnostics ==
          std::vector<std::string>{
              "cv.toml:12:12: error: 'reversed' counts down a numbered list's items (add numbered = true)",
              "cv.toml:16:12: error: 'numbered' numbers the items of a section with kind = \"list\"",
          });
}
