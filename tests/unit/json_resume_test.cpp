// JSON Resume, old keys and new (tests/data/resume.json is the schema's own
// sample, with the older company / website / gpa keys, a profile without a
// URL, a job with a description and a summary, partial dates, an open-ended
// job, and an impossible date).
#include "vitae/load/json_resume.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "seed_words.hpp"
#include "unit/support.hpp"
#include "vitae/load/cv_loader.hpp"

namespace {

std::string resume_json() {
    std::ifstream file{std::string{VITAE_SOURCE_DIR} + "/tests/data/resume.json"};
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a JSON Resume converts to TOML that loads, every field placed or listed", "[json-resume]") {
    std::string json = resume_json();
    json.replace(json.find("2010-13-01"), 10, "2010-12-01");
    vitae::Diagnostics diagnostics;
    const std::string toml = vitae::json_resume_to_toml(json, "resume.json", diagnostics);
    CHECK(
        vitae::test::lines(diagnostics) ==
        std::vector<std::string>{
            "resume.json: warning: 'meta.canonical' has no place in vitae's CV format (vitae import keeps it "
            "as a comment at the end of the TOML it writes)",
            "resume.json: warning: 'meta.lastModified' has no place in vitae's CV format (vitae import keeps "
            "it as a comment at the end of the TOML it writes)",
            "resume.json: warning: 'meta.version' has no place in vitae's CV format (vitae import keeps it "
            "as a comment at the end of the TOML it writes)",
            "resume.json: warning: 'basics.image' is a URL, and vitae shows a photo from a "
            "file: download it and give its path as [person] photo (vitae import keeps it as a "
            "comment at the end of the TOML it writes)"});
    // Old keys and new: company and name, website and url, gpa and score.
    CHECK(has(toml,
              "[[section.entry]]\ntitle = \"Pied Piper\"\nsubtitle = \"CEO/President\"\n"
              "url = \"http://piedpiper.example.com\"\nstart = \"2013-12-01\"\nend = \"present\"\n"));
    // The company's description and the job's summary: both, a paragraph each.
    CHECK(has(toml, "description = \"Compression company\\n\\nPied Piper is a multi-platform"));
    CHECK(has(toml,
              "title = \"Hooli\"\nsubtitle = \"Engineer\"\nurl = \"https://hooli.example.com\"\n"
              "location = \"Palo Alto, CA\"\nstart = \"2011-01\"\nend = \"2013-11\"\n"));
    CHECK(has(toml, "subtitle = \"Bachelor in Information Technology\""));
    CHECK(has(toml, "\"Score: 4.0\""));
    CHECK(has(toml, "homepage = \"http://richardhendricks.example.com\""));
    CHECK(has(toml,
              "{ label = \"Twitter\", url = \"https://twitter.com/neutralthoughts\", icon = \"twitter\" }"));
    CHECK(has(toml,
              "{ label = \"SoundCloud\", url = \"https://soundcloud.example/dandymusicnl\", icon = "
              "\"soundcloud\" }"));
    // A username with no URL is a link all the same.
    CHECK(has(toml, "{ label = \"GitHub\", url = \"https://github.com/richard\", icon = \"github\" }"));
    // Street, then postcode and city, region, country.
    CHECK(has(toml, "location = \"2712 Broadway St, CA 94115 San Francisco, California, US\"\n"));
    // A project's type with its name; its roles, then its entity.
    CHECK(has(toml,
              "title = \"Miss Direction \\\\(application\\\\)\"\nsubtitle = \"Team lead, Designer "
              "\u2014 Smoogle\"\n"));
    CHECK(has(toml,
              "label = \"Web Development \\\\(Master\\\\)\"\nitems = [\n  \"HTML\",\n  \"CSS\",\n  "
              "\"Javascript\",\n]"));
    CHECK(has(toml, "kind = \"publications\""));
    // The month of a release has a key; its day has none: the note says it.
    CHECK(has(toml, "year = 2014\nmonth = 10\n"));
    CHECK(has(toml, "note = \"Released 1 October 2014. Innovative middle-out"));
    // Text is literal: markup characters escaped.
    CHECK(has(toml, "\\\\(Go Sooners \\\\*and\\\\* Cardinal\\\\!\\\\)"));
    // What had no place is kept, not dropped.
    CHECK(has(toml, "# basics.image = \"https://example.org/richard.png\"\n"));

    vitae::Diagnostics loading;
    const vitae::cv::Document document = vitae::load_cv_text(toml, "resume.toml", loading);
    INFO(toml);
    CHECK(loading.empty());
    CHECK(document.person.name.plain() == "Richard Hendricks");
    CHECK(document.person.summary.plain().find("(Go Sooners *and* Cardinal!)") != std::string::npos);
    std::vector<std::string> sections;
    for (const auto& section : document.sections) sections.push_back(section.title.plain());
    CHECK(sections == std::vector<std::string>{"Experience", "Volunteering", "Education", "Awards",
                                               "Certificates", "Publications", "Skills", "Languages",
                                               "Interests", "References", "Projects"});
    CHECK(document.sections.front().entries.front().dates.ongoing);
}

TEST_CASE("a JSON Resume's problems name the field", "[json-resume]") {
    vitae::Diagnostics diagnostics;
    (void)vitae::json_resume_to_toml(resume_json(), "resume.json", diagnostics);
    CHECK(
        std::count_if(diagnostics.items().begin(), diagnostics.items().end(), [](const vitae::Diagnostic& d) {
            return vitae::format(d) ==
                   "resume.json: error: work[2].startDate: invalid date '2010-13-01': month 13 is not "
                   "between 1 "
                   "and 12";
        }) == 1);

    vitae::Diagnostics types;
    (void)vitae::json_resume_to_toml(R"({"basics": {"name": 7, "profiles": {}}, "work": [1]})", "r.json",
                                     types);
    CHECK(vitae::test::lines(types) ==
          std::vector<std::string>{"r.json: error: basics.profiles: expected an array, got object",
                                   "r.json: error: work[0]: expected an object, got number"});

    vitae::Diagnostics syntax;
    (void)vitae::json_resume_to_toml("{\n  \"basics\": {,\n}", "r.json", syntax);
    REQUIRE(syntax.items().size() == 1);
    CHECK(vitae::format(syntax.items().front()).starts_with("r.json:2:14: error: not JSON: "));
}

TEST_CASE("JSON nested past the limit, in any field, is an error at its bracket", "[json-resume]") {
    // 100,000 levels in a field vitae does not read crashed when it was
    // kept as a comment (the DOM's dump recursed).
    const std::size_t levels = 100000;
    const std::string json = "{\"basics\": {\"name\": \"A\"},\n \"unused\": " + std::string(levels, '[') +
                             std::string(levels, ']') + "}";
    vitae::Diagnostics diagnostics;
    CHECK(vitae::json_resume_to_toml(json, "r.json", diagnostics).empty());
    CHECK(vitae::test::lines(diagnostics) ==
          std::vector<std::string>{"r.json:2:267: error: arrays and objects nested deeper than 256"});
    // Brackets inside strings do not count.
    vitae::Diagnostics in_string;
    (void)vitae::json_resume_to_toml("{\"basics\": {\"name\": \"" + std::string(levels, '[') + "\"}}",
                                     "r.json", in_string);
    CHECK(in_string.empty());
}

TEST_CASE("a JSON number beyond a double is an error at it, not an exception", "[json-resume]") {
    for (const std::string& number : std::vector<std::string>{"1e400", "-1e400", std::string(400, '9')}) {
        vitae::Diagnostics diagnostics;
        CHECK(vitae::json_resume_to_toml("{\"basics\": {\"name\": \"A\"},\n  \"x\": " + number + "}",
                                         "r.json", diagnostics)
                  .empty());
        REQUIRE(diagnostics.items().size() == 1);
        CHECK(vitae::format(diagnostics.items().front()).starts_with("r.json:2:8: error: the number "));
    }
    // Tiny numbers are zero, as JSON readers take them.
    vitae::Diagnostics tiny;
    (void)vitae::json_resume_to_toml(R"({"basics": {"name": "A", "phone": 1e-400}})", "r.json", tiny);
    CHECK(tiny.empty());
}

TEST_CASE("a key twice in one JSON object is an error at the second", "[json-resume]") {
    vitae::Diagnostics diagnostics;
    (void)vitae::json_resume_to_toml(R"({"basics": {"name": "A",
  "email": "a@example.org", "name": "B"},
 "work": [{"name": "X"}, {"name": "Y"}]})",
                                     "r.json", diagnostics);
    // The same key in two objects is no duplicate.
    CHECK(vitae::test::lines(diagnostics) ==
          std::vector<std::string>{"r.json:2:29: error: key 'name' twice in one object (first at line 1:13) "
                                   "(JSON readers differ on which one counts; keep one)"});
}

