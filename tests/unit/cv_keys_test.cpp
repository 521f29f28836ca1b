// Every key the CV loader accepts is read: for each key of each table (as
// cv_key_tables lists them, from the loader's own tables), a CV that sets it
// to a value of its own, and a check that the value reached the model. A
// key added to a table without a reader, or whose reader drops its value,
// fails here; so does a key with no case below, until one is written.
#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "unit/support.hpp"
#include "unit/temporary_directory.hpp"
#include "vitae/load/cv_loader.hpp"

namespace {

using vitae::cv::Document;

/// What comes before a table's keys in a CV, by the table's name in
/// cv_key_tables; the keys follow, one a line.
const std::map<std::string_view, std::string_view>& frames() {
    static const std::map<std::string_view, std::string_view> frames = {
        {"the CV", ""},
        {"person", "[person]\n"},
        {"link", "[person]\nname = \"Ada\"\n[[person.links]]\n"},
        {"phone", "[person]\nname = \"Ada\"\n[[person.phone]]\n"},
        {"section", "[person]\nname = \"Ada\"\n[[section]]\n"},
        {"entry", "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"S\"\n[[section.entry]]\n"},
        {"role",
         "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"S\"\n[[section.entry]]\ntitle = \"E\"\n"
         "[[section.entry.roles]]\n"},
        {"publication",
         "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"S\"\nkind = "
         "\"publications\"\n[[section.entry]]\n"},
        {"skill row",
         "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"S\"\nkind = \"skills\"\n[[section.entry]]\n"},
        {"letter", "[person]\nname = \"Ada\"\n[letter]\n"},
        // A skill: the items that may have every key (a bullet has no level).
        {"item",
         "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"S\"\nkind = \"skills\"\n[[section.entry]]\n"
         "label = \"L\"\n[[section.entry.items]]\n"},
        {"recipient",
         "[person]\nname = \"Ada\"\n[letter]\nsalutation = \"S\"\nbody = \"B\"\nclosing = \"C\"\n"
         "[letter.recipient]\n"},
    };
    return frames;
}

/// The bibliography the section cases choose from: two entries that every
/// filter tells apart.
constexpr std::string_view bibliography =
    R"(@article{a, title = {Alpha}, author = {Ada}, journal = {J}, year = {1850}, keywords = {zq, other}}
@book{b, title = {Beta}, author = {Ada}, publisher = {P}, year = {1950}}
)";

using Check = std::function<bool(const Document&)>;

/// A CV table's key set to a value of its own, and whether it reached the model.
struct KeyCase {
    std::string_view table;
    std::string_view key;
    std::string keys;  ///< the table's lines (the frame comes first)
    Check reached;
};

const vitae::cv::Person& person(const Document& cv) {
    return cv.person;
}
const vitae::cv::Section& section(const Document& cv) {
    return cv.sections.at(0);
}
const vitae::cv::Entry& entry(const Document& cv) {
    return section(cv).entries.at(0);
}
const vitae::cv::Role& role(const Document& cv) {
    return entry(cv).roles.at(0);
}
const vitae::cv::Publication& publication(const Document& cv) {
    return section(cv).publications.at(0);
}
const vitae::cv::SkillRow& skill(const Document& cv) {
    return section(cv).skills.at(0);
}
const vitae::cv::Link& link(const Document& cv) {
    return person(cv).links.at(0);
}
const vitae::cv::Contact& contact(const Document& cv) {
    return person(cv).contacts.at(0);
}

