// JSON Resume, old keys and new (tests/data/resume.json is the schema's own
// sample, with the older company / website / gpa keys, a profile without a
// URL, partial dates, an open-ended job, and an impossible date).
#include "vitae/json_resume.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "unit/support.hpp"
#include "vitae/load.hpp"

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
    CHECK(vitae::test::lines(diagnostics) ==
          std::vector<std::string>{"resume.json: warning: 'basics.profiles[2]' has no place in vitae's CV "
                                   "format (vitae import keeps it "
                                   "as a comment at the end of the TOML it writes)",
                                   "resume.json: warning: 'basics.image' has no place in vitae's CV format "
                                   "(vitae import keeps it as a "
                                   "comment at the end of the TOML it writes)",
                                   "resume.json: warning: 'meta' has no place in vitae's CV format (vitae "
                                   "import keeps it as a comment "
                                   "at the end of the TOML it writes)"});
    // Old keys and new: company and name, website and url, gpa and score.
    CHECK(has(toml,
              "[[section.entry]]\ntitle = \"Pied Piper\"\nsubtitle = \"CEO/President\"\n"
              "url = \"http://piedpiper.example.com\"\nstart = \"2013-12-01\"\nend = \"present\"\n"));
    CHECK(has(toml,
              "title = \"Hooli\"\nsubtitle = \"Engineer\"\nurl = \"https://hooli.example.com\"\n"
              "location = \"Palo Alto, CA\"\nstart = \"2011-01\"\nend = \"2013-11\"\n"));
    CHECK(has(toml, "subtitle = \"Bachelor in Information Technology\""));
    CHECK(has(toml, "\"Score: 4.0\""));
    CHECK(has(toml, "homepage = \"http://richardhendricks.example.com\""));
    CHECK(has(toml,
              "{ label = \"Twitter\", url = \"https://twitter.com/neutralthoughts\", icon = \"twitter\" }"));
    CHECK(has(toml,
              "label = \"Web Development \\\\(Master\\\\)\"\nitems = [\n  \"HTML\",\n  \"CSS\",\n  "
              "\"Javascript\",\n]"));
    CHECK(has(toml, "kind = \"publications\""));
    CHECK(has(toml, "year = 2014"));
    // Text is literal: markup characters escaped.
    CHECK(has(toml, "\\\\(Go Sooners \\\\*and\\\\* Cardinal\\\\!\\\\)"));
    // What had no place is kept, not dropped.
    CHECK(has(toml, "# basics.image = \"https://example.org/richard.png\"\n"));
    CHECK(has(toml, "# basics.profiles[2] = {\"network\":\"GitHub\",\"username\":\"richard\"}\n"));

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