TEST_CASE("vitae import keeps keys and values in comments escaped: nothing turns into TOML",
          "[json-resume]") {
    vitae::Diagnostics diagnostics;
    const std::string toml = vitae::json_resume_to_toml(
        R"({"basics": {"name": "Real"}, "a\n[person]\nname = \"x\"": 1, "b": "x\n[person]\u007f"})", "r.json",
        diagnostics);
    INFO(toml);
    CHECK(has(toml, "# \"a\\n[person]\\nname = \\\"x\\\"\" = 1\n"));
    CHECK(has(toml, "# b = \"x\\n[person]\\u007F\"\n"));
    vitae::Diagnostics loading;
    const vitae::cv::Document document = vitae::load_cv_text(toml, "r.toml", loading);
    CHECK(loading.empty());
    CHECK(document.person.name.plain() == "Real");
}

TEST_CASE("empty objects in a JSON Resume's lists are left out with one warning", "[json-resume]") {
    // 9.9 MB of `"work": [{}, {}, ...]` became 102 MB of TOML, one entry
    // titled "?" each.
    std::string json = R"({"basics": {"name": "Ada"}, "work": [)";
    constexpr std::size_t empty_jobs = 1000;
    for (std::size_t index = 0; index < empty_jobs; ++index) json += "{}, ";
    json += R"({"name": "Engine Co"}]})";
    vitae::Diagnostics diagnostics;
    const std::string toml = vitae::json_resume_to_toml(json, "r.json", diagnostics);
    CHECK(vitae::test::lines(diagnostics) ==
          std::vector<std::string>{"r.json: warning: work: 1000 empty objects (the first work[0]) left out: "
                                   "they hold nothing to import"});
    CHECK(toml.find("\"?\"") == std::string::npos);
    CHECK(toml.find("[[section.entry]]") == toml.rfind("[[section.entry]]"));
    CHECK(toml.find("Engine Co") != std::string::npos);
}

