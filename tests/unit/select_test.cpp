#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "unit/support.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/load/sheet_loader.hpp"
#include "vitae/style/select.hpp"

using vitae::Diagnostics;
using vitae::style::Omission;
using vitae::style::SectionCap;
using vitae::style::SectionTitle;
using vitae::style::Selection;
using vitae::style::SelectionResult;

namespace {

/// One section of every kind that holds items, tagged and untagged items
/// side by side, and two sections a tag filter can empty or drop.
constexpr std::string_view cv_text = R"([person]
name = "Ada Lovelace"

[[section]]
title = "Experience"

[[section.entry]]
title = "Industry Job"
tags = ["industry"]

[[section.entry]]
title = "Lab Job"
tags = ["academic", "teaching"]

[[section.entry]]
title = "Untagged Job"

[[section]]
title = "Publications"
kind = "publications"

[[section.entry]]
title = "Paper A"
selected = true

[[section.entry]]
title = "Paper B"

[[section.entry]]
title = "Paper C"
selected = true

[[section]]
title = "Skills"
kind = "skills"

[[section.entry]]
label = "Languages"
items = ["C++"]

[[section.entry]]
label = "Tools"
items = ["Git"]
tags = ["industry"]

[[section]]
title = "Awards"
kind = "list"
items = ["First", "Second", "Third"]

[[section]]
title = "Service"

[[section.entry]]
title = "Reviewer"
tags = ["academic"]

[[section]]
title = "Teaching"
tags = ["academic"]

[[section.entry]]
title = "Teaching Assistant"

[[section]]
title = "About"
kind = "text"
text = "Counts engines."
)";

const vitae::cv::Document& cv() {
    static const vitae::cv::Document document = [] {
        Diagnostics diagnostics;
        vitae::cv::Document loaded = vitae::load_cv_text(cv_text, "cv.toml", diagnostics);
        REQUIRE(vitae::test::lines(diagnostics).empty());
        return loaded;
    }();
    return document;
}

struct Selected {
    SelectionResult result;
    std::vector<std::string> diagnostics;
};

Selected select(const Selection& selection, const std::vector<std::string>& tags_override = {}) {
    Diagnostics diagnostics;
    Selected selected{vitae::style::select(cv(), selection, tags_override, diagnostics), {}};
    selected.diagnostics = vitae::test::lines(diagnostics);
    return selected;
}

std::vector<std::string> section_titles(const vitae::cv::Document& document) {
    std::vector<std::string> titles;
    for (const vitae::cv::Section& section : document.sections) titles.push_back(section.title.plain());
    return titles;
}

const vitae::cv::Section& section_named(const vitae::cv::Document& document, std::string_view title) {
    for (const vitae::cv::Section& section : document.sections) {
        if (section.title.plain() == title) return section;
    }
    FAIL("no section '" << title << "'");
    throw std::logic_error{"unreachable"};
}

std::vector<std::string> entry_titles(const vitae::cv::Section& section) {
    std::vector<std::string> titles;
    for (const vitae::cv::Entry& entry : section.entries) titles.push_back(entry.title.plain());
    return titles;
}

std::vector<std::string> publication_titles(const vitae::cv::Section& section) {
    std::vector<std::string> titles;
    for (const vitae::cv::Publication& publication : section.publications) {
        titles.push_back(publication.title.plain());
    }
    return titles;
}

/// Each omission as "what: why".
std::vector<std::string> reasons(const std::vector<Omission>& omissions) {
    std::vector<std::string> result;
    for (const Omission& omission : omissions) result.push_back(omission.what + ": " + omission.why);
    return result;
}

/// The 1-based line of the first line of cv_text that holds `needle`.
std::uint32_t line_of(std::string_view needle) {
    const std::size_t found = cv_text.find(needle);
    REQUIRE(found != std::string_view::npos);
    return static_cast<std::uint32_t>(std::count(cv_text.begin(), cv_text.begin() + found, '\n') + 1);
}

