// Reads a CV; with the style-sheet loader, the only code that sees toml++.

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "bibtex.hpp"
#include "string_positions.hpp"
#include "toml_document.hpp"
#include "vitae/ascii.hpp"
#include "vitae/dates.hpp"
#include "vitae/input.hpp"
#include "vitae/json_resume.hpp"
#include "vitae/limits.hpp"
#include "vitae/load.hpp"
#include "vitae/markup.hpp"
#include "vitae/suggest.hpp"
#include "vitae/utf8.hpp"

namespace vitae {

namespace {

using Keys = std::vector<std::string_view>;

const Keys root_keys = {"person", "section"};
const Keys person_keys = {"name",     "aliases",  "headline", "email",   "phone",
                          "homepage", "location", "links",    "summary", "url"};
const Keys link_keys = {"label", "url", "icon"};
const Keys phone_keys = {"number", "kind"};
const Keys section_keys = {"title",    "kind",     "entry",        "items",    "text",
                           "tags",     "priority", "bibliography", "keys",     "types",
                           "keywords", "since",    "until",        "numbered", "reversed"};
/// What chooses among a bibliography's entries.
const Keys bibliography_filter_keys = {"keys", "types", "keywords", "since", "until"};
const Keys entry_keys = {"title", "url",         "subtitle",   "location", "start", "end",      "end_note",
                         "date",  "description", "highlights", "roles",    "tags",  "priority", "group"};
const Keys role_keys = {"title", "location", "start", "end", "end_note", "date", "highlights"};
const Keys publication_keys = {"title",    "authors", "equal_contribution",
                               "venue",    "year",    "award",
                               "note",     "group",   "doi",
                               "url",      "pdf",     "code",
                               "selected", "tags",    "priority",
                               "abbr",     "month",   "volume",
                               "issue",    "pages"};
const Keys skill_keys = {"label", "items", "tags", "priority"};

/// The words other CV formats use for vitae's keys, each with the keys it
/// may mean, most likely first; the table being checked picks the first it
/// has (`name` is an entry's title, a skill row's label).
const std::vector<Synonym>& key_synonyms() {
    static const std::vector<Synonym> synonyms = {
        // The person.
        {"label", {"headline"}},
        {"position", {"subtitle", "headline"}},
        {"job_title", {"subtitle", "headline"}},
        {"website", {"homepage", "url"}},
        {"url", {"homepage"}},
        {"mail", {"email"}},
        {"mobile", {"phone"}},
        {"telephone", {"phone"}},
        {"address", {"location"}},
        {"city", {"location"}},
        {"profiles", {"links"}},
        {"social_networks", {"links"}},
        {"about", {"summary", "description"}},
        // Entries and their roles.
        {"company", {"title"}},
        {"institution", {"title"}},
        {"organization", {"title"}},
        {"organisation", {"title"}},
        {"employer", {"title"}},
        {"school", {"title"}},
        {"university", {"title"}},
        {"name", {"title", "label"}},
        {"role", {"subtitle"}},
        {"degree", {"subtitle"}},
        {"studyType", {"subtitle"}},
        {"area", {"subtitle"}},
        {"summary", {"description", "note", "text"}},
        {"details", {"description", "note"}},
        {"description", {"note", "summary", "text"}},
        {"abstract", {"note"}},
        {"highlights", {"items", "note"}},
        {"startDate", {"start"}},
        {"from", {"start"}},
        {"endDate", {"end"}},
        {"to", {"end"}},
        {"keywords", {"highlights", "items"}},
        {"bullets", {"highlights", "items"}},
        {"achievements", {"highlights"}},
        {"positions", {"roles"}},
        {"network", {"label", "icon"}},
        {"username", {"label"}},
        {"link", {"url"}},
        {"href", {"url"}},
        // Publications.
        {"journal", {"venue"}},
        {"booktitle", {"venue"}},
        {"conference", {"venue"}},
        {"publisher", {"venue"}},
        {"releaseDate", {"year"}},
        {"date", {"year"}},
        {"author", {"authors"}},
        // Sections.
        {"heading", {"title"}},
        {"entries", {"entry"}},
        {"type", {"kind"}},
    };
    return synonyms;
}

const Keys& entry_keys_of(cv::SectionKind kind) {
    switch (kind) {
        case cv::SectionKind::publications: return publication_keys;
        case cv::SectionKind::skills: return skill_keys;
        default: return entry_keys;
    }
}

/// Reads one parsed TOML file into the model, collecting every problem.
class Loader {
public:
    Loader(std::string_view source, std::shared_ptr<const std::string> path, FileAccess access,
           Diagnostics& diagnostics)
        : source_(source),
          path_(std::move(path)),
          sandbox_(access == FileAccess::sandboxed ? std::optional{detail::sandbox_folder(*path_)}
                                                   : std::nullopt),
          diagnostics_(diagnostics) {}