namespace {

/// Where each field of the JSON Resume schema (v1.0.0) went: into the TOML
/// (before the comments that keep what had no place) or into a warning.
struct Placed {
    std::string body;                   ///< the TOML, comments at its end cut off
    std::vector<std::string> warnings;  ///< each as formatted
};

Placed place(const std::string& json) {
    vitae::Diagnostics diagnostics;
    std::string toml = vitae::json_resume_to_toml(json, "r.json", diagnostics);
    Placed placed;
    placed.body = toml.substr(0, toml.find("\n# Fields with no place"));
    for (const auto& diagnostic : diagnostics.items()) placed.warnings.push_back(vitae::format(diagnostic));
    vitae::Diagnostics loading;
    (void)vitae::load_cv_text(toml, "r.toml", loading);
    CHECK(loading.empty());
    return placed;
}

}  // namespace

TEST_CASE("every field of the JSON Resume schema lands in the CV or in a warning", "[json-resume]") {
    // Each field holds a word of its own, so its place can be found.
    const std::string json = R"({
  "basics": {"name": "Fname", "label": "Flabel", "image": "https://fimage.example/f.png", "email": "femail@example.org",
    "phone": "555 0100", "url": "https://furl.example", "summary": "Fsummary",
    "location": {"address": "Faddress", "postalCode": "Fpostal", "city": "Fcity",
                 "countryCode": "Fcountry", "region": "Fregion"},
    "profiles": [{"network": "Fnetwork", "username": "Fusername", "url": "https://fprofile.example"},
                 {"network": "Twitter", "username": "Ftwitteruser"}]},
  "work": [{"name": "Fwork", "location": "Fworkplace", "description": "Fworkdescription",
            "position": "Fposition", "url": "https://fworkurl.example", "startDate": "2001-02",
            "endDate": "2002-03", "summary": "Fworksummary", "highlights": ["Fworkhighlight"]}],
  "volunteer": [{"organization": "Forganization", "position": "Fvolposition",
                 "url": "https://fvolurl.example", "startDate": "2003", "endDate": "2004",
                 "summary": "Fvolsummary", "highlights": ["Fvolhighlight"]}],
  "education": [{"institution": "Finstitution", "url": "https://fschool.example", "area": "Farea",
                 "studyType": "Fstudytype", "startDate": "2005", "endDate": "2006", "score": "Fscore",
                 "courses": ["Fcourse"]}],
  "awards": [{"title": "Faward", "date": "2007-01-02", "awarder": "Fawarder", "summary": "Fawardsummary"}],
  "certificates": [{"name": "Fcertificate", "date": "2008", "url": "https://fcert.example",
                    "issuer": "Fissuer"}],
  "publications": [{"name": "Fpublication", "publisher": "Fpublisher", "releaseDate": "2009-11",
                    "url": "https://fpub.example", "summary": "Fpubsummary"}],
  "skills": [{"name": "Fskill", "level": "Flevel", "keywords": ["Fskillkeyword"]}],
  "languages": [{"language": "Flanguage", "fluency": "Ffluency"}],
  "interests": [{"name": "Finterest", "keywords": ["Finterestkeyword"]}],
  "references": [{"name": "Freferee", "reference": "Freference"}],
  "projects": [{"name": "Fproject", "description": "Fprojectdescription", "highlights": ["Fprojecthighlight"],
                "keywords": ["Fprojectkeyword"], "startDate": "2010", "endDate": "2011",
                "url": "https://fproject.example", "roles": ["Frole"], "entity": "Fentity", "type": "Ftype"}],
  "meta": {"canonical": "Fcanonical", "version": "Fversion", "lastModified": "Flastmodified"}
})";
    const Placed placed = place(json);
    INFO(placed.body);
    const auto warned = [&](const std::string& path) {
        return std::any_of(placed.warnings.begin(), placed.warnings.end(),
                           [&](const std::string& warning) { return has(warning, "'" + path + "'"); });
    };
    for (const std::string word : {"Fname",
                                   "Flabel",
                                   "femail@example.org",
                                   "555 0100",
                                   "https://furl.example",
                                   "Fsummary",
                                   "Faddress",
                                   "Fpostal",
                                   "Fcity",
                                   "Fcountry",
                                   "Fregion",
                                   "Fnetwork",
                                   "Fusername",
                                   "https://fprofile.example",
                                   "Ftwitteruser",
                                   "Fwork",
                                   "Fworkplace",
                                   "Fworkdescription",
                                   "Fposition",
                                   "https://fworkurl.example",
                                   "2001-02",
                                   "2002-03",
                                   "Fworksummary",
                                   "Fworkhighlight",
                                   "Forganization",
                                   "Fvolposition",
                                   "https://fvolurl.example",
                                   "2003",
                                   "2004",
                                   "Fvolsummary",
                                   "Fvolhighlight",
                                   "Finstitution",
                                   "https://fschool.example",
                                   "Farea",
                                   "Fstudytype",
                                   "2005",
                                   "2006",
                                   "Fscore",
                                   "Fcourse",
                                   "Faward",
                                   "2007-01-02",
                                   "Fawarder",
                                   "Fawardsummary",
                                   "Fcertificate",
                                   "2008",
                                   "https://fcert.example",
                                   "Fissuer",
                                   "Fpublication",
                                   "Fpublisher",
                                   "year = 2009\nmonth = 11\n",
                                   "https://fpub.example",
                                   "Fpubsummary",
                                   "Fskill",
                                   "Flevel",
                                   "Fskillkeyword",
                                   "Flanguage",
                                   "Ffluency",
                                   "Finterest",
                                   "Finterestkeyword",
                                   "Freferee",
                                   "Freference",
                                   "Fproject",
                                   "Fprojectdescription",
                                   "Fprojecthighlight",
                                   "Fprojectkeyword",
                                   "2010",
                                   "2011",
                                   "https://fproject.example",
                                   "Frole",
                                   "Fentity",
                                   "Ftype"}) {
        CHECK(has(placed.body, word));
    }
    // The username the profile's link does not hold is in its label.
    CHECK(has(placed.body, "label = \"Fnetwork: Fusername\""));
    // meta.language is the CV's lang; the rest of meta describes the file.
    for (const std::string path : {"basics.image", "meta.canonical", "meta.version", "meta.lastModified"})
        CHECK(warned(path));
    CHECK(placed.warnings.size() == 4);
}

