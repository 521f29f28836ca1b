// vitae's CV model to JSON Resume (schema 1.x): the reverse of
// json_resume_to_toml, rule for rule, so that `vitae import` of what this
// writes gives back the CV's facts. JSON Resume holds less than a CV (no
// authors, no section titles, plain strings): whatever it cannot hold is a
// note at its source, so that nothing is dropped silently.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "vitae/base/ascii.hpp"
#include "vitae/load/json_resume.hpp"
#include "vitae/model/model.hpp"

namespace vitae {

namespace {

/// Keys in the order they are set: the schema's order, stable across runs.
using Json = nlohmann::ordered_json;

/// The schema the document says it follows; consumers pick the validator by it.
constexpr std::string_view schema_url =
    "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json";

/// The top-level arrays of JSON Resume, in the schema's order (which is the
/// order they are written in).
enum class Key {
    work,
    volunteer,
    education,
    awards,
    certificates,
    publications,
    skills,
    languages,
    interests,
    references,
    projects
};

struct KeyInfo {
    Key key;
    std::string_view name;  ///< the JSON key
    /// The title vitae import gives the section it makes of the key: a
    /// section titled otherwise comes back under this one.
    std::string_view import_title;
    /// Words of section titles (lower case, any of the languages vitae
    /// speaks) that say a section belongs here. Entry sections that match
    /// none are work; list sections that match none have no place.
    std::vector<std::string_view> title_words;
};

const std::vector<KeyInfo>& keys() {
    static const std::vector<KeyInfo> all = {
        {Key::work, "work", "Experience", {}},
        {Key::volunteer,
         "volunteer",
         "Volunteering",
         {"volunt", "ehrenamt", "bénévol", "benevol", "志愿", "ボランティア", "התנדבות"}},
        {Key::education,
         "education",
         "Education",
         {"educa", "ausbildung", "studium", "formación", "formacion", "formation", "教育", "学歴", "学历",
          "השכלה"}},
        {Key::awards,
         "awards",
         "Awards",
         {"award", "honor", "honour", "prize", "auszeichnung", "preise", "premio", "prix", "distinction",
          "奖", "獎", "受賞", "表彰", "פרס"}},
        {Key::certificates,
         "certificates",
         "Certificates",
         {"certif", "zertifi", "licen", "证书", "資格", "תעוד", "הסמכ"}},
        {Key::publications, "publications", "Publications", {}},
        {Key::skills, "skills", "Skills", {}},
        {Key::languages,
         "languages",
         "Languages",
         {"language", "sprache", "idioma", "langue", "语言", "語言", "言語", "語学", "שפות"}},
        {Key::interests,
         "interests",
         "Interests",
         {"interest", "hobb", "interess", "interes", "intérêt", "兴趣", "興趣", "趣味", "תחביב",
          "תחומי עניין"}},
        {Key::references, "references", "References", {"referen", "推荐", "推薦", "ממליצ"}},
        {Key::projects,
         "projects",
         "Projects",
         {"project", "projekt", "proyecto", "projet", "项目", "プロジェクト", "פרויקט"}},
    };
    return all;
}

const KeyInfo& info(Key key) {
    return keys()[static_cast<std::size_t>(key)];
}

/// The first of `candidates` whose title words one of the section's titles
/// (in any of its languages) holds.
std::optional<Key> key_for_title(const cv::Section& section, const std::vector<Key>& candidates) {
    std::vector<std::string> titles{ascii_lowercase(section.title.plain())};
    for (const std::string& translation : section.title_translations)
        titles.push_back(ascii_lowercase(translation));
    for (const Key candidate : candidates) {
        for (const std::string_view word : info(candidate).title_words) {
            if (std::any_of(titles.begin(), titles.end(),
                            [&](const std::string& title) { return title.find(word) != std::string::npos; }))
                return candidate;
        }
    }
    return std::nullopt;
}

/// Bullets and the bullets under them, in reading order: JSON Resume's
/// highlights are one flat list.
void flattened(const std::vector<cv::Item>& items, std::vector<const cv::RichText*>& texts) {
    for (const cv::Item& item : items) {
        texts.push_back(&item.text);
        flattened(item.items, texts);
    }
}

/// Where each kind of entry's fields go. An empty key: the schema has none
/// for that field (education's subtitle and highlights have special ones).
struct EntryShape {
    Key key;
    std::string_view title;
    std::string_view subtitle;
    std::string_view description;
    std::string_view highlights;
    bool has_url;
    bool has_location;
    bool single_date;  ///< `date`, not `startDate` and `endDate`
};

const EntryShape& entry_shape(Key key) {
    static const std::array<EntryShape, 6> shapes = {{
        {Key::work, "name", "position", "summary", "highlights", true, true, false},
        {Key::volunteer, "organization", "position", "summary", "highlights", true, false, false},
        {Key::education, "institution", "", "", "", true, false, false},
        {Key::awards, "title", "awarder", "summary", "", false, false, true},
        {Key::certificates, "name", "issuer", "", "", true, false, true},
        {Key::projects, "name", "", "description", "highlights", true, false, false},
    }};
    return *std::find_if(shapes.begin(), shapes.end(),
                         [key](const EntryShape& shape) { return shape.key == key; });
}

/// Quoted for a note: “text”.
std::string in_quotes(std::string_view text) {
    return fmt::format("\u201C{}\u201D", text);
}

std::string iso_date(const cv::Date& date) {
    if (date.month == 0) return fmt::format("{:04}", date.year);
    if (date.day == 0) return fmt::format("{:04}-{:02}", date.year, date.month);
    return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

/// Whether `url` starts with a scheme (RFC 3986: a letter, then letters,
/// digits, `+`, `-` or `.`, then `:`): the schema's URLs are absolute.
bool has_scheme(std::string_view url) {
    const auto is_letter = [](char c) { return ascii_lower(c) >= 'a' && ascii_lower(c) <= 'z'; };
    const std::size_t colon = url.find(':');
    if (colon == std::string_view::npos || colon == 0 || !is_letter(url.front())) return false;
    return std::all_of(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(colon), [&](char c) {
        return is_letter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    });
}

/// The parts of `text` between `separator`s.
std::vector<std::string> split(std::string_view text, std::string_view separator) {
    std::vector<std::string> parts;
    for (std::size_t start = 0;;) {
        const std::size_t end = text.find(separator, start);
        parts.emplace_back(text.substr(start, end - start));
        if (end == std::string_view::npos) return parts;
        start = end + separator.size();
    }
}

/// What one JSON Resume object (or the document) could not hold, said in
/// one note at its source rather than a note a field.
class Losses {
public:
    void add(std::string what) { parts_.push_back(std::move(what)); }

    /// The plain text of `text`, and what its markup said that a plain
    /// string cannot: emphasis, code, link targets. `name_link` is a link
    /// the field has anyway (the person's name links to their homepage).
    std::string plain(const cv::RichText& text, std::string_view field, std::string_view name_link = {}) {
        std::set<std::string_view> styles;
        std::vector<std::string> links;
        for (const cv::Span& span : text.spans) {
            if (span.bold) styles.insert("bold");
            if (span.italic) styles.insert("italic");
            if (span.code) styles.insert("code");
            if (!span.link.empty() && span.link != name_link &&
                std::find(links.begin(), links.end(), span.link) == links.end())
                links.push_back(span.link);
        }
        if (!styles.empty()) add(fmt::format("the {} of {}", fmt::join(styles, " and "), field));
        for (const std::string& link : links) add(fmt::format("the link to <{}> in {}", link, field));
        return text.plain();
    }

    void report(Diagnostics& diagnostics, const SourceRegion& where, std::string_view path) const {
        if (parts_.empty()) return;
        diagnostics.note(where, fmt::format("{}: JSON Resume has no place for {}: not carried", path,
                                            fmt::join(parts_, "; ")));
    }

private:
    std::vector<std::string> parts_;
};

/// An entry or one of its roles, as one JSON Resume item: a role is the
/// entry's employer with the role's title, place, dates and highlights.
struct Item {
    const cv::Entry& entry;
    const cv::RichText& subtitle;
    const cv::RichText& location;
    const cv::DateRange& dates;
    std::vector<const cv::RichText*> highlights;
    bool first_of_entry;  ///< the entry's description goes with its first item only
};

class Exporter {
public:
    Exporter(const cv::Document& document, Diagnostics& diagnostics)
        : document_(document), diagnostics_(diagnostics) {}

    std::string run() {
        if (document_.letter) {
            diagnostics_.error(document_.letter->where, "a letter has no JSON Resume form",
                               "JSON Resume holds CVs; export the CV the letter goes with");
            return {};
        }
        root_["$schema"] = schema_url;
        summary_section_ = summary_section();
        basics();
        std::vector<Key> order;
        for (const cv::Section& section : document_.sections) {
            if (&section == summary_section_) continue;
            if (const std::optional<Key> key = this->section(section)) order.push_back(*key);
        }
        if (!std::is_sorted(order.begin(), order.end())) {
            diagnostics_.note(document_.where,
                              "the sections come in JSON Resume's order (work, volunteer, education, awards, "
                              "certificates, publications, skills, languages, interests, references, "
                              "projects), not the CV's: JSON Resume has no order of its own");
        }
        for (const KeyInfo& each : keys()) {
            if (auto found = arrays_.find(each.key); found != arrays_.end())
                root_[std::string{each.name}] = std::move(found->second);
        }
        // JSON Resume keeps tooling settings in meta; the official themes read the language there.
        if (!document_.language.empty()) root_["meta"]["language"] = document_.language;
        return root_.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
    }

private:
    void basics() {
        const cv::Person& person = document_.person;
        Losses lost;
        Json basics = Json::object();
        put(basics, "name", lost.plain(person.name, "the name", person.url));
        put(basics, "label", lost.plain(person.headline, "the headline"));
        if (person.photo) put(basics, "image", person.photo->path);
        std::set<cv::Contact::Kind> placed;
        for (const cv::Contact& contact : person.contacts) {
            if (!placed.insert(contact.kind).second) {
                lost.add(fmt::format("a second {} {}", contact_noun(contact.kind), in_quotes(contact.value)));
                continue;
            }
            if (contact.kind == cv::Contact::Kind::phone &&
                contact.phone_kind != cv::Contact::PhoneKind::phone)
                lost.add(fmt::format("that {} is a {} number", in_quotes(contact.value),
                                     cv::icon_meaning(contact.icon())));
            switch (contact.kind) {
                case cv::Contact::Kind::email: put(basics, "email", contact.value); break;
                case cv::Contact::Kind::phone: put(basics, "phone", contact.value); break;
                case cv::Contact::Kind::homepage:
                    // The schema's url is absolute; the CV may write its homepage without https://.
                    put(basics, "url", contact.url());
                    if (contact.url() != contact.value)
                        lost.add(
                            fmt::format("the homepage as the CV writes it, {}", in_quotes(contact.value)));
                    break;
                // vitae import writes the address's parts as one line, which is what a CV has.
                case cv::Contact::Kind::location: basics["location"]["address"] = contact.value; break;
            }
        }
        if (!person.url.empty() && !placed.contains(cv::Contact::Kind::homepage)) {
            put_url(basics, "url", person.url, "the name's link", lost);
        } else if (!person.url.empty() && basics.value("url", "") != person.url) {
            lost.add(fmt::format("the name's link to {}", person.url));
        }
        if (summary_section_ != nullptr) {
            title_note(*summary_section_, "basics.summary", std::nullopt);
            put(basics, "summary", lost.plain(summary_section_->text, "the summary"));
        } else {
            put(basics, "summary", lost.plain(person.summary, "the summary"));
        }
        if (!person.aliases.empty())
            lost.add(fmt::format("the name's other spellings {}",
                                 in_quotes(fmt::format("{}", fmt::join(person.aliases, ", ")))));
        Json profiles = Json::array();
        for (std::size_t index = 0; index < person.links.size(); ++index) {
            const cv::Link& link = person.links[index];
            Json profile = Json::object();
            const std::string field = fmt::format("profiles[{}]", index);
            put(profile, "network", lost.plain(link.label, field));
            put_url(profile, "url", link.url, field, lost);
            // vitae import gives a profile the icon its network names.
            if (!link.icon.empty() && cv::icon_named(link.label.plain()) != link.icon)
                lost.add(fmt::format("the icon '{}' of {}", link.icon, field));
            profiles.push_back(std::move(profile));
        }
        if (!profiles.empty()) basics["profiles"] = std::move(profiles);
        root_["basics"] = std::move(basics);
        lost.report(diagnostics_, person.where, "basics");
    }

    /// The text section that says what the person's summary would (vitae
    /// import makes basics.summary the person's): the first that no list
    /// key claims, when the person has no summary of their own.
    [[nodiscard]] const cv::Section* summary_section() const {
        if (!document_.person.summary.empty()) return nullptr;
        const auto found = std::find_if(document_.sections.begin(), document_.sections.end(),
                                        [](const cv::Section& section) {
                                            return section.kind == cv::SectionKind::text && !key_of(section);
                                        });
        return found == document_.sections.end() ? nullptr : &*found;
    }

    /// A section's title has no JSON Resume key: said unless vitae import
    /// gives the section that title back.
    void title_note(const cv::Section& section, std::string_view destination,
                    std::optional<std::string_view> import_title) {
        const std::string title = section.title.plain();
        if (import_title && title == *import_title) return;
        diagnostics_.note(
            section.title.where,
            fmt::format("the section {} becomes JSON Resume's '{}', which has no title{}", in_quotes(title),
                        destination,
                        import_title ? fmt::format(": vitae import calls it {}", in_quotes(*import_title))
                                     : std::string{": not carried"}));
    }

    static std::string_view contact_noun(cv::Contact::Kind kind) {
        switch (kind) {
            case cv::Contact::Kind::email: return "e-mail address";
            case cv::Contact::Kind::phone: return "phone number";
            case cv::Contact::Kind::homepage: return "homepage";
            case cv::Contact::Kind::location: return "location";
        }
        return "contact";
    }

    /// Sets a string field unless it is empty: JSON Resume leaves out what is not known.
    static void put(Json& object, std::string_view key, const std::string& value) {
        if (!value.empty()) object[std::string{key}] = value;
    }

    /// A URL where the schema wants one; a relative one (a file next to
    /// the CV) is no URI the schema takes.
    static void put_url(Json& object, std::string_view key, const std::string& url, std::string_view field,
                        Losses& lost) {
        if (url.empty()) return;
        if (has_scheme(url)) {
            object[std::string{key}] = url;
        } else {
            lost.add(fmt::format("the relative link {} of {}", url, field));
        }
    }

    Json& array(Key key) { return arrays_.try_emplace(key, Json::array()).first->second; }

    /// "work[3]": where the next item of `key` goes.
    std::string next_path(Key key) { return fmt::format("{}[{}]", info(key).name, array(key).size()); }

    /// The section's items in their JSON Resume array, and the key; none
    /// when JSON Resume has no place for the section.
    std::optional<Key> section(const cv::Section& section) {
        const std::optional<Key> key = key_of(section);
        if (!key) {
            diagnostics_.note(section.where,
                              fmt::format("the {} section {} has no place in JSON Resume: not carried{}",
                                          cv::to_string(section.kind), in_quotes(section.title.plain()),
                                          content_words(section)));
            return std::nullopt;
        }
        title_note(section, info(*key).name, info(*key).import_title);
        switch (section.kind) {
            case cv::SectionKind::entries:
                for (const cv::Entry& entry : section.entries) this->entry(*key, entry);
                break;
            case cv::SectionKind::publications:
                for (const cv::Publication& publication : section.publications)
                    this->publication(publication);
                break;
            case cv::SectionKind::skills:
                for (const cv::SkillRow& row : section.skills) skill(row);
                break;
            case cv::SectionKind::list: {
                std::vector<const cv::RichText*> items;
                flattened(section.items, items);
                for (const cv::RichText* text : items) list_item(*key, *text);
                break;
            }
            case cv::SectionKind::text: list_item(*key, section.text); break;
        }
        return key;
    }

    static std::optional<Key> key_of(const cv::Section& section) {
        switch (section.kind) {
            case cv::SectionKind::publications: return Key::publications;
            case cv::SectionKind::skills: return Key::skills;
            case cv::SectionKind::entries:
                return key_for_title(section, {Key::education, Key::volunteer, Key::awards, Key::certificates,
                                               Key::projects})
                    .value_or(Key::work);
            case cv::SectionKind::list:
                return key_for_title(section, {Key::languages, Key::interests, Key::references, Key::awards,
                                               Key::certificates});
            case cv::SectionKind::text:
                return key_for_title(section, {Key::languages, Key::interests, Key::references, Key::awards,
                                               Key::certificates});
        }
        return std::nullopt;
    }

    /// What a section not carried says, so the note names every lost word.
    static std::string content_words(const cv::Section& section) {
        std::vector<std::string> texts;
        std::vector<const cv::RichText*> items;
        flattened(section.items, items);
        for (const cv::RichText* text : items) texts.push_back(text->plain());
        if (!section.text.empty()) texts.push_back(section.text.plain());
        if (texts.empty()) return {};
        return fmt::format(": {}", in_quotes(fmt::format("{}", fmt::join(texts, "; "))));
    }

    void entry(Key key, const cv::Entry& entry) {
        if (entry.roles.empty()) {
            std::vector<const cv::RichText*> highlights;
            flattened(entry.highlights, highlights);
            item(key, Item{entry, entry.subtitle, entry.location, entry.dates, std::move(highlights), true});
            return;
        }
        for (std::size_t index = 0; index < entry.roles.size(); ++index) {
            const cv::Role& role = entry.roles[index];
            std::vector<const cv::RichText*> highlights;
            // The entry's own highlights are the employer's: with its first role.
            if (index == 0) {
                flattened(entry.highlights, highlights);
            }
            flattened(role.highlights, highlights);
            item(key, Item{entry, role.title, role.location.empty() ? entry.location : role.location,
                           role.dates, std::move(highlights), index == 0});
        }
    }

    void item(Key key, const Item& item) {
        const EntryShape& shape = entry_shape(key);
        const std::string path = next_path(key);
        const cv::Entry& entry = item.entry;
        Losses lost;
        Json object = Json::object();
        put(object, shape.title, lost.plain(entry.title, "the title"));
        subtitle(key, object, lost.plain(item.subtitle, "the subtitle"));
        if (shape.has_url) {
            put_url(object, "url", entry.url, "the title", lost);
        } else if (!entry.url.empty()) {
            lost.add(fmt::format("the title's link to {}", entry.url));
        }
        if (shape.has_location) {
            put(object, "location", lost.plain(item.location, "the location"));
        } else if (!item.location.empty()) {
            lost.add(fmt::format("the location {}", in_quotes(item.location.plain())));
        }
        dates(object, item.dates, shape.single_date, lost);
        if (item.first_of_entry && !entry.description.empty()) {
            if (shape.description.empty()) {
                lost.add(fmt::format("the description {}", in_quotes(entry.description.plain())));
            } else {
                put(object, shape.description, lost.plain(entry.description, "the description"));
            }
        }
        if (item.first_of_entry && !entry.roles.empty()) {
            // The roles stand in for the entry's own subtitle and dates.
            if (!entry.subtitle.empty())
                lost.add(fmt::format("the subtitle {} beside the roles", in_quotes(entry.subtitle.plain())));
            if (!entry.dates.empty()) lost.add("the dates of the entry beside those of its roles");
        }
        if (item.first_of_entry && !entry.group.empty())
            lost.add(fmt::format("the group {} the entry is listed under", in_quotes(entry.group.plain())));
        highlights(key, object, item.highlights, lost);
        lost.report(diagnostics_, entry.where, path);
        array(key).push_back(std::move(object));
    }

    /// The subtitle where the kind of item keeps it: a degree's "Bachelor
    /// in Physics" is its studyType and area, a project's "Lead, Designer —
    /// Smoogle" its roles and entity (as vitae import joins them).
    static void subtitle(Key key, Json& object, const std::string& text) {
        if (text.empty()) return;
        if (key == Key::education) {
            const std::size_t in = text.find(" in ");
            if (in == std::string::npos) {
                object["studyType"] = text;
            } else {
                object["area"] = text.substr(in + 4);
                object["studyType"] = text.substr(0, in);
            }
            return;
        }
        if (key == Key::projects) {
            constexpr std::string_view dash = " \u2014 ";
            const std::size_t at = text.rfind(dash);
            object["roles"] = Json::array({text.substr(0, at)});
            if (at != std::string::npos) object["entity"] = text.substr(at + dash.size());
            return;
        }
        object[std::string{entry_shape(key).subtitle}] = text;
    }

    /// Highlights where the kind of item keeps them: a degree's "Score: …"
    /// and "Courses: …", a project's "Keywords: …" (as vitae import writes
    /// them).
    static void highlights(Key key, Json& object, const std::vector<const cv::RichText*>& texts,
                           Losses& lost) {
        struct Labelled {
            Key key;
            std::string_view label;
            std::string_view field;
            bool list;
        };
        static constexpr std::array<Labelled, 3> labelled = {{
            {Key::education, "Score: ", "score", false},
            {Key::education, "Courses: ", "courses", true},
            {Key::projects, "Keywords: ", "keywords", true},
        }};
        const std::string_view field = entry_shape(key).highlights;
        for (std::size_t index = 0; index < texts.size(); ++index) {
            const std::string text = lost.plain(*texts[index], fmt::format("highlight {}", index + 1));
            const auto special = std::find_if(labelled.begin(), labelled.end(), [&](const Labelled& each) {
                return each.key == key && text.starts_with(each.label) &&
                       !object.contains(std::string{each.field});
            });
            if (special != labelled.end()) {
                const std::string value = text.substr(special->label.size());
                object[std::string{special->field}] = special->list ? Json(split(value, ", ")) : Json(value);
            } else if (!field.empty()) {
                object[std::string{field}].push_back(text);
            } else {
                lost.add(fmt::format("the highlight {}", in_quotes(text)));
            }
        }
    }

    /// ISO 8601 at the date's precision. JSON Resume has no "present": an
    /// item without endDate goes on (vitae import reads it so), which is
    /// why a single date is a period from it to itself.
    static void dates(Json& object, const cv::DateRange& range, bool single_date, Losses& lost) {
        if (single_date) {
            const std::optional<cv::Date>& date = range.start ? range.start : range.end;
            if (date) object["date"] = iso_date(*date);
            if (range.start && range.end) lost.add(fmt::format("the end date {}", iso_date(*range.end)));
            if (range.ongoing) lost.add("that it goes on to the present");
        } else {
            if (range.start) object["startDate"] = iso_date(*range.start);
            if (range.end) {
                object["endDate"] = iso_date(*range.end);
            } else if (range.start && !range.ongoing) {
                object["endDate"] = iso_date(*range.start);
            }
            if (range.ongoing && !range.start) lost.add("that it goes on to the present (it has no start)");
        }
        if (!range.end_note.empty())
            lost.add(fmt::format("the words after the end date {}", in_quotes(range.end_note.plain())));
        if (range.expected) lost.add("that the end date is expected");
    }

    void publication(const cv::Publication& publication) {
        const std::string path = next_path(Key::publications);
        Losses lost;
        Json object = Json::object();
        put(object, "name", lost.plain(publication.title, "the title"));
        // The schema has no authors; it allows keys of one's own, and
        // `vitae import` reads this one back (an academic CV's most words).
        Json authors = Json::array();
        for (std::size_t index = 0; index < publication.authors.size(); ++index)
            authors.push_back(lost.plain(publication.authors[index], fmt::format("author {}", index + 1)));
        if (!authors.empty()) object["authors"] = std::move(authors);
        put(object, "publisher", lost.plain(publication.venue, "the venue"));
        if (publication.year) {
            object["releaseDate"] = iso_date(cv::Date{*publication.year, publication.month.value_or(0), 0});
        }
        // One link has a key: the publication's own URL, else the first
        // other (its DOI, PDF or code) that is absolute.
        const std::vector<cv::Publication::LabeledLink> links = publication.links();
        const auto is_own_url = [](const cv::Publication::LabeledLink& link) {
            return link.label == "URL" && has_scheme(link.url);
        };
        auto chosen = std::find_if(links.begin(), links.end(), is_own_url);
        if (chosen == links.end()) {
            chosen = std::find_if(links.begin(), links.end(), [](const cv::Publication::LabeledLink& link) {
                return has_scheme(link.url);
            });
        }
        for (auto link = links.begin(); link != links.end(); ++link) {
            if (link == chosen) {
                object["url"] = link->url;
                if (link->label != "URL") lost.add(fmt::format("that the url is its {} link", link->label));
            } else {
                lost.add(fmt::format("the {} link {}", link->label, link->url));
            }
        }
        put(object, "summary", lost.plain(publication.note, "the note"));
        const std::array<std::pair<std::string_view, std::string>, 6> fields = {{
            {"equal contribution of", fmt::format("{}", fmt::join(publication.equal_contribution, ", "))},
            {"venue's abbreviation", publication.abbr},
            {"volume", publication.volume},
            {"issue", publication.issue},
            {"pages", publication.pages},
            {"award", publication.award.plain()},
        }};
        for (const auto& [name, value] : fields) {
            if (!value.empty()) lost.add(fmt::format("the {} {}", name, in_quotes(value)));
        }
        if (publication.selected) lost.add("that it is selected");
        if (!publication.group.empty())
            lost.add(fmt::format("the group {}", in_quotes(publication.group.plain())));
        lost.report(diagnostics_, publication.where, path);
        array(Key::publications).push_back(std::move(object));
    }

    void skill(const cv::SkillRow& row) {
        const std::string path = next_path(Key::skills);
        Losses lost;
        Json object = Json::object();
        put(object, "name", lost.plain(row.label, "the label"));
        Json keywords = Json::array();
        for (std::size_t index = 0; index < row.items.size(); ++index) {
            const cv::Item& item = row.items[index];
            keywords.push_back(lost.plain(item.text, fmt::format("item {}", index + 1)));
            // A skills entry has one level for all its keywords.
            if (item.level) {
                lost.add(fmt::format("the level of item {}, {}", index + 1,
                                     item.level->value == 0
                                         ? item.level->word
                                         : fmt::format("{}/{}", item.level->value, cv::SkillLevel::highest)));
            }
        }
        if (!keywords.empty()) object["keywords"] = std::move(keywords);
        lost.report(diagnostics_, row.where, path);
        array(Key::skills).push_back(std::move(object));
    }

    /// A list item (or a text section) as an item of `key`, split as vitae
    /// import joins the item's fields: "German (native)", "Music: jazz,
    /// piano", "“Great engineer” — Ann Lee".
    void list_item(Key key, const cv::RichText& text) {
        const std::string path = next_path(key);
        Losses lost;
        const std::string plain = lost.plain(text, "the item");
        Json object = Json::object();
        switch (key) {
            case Key::languages: {
                const std::size_t open = plain.rfind(" (");
                if (open != std::string::npos && plain.ends_with(')')) {
                    object["language"] = plain.substr(0, open);
                    object["fluency"] = plain.substr(open + 2, plain.size() - open - 3);
                } else {
                    object["language"] = plain;
                }
                break;
            }
            case Key::interests: {
                const std::size_t colon = plain.find(": ");
                if (colon != std::string::npos && plain.find('\n') == std::string::npos) {
                    object["name"] = plain.substr(0, colon);
                    object["keywords"] = split(plain.substr(colon + 2), ", ");
                } else {
                    object["name"] = plain;
                }
                break;
            }
            case Key::references: {
                constexpr std::string_view open = "\u201C";
                constexpr std::string_view close = "\u201D \u2014 ";
                const std::size_t end = plain.rfind(close);
                if (plain.starts_with(open) && end != std::string::npos) {
                    object["name"] = plain.substr(end + close.size());
                    object["reference"] = plain.substr(open.size(), end - open.size());
                } else {
                    object["reference"] = plain;
                }
                break;
            }
            case Key::awards: object["title"] = plain; break;
            case Key::certificates: object["name"] = plain; break;
            default: object["name"] = plain; break;
        }
        lost.report(diagnostics_, text.where, path);
        array(key).push_back(std::move(object));
    }

    const cv::Document& document_;
    Diagnostics& diagnostics_;
    Json root_ = Json::object();
    std::map<Key, Json> arrays_;
    const cv::Section* summary_section_ = nullptr;
};

}  // namespace

std::string cv_to_json_resume(const cv::Document& document, Diagnostics& diagnostics) {
    return Exporter{document, diagnostics}.run();
}

}  // namespace vitae