    cv::Document load(const toml::table& root) {
        cv::Document document;
        document.where = SourceRegion{path_, {1, 1}, {1, 1}};
        check_keys(root, root_keys, "the CV");
        if (const toml::node* person = root.get("person")) {
            if (const toml::table* table = expect_table(*person, "person")) {
                document.person = read_person(*table);
            }
        } else {
            diagnostics_.error(document.where, "missing required table [person]",
                               "add [person] with at least name = \"…\"");
        }
        if (const toml::array* sections = read_table_array(root, "section")) {
            for (const toml::node& node : *sections) {
                document.sections.push_back(read_section(*node.as_table()));
            }
        }
        check_section_titles(document.sections);
        document.source_files = std::move(bibliographies_);
        return document;
    }

private:
    // --- regions -----------------------------------------------------------

    SourceRegion region(const toml::source_region& source) const { return detail::to_region(path_, source); }
    SourceRegion region(const toml::node& node) const { return detail::to_region(path_, node); }

    // --- keys and types ----------------------------------------------------

    /// Reports every key of `table` that is not in `known`, suggesting the
    /// nearest known key, or saying which kind of entry a key belongs to.
    void check_keys(const toml::table& table, const Keys& known, std::string_view owner,
                    std::string_view kind_hint = {}) {
        for (auto&& [key, value] : table) {
            if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
            std::string hint = did_you_mean(key.str(), known, key_synonyms());
            if (hint.empty() && !kind_hint.empty()) {
                for (const cv::SectionKind kind :
                     {cv::SectionKind::entries, cv::SectionKind::publications, cv::SectionKind::skills}) {
                    const Keys& keys = entry_keys_of(kind);
                    if (std::find(keys.begin(), keys.end(), key.str()) != keys.end()) {
                        hint = fmt::format(
                            "'{}' belongs to entries of a section with kind = \"{}\"; this section's kind is "
                            "\"{}\"",
                            key.str(), cv::to_string(kind), kind_hint);
                        break;
                    }
                }
            }
            diagnostics_.error(region(key.source()), fmt::format("unknown key '{}' in {}", key.str(), owner),
                               std::move(hint));
        }
    }

    void wrong_type(const toml::node& node, std::string_view expected, std::string_view what) {
        diagnostics_.error(region(node), fmt::format("expected {} for {}, got {}", expected, what,
                                                     detail::toml_type_name(node)));
    }

    static std::string quoted(std::string_view key) { return fmt::format("'{}'", key); }
    static std::string element_name(std::string_view key, std::size_t index) {
        return fmt::format("element {} of '{}'", index + 1, key);
    }

    const toml::node* find(const toml::table& table, std::string_view key, std::string_view owner,
                           bool required) {
        const toml::node* node = table.get(key);
        if (!node && required) {
            diagnostics_.error(region(table), fmt::format("missing required key '{}' in {}", key, owner));
        }
        return node;
    }

    const toml::table* expect_table(const toml::node& node, std::string_view what) {
        if (const toml::table* table = node.as_table()) return table;
        wrong_type(node, "table", quoted(what));
        return nullptr;
    }

    /// An array whose elements are all tables (`[[key]]` or `[{…}, {…}]`).
    const toml::array* read_table_array(const toml::table& table, std::string_view key) {
        const toml::node* node = table.get(key);
        if (!node) return nullptr;
        const toml::array* array = node->as_array();
        if (!array) {
            wrong_type(*node, fmt::format("array of tables ([[{}]])", key), quoted(key));
            return nullptr;
        }
        bool all_tables = true;
        for (std::size_t i = 0; i < array->size(); ++i) {
            if (!(*array)[i].is_table()) {
                wrong_type((*array)[i], "table", element_name(key, i));
                all_tables = false;
            }
        }
        return all_tables ? array : nullptr;
    }

    std::vector<SourcePosition> positions_of(const toml::node& node, std::string_view decoded) const {
        const SourceRegion where = region(node);
        return detail::string_positions(source_, where.begin, decoded);
    }

    /// Where the text of a string value starts: after its opening quote(s).
    SourceRegion text_region(const toml::node& node, const std::vector<SourcePosition>& positions) const {
        SourceRegion where = region(node);
        if (!positions.empty()) where.begin = positions.front();
        return where;
    }

    std::optional<std::string> read_string(const toml::table& table, std::string_view key,
                                           std::string_view owner, bool required = false) {
        const toml::node* node = find(table, key, owner, required);
        if (!node) return std::nullopt;
        if (const auto* value = node->as_string()) return value->get();
        wrong_type(*node, "string", quoted(key));
        return std::nullopt;
    }

    cv::RichText markup_of(const toml::node& node, TextShape shape = TextShape::line) {
        const std::string& text = node.as_string()->get();
        const std::vector<SourcePosition> positions = positions_of(node, text);
        return parse_markup(text, text_region(node, positions), positions, diagnostics_, shape);
    }

    cv::RichText read_markup(const toml::table& table, std::string_view key, std::string_view owner,
                             bool required = false, TextShape shape = TextShape::line) {
        const toml::node* node = find(table, key, owner, required);
        if (!node) return {};
        if (!node->is_string()) {
            wrong_type(*node, "string", quoted(key));
            return {};
        }
        return markup_of(*node, shape);
    }