SectionTitle title(std::string name) {
    return SectionTitle{std::move(name), vitae::test::region("style.toml", 1, 1)};
}

const std::vector<std::string> every_section = {"Experience", "Publications", "Skills", "Awards",
                                                "Service",    "Teaching",     "About"};

}  // namespace

TEST_CASE("an empty selection keeps everything, in order", "[select]") {
    const Selected selected = select(Selection{});
    CHECK(selected.diagnostics.empty());
    CHECK(selected.result.omissions.empty());
    CHECK(section_titles(selected.result.document) == every_section);
    CHECK(entry_titles(section_named(selected.result.document, "Experience")) ==
          std::vector<std::string>{"Industry Job", "Lab Job", "Untagged Job"});
    CHECK(selected.result.document.person.name.plain() == "Ada Lovelace");
}

TEST_CASE("tags keep tagged items that match and untagged ones, and say why the rest went", "[select]") {
    Selection selection;
    selection.tags = {"industry"};
    const Selected selected = select(selection);
    CHECK(selected.diagnostics.empty());
    const vitae::cv::Document& document = selected.result.document;
    CHECK(section_titles(document) ==
          std::vector<std::string>{"Experience", "Publications", "Skills", "Awards", "About"});
    CHECK(entry_titles(section_named(document, "Experience")) ==
          std::vector<std::string>{"Industry Job", "Untagged Job"});
    CHECK(section_named(document, "Skills").skills.size() == 2);
    CHECK(reasons(selected.result.omissions) ==
          std::vector<std::string>{
              "entry 'Lab Job' in 'Experience': none of its tags (academic, teaching) is selected (industry)",
              "section 'Service': every entry was left out",
              "entry 'Reviewer' in 'Service': none of its tags (academic) is selected (industry)",
              "section 'Teaching': none of its tags (academic) is selected (industry)",
          });
}

TEST_CASE("an omission points at its item in the CV", "[select]") {
    Selection selection;
    selection.tags = {"industry"};
    const Selected selected = select(selection);
    REQUIRE_FALSE(selected.result.omissions.empty());
    const Omission& lab_job = selected.result.omissions.front();
    CHECK(lab_job.where.file() == "cv.toml");
    // An entry's region is its [[section.entry]] table, which starts at the
    // header just above its title.
    CHECK(lab_job.where.begin.line == line_of("title = \"Lab Job\"") - 1);
    const Omission& teaching = selected.result.omissions.back();
    CHECK(teaching.where.begin.line == line_of("title = \"Teaching\"") - 1);

    Diagnostics notes;
    vitae::style::explain(selected.result.omissions, notes);
    const std::vector<std::string> lines = vitae::test::lines(notes);
    REQUIRE(lines.size() == selected.result.omissions.size());
    CHECK(lines.front() ==
          lab_job.where.to_string() +
              ": note: left out entry 'Lab Job' in 'Experience': none of its tags (academic, "
              "teaching) is selected (industry)");
    CHECK(notes.error_count() == 0);
    CHECK(notes.warning_count() == 0);
}

TEST_CASE("tags given on the command line replace the style's", "[select]") {
    Selection selection;
    selection.tags = {"industry"};
    const Selected selected = select(selection, {"academic"});
    CHECK(selected.diagnostics.empty());
    const vitae::cv::Document& document = selected.result.document;
    CHECK(entry_titles(section_named(document, "Experience")) ==
          std::vector<std::string>{"Lab Job", "Untagged Job"});
    CHECK(section_titles(document) == every_section);
    CHECK(reasons(selected.result.omissions) ==
          std::vector<std::string>{
              "entry 'Industry Job' in 'Experience': none of its tags (industry) is selected (academic)",
              "skill row 'Tools' in 'Skills': none of its tags (industry) is selected (academic)",
          });
    // Any one of several selected tags is enough.
    CHECK(entry_titles(
              section_named(select(Selection{}, {"industry", "teaching"}).result.document, "Experience")) ==
          std::vector<std::string>{"Industry Job", "Lab Job", "Untagged Job"});
}