TEST_CASE("a JSON Resume's image is the CV's photo when it is a file", "[json-resume]") {
    vitae::Diagnostics diagnostics;
    const std::string toml = vitae::json_resume_to_toml(
        R"({"basics": {"name": "Ada", "image": "photos/ada.jpg"}})", "r.json", diagnostics);
    CHECK(diagnostics.empty());
    CHECK(toml.find("photo = \"photos/ada.jpg\"\n") != std::string::npos);
}

TEST_CASE("a JSON Resume profile's username without a URL links to its network", "[json-resume]") {
    const Placed placed = place(R"({"basics": {"name": "Ada", "profiles": [
      {"network": "X", "username": "@ada"},
      {"network": "Mastodon", "username": "@ada@fosstodon.org"},
      {"network": "Xing", "username": "Ada_Lovelace"},
      {"network": "researcherid", "username": "A-1234-2010"},
      {"network": "Stack Overflow", "username": "ada"},
      {"network": "Flickr", "username": "ada"},
      {"network": "GitHub", "username": "a/../b"}]}})");
    CHECK(has(placed.body, "{ label = \"X\", url = \"https://x.com/ada\", icon = \"x-twitter\" }"));
    CHECK(has(placed.body,
              "{ label = \"Mastodon\", url = \"https://fosstodon.org/@ada\", icon = \"mastodon\" }"));
    CHECK(has(placed.body,
              "{ label = \"Xing\", url = \"https://www.xing.com/profile/Ada_Lovelace\", icon = "
              "\"xing\" }"));
    CHECK(has(placed.body,
              "url = \"https://www.webofscience.com/wos/author/rid/A-1234-2010\", icon = "
              "\"researcherid\" }"));
    // No URL can be made: a warning each, and the profile kept as a comment.
    CHECK(placed.warnings ==
          std::vector<std::string>{
              "r.json: warning: 'basics.profiles[4]' has no URL, and vitae import knows no profile URL for "
              "network 'Stack Overflow' and username 'ada' (vitae import keeps it as a comment at the end of "
              "the "
              "TOML it writes)",
              "r.json: warning: 'basics.profiles[5]' has no URL, and vitae import knows no profile URL for "
              "network 'Flickr' and username 'ada' (vitae import keeps it as a comment at the end of the "
              "TOML it "
              "writes)",
              "r.json: warning: 'basics.profiles[6]' has no URL, and vitae import knows no profile URL for "
              "network 'GitHub' and username 'a/../b' (vitae import keeps it as a comment at the end of the "
              "TOML "
              "it writes)"});
}