    /// Calls `read_element` for each element that has the expected type.
    template <typename ReadElement>
    void for_each_string(const toml::table& table, std::string_view key, std::string_view owner,
                         bool required, ReadElement read_element) {
        const toml::node* node = find(table, key, owner, required);
        if (!node) return;
        const toml::array* array = node->as_array();
        if (!array) {
            wrong_type(*node, "array of strings", quoted(key));
            return;
        }
        for (std::size_t i = 0; i < array->size(); ++i) {
            const toml::node& element = (*array)[i];
            if (element.is_string()) {
                read_element(element);
            } else {
                wrong_type(element, "string", element_name(key, i));
            }
        }
    }

    std::vector<cv::RichText> read_markup_list(const toml::table& table, std::string_view key,
                                               std::string_view owner, bool required = false,
                                               TextShape shape = TextShape::line) {
        std::vector<cv::RichText> items;
        for_each_string(table, key, owner, required,
                        [&](const toml::node& element) { items.push_back(markup_of(element, shape)); });
        return items;
    }

    std::vector<std::string> read_string_list(const toml::table& table, std::string_view key,
                                              std::string_view owner) {
        std::vector<std::string> items;
        for_each_string(table, key, owner, false,
                        [&](const toml::node& element) { items.push_back(element.as_string()->get()); });
        return items;
    }

    std::optional<std::int64_t> read_integer(const toml::table& table, std::string_view key,
                                             std::string_view owner) {
        const toml::node* node = find(table, key, owner, false);
        if (!node) return std::nullopt;
        if (const auto* value = node->as_integer()) return value->get();
        wrong_type(*node, "integer", quoted(key));
        return std::nullopt;
    }