TEST_CASE("sections picks sections by title, without case, and orders them", "[select]") {
    Selection selection;
    selection.sections = {title("skills"), title("EXPERIENCE")};
    const Selected selected = select(selection);
    CHECK(selected.diagnostics.empty());
    CHECK(section_titles(selected.result.document) == std::vector<std::string>{"Skills", "Experience"});
    // Within a section nothing moves.
    CHECK(entry_titles(section_named(selected.result.document, "Experience")) ==
          std::vector<std::string>{"Industry Job", "Lab Job", "Untagged Job"});
    CHECK(reasons(selected.result.omissions) ==
          std::vector<std::string>{
              "section 'Publications': not among the style's sections (sections)",
              "section 'Awards': not among the style's sections (sections)",
              "section 'Service': not among the style's sections (sections)",
              "section 'Teaching': not among the style's sections (sections)",
              "section 'About': not among the style's sections (sections)",
          });
}

TEST_CASE("exclude_sections leaves sections out, even listed ones", "[select]") {
    Selection selection;
    selection.exclude_sections = {title("awards"), title("About")};
    const Selected excluded = select(selection);
    CHECK(excluded.diagnostics.empty());
    CHECK(section_titles(excluded.result.document) ==
          std::vector<std::string>{"Experience", "Publications", "Skills", "Service", "Teaching"});
    CHECK(reasons(excluded.result.omissions) ==
          std::vector<std::string>{"section 'Awards': excluded by the style (exclude_sections)",
                                   "section 'About': excluded by the style (exclude_sections)"});

    selection.sections = {title("Awards"), title("Skills")};
    CHECK(section_titles(select(selection).result.document) == std::vector<std::string>{"Skills"});
}

TEST_CASE("global caps keep the first items in CV order", "[select]") {
    Selection selection;
    selection.max_entries = 1;
    selection.max_publications = 2;
    const Selected selected = select(selection);
    CHECK(selected.diagnostics.empty());
    const vitae::cv::Document& document = selected.result.document;
    CHECK(entry_titles(section_named(document, "Experience")) == std::vector<std::string>{"Industry Job"});
    CHECK(publication_titles(section_named(document, "Publications")) ==
          std::vector<std::string>{"Paper A", "Paper B"});
    // The global caps are for entries and publications only.
    CHECK(section_named(document, "Skills").skills.size() == 2);
    CHECK(section_named(document, "Awards").items.size() == 3);
    CHECK(reasons(selected.result.omissions) ==
          std::vector<std::string>{
              "entry 'Lab Job' in 'Experience': cap of 1 entry reached (max_entries)",
              "entry 'Untagged Job' in 'Experience': cap of 1 entry reached (max_entries)",
              "publication 'Paper C' in 'Publications': cap of 2 publications reached (max_publications)",
          });
}

TEST_CASE("max_items caps sections by title and overrides the global caps", "[select]") {
    Selection selection;
    selection.max_entries = 1;
    selection.max_items = {
        SectionCap{"awards", 2, vitae::test::region("style.toml", 1, 1)},
        SectionCap{"Skills", 1, vitae::test::region("style.toml", 1, 1)},
        SectionCap{"experience", 0, vitae::test::region("style.toml", 1, 1)},  // 0 lifts the global cap
    };
    const Selected selected = select(selection);
    CHECK(selected.diagnostics.empty());
    const vitae::cv::Document& document = selected.result.document;
    CHECK(entry_titles(section_named(document, "Experience")).size() == 3);
    CHECK(section_named(document, "Awards").items.size() == 2);
    CHECK(reasons(selected.result.omissions) ==
          std::vector<std::string>{
              "skill row 'Tools' in 'Skills': cap of 1 skill row "
              "reached (max_items)",
              "item 'Third' in 'Awards': cap of 2 items reached (max_items)",
          });
    CHECK(selected.result.omissions.back().where.begin.line == line_of("\"Third\""));
}