TEST_CASE("a JSON Resume's older key that says something else is not dropped unsaid", "[json-resume]") {
    const Placed placed = place(
        R"({"basics": {"name": "Ada", "url": "https://a.example", "website": "https://b.example"},
            "work": [{"name": "Engine Co", "company": "Engine Co"}]})");
    CHECK(has(placed.body, "homepage = \"https://a.example\""));
    // The same value under both names is said once, with no warning.
    CHECK(placed.warnings ==
          std::vector<std::string>{
              "r.json: warning: 'basics.website' differs from 'basics.url', which the CV "
              "shows (vitae import keeps it as a comment at the end of the TOML it writes)"});
}

TEST_CASE("a JSON Resume's list items with a part missing print no empty brackets", "[json-resume]") {
    const Placed placed = place(R"({"basics": {"name": "Ada"},
      "languages": [{"fluency": "Native"}, {"language": "French"}],
      "references": [{"name": "Charles Babbage"}], "interests": [{"keywords": ["Looms", "Engines"]}]})");
    CHECK(has(placed.body, "items = [\n  \"\\\\(Native\\\\)\",\n  \"French\",\n]"));
    CHECK(has(placed.body, "items = [\n  \"Charles Babbage\",\n]"));
    CHECK(has(placed.body, "items = [\n  \"Looms, Engines\",\n]"));
}

// --- export: the CV as a JSON Resume ------------------------------------------