bool is(const vitae::cv::RichText& text, std::string_view value) {
    return text.plain() == value;
}
bool is_one(const std::vector<vitae::cv::RichText>& texts, std::string_view value) {
    return texts.size() == 1 && is(texts[0], value);
}
bool is_one(const std::vector<vitae::cv::Item>& items, std::string_view value) {
    return items.size() == 1 && is(items[0].text, value);
}
bool is_one(const std::vector<std::string>& words, std::string_view value) {
    return words.size() == 1 && words[0] == value;
}
bool year_is(const std::optional<vitae::cv::Date>& date, int year) {
    return date && date->year == year;
}
/// The titles of a section's publications, in order.
std::vector<std::string> titles(const Document& cv) {
    std::vector<std::string> result;
    for (const vitae::cv::Publication& publication : section(cv).publications)
        result.push_back(publication.title.plain());
    return result;
}
/// A letter's keys: the required ones with `line` (which may replace one of them).
std::string letter_with(std::string_view key, std::string_view line) {
    std::string text;
    for (const auto& [required, value] :
         std::vector<std::pair<std::string_view, std::string_view>>{{"salutation", "salutation = \"S\""},
                                                                    {"body", "body = \"B\""},
                                                                    {"closing", "closing = \"C\""}}) {
        if (required != key) text += std::string{value} + "\n";
    }
    text += std::string{line} + "\n";
    if (key != "recipient") text += "[letter.recipient]\nname = \"R\"\n";
    return text;
}

const vitae::cv::Letter& letter(const Document& cv) {
    if (!cv.letter) throw std::out_of_range{"no letter"};
    return *cv.letter;
}

const std::vector<std::string> alpha{"Alpha"};
const std::vector<std::string> beta{"Beta"};

/// A section of kind publications whose entries come from the bibliography.
const std::string from_bibliography = "title = \"S\"\nkind = \"publications\"\nbibliography = \"refs.bib\"\n";

/// Every diagnostic, one a line.
std::string printed(const vitae::Diagnostics& diagnostics) {
    std::string text;
    for (const std::string& line : vitae::test::lines(diagnostics)) text += line + "\n";
    return text;
}