TEST_CASE("selected_publications_only keeps selected publications and caps count what is kept", "[select]") {
    Selection selection;
    selection.selected_publications_only = true;
    const Selected selected = select(selection);
    CHECK(publication_titles(section_named(selected.result.document, "Publications")) ==
          std::vector<std::string>{"Paper A", "Paper C"});
    CHECK(reasons(selected.result.omissions) ==
          std::vector<std::string>{"publication 'Paper B' in 'Publications': not a selected publication "
                                   "(selected_publications_only)"});

    selection.max_publications = 1;
    CHECK(reasons(select(selection).result.omissions) ==
          std::vector<std::string>{
              "publication 'Paper B' in 'Publications': not a selected publication "
              "(selected_publications_only)",
              "publication 'Paper C' in 'Publications': cap of 1 publication reached (max_publications)",
          });
}

TEST_CASE("a section emptied by the selection is left out with its own reason, first", "[select]") {
    Selection selection;
    selection.tags = {"nothing-has-this"};
    selection.selected_publications_only = true;
    selection.max_items = {SectionCap{"Publications", 1, vitae::test::region("style.toml", 1, 1)}};
    const Selected selected = select(selection);
    const std::vector<std::string> omitted = reasons(selected.result.omissions);
    // Experience loses its tagged entries but keeps the untagged one; Service
    // loses its only entry and goes too.
    CHECK(entry_titles(section_named(selected.result.document, "Experience")) ==
          std::vector<std::string>{"Untagged Job"});
    const auto service =
        std::find(omitted.begin(), omitted.end(), "section 'Service': every entry was left out");
    REQUIRE(service != omitted.end());
    CHECK(*(service + 1) ==
          "entry 'Reviewer' in 'Service': none of its tags (academic) is selected (nothing-has-this)");
    CHECK(section_titles(selected.result.document) ==
          std::vector<std::string>{"Experience", "Publications", "Skills", "Awards", "About"});

    Selection only_unselected;
    only_unselected.selected_publications_only = true;
    only_unselected.max_publications = 1;
    only_unselected.exclude_sections = {title("Experience")};
    // Paper A stays: nothing empties Publications; a text section has no
    // items to lose and is never "emptied".
    CHECK(section_titles(select(only_unselected).result.document) ==
          std::vector<std::string>{"Publications", "Skills", "Awards", "Service", "Teaching", "About"});
}

TEST_CASE("titles the CV lacks are warnings at the style's key", "[select]") {
    Diagnostics load_diagnostics;
    const vitae::style::Sheet sheet = vitae::load_sheet_text(R"([select]
sections = ["Experience", "Awrds", "Prizes"]
exclude_sections = ["References"]
max_items = { Hobbies = 2, About = 1 }
)",
                                                             "style.toml", load_diagnostics);
    REQUIRE(vitae::test::lines(load_diagnostics).empty());
    const Selected selected = select(sheet.selection);
    CHECK(selected.diagnostics ==
          std::vector<std::string>{
              "style.toml:2:27: warning: section 'Awrds' is not in the CV (did you mean 'Awards'?)",
              "style.toml:2:36: warning: section 'Prizes' is not in the CV",
              "style.toml:3:21: warning: section 'References' is not in the CV",
              "style.toml:4:15: warning: section 'Hobbies' is not in the CV",
              "style.toml:4:28: warning: section 'About' is a text section: it has no items to cap",
          });
    // The sections that exist are still selected.
    CHECK(section_titles(selected.result.document) == std::vector<std::string>{"Experience"});
}

TEST_CASE("a selected tag nothing in the CV has is a warning", "[select]") {
    Diagnostics load_diagnostics;
    const vitae::style::Sheet sheet = vitae::load_sheet_text(
        "[select]\ntags = [\"industry\", \"indsutry\"]\n", "style.toml", load_diagnostics);
    REQUIRE(vitae::test::lines(load_diagnostics).empty());
    CHECK(select(sheet.selection).diagnostics ==
          std::vector<std::string>{
              "style.toml:2:8: warning: nothing in the CV is tagged 'indsutry' (did you mean "
              "'industry'?)"});
    // From the command line there is no position to point at.
    CHECK(select(sheet.selection, {"acadmic"}).diagnostics ==
          std::vector<std::string>{
              "warning: --tags: nothing in the CV is tagged 'acadmic' (did you mean 'academic'?)"});
}