namespace {

using OrderedJson = nlohmann::ordered_json;

/// A CV with a field of every kind the export places, each with a word of its own.
constexpr std::string_view export_cv = R"toml(lang = "en"

[person]
name = "Ada Lovelace"
headline = "Analyst of *engines*"
email = "ada@example.org"
phone = "+44 20 5550 0100"
homepage = "ada.example.org"
location = "London, UK"
aliases = ["A. Lovelace"]
links = [{ label = "GitHub", url = "https://github.com/ada", icon = "github" }]

[[section]]
title = "Summary"
kind = "text"
text = "First **programmer**.\n\nSecond paragraph."

[[section]]
title = "Experience"

[[section.entry]]
title = "Engine Co"
url = "https://engine.example"
location = "London"
description = "Makes engines."

[[section.entry.roles]]
title = "Chief Analyst"
start = "2021-03"
end = "present"
highlights = ["Wrote the [first program](https://notes.example/g)."]

[[section.entry.roles]]
title = "Analyst"
start = "2019"
end = "2021-02-28"
highlights = ["Translated the memoir."]

[[section.entry]]
title = "Undated Ltd"
subtitle = "Adviser"

[[section]]
title = "Education"

[[section.entry]]
title = "Home School"
subtitle = "Bachelor in Mathematics"
start = 1830
end = 1835
highlights = ["Score: 4.0", "Courses: Algebra, Geometry", "Tutored by De Morgan."]

[[section]]
title = "Honours"

[[section.entry]]
title = "Medal of Analysis"
subtitle = "Royal Society"
date = "1840-06-01"

[[section]]
title = "Publications"
kind = "publications"

[[section.entry]]
title = "Notes on the Engine"
authors = ["Ada Lovelace", "Charles Babbage", "L. F. Menabrea"]
venue = "Scientific Memoirs"
year = 1843
month = 9
doi = "10.5555/notes"
pages = "666--731"

[[section]]
title = "Skills"
kind = "skills"

[[section.entry]]
label = "Mathematics"
items = ["Analysis", "Bernoulli numbers"]

[[section]]
title = "Languages"
kind = "list"
items = ["English (native)", "French"]

[[section]]
title = "Talks"
kind = "list"
items = ["On engines, 1842"]
)toml";

vitae::cv::Document load_export_cv(std::string_view toml = export_cv) {
    vitae::Diagnostics loading;
    vitae::cv::Document document = vitae::load_cv_text(toml, "cv.toml", loading);
    INFO(vitae::test::joined(vitae::test::lines(loading)));
    REQUIRE(!loading.has_errors());
    return document;
}

struct Exported {
    std::string text;
    OrderedJson json;
    std::vector<std::string> diagnostics;
};

Exported exported(const vitae::cv::Document& document) {
    vitae::Diagnostics diagnostics;
    Exported result;
    result.text = vitae::cv_to_json_resume(document, diagnostics);
    result.diagnostics = vitae::test::lines(diagnostics);
    result.json = OrderedJson::parse(result.text);
    return result;
}

bool any_has(const std::vector<std::string>& lines, const std::string& part) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) { return has(line, part); });
}

}  // namespace

TEST_CASE("a CV's fields land where the JSON Resume schema has them", "[json-export]") {
    const Exported out = exported(load_export_cv());
    INFO(out.text);
    const OrderedJson& json = out.json;
    CHECK(json.begin().key() == "$schema");
    const OrderedJson& basics = json["basics"];
    CHECK(basics["name"] == "Ada Lovelace");
    CHECK(basics["label"] == "Analyst of engines");
    CHECK(basics["email"] == "ada@example.org");
    CHECK(basics["phone"] == "+44 20 5550 0100");
    CHECK(basics["url"] == "https://ada.example.org");
    CHECK(basics["location"]["address"] == "London, UK");
    // The first text section is the summary, its paragraphs kept.
    CHECK(basics["summary"] == "First programmer.\n\nSecond paragraph.");
    CHECK(basics["profiles"] ==
          OrderedJson::parse(R"([{"network": "GitHub", "url": "https://github.com/ada"}])"));
    // Two roles at one employer: two work items with its name.
    const OrderedJson& work = json["work"];
    REQUIRE(work.size() == 3);
    CHECK(work[0]["name"] == "Engine Co");
    CHECK(work[0]["position"] == "Chief Analyst");
    CHECK(work[0]["location"] == "London");
    CHECK(work[0]["url"] == "https://engine.example");
    CHECK(work[0]["summary"] == "Makes engines.");
    CHECK(work[0]["highlights"] == OrderedJson::array({"Wrote the first program."}));
    CHECK(work[1]["name"] == "Engine Co");
    CHECK(work[1]["position"] == "Analyst");
    CHECK(!work[1].contains("summary"));
    CHECK(work[2] == OrderedJson::parse(R"({"name": "Undated Ltd", "position": "Adviser"})"));
    const OrderedJson& school = json["education"].at(0);
    CHECK(school["institution"] == "Home School");
    CHECK(school["studyType"] == "Bachelor");
    CHECK(school["area"] == "Mathematics");
    CHECK(school["score"] == "4.0");
    CHECK(school["courses"] == OrderedJson::array({"Algebra", "Geometry"}));
    CHECK(json["awards"] ==
          OrderedJson::parse(
              R"([{"title": "Medal of Analysis", "awarder": "Royal Society", "date": "1840-06-01"}])"));
    CHECK(json["publications"] == OrderedJson::parse(R"([{"name": "Notes on the Engine",
        "authors": ["Ada Lovelace", "Charles Babbage", "L. F. Menabrea"], "publisher": "Scientific Memoirs", "releaseDate": "1843-09", "url": "https://doi.org/10.5555/notes"}])"));
    CHECK(json["skills"] ==
          OrderedJson::parse(R"([{"name": "Mathematics", "keywords": ["Analysis", "Bernoulli numbers"]}])"));
    CHECK(json["languages"] ==
          OrderedJson::parse(R"([{"language": "English", "fluency": "native"}, {"language": "French"}])"));
    CHECK(json["meta"] == OrderedJson::parse(R"({"language": "en"})"));
    std::vector<std::string> keys;
    for (const auto& [key, value] : json.items()) keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"$schema", "basics", "work", "education", "awards", "publications",
                                           "skills", "languages", "meta"});
    // Pretty-printed, UTF-8 as it is, one newline at the end.
    CHECK(out.text.starts_with("{\n  \"$schema\": "));
    CHECK(out.text.ends_with("}\n"));
}