const std::vector<KeyCase>& key_cases() {
    using vitae::cv::Contact;
    using vitae::cv::Section;
    using vitae::cv::SectionKind;
    static const std::vector<KeyCase> cases = {
        {"the CV", "lang", "lang = \"de-CH\"\n[person]\nname = \"Ada\"",
         [](const Document& cv) { return cv.language == "de-CH"; }},
        {"the CV", "person", "[person]\nname = \"Zq\"",
         [](const Document& cv) { return is(person(cv).name, "Zq"); }},
        {"the CV", "cv", "cv = \"sender.toml\"\n[letter]\n" + letter_with("", ""),
         [](const Document& cv) { return is(person(cv).name, "Zq") && cv.letter.has_value(); }},
        {"the CV", "letter",
         "[person]\nname = \"Ada\"\n[letter]\n" + letter_with("salutation", "salutation = \"Zq\""),
         [](const Document& cv) { return is(letter(cv).salutation, "Zq"); }},
        {"the CV", "section",
         "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Zq\"\nkind = \"text\"\ntext = \"t\"",
         [](const Document& cv) { return cv.sections.size() == 1 && is(section(cv).title, "Zq"); }},
        {"the CV", "synonyms", "synonyms = [[\"Zq\", \"deep learning\"]]\n[person]\nname = \"Ada\"",
         [](const Document& cv) { return cv.synonyms.at(0).phrases.at(0) == "Zq"; }},

        {"person", "name", "name = \"Zq\"", [](const Document& cv) { return is(person(cv).name, "Zq"); }},
        {"person", "aliases", "name = \"Ada\"\naliases = [\"Zq\"]",
         [](const Document& cv) { return is_one(person(cv).aliases, "Zq"); }},
        {"person", "headline", "name = \"Ada\"\nheadline = \"Zq\"",
         [](const Document& cv) { return is(person(cv).headline, "Zq"); }},
        {"person", "email", "name = \"Ada\"\nemail = \"zq@example.org\"",
         [](const Document& cv) {
             return contact(cv).kind == Contact::Kind::email && contact(cv).value == "zq@example.org";
         }},
        {"person", "phone", "name = \"Ada\"\nphone = \"+1 555\"",
         [](const Document& cv) {
             return contact(cv).kind == Contact::Kind::phone && contact(cv).value == "+1 555";
         }},
        {"person", "homepage", "name = \"Ada\"\nhomepage = \"zq.example.org\"",
         [](const Document& cv) {
             return contact(cv).kind == Contact::Kind::homepage && contact(cv).value == "zq.example.org";
         }},
        {"person", "location", "name = \"Ada\"\nlocation = \"Zq\"",
         [](const Document& cv) {
             return contact(cv).kind == Contact::Kind::location && contact(cv).value == "Zq";
         }},
        {"person", "links", "name = \"Ada\"\nlinks = [{ label = \"Zq\", url = \"https://zq.example.org\" }]",
         [](const Document& cv) { return is(link(cv).label, "Zq"); }},
        {"person", "summary", "name = \"Ada\"\nsummary = \"Zq\"",
         [](const Document& cv) { return is(person(cv).summary, "Zq"); }},
        {"person", "url", "name = \"Ada\"\nurl = \"https://zq.example.org\"",
         [](const Document& cv) { return person(cv).url == "https://zq.example.org"; }},
        {"person", "photo", "name = \"Ada\"\nphoto = { path = \"me.png\", alt = \"Zq\" }",
         [](const Document& cv) {
             return person(cv).photo && person(cv).photo->alt == "Zq" && person(cv).photo->width == 2 &&
                    person(cv).photo->height == 3;
         }},

        {"letter", "recipient", letter_with("recipient", "recipient = { name = \"Zq\" }"),
         [](const Document& cv) { return is(letter(cv).recipient_name, "Zq"); }},
        {"letter", "place", letter_with("place", "place = \"Zq\""),
         [](const Document& cv) { return is(letter(cv).place, "Zq"); }},
        {"letter", "date", letter_with("date", "date = 1987-06-05"),
         [](const Document& cv) { return year_is(letter(cv).date, 1987) && !letter(cv).dated_today; }},
        {"letter", "subject", letter_with("subject", "subject = \"Zq\""),
         [](const Document& cv) { return is(letter(cv).subject, "Zq"); }},
        {"letter", "salutation", letter_with("salutation", "salutation = \"Zq\""),
         [](const Document& cv) { return is(letter(cv).salutation, "Zq"); }},
        {"letter", "body", letter_with("body", "body = \"Zq\""),
         [](const Document& cv) { return is(letter(cv).body, "Zq"); }},
        {"letter", "closing", letter_with("closing", "closing = \"Zq\""),
         [](const Document& cv) { return is(letter(cv).closing, "Zq"); }},
        {"letter", "signature", letter_with("signature", "signature = \"Zq\""),
         [](const Document& cv) { return is(letter(cv).signature, "Zq"); }},
        {"letter", "signature_image", letter_with("signature_image", "signature_image = \"me.png\""),
         [](const Document& cv) {
             return letter(cv).signature_image && letter(cv).signature_image->width == 2;
         }},
        {"letter", "enclosures", letter_with("enclosures", "enclosures = [\"Zq\"]"),
         [](const Document& cv) { return is_one(letter(cv).enclosures, "Zq"); }},
        {"letter", "layout", letter_with("layout", "layout = \"din5008\""),
         [](const Document& cv) { return letter(cv).layout == vitae::cv::LetterLayout::din5008; }},

        {"recipient", "name", "name = \"Zq\"",
         [](const Document& cv) { return is(letter(cv).recipient_name, "Zq"); }},
        {"recipient", "organisation", "organisation = \"Zq\"",
         [](const Document& cv) { return is(letter(cv).recipient_organisation, "Zq"); }},
        {"recipient", "address", "address = [\"Zq\"]",
         [](const Document& cv) { return is_one(letter(cv).recipient_address, "Zq"); }},

        {"link", "label", "label = \"Zq\"\nurl = \"https://l.example.org\"",
         [](const Document& cv) { return is(link(cv).label, "Zq"); }},
        {"link", "url", "label = \"L\"\nurl = \"https://zq.example.org\"",
         [](const Document& cv) { return link(cv).url == "https://zq.example.org"; }},
        {"link", "icon", "label = \"L\"\nurl = \"https://l.example.org\"\nicon = \"orcid\"",
         [](const Document& cv) { return link(cv).icon == "orcid"; }},

        {"phone", "number", "number = \"+1 555\"",
         [](const Document& cv) { return contact(cv).value == "+1 555"; }},
        {"phone", "kind", "number = \"1\"\nkind = \"fax\"",
         [](const Document& cv) { return contact(cv).phone_kind == Contact::PhoneKind::fax; }},

        {"section", "title", "title = \"Zq\"\nkind = \"text\"\ntext = \"t\"",
         [](const Document& cv) { return is(section(cv).title, "Zq"); }},
        {"section", "kind", "title = \"S\"\nkind = \"list\"\nitems = [\"i\"]",
         [](const Document& cv) { return section(cv).kind == SectionKind::list; }},
        {"section", "entry", "title = \"S\"\nentry = [{ title = \"Zq\" }]",
         [](const Document& cv) { return is(entry(cv).title, "Zq"); }},
        {"section", "items", "title = \"S\"\nkind = \"list\"\nitems = [\"Zq\"]",
         [](const Document& cv) { return is_one(section(cv).items, "Zq"); }},
        {"section", "text", "title = \"S\"\nkind = \"text\"\ntext = \"Zq\"",
         [](const Document& cv) { return is(section(cv).text, "Zq"); }},
        {"section", "tags", "title = \"S\"\nkind = \"text\"\ntext = \"t\"\ntags = [\"zq\"]",
         [](const Document& cv) { return is_one(section(cv).tags, "zq"); }},
        {"section", "priority", "title = \"S\"\nkind = \"text\"\ntext = \"t\"\npriority = 7",
         [](const Document& cv) { return section(cv).priority == 7; }},
        {"section", "note", "title = \"S\"\nkind = \"text\"\ntext = \"t\"\nnote = \"zq\"",
         [](const Document& cv) { return section(cv).private_note == "zq"; }},
        {"section", "page_break_before",
         "title = \"S\"\nkind = \"text\"\ntext = \"t\"\npage_break_before = true",
         [](const Document& cv) { return section(cv).breaks.page_break_before; }},
        {"section", "keep_together", "title = \"S\"\nkind = \"text\"\ntext = \"t\"\nkeep_together = true",
         [](const Document& cv) { return section(cv).breaks.keep_together == true; }},
        {"section", "numbered", "title = \"S\"\nkind = \"list\"\nitems = [\"i\"]\nnumbered = true",
         [](const Document& cv) { return section(cv).numbering == Section::Numbering::ascending; }},
        {"section", "reversed",
         "title = \"S\"\nkind = \"list\"\nitems = [\"i\"]\nnumbered = true\nreversed = true",
         [](const Document& cv) { return section(cv).numbering == Section::Numbering::descending; }},
        // Newest first.
        {"section", "bibliography", from_bibliography,
         [](const Document& cv) {
             return titles(cv) == std::vector<std::string>{"Beta", "Alpha"};
         }},
        {"section", "keys", from_bibliography + "keys = [\"a\"]",
         [](const Document& cv) { return titles(cv) == alpha; }},
        {"section", "types", from_bibliography + "types = [\"book\"]",
         [](const Document& cv) { return titles(cv) == beta; }},
        {"section", "keywords", from_bibliography + "keywords = [\"zq\"]",
         [](const Document& cv) { return titles(cv) == alpha; }},
        {"section", "since", from_bibliography + "since = 1900",
         [](const Document& cv) { return titles(cv) == beta; }},
        {"section", "until", from_bibliography + "until = 1900",
         [](const Document& cv) { return titles(cv) == alpha; }},

        {"entry", "title", "title = \"Zq\"", [](const Document& cv) { return is(entry(cv).title, "Zq"); }},
        {"entry", "url", "title = \"E\"\nurl = \"https://zq.example.org\"",
         [](const Document& cv) { return entry(cv).url == "https://zq.example.org"; }},
        {"entry", "subtitle", "title = \"E\"\nsubtitle = \"Zq\"",
         [](const Document& cv) { return is(entry(cv).subtitle, "Zq"); }},
        {"entry", "location", "title = \"E\"\nlocation = \"Zq\"",
         [](const Document& cv) { return is(entry(cv).location, "Zq"); }},
        {"entry", "start", "title = \"E\"\nstart = 1987",
         [](const Document& cv) { return year_is(entry(cv).dates.start, 1987); }},
        {"entry", "end", "title = \"E\"\nstart = 1980\nend = 1987",
         [](const Document& cv) { return year_is(entry(cv).dates.end, 1987); }},
        {"entry", "end_note", "title = \"E\"\nstart = 1980\nend = 1987\nend_note = \"Zq\"",
         [](const Document& cv) { return is(entry(cv).dates.end_note, "Zq"); }},
        {"entry", "expected", "title = \"E\"\nstart = 1980\nend = 1987\nexpected = true",
         [](const Document& cv) { return entry(cv).dates.expected; }},
        {"entry", "date", "title = \"E\"\ndate = 1987",
         [](const Document& cv) { return entry(cv).dates.single && year_is(entry(cv).dates.start, 1987); }},
        {"entry", "description", "title = \"E\"\ndescription = \"Zq\"",
         [](const Document& cv) { return is(entry(cv).description, "Zq"); }},
        {"entry", "highlights", "title = \"E\"\nhighlights = [\"Zq\"]",
         [](const Document& cv) { return is_one(entry(cv).highlights, "Zq"); }},
        {"entry", "roles", "title = \"E\"\nroles = [{ title = \"Zq\" }]",
         [](const Document& cv) { return is(role(cv).title, "Zq"); }},
        {"entry", "tags", "title = \"E\"\ntags = [\"zq\"]",
         [](const Document& cv) { return is_one(entry(cv).tags, "zq"); }},
        {"entry", "priority", "title = \"E\"\npriority = 7",
         [](const Document& cv) { return entry(cv).priority == 7; }},
        {"entry", "note", "title = \"E\"\nnote = \"zq\"",
         [](const Document& cv) { return entry(cv).private_note == "zq"; }},
        {"entry", "page_break_before", "title = \"E\"\npage_break_before = true",
         [](const Document& cv) { return entry(cv).breaks.page_break_before; }},
        {"entry", "keep_together", "title = \"E\"\nkeep_together = false",
         [](const Document& cv) { return entry(cv).breaks.keep_together == false; }},
        {"entry", "group", "title = \"E\"\ngroup = \"Zq\"",
         [](const Document& cv) { return is(entry(cv).group, "Zq"); }},

        {"role", "title", "title = \"Zq\"", [](const Document& cv) { return is(role(cv).title, "Zq"); }},
        {"role", "location", "title = \"R\"\nlocation = \"Zq\"",
         [](const Document& cv) { return is(role(cv).location, "Zq"); }},
        {"role", "start", "title = \"R\"\nstart = 1987",
         [](const Document& cv) { return year_is(role(cv).dates.start, 1987); }},
        {"role", "end", "title = \"R\"\nstart = 1980\nend = 1987",
         [](const Document& cv) { return year_is(role(cv).dates.end, 1987); }},
        {"role", "end_note", "title = \"R\"\nstart = 1980\nend = 1987\nend_note = \"Zq\"",
         [](const Document& cv) { return is(role(cv).dates.end_note, "Zq"); }},
        {"role", "expected", "title = \"R\"\nstart = 1980\nend = 1987\nexpected = true",
         [](const Document& cv) { return role(cv).dates.expected; }},
        {"role", "date", "title = \"R\"\ndate = 1987",
         [](const Document& cv) { return role(cv).dates.single && year_is(role(cv).dates.start, 1987); }},
        {"role", "highlights", "title = \"R\"\nhighlights = [\"Zq\"]",
         [](const Document& cv) { return is_one(role(cv).highlights, "Zq"); }},
        {"role", "tags", "title = \"R\"\ntags = [\"zq\"]",
         [](const Document& cv) { return is_one(role(cv).tags, "zq"); }},
        {"role", "priority", "title = \"R\"\npriority = 7",
         [](const Document& cv) { return role(cv).priority == 7; }},
        {"role", "note", "title = \"R\"\nnote = \"zq\"",
         [](const Document& cv) { return role(cv).private_note == "zq"; }},

        {"publication", "title", "title = \"Zq\"",
         [](const Document& cv) { return is(publication(cv).title, "Zq"); }},
        {"publication", "authors", "title = \"P\"\nauthors = [\"Zq\"]",
         [](const Document& cv) { return is_one(publication(cv).authors, "Zq"); }},
        {"publication", "equal_contribution",
         "title = \"P\"\nauthors = [\"Zq\"]\nequal_contribution = [\"Zq\"]",
         [](const Document& cv) { return is_one(publication(cv).equal_contribution, "Zq"); }},
        {"publication", "venue", "title = \"P\"\nvenue = \"Zq\"",
         [](const Document& cv) { return is(publication(cv).venue, "Zq"); }},
        {"publication", "year", "title = \"P\"\nyear = 1987",
         [](const Document& cv) { return publication(cv).year == 1987; }},
        {"publication", "award", "title = \"P\"\naward = \"Zq\"",
         [](const Document& cv) { return is(publication(cv).award, "Zq"); }},
        {"publication", "note", "title = \"P\"\nnote = \"Zq\"",
         [](const Document& cv) { return is(publication(cv).note, "Zq"); }},
        {"publication", "group", "title = \"P\"\ngroup = \"Zq\"",
         [](const Document& cv) { return is(publication(cv).group, "Zq"); }},
        {"publication", "doi", "title = \"P\"\ndoi = \"10.1/zq\"",
         [](const Document& cv) { return publication(cv).doi == "10.1/zq"; }},
        {"publication", "url", "title = \"P\"\nurl = \"https://zq.example.org\"",
         [](const Document& cv) { return publication(cv).url == "https://zq.example.org"; }},
        {"publication", "pdf", "title = \"P\"\npdf = \"https://zq.example.org/zq.pdf\"",
         [](const Document& cv) { return publication(cv).pdf == "https://zq.example.org/zq.pdf"; }},
        {"publication", "code", "title = \"P\"\ncode = \"https://zq.example.org/code\"",
         [](const Document& cv) { return publication(cv).code == "https://zq.example.org/code"; }},
        {"publication", "selected", "title = \"P\"\nselected = true",
         [](const Document& cv) { return publication(cv).selected; }},
        {"publication", "tags", "title = \"P\"\ntags = [\"zq\"]",
         [](const Document& cv) { return is_one(publication(cv).tags, "zq"); }},
        {"publication", "priority", "title = \"P\"\npriority = 7",
         [](const Document& cv) { return publication(cv).priority == 7; }},
        {"publication", "comment", "title = \"P\"\ncomment = \"zq\"",
         [](const Document&
                cv) { return publication(cv).note.empty() && publication(cv).private_note == "zq"; }},
        {"publication", "abbr", "title = \"P\"\nabbr = \"ZQ\"",
         [](const Document& cv) { return publication(cv).abbr == "ZQ"; }},
        {"publication", "month", "title = \"P\"\nyear = 1987\nmonth = 3",
         [](const Document& cv) { return publication(cv).month == 3; }},
        {"publication", "volume", "title = \"P\"\nvolume = 12",
         [](const Document& cv) { return publication(cv).volume == "12"; }},
        {"publication", "issue", "title = \"P\"\nissue = \"zq\"",
         [](const Document& cv) { return publication(cv).issue == "zq"; }},
        {"publication", "pages", "title = \"P\"\npages = \"45--67\"",
         [](const Document& cv) { return publication(cv).pages == "45--67"; }},

        {"skill row", "label", "label = \"Zq\"\nitems = [\"i\"]",
         [](const Document& cv) { return is(skill(cv).label, "Zq"); }},
        {"skill row", "items", "label = \"L\"\nitems = [\"Zq\"]",
         [](const Document& cv) { return is_one(skill(cv).items, "Zq"); }},
        {"skill row", "tags", "label = \"L\"\nitems = [\"i\"]\ntags = [\"zq\"]",
         [](const Document& cv) { return is_one(skill(cv).tags, "zq"); }},
        {"skill row", "priority", "label = \"L\"\nitems = [\"i\"]\npriority = 7",
         [](const Document& cv) { return skill(cv).priority == 7; }},
        {"skill row", "note", "label = \"L\"\nitems = [\"i\"]\nnote = \"zq\"",
         [](const Document& cv) { return skill(cv).private_note == "zq"; }},

        {"item", "text", "text = \"Zq\"", [](const Document& cv) { return is_one(skill(cv).items, "Zq"); }},
        {"item", "level", "text = \"t\"\nlevel = 4",
         [](const Document& cv) { return skill(cv).items.at(0).level->value == 4; }},
        {"item", "tags", "text = \"t\"\ntags = [\"zq\"]",
         [](const Document& cv) { return is_one(skill(cv).items.at(0).tags, "zq"); }},
        {"item", "priority", "text = \"t\"\npriority = 7",
         [](const Document& cv) { return skill(cv).items.at(0).priority == 7; }},
        {"item", "note", "text = \"t\"\nnote = \"zq\"",
         [](const Document& cv) { return skill(cv).items.at(0).private_note == "zq"; }},
        // A skill has no bullets under it: a highlight after it does.
        {"item", "items",
         "text = \"t\"\n[[section]]\ntitle = \"H\"\n[[section.entry]]\ntitle = \"E\"\n"
         "highlights = [{ text = \"b\", items = [\"Zq\"] }]",
         [](const Document& cv) {
             return is_one(cv.sections.at(1).entries.at(0).highlights.at(0).items, "Zq");
         }},
    };
    return cases;
}