namespace {

Selected select_from(std::string_view toml, const Selection& selection,
                     const std::vector<std::string>& tags_override = {}) {
    Diagnostics diagnostics;
    const vitae::cv::Document document = vitae::load_cv_text(toml, "plain.toml", diagnostics);
    REQUIRE(vitae::test::lines(diagnostics).empty());
    Selected selected{vitae::style::select(document, selection, tags_override, diagnostics), {}};
    selected.diagnostics = vitae::test::lines(diagnostics);
    return selected;
}

/// A CV with no tags and no selected publication, as most CVs are.
constexpr std::string_view untagged_cv = R"([person]
name = "Ada Lovelace"

[[section]]
title = "Experience"

[[section.entry]]
title = "Engine Works"

[[section]]
title = "Papers"
kind = "publications"

[[section.entry]]
title = "Old"
year = 2019

[[section.entry]]
title = "Undated"

[[section.entry]]
title = "Newest"
year = 2023

[[section.entry]]
title = "Middle"
year = 2021
)";

}  // namespace

TEST_CASE("a style's tags on a CV that uses no tags keep everything, with a note and no warning",
          "[select]") {
    Selection selection;
    selection.tags = {"industry"};
    selection.tags_where = vitae::test::region("onepage.toml", 12, 8);
    const Selected selected = select_from(untagged_cv, selection);
    CHECK(selected.diagnostics ==
          std::vector<std::string>{"note: the CV uses no tags: the style's tag selection (industry) keeps "
                                   "every item"});
    CHECK(selected.result.omissions.empty());
    // Asked for on the command line, a tag nothing has is still a warning.
    CHECK(select_from(untagged_cv, selection, {"industry"}).diagnostics ==
          std::vector<std::string>{"warning: --tags: nothing in the CV is tagged 'industry'"});
}

TEST_CASE("with no publication selected, a section keeps its newest ones, in CV order", "[select]") {
    Selection selection;
    selection.selected_publications_only = true;
    selection.newest_when_none_selected = 2;
    const Selected selected = select_from(untagged_cv, selection);
    CHECK(publication_titles(section_named(selected.result.document, "Papers")) ==
          std::vector<std::string>{"Newest", "Middle"});
    REQUIRE(selected.diagnostics.size() == 1);
    CHECK(selected.diagnostics.front().starts_with(
        "plain.toml:1:1: note: no publication is marked selected: showing the 2 newest of each "
        "publications section (newest_when_none_selected)"));
    CHECK(reasons(selected.result.omissions) ==
          std::vector<std::string>{
              "publication 'Old' in 'Papers': no publication is selected, and it is not among the 2 newest "
              "of its section (newest_when_none_selected)",
              "publication 'Undated' in 'Papers': no publication is selected, and it is not among the 2 "
              "newest of its section (newest_when_none_selected)"});

    // One selected publication anywhere: the CV chose, and only it is shown.
    std::string one_selected{untagged_cv};
    one_selected.replace(one_selected.find("year = 2019"), 11, "year = 2019\nselected = true");
    CHECK(publication_titles(section_named(select_from(one_selected, selection).result.document, "Papers")) ==
          std::vector<std::string>{"Old"});
}

TEST_CASE("a selection that leaves out every section is a warning", "[select]") {
    Selection selection;
    selection.selected_publications_only = true;
    selection.exclude_sections = {title("Experience")};
    const Selected selected = select_from(untagged_cv, selection);
    CHECK(selected.result.document.sections.empty());
    CHECK(selected.diagnostics ==
          std::vector<std::string>{"plain.toml:1:1: warning: the selection left out every section of the CV: "
                                   "only the header is shown (vitae build --explain says why each was left "
                                   "out)"});
}