TEST_CASE("dates are ISO 8601 at their precision and an ongoing end is left out", "[json-export]") {
    const Exported out = exported(load_export_cv());
    const OrderedJson& work = out.json["work"];
    CHECK(work[0]["startDate"] == "2021-03");
    CHECK(!work[0].contains("endDate"));
    CHECK(work[1]["startDate"] == "2019");
    CHECK(work[1]["endDate"] == "2021-02-28");
    CHECK(out.json["education"][0]["startDate"] == "1830");
    // No dates, no date keys.
    CHECK(!work[2].contains("startDate"));
    CHECK(!work[2].contains("endDate"));
}

TEST_CASE("what JSON Resume cannot hold is a note each, naming it", "[json-export]") {
    const Exported out = exported(load_export_cv());
    INFO(vitae::test::joined(out.diagnostics));
    for (const std::string& line : out.diagnostics) CHECK(has(line, ": note: "));
    // Markup a plain string loses.
    CHECK(any_has(out.diagnostics, "basics: JSON Resume has no place for the italic of the headline"));
    CHECK(any_has(out.diagnostics, "the link to <https://notes.example/g> in highlight 1"));
    CHECK(any_has(out.diagnostics, "the name's other spellings \u201CA. Lovelace\u201D"));
    // Fields without a key.
    CHECK(any_has(
        out.diagnostics,
        "education[0]: JSON Resume has no place for the highlight \u201CTutored by De Morgan.\u201D"));
    CHECK(any_has(out.diagnostics, "the pages \u201C666--731\u201D"));
    // Titles and sections with no place.
    CHECK(any_has(out.diagnostics,
                  "the section \u201CHonours\u201D becomes JSON Resume's 'awards', which has no "
                  "title: vitae import calls it \u201CAwards\u201D"));
    CHECK(any_has(out.diagnostics,
                  "the list section \u201CTalks\u201D has no place in JSON Resume: not carried: "
                  "\u201COn engines, 1842\u201D"));
    // Said where the CV says it.
    CHECK(any_has(out.diagnostics, "cv.toml:"));
}

TEST_CASE("a letter has no JSON Resume form: an error", "[json-export]") {
    vitae::cv::Document document = load_export_cv();
    document.letter.emplace();
    vitae::Diagnostics diagnostics;
    CHECK(vitae::cv_to_json_resume(document, diagnostics).empty());
    CHECK(diagnostics.has_errors());
    CHECK(diagnostics.error_count() == 1);
}

TEST_CASE("the export is the same bytes every time", "[json-export]") {
    const vitae::cv::Document document = load_export_cv();
    vitae::Diagnostics first_diagnostics;
    vitae::Diagnostics second_diagnostics;
    const std::string first = vitae::cv_to_json_resume(document, first_diagnostics);
    CHECK(first == vitae::cv_to_json_resume(document, second_diagnostics));
    CHECK(vitae::test::lines(first_diagnostics) == vitae::test::lines(second_diagnostics));
}