const KeyCase* case_of(std::string_view table, std::string_view key) {
    for (const KeyCase& key_case : key_cases()) {
        if (key_case.table == table && key_case.key == key) return &key_case;
    }
    return nullptr;
}

std::string cv_text(std::string_view table, std::string_view keys) {
    return std::string{frames().at(table)} + std::string{keys} + "\n";
}

}  // namespace

TEST_CASE("every key the CV loader accepts reaches the model", "[load]") {
    const vitae::test::TemporaryDirectory folder;
    (void)folder.write("refs.bib", bibliography);
    (void)folder.write("me.png", vitae::test::tiny_png);
    (void)folder.write("sender.toml", "[person]\nname = \"Zq\"\n");
    const std::string path = (folder.path() / "cv.toml").string();
    std::size_t checked = 0;
    for (const vitae::KeyTable& table : vitae::cv_key_tables()) {
        REQUIRE(frames().contains(table.table));
        for (const std::string_view key : table.keys) {
            INFO("key '" << key << "' of " << table.table);
            const KeyCase* key_case = case_of(table.table, key);
            // A new key needs a case here that shows it is read.
            CHECK(key_case != nullptr);
            if (key_case == nullptr) continue;
            const std::string text = cv_text(table.table, key_case->keys);
            INFO(text);
            vitae::Diagnostics diagnostics;
            const Document cv = vitae::load_cv_text(text, path, diagnostics);
            INFO(printed(diagnostics));
            CHECK(diagnostics.error_count() == 0);
            bool reached = false;
            try {
                reached = key_case->reached(cv);
            } catch (const std::out_of_range&) {  // the element the value belongs in is not there
            }
            CHECK(reached);
            ++checked;
        }
    }
    CHECK(checked == key_cases().size());  // no case for a key the loader does not have
}

TEST_CASE("a misspelt key of any CV table is told the key it is near", "[load]") {
    for (const vitae::KeyTable& table : vitae::cv_key_tables()) {
        for (const std::string_view key : table.keys) {
            // One letter too many: near this key and no other.
            const std::string typo = std::string{key} + key.back();
            const std::string text = cv_text(table.table, typo + " = 1");
            INFO(text);
            vitae::Diagnostics diagnostics;
            (void)vitae::load_cv_text(text, "cv.toml", diagnostics);
            const std::string expected = "unknown key '" + typo + "' in " + std::string{table.table} +
                                         " (did you mean '" + std::string{key} + "'?)";
            bool found = false;
            for (const std::string& line : vitae::test::lines(diagnostics)) {
                found = found || line.ends_with(expected);
            }
            INFO(printed(diagnostics));
            CHECK(found);
        }
    }
}