    /// A TOML integer (64 bits) that must fit the model's int: never narrowed.
    std::optional<int> int_of(const toml::node& node, std::string_view key) {
        const std::int64_t value = node.as_integer()->get();
        if (value >= std::numeric_limits<int>::min() && value <= std::numeric_limits<int>::max()) {
            return static_cast<int>(value);
        }
        diagnostics_.error(
            region(node), fmt::format("'{}' is out of range: {}", key, value),
            fmt::format("from {} to {}", std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
        return std::nullopt;
    }

    std::optional<int> read_int(const toml::table& table, std::string_view key, std::string_view owner) {
        if (!read_integer(table, key, owner)) return std::nullopt;
        return int_of(*table.get(key), key);
    }

    std::optional<bool> read_bool(const toml::table& table, std::string_view key, std::string_view owner) {
        const toml::node* node = find(table, key, owner, false);
        if (!node) return std::nullopt;
        if (const auto* value = node->as_boolean()) return value->get();
        wrong_type(*node, "boolean", quoted(key));
        return std::nullopt;
    }

    /// A URL or similar plain string that must not be empty when given.
    std::string read_target(const toml::table& table, std::string_view key, std::string_view owner,
                            bool required = false) {
        std::optional<std::string> value = read_string(table, key, owner, required);
        if (value && value->empty())
            diagnostics_.error(region(*table.get(key)), fmt::format("empty '{}'", key));
        if (value && !check_link_target(*value, region(*table.get(key)), diagnostics_)) return {};
        return value.value_or("");
    }

    // --- dates ---------------------------------------------------------------

    struct DateValue {
        std::optional<cv::Date> date;
        bool present = false;
        SourceRegion where;
    };

    DateValue read_date(const toml::table& table, std::string_view key, std::string_view owner,
                        bool allow_present) {
        DateValue result;
        const toml::node* node = find(table, key, owner, false);
        if (!node) return result;
        result.where = region(*node);
        if (const auto* text = node->as_string()) {
            if (equal_ignoring_ascii_case(text->get(), "present")) {
                if (allow_present) {
                    result.present = true;
                } else {
                    diagnostics_.error(result.where, fmt::format("'{}' cannot be \"present\"", key),
                                       "only 'end' can be \"present\"");
                }
                return result;
            }
            const std::vector<SourcePosition> positions = positions_of(*node, text->get());
            result.date = parse_date(text->get(), text_region(*node, positions), positions, diagnostics_);
        } else if (node->is_integer()) {
            if (const auto year = int_of(*node, key)) {
                result.date = validate_date(cv::Date{*year, 0, 0}, result.where, diagnostics_);
            }
        } else if (const auto* date = node->as_date()) {
            // toml++ has already rejected impossible TOML dates.
            const toml::date value = date->get();
            result.date =
                validate_date(cv::Date{value.year, value.month, value.day}, result.where, diagnostics_);
        } else {
            wrong_type(
                *node,
                fmt::format("date (\"YYYY-MM\"{} or 2021-08-01)", allow_present ? ", \"present\"" : ""),
                quoted(key));
        }
        return result;
    }

    cv::DateRange read_dates(const toml::table& table, std::string_view owner) {
        cv::DateRange range;
        range.where = region(table);
        const DateValue single = read_date(table, "date", owner, false);
        const DateValue start = read_date(table, "start", owner, false);
        const DateValue end = read_date(table, "end", owner, true);
        cv::RichText note = read_markup(table, "end_note", owner);
        if (table.contains("date") && (table.contains("start") || table.contains("end"))) {
            diagnostics_.error(single.where, "give either 'date' or 'start'/'end', not both");
        }
        if (table.contains("end") && !table.contains("start")) {
            diagnostics_.error(end.where, "'end' without 'start'", "add start = \"YYYY-MM\"");
        }
        if (table.contains("end_note") && !table.contains("end")) {
            diagnostics_.error(region(*table.get("end_note")), "'end_note' needs an 'end' date");
        }
        if (start.date && end.date && cv::is_before(*end.date, *start.date)) {
            diagnostics_.warning(end.where, "end date is before the start date");
        }
        if (single.date) {
            range.start = single.date;
            range.single = true;
            range.where = single.where;
        } else {
            range.start = start.date;
            range.end = end.date;
            range.ongoing = end.present;
            if (table.contains("start")) range.where = start.where;
        }
        range.end_note = std::move(note);
        return range;
    }

    // --- nodes ---------------------------------------------------------------

    void read_selectable(const toml::table& table, cv::Selectable& selectable, std::string_view owner) {
        selectable.where = region(table);
        selectable.tags = read_string_list(table, "tags", owner);
        for (const std::string& tag : selectable.tags) {
            if (tag.empty()) diagnostics_.error(region(*table.get("tags")), "empty tag in 'tags'");
        }
        if (const auto priority = read_int(table, "priority", owner)) selectable.priority = *priority;
    }

    cv::Contact read_contact(const toml::table& table, std::string_view key, cv::Contact::Kind kind) {
        cv::Contact contact{kind, read_string(table, key, "person").value_or(""), region(*table.get(key)),
                            cv::Contact::PhoneKind::phone};
        if (contact.value.empty()) {
            diagnostics_.error(contact.where, fmt::format("empty '{}'", key));
        } else if (kind == cv::Contact::Kind::email && contact.value.find('@') == std::string::npos) {
            diagnostics_.error(contact.where, fmt::format("'{}' is not an email address", contact.value));
        } else if (kind == cv::Contact::Kind::homepage
                       ? !check_link_target(contact.value, contact.where, diagnostics_)
                       : !check_link_length(contact.value, contact.where, diagnostics_)) {
            contact.value.clear();
        }
        return contact;
    }

    /// `phone = ["…", { number = "…", kind = "mobile" }]`: several numbers,
    /// each a string or a table whose kind chooses its icon.
    void read_phones(const toml::array& phones, std::vector<cv::Contact>& contacts) {
        static const std::vector<std::pair<std::string_view, cv::Contact::PhoneKind>> kinds = {
            {"phone", cv::Contact::PhoneKind::phone},
            {"mobile", cv::Contact::PhoneKind::mobile},
            {"office", cv::Contact::PhoneKind::office},
            {"home", cv::Contact::PhoneKind::home},
            {"fax", cv::Contact::PhoneKind::fax}};
        for (std::size_t i = 0; i < phones.size(); ++i) {
            const toml::node& element = phones[i];
            const std::string name = element_name("phone", i);
            if (element.is_string()) {
                cv::Contact contact{cv::Contact::Kind::phone, element.as_string()->get(), region(element),
                                    cv::Contact::PhoneKind::phone};
                if (contact.value.empty()) diagnostics_.error(contact.where, fmt::format("empty {}", name));
                if (!check_link_length(contact.value, contact.where, diagnostics_)) contact.value.clear();
                contacts.push_back(std::move(contact));
                continue;
            }
            const toml::table* phone = element.as_table();
            if (phone == nullptr) {
                wrong_type(element, "string or table", name);
                continue;
            }
            check_keys(*phone, phone_keys, "phone");
            if (!phone->contains("number")) {
                diagnostics_.error(region(element), fmt::format("missing required key 'number' in {}", name));
                continue;
            }
            cv::Contact contact = read_contact(*phone, "number", cv::Contact::Kind::phone);
            contact.where = region(element);
            if (const auto kind = read_string(*phone, "kind", "phone")) {
                const auto found = std::find_if(kinds.begin(), kinds.end(),
                                                [&](const auto& entry) { return entry.first == *kind; });
                if (found == kinds.end()) {
                    std::vector<std::string_view> names;
                    for (const auto& entry : kinds) names.push_back(entry.first);
                    diagnostics_.error(region(*phone->get("kind")),
                                       fmt::format("unknown phone kind '{}'", *kind),
                                       did_you_mean(*kind, names));
                } else {
                    contact.phone_kind = found->second;
                }
            }
            contacts.push_back(std::move(contact));
        }
    }

    cv::Person read_person(const toml::table& table) {
        cv::Person person;
        person.where = region(table);
        check_keys(table, person_keys, "person");
        person.name = read_markup(table, "name", "person", true);
        person.url = read_target(table, "url", "person");
        for (cv::Span& span : person.name.spans) {
            if (span.link.empty()) span.link = person.url;
        }
        if (table.contains("name") && table.get("name")->is_string() && person.name.empty()) {
            diagnostics_.error(region(*table.get("name")), "empty 'name'", "the CV's owner needs a name");
        }
        for_each_string(table, "aliases", "person", false, [&](const toml::node& element) {
            const std::string& alias = element.as_string()->get();
            // A blank spelling could never match an author: surely a slip.
            if (alias.find_first_not_of(" \t") == std::string::npos) {
                diagnostics_.error(region(element), "empty alias in 'aliases'");
                return;
            }
            person.aliases.push_back(alias);
        });
        person.headline = read_markup(table, "headline", "person");
        person.summary = read_markup(table, "summary", "person", false, TextShape::block);

        // Contacts keep the order of the file, which toml++ tables do not.
        static const std::vector<std::pair<std::string_view, cv::Contact::Kind>> contact_keys = {
            {"email", cv::Contact::Kind::email},
            {"phone", cv::Contact::Kind::phone},
            {"homepage", cv::Contact::Kind::homepage},
            {"location", cv::Contact::Kind::location}};
        for (const auto& [key, kind] : contact_keys) {
            if (kind == cv::Contact::Kind::phone && table.get(key) != nullptr && table.get(key)->is_array()) {
                read_phones(*table.get(key)->as_array(), person.contacts);
            } else if (table.contains(key)) {
                person.contacts.push_back(read_contact(table, key, kind));
            }
        }
        std::stable_sort(
            person.contacts.begin(), person.contacts.end(),
            [](const cv::Contact& a, const cv::Contact& b) { return a.where.begin < b.where.begin; });

        if (const toml::array* links = read_table_array(table, "links")) {
            for (const toml::node& node : *links) person.links.push_back(read_link(*node.as_table()));
        }
        return person;
    }

    cv::Link read_link(const toml::table& table) {
        cv::Link link;
        link.where = region(table);
        check_keys(table, link_keys, "link");
        link.label = read_markup(table, "label", "link", true);
        link.url = read_target(table, "url", "link", true);
        if (auto icon = read_string(table, "icon", "link")) {
            const auto& icons = cv::known_icons();
            if (std::find(icons.begin(), icons.end(), *icon) == icons.end()) {
                diagnostics_.error(region(*table.get("icon")), fmt::format("unknown icon '{}'", *icon),
                                   icon_hint(*icon));
            } else {
                link.icon = std::move(*icon);
            }
        }
        return link;
    }

    /// "did you mean 'x'?" where a known icon is near, then every icon.
    static std::string icon_hint(std::string_view name) {
        const std::string_view named = cv::icon_named(name);
        std::string hint = did_you_mean(named.empty() ? name : named, cv::known_icons());
        return fmt::format("{}{}{}", hint, hint.empty() ? "the icons are: " : " The icons are: ",
                           fmt::join(cv::known_icons(), ", "));
    }

    cv::Section read_section(const toml::table& table) {
        cv::Section section;
        read_selectable(table, section, "section");
        section.title = read_markup(table, "title", "section", true);
        if (table.contains("title") && section.title.empty()) {
            diagnostics_.error(region(*table.get("title")), "empty section title");
        }
        if (const auto kind_name = read_string(table, "kind", "section")) {
            if (const auto kind = cv::section_kind_from_string(*kind_name)) {
                section.kind = *kind;
            } else {
                diagnostics_.error(region(*table.get("kind")),
                                   fmt::format("unknown section kind '{}'", *kind_name),
                                   did_you_mean(*kind_name, cv::section_kind_names()));
            }
        }
        check_keys(table, section_keys, "section");
        const std::string owner = fmt::format("section '{}'", section.title.plain());

        const bool takes_entries = section.kind == cv::SectionKind::entries ||
                                   section.kind == cv::SectionKind::publications ||
                                   section.kind == cv::SectionKind::skills;
        const std::string kind_text{cv::to_string(section.kind)};
        auto reject = [&](std::string_view key, std::string_view instead) {
            if (const toml::node* node = table.get(key)) {
                diagnostics_.error(region(*node),
                                   fmt::format("a section of kind \"{}\" has no '{}'", kind_text, key),
                                   fmt::format("use '{}'", instead));
            }
        };
        if (takes_entries) {
            reject("items", "[[section.entry]]");
            reject("text", "[[section.entry]]");
            if (const toml::array* entries = read_table_array(table, "entry")) {
                for (const toml::node& node : *entries) read_section_entry(*node.as_table(), section);
            }
            if (!table.contains("entry") && !table.contains("bibliography")) {
                diagnostics_.warning(region(table), fmt::format("{} has no entries", owner));
            }
        } else if (section.kind == cv::SectionKind::list) {
            reject("entry", "items = [\"…\"]");
            reject("text", "items = [\"…\"]");
            section.items = read_markup_list(table, "items", owner, true, TextShape::block);
            section.numbering = read_numbering(table, owner);
        } else {
            reject("entry", "text = \"…\"");
            reject("items", "text = \"…\"");
            section.text = read_markup(table, "text", owner, true, TextShape::block);
        }
        if (section.kind != cv::SectionKind::list) {
            for (const std::string_view key : {"numbered", "reversed"}) {
                if (const toml::node* node = table.get(key)) {
                    diagnostics_.error(
                        region(*node),
                        fmt::format("'{}' numbers the items of a section with kind = \"list\"", key));
                }
            }
        }
        if (const auto bibliography = read_string(table, "bibliography", owner)) {
            const SourceRegion where = region(*table.get("bibliography"));
            if (section.kind != cv::SectionKind::publications) {
                diagnostics_.error(where, "'bibliography' belongs to a section with kind = \"publications\"");
            } else {
                read_bibliography(table, *bibliography, where, section);
            }
        } else {
            for (const std::string_view key : bibliography_filter_keys) {
                if (const toml::node* node = table.get(key)) {
                    diagnostics_.error(region(*node),
                                       fmt::format("'{}' chooses among a bibliography's entries", key),
                                       "add bibliography = \"papers.bib\"");
                }
            }
        }
        return section;
    }

    /// `numbered = true` numbers a list's items; `reversed = true` as well
    /// counts them down.
    cv::Section::Numbering read_numbering(const toml::table& table, std::string_view owner) {
        const bool numbered = read_bool(table, "numbered", owner).value_or(false);
        const bool reversed = read_bool(table, "reversed", owner).value_or(false);
        if (reversed && !numbered) {
            diagnostics_.error(region(*table.get("reversed")),
                               "'reversed' counts down a numbered list's items", "add numbered = true");
        }
        if (!numbered) return cv::Section::Numbering::none;
        return reversed ? cv::Section::Numbering::descending : cv::Section::Numbering::ascending;
    }

    /// The publications of a BibTeX file, after the section's own: the
    /// entries named by `keys`, in that order; else those that pass the
    /// type, keyword and year filters, newest first.
    void read_bibliography(const toml::table& table, const std::string& name, const SourceRegion& where,
                           cv::Section& section) {
        // Relative to the CV, as a style's `extends` is relative to the style.
        const bool from_stdin = *path_ == "-";
        const std::string path =
            from_stdin || std::filesystem::path{name}.is_absolute()
                ? name
                : (std::filesystem::path{*path_}.parent_path() / name).lexically_normal().string();
        if (sandbox_ && !detail::is_inside(*sandbox_, path)) {
            diagnostics_.error(
                where, fmt::format("the bibliography '{}' is outside the CV's folder", name),
                fmt::format("with --sandbox, files a CV names must be in its folder {} or below",
                            sandbox_->string()));
            return;
        }
        // Read once, however many sections take from it: its problems are said once.
        auto [known, first_time] = parsed_bibliographies_.try_emplace(path);
        if (first_time) {
            const FileText file = read_file(path);
            if (!file.error.empty()) {
                diagnostics_.error(where,
                                   fmt::format("cannot read the bibliography '{}': {}", path, file.error));
                return;
            }
            const std::string& text = file.text;
            bibliographies_.push_back(path);
            const auto shared_path = std::make_shared<const std::string>(path);
            if (utf8::find_invalid(text) != std::string::npos) {
                diagnostics_.error(SourceRegion{shared_path, {}, {}}, "the bibliography is not valid UTF-8");
                return;
            }
            known->second = bibtex::parse(text, shared_path, diagnostics_);
        }
        const std::vector<bibtex::Entry>& entries = known->second;

        const std::string owner = fmt::format("section '{}'", section.title.plain());
        std::vector<const bibtex::Entry*> chosen;
        if (table.contains("keys")) {
            // Indexed once: thousands of keys against thousands of entries stay linear.
            std::unordered_map<std::string_view, const bibtex::Entry*> by_key;
            std::vector<std::string_view> keys_in_file;
            for (const bibtex::Entry& entry : entries) {
                by_key.try_emplace(entry.key, &entry);
                keys_in_file.push_back(entry.key);
            }
            Suggester suggester{std::move(keys_in_file)};
            for_each_string(table, "keys", owner, false, [&](const toml::node& element) {
                const std::string& key = element.as_string()->get();
                if (const auto found = by_key.find(key); found != by_key.end()) {
                    chosen.push_back(found->second);
                    return;
                }
                diagnostics_.error(region(element), fmt::format("no entry '{}' in {}", key, path),
                                   suggester.did_you_mean(key));
            });
        } else {
            const std::vector<std::string> types = lowercased(read_string_list(table, "types", owner));
            const std::vector<std::string> keywords = lowercased(read_string_list(table, "keywords", owner));
            const std::optional<std::int64_t> since = read_integer(table, "since", owner);
            const std::optional<std::int64_t> until = read_integer(table, "until", owner);
            for (const bibtex::Entry& entry : entries) {
                if (!types.empty() && std::find(types.begin(), types.end(), entry.type) == types.end())
                    continue;
                if (!keywords.empty() && !has_keyword(entry, keywords)) continue;
                if (since || until) {
                    const int value = year_of(entry);
                    if ((since && value < *since) || (until && value > *until)) continue;
                }
                chosen.push_back(&entry);
            }
            std::stable_sort(
                chosen.begin(), chosen.end(),
                [](const bibtex::Entry* a, const bibtex::Entry* b) { return year_of(*a) > year_of(*b); });
        }
        // An empty heading is no CV's intent: say why it is empty.
        if (chosen.empty() && entries.empty()) {
            diagnostics_.warning(where, fmt::format("the bibliography '{}' has no entries", path));
        } else if (chosen.empty() && !table.contains("keys")) {
            diagnostics_.warning(
                where,
                fmt::format("no entry of '{}' passes this section's types, keywords, since and until", path));
        }
        std::map<std::string, int> unshown;  // fields the CV has no place for, counted
        for (const bibtex::Entry* entry : chosen) {
            section.publications.push_back(bibtex::to_publication(*entry, diagnostics_));
            for (const bibtex::Field& field : entry->fields) {
                if (!bibtex::is_shown_field(field.name)) ++unshown[field.name];
            }
        }
        // Nothing is left out without a word, but a .bib holds abstracts,
        // file paths and the like by the dozen: one note says what.
        if (!unshown.empty()) {
            std::vector<std::string> fields;
            for (const auto& [field, count] : unshown) fields.push_back(fmt::format("{} ({})", field, count));
            diagnostics_.note(
                where, fmt::format("fields of {} a CV does not show: {}", path, fmt::join(fields, ", ")));
        }
    }

    /// An entry's year as a number; 0 without one or when it is no int.
    static int year_of(const bibtex::Entry& entry) {
        const bibtex::Field* field = entry.field("year");
        int year = 0;
        if (field != nullptr) {
            const std::string_view text = field->value;
            if (std::from_chars(text.data(), text.data() + text.size(), year).ec != std::errc{}) year = 0;
        }
        return year;
    }

    static std::vector<std::string> lowercased(std::vector<std::string> words) {
        for (std::string& word : words) word = ascii_lowercase(word);
        return words;
    }

    /// Whether the entry's keywords (comma- or semicolon-separated) hold any of `wanted`.
    static bool has_keyword(const bibtex::Entry& entry, const std::vector<std::string>& wanted) {
        const bibtex::Field* field = entry.field("keywords");
        if (field == nullptr) return false;
        const std::string keywords = ascii_lowercase(field->value);
        for (std::size_t start = 0; start <= keywords.size();) {
            std::size_t end = keywords.find_first_of(",;", start);
            if (end == std::string::npos) end = keywords.size();
            std::string keyword = keywords.substr(start, end - start);
            keyword.erase(0, keyword.find_first_not_of(' '));
            keyword.erase(keyword.find_last_not_of(' ') + 1);
            if (std::find(wanted.begin(), wanted.end(), keyword) != wanted.end()) return true;
            start = end + 1;
        }
        return false;
    }

    void read_section_entry(const toml::table& table, cv::Section& section) {
        const std::string kind_text{cv::to_string(section.kind)};
        switch (section.kind) {
            case cv::SectionKind::publications:
                check_keys(table, publication_keys, "publication", kind_text);
                section.publications.push_back(read_publication(table));
                break;
            case cv::SectionKind::skills:
                check_keys(table, skill_keys, "skill row", kind_text);
                section.skills.push_back(read_skill_row(table));
                break;
            default:
                check_keys(table, entry_keys, "entry", kind_text);
                section.entries.push_back(read_entry(table));
                break;
        }
    }

    cv::Entry read_entry(const toml::table& table) {
        cv::Entry entry;
        read_selectable(table, entry, "entry");
        entry.title = read_markup(table, "title", "entry", true);
        entry.url = read_target(table, "url", "entry");
        entry.subtitle = read_markup(table, "subtitle", "entry");
        entry.location = read_markup(table, "location", "entry");
        entry.dates = read_dates(table, "entry");
        entry.description = read_markup(table, "description", "entry", false, TextShape::block);
        entry.highlights = read_markup_list(table, "highlights", "entry", false, TextShape::block);
        if (const toml::array* roles = read_table_array(table, "roles")) {
            for (const toml::node& node : *roles) entry.roles.push_back(read_role(*node.as_table()));
        }
        entry.group = read_markup(table, "group", "entry");
        return entry;
    }

    cv::Role read_role(const toml::table& table) {
        cv::Role role;
        role.where = region(table);
        check_keys(table, role_keys, "role");
        role.title = read_markup(table, "title", "role", true);
        role.location = read_markup(table, "location", "role");
        role.dates = read_dates(table, "role");
        role.highlights = read_markup_list(table, "highlights", "role", false, TextShape::block);
        return role;
    }

    cv::Publication read_publication(const toml::table& table) {
        cv::Publication publication;
        read_selectable(table, publication, "publication");
        publication.title = read_markup(table, "title", "publication", true);
        publication.authors = read_markup_list(table, "authors", "publication");
        std::vector<std::string> author_names;
        for (const cv::RichText& author : publication.authors) author_names.push_back(author.plain());
        const std::unordered_set<std::string_view> authors(author_names.begin(), author_names.end());
        Suggester suggester{{author_names.begin(), author_names.end()}};
        for_each_string(table, "equal_contribution", "publication", false, [&](const toml::node& element) {
            const std::string& name = element.as_string()->get();
            if (!authors.contains(name)) {
                diagnostics_.error(
                    region(element),
                    fmt::format("'{}' in 'equal_contribution' is not one of the authors", name),
                    suggester.did_you_mean(name));
            }
            publication.equal_contribution.push_back(name);
        });
        // Sorted for is_equal_contributor's binary search.
        std::sort(publication.equal_contribution.begin(), publication.equal_contribution.end());
        publication.venue = read_markup(table, "venue", "publication");
        if (const auto year = read_int(table, "year", "publication")) {
            if (validate_date(cv::Date{*year, 0, 0}, region(*table.get("year")), diagnostics_)) {
                publication.year = *year;
            }
        }
        read_publication_details(table, publication);
        publication.award = read_markup(table, "award", "publication");
        publication.note = read_markup(table, "note", "publication");
        publication.group = read_markup(table, "group", "publication");
        publication.doi = read_target(table, "doi", "publication");
        publication.url = read_target(table, "url", "publication");
        publication.pdf = read_target(table, "pdf", "publication");
        publication.code = read_target(table, "code", "publication");
        publication.selected = read_bool(table, "selected", "publication").value_or(false);
        return publication;
    }

    /// abbr, month, volume, issue and pages: the style decides which show.
    void read_publication_details(const toml::table& table, cv::Publication& publication) {
        publication.abbr = read_detail(table, "abbr", false);
        if (const auto month = read_int(table, "month", "publication")) {
            const SourceRegion where = region(*table.get("month"));
            if (*month < 1 || *month > 12) {
                diagnostics_.error(where, fmt::format("month {} is not from 1 to 12", *month));
            } else if (!publication.year) {
                diagnostics_.error(where, "a 'month' without a 'year'", "add the year it belongs to");
            } else {
                publication.month = *month;
            }
        }
        publication.volume = read_detail(table, "volume", true);
        publication.issue = read_detail(table, "issue", true);
        publication.pages = read_detail(table, "pages", true);
    }

    /// A short plain string; with `numbers`, an integer as well (`volume = 12`).
    std::string read_detail(const toml::table& table, std::string_view key, bool numbers) {
        const toml::node* node = find(table, key, "publication", false);
        if (!node) return {};
        if (numbers && node->is_integer()) return fmt::format("{}", node->as_integer()->get());
        if (!node->is_string()) {
            wrong_type(*node, numbers ? "string or integer" : "string", quoted(key));
            return {};
        }
        std::string value = node->as_string()->get();
        if (value.find_first_not_of(" \t") == std::string::npos) {
            diagnostics_.error(region(*node), fmt::format("empty '{}'", key));
            return {};
        }
        return value;
    }

    cv::SkillRow read_skill_row(const toml::table& table) {
        cv::SkillRow row;
        read_selectable(table, row, "skill row");
        row.label = read_markup(table, "label", "skill row", true);
        row.items = read_markup_list(table, "items", "skill row", true);
        return row;
    }

    void check_section_titles(const std::vector<cv::Section>& sections) {
        // Each title's first section, by its ASCII-lowercased title: one
        // lookup per section, not a comparison with every earlier one.
        std::unordered_map<std::string, std::size_t> first_with_title;
        for (std::size_t i = 0; i < sections.size(); ++i) {
            const std::string title = sections[i].title.plain();
            if (title.empty()) continue;
            const auto [first, inserted] = first_with_title.try_emplace(ascii_lowercase(title), i);
            if (!inserted) {
                diagnostics_.error(
                    sections[i].where, fmt::format("duplicate section title '{}'", title),
                    fmt::format("first used at {}", sections[first->second].where.to_string()));
            }
        }
    }

    detail::SourceText source_;
    std::vector<std::string> bibliographies_;  ///< BibTeX files read, for depfiles
    std::map<std::string, std::vector<bibtex::Entry>> parsed_bibliographies_;
    std::shared_ptr<const std::string> path_;
    /// With --sandbox, the folder every file the CV names must be under
    /// (found once: resolving it touches the file system).
    std::optional<std::filesystem::path> sandbox_;
    Diagnostics& diagnostics_;
};

}  // namespace

cv::Document load_cv_text(std::string_view text, const std::string& path, Diagnostics& diagnostics,
                          FileAccess access) {
    auto shared_path = std::make_shared<const std::string>(path);
    Diagnostics found;
    cv::Document document;
    if (const std::optional<toml::table> root = detail::parse_toml(text, shared_path, found)) {
        document = Loader{text, shared_path, access, found}.load(*root);
    }
    found.sort_by_position();
    diagnostics.append(found);
    return document;
}

cv::Document load_cv_file(const std::string& path, Diagnostics& diagnostics, FileAccess access) {
    const std::string name = path == "-" ? "<stdin>" : path;
    const FileText file = read_file(path);
    if (!file.error.empty()) {
        diagnostics.error(SourceRegion{std::make_shared<const std::string>(path), {}, {}},
                          fmt::format("cannot read the file: {}", file.error));
        return {};
    }
    const std::string& text = file.text;
    if (is_json_resume_path(path)) {
        // Read as the TOML it converts to; what did not convert is said.
        const std::size_t errors_before = diagnostics.error_count();
        const std::string toml = json_resume_to_toml(text, name, diagnostics);
        if (diagnostics.error_count() > errors_before) return {};
        return load_cv_text(toml, name, diagnostics, access);
    }
    return load_cv_text(text, name, diagnostics, access);
}

std::vector<KeyTable> cv_key_tables() {
    return {{"the CV", root_keys},
            {"person", person_keys},
            {"link", link_keys},
            {"section", section_keys},
            {"entry", entry_keys},
            {"role", role_keys},
            {"publication", publication_keys},
            {"skill row", skill_keys}};
}

}  // namespace vitae