TEST_CASE("vitae import of the export gives back the CV's facts", "[json-export]") {
    const vitae::cv::Document original = load_export_cv();
    vitae::Diagnostics diagnostics;
    const std::string json = vitae::cv_to_json_resume(original, diagnostics);
    const std::string toml = vitae::json_resume_to_toml(json, "cv.json", diagnostics);
    INFO(toml);
    CHECK(!diagnostics.has_errors());
    CHECK(diagnostics.warning_count() == 0);  // every key the export writes, the import reads
    const vitae::cv::Document back = load_export_cv(toml);
    CHECK(back.language == "en");
    CHECK(back.person.name.plain() == original.person.name.plain());
    CHECK(back.person.headline.plain() == original.person.headline.plain());
    CHECK(back.person.summary.plain() == "First programmer.\n\nSecond paragraph.");
    REQUIRE(back.person.contacts.size() == original.person.contacts.size());
    CHECK(back.person.links.size() == 1);
    CHECK(back.person.links[0].icon == "github");
    /// Each entry's title, subtitle, dates and highlights, as text.
    const auto facts = [](const vitae::cv::Document& document) {
        std::vector<std::string> lines;
        for (const vitae::cv::Section& section : document.sections) {
            for (const vitae::cv::Entry& entry : section.entries) {
                const auto line = [&](const vitae::cv::RichText& subtitle, const vitae::cv::DateRange& dates,
                                      const std::vector<vitae::cv::Item>& highlights) {
                    std::string text = entry.title.plain() + " | " + subtitle.plain() + " |";
                    for (const auto& date : {dates.start, dates.end})
                        text += date ? fmt::format(" {}-{}-{}", date->year, date->month, date->day) : " -";
                    if (dates.ongoing) text += " present";
                    for (const auto& highlight : highlights) text += " | " + highlight.text.plain();
                    lines.push_back(text);
                };
                if (entry.roles.empty()) line(entry.subtitle, entry.dates, entry.highlights);
                for (const auto& role : entry.roles) line(role.title, role.dates, role.highlights);
            }
            for (const auto& publication : section.publications)
                lines.push_back(fmt::format("{} | {} | {} {}", publication.title.plain(),
                                            publication.venue.plain(), publication.year.value_or(0),
                                            publication.month.value_or(0)));
            for (const auto& row : section.skills) {
                std::string text = row.label.plain();
                for (const auto& item : row.items) text += " | " + item.text.plain();
                lines.push_back(text);
            }
            for (const auto& item : section.items) lines.push_back(item.text.plain());
        }
        return lines;
    };
    std::vector<std::string> expected = facts(original);
    // What JSON Resume has no place for does not come back.
    std::erase(expected, "On engines, 1842");
    std::erase(expected,
               "Home School | Bachelor in Mathematics | 1830-0-0 1835-0-0 | Score: 4.0 | Courses: Algebra, "
               "Geometry | Tutored by De Morgan.");
    expected.insert(expected.begin() + 3,
                    "Home School | Bachelor in Mathematics | 1830-0-0 1835-0-0 | Score: 4.0 | Courses: "
                    "Algebra, Geometry");
    CHECK(facts(back) == expected);
}

TEST_CASE("an entry's single date, a CJK title and many authors export", "[json-export]") {
    const vitae::cv::Document document = load_export_cv(R"(lang = "zh"
[person]
name = "郑赞伟"
[[section]]
title = "工作经历"
[[section.entry]]
title = "某公司"
date = "2020-05"
[[section]]
title = "教育背景"
[[section.entry]]
title = "北京大学"
[[section]]
title = "ניסיון"
kind = "publications"
[[section.entry]]
title = "Many hands"
authors = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"]
)");
    const Exported out = exported(document);
    INFO(out.text);
    // One point in time: a period from it to itself (no endDate reads as ongoing).
    CHECK(out.json["work"][0]["startDate"] == "2020-05");
    CHECK(out.json["work"][0]["endDate"] == "2020-05");
    CHECK(out.json["education"][0]["institution"] == "北京大学");
    CHECK(has(out.text, "\"name\": \"郑赞伟\""));  // UTF-8 as it is, not \u escapes
    // Authors are a key of vitae's own, which the schema allows and the import reads.
    CHECK(out.json["publications"][0]["authors"].size() == 12);
    CHECK(out.json["publications"][0]["authors"][11] == "L");
}
