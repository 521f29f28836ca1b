// Reads a CV; with the style-sheet loader, the only code that sees toml++.

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "bibtex.hpp"
#include "string_positions.hpp"
#include "toml_document.hpp"
#include "vitae/base/ascii.hpp"
#include "vitae/base/input.hpp"
#include "vitae/base/limits.hpp"
#include "vitae/base/suggest.hpp"
#include "vitae/base/utf8.hpp"
#include "vitae/image/image.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/load/dates.hpp"
#include "vitae/load/json_resume.hpp"
#include "vitae/load/locale_loader.hpp"
#include "vitae/load/markup.hpp"
#include "vitae/model/language.hpp"

namespace vitae {

namespace {

using Keys = std::vector<std::string_view>;

class Loader;

/// What a reader is given: the table, and how messages name it.
struct Place {
    const toml::table& table;
    std::string_view owner;
};

/// Reads its keys of a table into the model, saying what is wrong with them
/// (and that a required one is missing).
template <typename Model>
using Read = std::function<void(Loader&, const Place&, Model&)>;

/// Keys of a CV table and the code that reads them: most often one key; keys
/// that decide together share one reader (start, end, end_note and date make
/// one date range).
template <typename Model>
struct Field {
    Keys keys;
    Read<Model> read;
};

/// One kind of CV table, as the style sheet's tables are: the only list of
/// its keys, each beside the code that reads it, so that a key cannot be
/// accepted and never read. The unknown-key check, its suggestions and the
/// schema test (cv_key_tables) all take the keys from here.
template <typename Model>
struct Table {
    Table(std::string_view owner_name, std::vector<Field<Model>> table_fields)
        : owner(owner_name), fields(std::move(table_fields)) {
        for (const Field<Model>& field : fields)
            keys.insert(keys.end(), field.keys.begin(), field.keys.end());
    }
    std::string_view owner;            ///< how messages name the table: "entry", "skill row"
    std::vector<Field<Model>> fields;  ///< read in this order: a field may use what earlier ones read
    Keys keys;                         ///< every field's keys, in order: what the table accepts
};

/// Whether a key's absence is an error ("missing required key").
enum class Need { optional, required };

/// What a picture's table holds.
const Keys picture_keys = {"path", "alt"};

/// What numbers a list's items.
const Keys numbering_keys = {"numbered", "reversed"};
/// What chooses among a bibliography's entries: read with `bibliography`.
const Keys bibliography_filter_keys = {"keys", "types", "keywords", "since", "until"};

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
        // A profile named as a key of its own, as other CV formats allow.
        {"github", {"links"}},
        {"gitlab", {"links"}},
        {"linkedin", {"links"}},
        {"twitter", {"links"}},
        {"mastodon", {"links"}},
        {"orcid", {"links"}},
        {"scholar", {"links"}},
        {"google_scholar", {"links"}},
        {"stackoverflow", {"links"}},
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

/// Reads one parsed TOML file into the model, collecting every problem.
class Loader {
public:
    Loader(std::string_view source, std::shared_ptr<const std::string> path, FileAccess access,
           std::string_view language, Diagnostics& diagnostics, bool as_sender = false)
        : source_(source),
          path_(std::move(path)),
          access_(access),
          as_sender_(as_sender),
          sandbox_(access == FileAccess::sandboxed ? std::optional{detail::sandbox_folder(*path_)}
                                                   : std::nullopt),
          build_language_(language),
          requested_language_(language),
          diagnostics_(diagnostics) {}

    cv::Document load(const toml::table& root) {
        cv::Document document;
        document.where = SourceRegion{path_, {1, 1}, {1, 1}};
        // Translated fields fall back to the CV's language, so it is known
        // before any field is read; read_language reports its problems.
        if (const auto lang = root["lang"].value<std::string>(); lang && !check_locale(*lang))
            default_language_ = *lang;
        if (build_language_.empty()) build_language_ = default_language_;
        read_table(root, root_table(), document);
        document.language =
            build_language_ == default_language_ && !root.contains("lang") ? std::string{} : build_language_;
        if (sender_) take_sender(root, document);
        check_section_titles(document.sections);
        document.source_files.insert(document.source_files.begin(), files_read_.begin(), files_read_.end());
        return document;
    }

    // --- the CV's tables: each key with the code that reads it ---------------
    //
    // Fields are listed in the order the keys are suggested in ("did you
    // mean"); a field that needs another's value comes after it.

    static const Table<cv::Document>& root_table() {
        static const Table<cv::Document> table{"the CV",
                                               {
                                                   {{"lang"}, &Loader::read_language},
                                                   {{"cv"}, &Loader::read_sender_cv},
                                                   {{"person"}, &Loader::read_person_table},
                                                   {{"section"}, &Loader::read_sections},
                                                   {{"letter"}, &Loader::read_letter_table},
                                                   {{"synonyms"}, &Loader::read_synonyms},
                                               }};
        return table;
    }

    static const Table<cv::Person>& person_table() {
        static const Table<cv::Person> table{
            "person",
            {
                {{"name"}, &Loader::read_name},
                {{"aliases"}, &Loader::read_aliases},
                markup("headline", &cv::Person::headline),
                contact("email", cv::Contact::Kind::email),
                {{"phone"}, &Loader::read_phone},
                contact("homepage", cv::Contact::Kind::homepage),
                contact("location", cv::Contact::Kind::location),
                {{"links"}, &Loader::read_links},
                markup("summary", &cv::Person::summary, Need::optional, TextShape::block),
                {{"photo"}, &Loader::read_photo},
                {{"url"}, &Loader::read_name_link},  // after the name, whose spans it links
            }};
        return table;
    }

    static const Table<cv::Letter>& letter_table() {
        static const Table<cv::Letter> table{
            "letter",
            {
                {{"recipient"}, &Loader::read_recipient},
                markup("place", &cv::Letter::place),
                {{"date"}, &Loader::read_letter_date},
                markup("subject", &cv::Letter::subject),
                markup("salutation", &cv::Letter::salutation, Need::required),
                markup("body", &cv::Letter::body, Need::required, TextShape::block),
                markup("closing", &cv::Letter::closing, Need::required),
                markup("signature", &cv::Letter::signature),
                {{"signature_image"}, &Loader::read_signature_image},
                markup_list("enclosures", &cv::Letter::enclosures),
                {{"layout"}, &Loader::read_letter_layout},
            }};
        return table;
    }

    static const Table<cv::Letter>& recipient_table() {
        static const Table<cv::Letter> table{"recipient",
                                             {
                                                 markup("name", &cv::Letter::recipient_name),
                                                 markup("organisation", &cv::Letter::recipient_organisation),
                                                 markup_list("address", &cv::Letter::recipient_address),
                                             }};
        return table;
    }

    static const Table<cv::Link>& link_table() {
        static const Table<cv::Link> table{"link",
                                           {
                                               markup("label", &cv::Link::label, Need::required),
                                               target("url", &cv::Link::url, Need::required),
                                               {{"icon"}, &Loader::read_icon},
                                           }};
        return table;
    }

    /// One of several numbers: `{ number = "…", kind = "mobile" }`.
    static const Table<cv::Contact>& phone_table() {
        static const Table<cv::Contact> table{"phone",
                                              {
                                                  {{"number"}, &Loader::read_phone_number},
                                                  {{"kind"}, &Loader::read_phone_kind},
                                              }};
        return table;
    }

    static const Table<cv::Section>& section_table() {
        static const Table<cv::Section> table{
            "section",
            {
                {{"title"}, &Loader::read_section_title},
                {{"kind"}, &Loader::read_section_kind},  // before what the kind decides
                {{"entry"}, &Loader::read_section_entries},
                {{"items"}, &Loader::read_section_items},
                {{"text"}, &Loader::read_section_text},
                selection<cv::Section>(),
                private_note<cv::Section>("note"),
                page_breaks<cv::Section>(),
                {numbering_keys, &Loader::read_section_numbering},
                // Last: its publications follow the section's own entries.
                {joined({"bibliography"}, bibliography_filter_keys), &Loader::read_section_bibliography},
            }};
        return table;
    }

    static const Table<cv::Entry>& entry_table() {
        static const Table<cv::Entry> table{
            "entry",
            {
                markup("title", &cv::Entry::title, Need::required),
                target("url", &cv::Entry::url),
                markup("subtitle", &cv::Entry::subtitle),
                markup("location", &cv::Entry::location),
                dates(&cv::Entry::dates),
                markup("description", &cv::Entry::description, Need::optional, TextShape::block),
                item_list("highlights", &cv::Entry::highlights, Need::optional, TextShape::block),
                {{"roles"}, &Loader::read_roles},
                selection<cv::Entry>(),
                private_note<cv::Entry>("note"),
                page_breaks<cv::Entry>(),
                markup("group", &cv::Entry::group),
            }};
        return table;
    }

    static const Table<cv::Role>& role_table() {
        static const Table<cv::Role> table{
            "role",
            {
                markup("title", &cv::Role::title, Need::required),
                markup("location", &cv::Role::location),
                dates(&cv::Role::dates),
                item_list("highlights", &cv::Role::highlights, Need::optional, TextShape::block),
                selection<cv::Role>(),
                private_note<cv::Role>("note"),
            }};
        return table;
    }

    static const Table<cv::Publication>& publication_table() {
        static const Table<cv::Publication> table{
            "publication",
            {
                markup("title", &cv::Publication::title, Need::required),
                markup_list("authors", &cv::Publication::authors),
                {{"equal_contribution"}, &Loader::read_equal_contribution},  // after the authors
                markup("venue", &cv::Publication::venue),
                {{"year"}, &Loader::read_year},
                markup("award", &cv::Publication::award),
                markup("note", &cv::Publication::note),
                markup("group", &cv::Publication::group),
                target("doi", &cv::Publication::doi),
                target("url", &cv::Publication::url),
                target("pdf", &cv::Publication::pdf),
                target("code", &cv::Publication::code),
                {{"selected"}, &Loader::read_selected},
                selection<cv::Publication>(),
                // `note` is the printed note of BibTeX; the private one is a comment.
                private_note<cv::Publication>("comment"),
                // The details: the style decides which show.
                detail("abbr", &cv::Publication::abbr, Detail::text),
                {{"month"}, &Loader::read_month},  // after the year
                detail("volume", &cv::Publication::volume, Detail::text_or_number),
                detail("issue", &cv::Publication::issue, Detail::text_or_number),
                detail("pages", &cv::Publication::pages, Detail::text_or_number),
            }};
        return table;
    }

    /// A highlight, list item or skill written as a table.
    static const Table<cv::Item>& item_table() {
        static const Table<cv::Item> table{
            "item",
            {
                // Read by read_item_list: the list decides whether the text may hold paragraphs.
                {{"text"}, [](Loader&, const Place&, cv::Item&) {}},
                {{"level"}, &Loader::read_skill_level},
                {{"items"}, &Loader::read_sub_items},
                selection<cv::Item>(),
                private_note<cv::Item>("note"),
            }};
        return table;
    }

    static const Table<cv::SkillRow>& skill_table() {
        static const Table<cv::SkillRow> table{
            "skill row",
            {
                markup("label", &cv::SkillRow::label, Need::required),
                item_list("items", &cv::SkillRow::items, Need::required, TextShape::line, Levels::allowed),
                selection<cv::SkillRow>(),
                private_note<cv::SkillRow>("note"),
            }};
        return table;
    }

    /// The keys of a section's entries, by the section's kind.
    static const Keys& entry_keys_of(cv::SectionKind kind) {
        switch (kind) {
            case cv::SectionKind::publications: return publication_table().keys;
            case cv::SectionKind::skills: return skill_table().keys;
            default: return entry_table().keys;
        }
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

    /// Reports the keys `table` does not know (`kind_hint`: the kind of
    /// the section the table is an entry of), then reads every field.
    template <typename Model>
    void read_table(const toml::table& table, const Table<Model>& schema, Model& model,
                    std::string_view kind_hint = {}) {
        check_keys(table, schema.keys, schema.owner, kind_hint);
        read_fields(table, schema, model);
    }

    /// Each field in turn, whether its keys are there or not: a field says
    /// when a required key is missing.
    template <typename Model>
    void read_fields(const toml::table& table, const Table<Model>& schema, Model& model) {
        const Place place{table, schema.owner};
        for (const Field<Model>& field : schema.fields) field.read(*this, place, model);
    }

    static Keys joined(Keys keys, const Keys& more) {
        keys.insert(keys.end(), more.begin(), more.end());
        return keys;
    }

    // --- fields that read one value into one member of the model ------------

    template <typename Model>
    static Field<Model> markup(std::string_view key, cv::RichText Model::*member, Need need = Need::optional,
                               TextShape shape = TextShape::line) {
        return {{key}, [key, member, need, shape](Loader& loader, const Place& at, Model& model) {
                    model.*member =
                        loader.read_markup(at.table, key, at.owner, need == Need::required, shape);
                }};
    }

    template <typename Model>
    static Field<Model> markup_list(std::string_view key, std::vector<cv::RichText> Model::*member,
                                    Need need = Need::optional, TextShape shape = TextShape::line) {
        return {{key}, [key, member, need, shape](Loader& loader, const Place& at, Model& model) {
                    model.*member =
                        loader.read_markup_list(at.table, key, at.owner, need == Need::required, shape);
                }};
    }

    /// Whether a list's items may have a level: skills'.
    enum class Levels { refused, allowed };

    /// Texts that may each be written as a table with tags, a priority and a note.
    template <typename Model>
    static Field<Model> item_list(std::string_view key, std::vector<cv::Item> Model::*member,
                                  Need need = Need::optional, TextShape shape = TextShape::line,
                                  Levels levels = Levels::refused) {
        return {{key}, [key, member, need, shape, levels](Loader& loader, const Place& at, Model& model) {
                    model.*member =
                        loader.read_item_list(at.table, key, at.owner, need == Need::required, shape, levels);
                }};
    }

    /// `page_break_before` and `keep_together`: where pages may break.
    template <typename Model>
    static Field<Model> page_breaks() {
        return {{"page_break_before", "keep_together"}, [](Loader& loader, const Place& at, Model& model) {
                    cv::PageBreaks& breaks = model.breaks;
                    breaks.page_break_before =
                        loader.read_bool(at.table, "page_break_before", at.owner).value_or(false);
                    breaks.keep_together = loader.read_bool(at.table, "keep_together", at.owner);
                    for (const std::string_view key : {"page_break_before", "keep_together"}) {
                        if (const toml::node* node = at.table.get(key); node && breaks.where.begin.line == 0)
                            breaks.where = loader.region(*node);
                    }
                }};
    }

    /// The owner's private words about an item, never printed.
    template <typename Model>
    static Field<Model> private_note(std::string_view key) {
        return {{key}, [key](Loader& loader, const Place& at, Model& model) {
                    loader.read_private_note(at.table, key, model, at.owner);
                }};
    }

    /// A link target (a URL, a DOI).
    template <typename Model>
    static Field<Model> target(std::string_view key, std::string Model::*member, Need need = Need::optional) {
        return {{key}, [key, member, need](Loader& loader, const Place& at, Model& model) {
                    model.*member = loader.read_target(at.table, key, at.owner, need == Need::required);
                }};
    }

    /// `date`, or `start`, `end` and `end_note`: one date range.
    template <typename Model>
    static Field<Model> dates(cv::DateRange Model::*member) {
        return {{"start", "end", "end_note", "expected", "date"},
                [member](Loader& loader, const Place& at, Model& model) {
                    model.*member = loader.read_dates(at.table, at.owner);
                }};
    }

    /// `tags` and `priority`, by which styles select and drop.
    template <typename Model>
    static Field<Model> selection() {
        return {{"tags", "priority"}, [](Loader& loader, const Place& at, Model& model) {
                    loader.read_selectable(at.table, model, at.owner);
                }};
    }

    static Field<cv::Person> contact(std::string_view key, cv::Contact::Kind kind) {
        return {{key}, [key, kind](Loader& loader, const Place& at, cv::Person& person) {
                    if (at.table.contains(key))
                        add_contact(person.contacts, loader.read_contact(at.table, key, kind));
                }};
    }

    /// What a publication detail may be written as.
    enum class Detail { text, text_or_number };

    static Field<cv::Publication> detail(std::string_view key, std::string cv::Publication::*member,
                                         Detail written_as) {
        return {
            {key}, [key, member, written_as](Loader& loader, const Place& at, cv::Publication& publication) {
                publication.*member = loader.read_detail(at.table, key, written_as == Detail::text_or_number);
            }};
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
        if (const toml::table* translations = node->as_table()) {
            node = translation(*translations, quoted(key));
            if (!node) return {};
        }
        if (!node->is_string()) {
            wrong_type(*node, "string", quoted(key));
            return {};
        }
        return markup_of(*node, shape);
    }

    // --- translations ----------------------------------------------------------

    /// How well a translation's language tag serves the wanted one: the
    /// same tag, or the wanted one's primary language ("de" for "de-CH").
    static int language_match(std::string_view given, std::string_view wanted) {
        if (equal_ignoring_ascii_case(given, wanted)) return 2;
        if (equal_ignoring_ascii_case(given, cv::primary_language(wanted))) return 1;
        return 0;
    }

    /// The text of `{ en = "…", de = "…" }` in the build's language, else in
    /// the CV's language, else the first given, with a warning at the table
    /// for each fallback. Every key must be a language vitae has a pack for.
    const toml::node* translation(const toml::table& translations, std::string_view what) {
        const toml::node* wanted = nullptr;
        const toml::node* fallback = nullptr;
        std::string fallback_language;
        int wanted_match = 0;
        int fallback_match = 0;
        for (auto&& [key, value] : translations) {
            if (const std::optional<LocaleProblem> problem = check_locale(key.str())) {
                diagnostics_.error(region(key.source()), fmt::format("{} in {}", problem->message, what),
                                   problem->hint);
                continue;
            }
            if (!value.is_string()) {
                wrong_type(value, "string", fmt::format("the '{}' text of {}", key.str(), what));
                continue;
            }
            if (const int match = language_match(key.str(), build_language_); match > wanted_match) {
                wanted = &value;
                wanted_match = match;
            }
            const int match = language_match(key.str(), default_language_);
            if (match > fallback_match || (fallback == nullptr && fallback_match == 0)) {
                fallback = &value;
                fallback_language = key.str();
                fallback_match = std::max(match, fallback_match);
            }
        }
        if (translations.empty())
            diagnostics_.error(region(translations), fmt::format("no text in {}", what),
                               fmt::format("write {} = \"…\"", build_language_));
        if (wanted != nullptr || fallback == nullptr) return wanted;
        diagnostics_.warning(region(translations),
                             fmt::format("no '{}' text for {}; the '{}' text is used", build_language_, what,
                                         fallback_language),
                             fmt::format("add {} = \"…\"", build_language_));
        return fallback;
    }

    /// Every text of a translated field, plain, with the one chosen: what a
    /// style's section titles may name in any language.
    std::vector<std::string> all_translations(const toml::node* node) const {
        std::vector<std::string> texts;
        if (const toml::table* translations = node != nullptr ? node->as_table() : nullptr) {
            for (auto&& [key, value] : *translations) {
                if (const auto* text = value.as_string()) texts.push_back(text->get());
            }
        }
        return texts;
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

    /// Each element of the array `key` with its index; an error when it is
    /// not an array.
    template <typename ReadElement>
    void for_each_element(const toml::table& table, std::string_view key, std::string_view owner,
                          bool required, ReadElement read_element) {
        const toml::node* node = find(table, key, owner, required);
        if (!node) return;
        const toml::array* array = node->as_array();
        if (!array) {
            wrong_type(*node, "array of strings", quoted(key));
            return;
        }
        for (std::size_t i = 0; i < array->size(); ++i) read_element((*array)[i], i);
    }

    /// An element's text: a string, or its text in the build's language;
    /// nothing after an error (anything else is `expected`'s wrong type).
    std::optional<cv::RichText> element_markup(const toml::node& element, std::string_view what,
                                               TextShape shape, std::string_view expected) {
        const toml::node* text = &element;
        if (const toml::table* translations = element.as_table()) {
            text = translation(*translations, what);
            if (!text) return std::nullopt;
        }
        if (text->is_string()) return markup_of(*text, shape);
        wrong_type(*text, expected, what);
        return std::nullopt;
    }

    std::vector<cv::RichText> read_markup_list(const toml::table& table, std::string_view key,
                                               std::string_view owner, bool required = false,
                                               TextShape shape = TextShape::line) {
        std::vector<cv::RichText> items;
        for_each_element(table, key, owner, required, [&](const toml::node& element, std::size_t i) {
            if (auto text = element_markup(element, element_name(key, i), shape, "string"))
                items.push_back(std::move(*text));
        });
        return items;
    }

    /// An item written as a table holds one of the item table's keys, or
    /// a key near one (a typo of `text`, told as such). Any other table is
    /// the item's text in several languages (`{ en = "…", de = "…" }`): no
    /// language tag is one of these words.
    static bool is_item_table(const toml::table& table) {
        const Keys& keys = item_table().keys;
        return std::any_of(table.begin(), table.end(), [&](const auto& key_value) {
            const std::string_view key = key_value.first.str();
            return std::find(keys.begin(), keys.end(), key) != keys.end() || !did_you_mean(key, keys).empty();
        });
    }

    /// `["…", { text = "…", tags = ["ml"], priority = 2, note = "…" }, { en = "…", de = "…" }]`
    std::vector<cv::Item> read_item_list(const toml::table& table, std::string_view key,
                                         std::string_view owner, bool required, TextShape shape,
                                         Levels levels = Levels::refused) {
        std::vector<cv::Item> items;
        // Skills have levels, bullets may have bullets under them.
        const ItemList saved = item_list_;
        item_list_ = {shape, levels == Levels::refused, saved.depth};
        for_each_element(table, key, owner, required, [&](const toml::node& element, std::size_t i) {
            const std::string what = element_name(key, i);
            if (const toml::table* fields = element.as_table(); fields && is_item_table(*fields)) {
                cv::Item item;
                read_table(*fields, item_table(), item);
                item.text = read_markup(*fields, "text", what, true, shape);
                if (item.level && levels == Levels::refused) {
                    diagnostics_.error(item.level->where,
                                       fmt::format("'level' is for skills, not for {}", what),
                                       "a skill row's items may have a level");
                    item.level.reset();
                }
                if (!item.text.empty()) items.push_back(std::move(item));
            } else if (auto text = element_markup(element, what, shape, "string or table")) {
                items.emplace_back(std::move(*text));
            }
        });
        item_list_ = saved;
        return items;
    }

    /// `items = [...]` under a highlight or list item: bullets under it.
    void read_sub_items(const Place& at, cv::Item& item) {
        const toml::node* node = at.table.get("items");
        if (!node) return;
        if (!item_list_.nests) {
            diagnostics_.error(region(*node), "a skill has no items under it",
                               "bullets nest under highlights and list items");
            return;
        }
        if (item_list_.depth >= cv::Item::max_item_depth) {
            diagnostics_.error(region(*node),
                               fmt::format("bullets nest {} levels deep at most", cv::Item::max_item_depth),
                               "write this level's items as bullets of the one above");
            return;
        }
        ++item_list_.depth;
        item.items = read_item_list(at.table, "items", at.owner, false, item_list_.shape);
        --item_list_.depth;
    }

    /// `synonyms = [["PyTorch", "deep learning"], …]`: groups of two or more.
    void read_synonyms(const Place& at, cv::Document& document) {
        const toml::node* node = at.table.get("synonyms");
        if (!node) return;
        const toml::array* groups = node->as_array();
        if (!groups) {
            wrong_type(*node, "array of arrays of strings", quoted("synonyms"));
            return;
        }
        for (std::size_t i = 0; i < groups->size(); ++i) {
            const toml::node& element = (*groups)[i];
            const toml::array* phrases = element.as_array();
            if (!phrases) {
                wrong_type(element, "array of strings", element_name("synonyms", i));
                continue;
            }
            cv::SynonymGroup group{{}, region(element)};
            for (const toml::node& phrase : *phrases) {
                if (const auto* text = phrase.as_string(); text && !text->get().empty()) {
                    group.phrases.push_back(text->get());
                } else {
                    wrong_type(phrase, "non-empty string",
                               fmt::format("a phrase of {}", element_name("synonyms", i)));
                }
            }
            if (group.phrases.size() < 2) {
                diagnostics_.error(group.where, "a synonym group needs two phrases or more",
                                   "write [\"PyTorch\", \"deep learning\"]");
                continue;
            }
            document.synonyms.push_back(std::move(group));
        }
    }

    /// `level = 4` (1 to 5) or `level = "fluent"`.
    void read_skill_level(const Place& at, cv::Item& item) {
        const toml::node* node = at.table.get("level");
        if (!node) return;
        cv::SkillLevel level{0, {}, region(*node)};
        if (const auto* number = node->as_integer()) {
            const std::int64_t value = number->get();
            if (value < 1 || value > cv::SkillLevel::highest) {
                diagnostics_.error(
                    level.where,
                    fmt::format("'level' is {}, not from 1 to {}", value, cv::SkillLevel::highest),
                    "or write the level in words: level = \"fluent\"");
                return;
            }
            level.value = static_cast<int>(value);
        } else if (const auto* word = node->as_string(); word && !word->get().empty()) {
            level.word = word->get();
        } else {
            wrong_type(*node, "integer from 1 to 5 or a word", quoted("level"));
            return;
        }
        item.level = std::move(level);
    }

    void read_private_note(const toml::table& table, std::string_view key, cv::Selectable& selectable,
                           std::string_view owner) {
        const toml::node* node = find(table, key, owner, false);
        if (!node) return;
        if (const auto* text = node->as_string()) {
            selectable.private_note = text->get();
        } else {
            wrong_type(*node, "string", quoted(key));
        }
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

    /// A date, or (`keyword`, when given) a word for the build's day: an
    /// end's "present", a letter's "today".
    DateValue read_date(const toml::table& table, std::string_view key, std::string_view owner,
                        bool allow_present, std::string_view keyword = "present") {
        DateValue result;
        const toml::node* node = find(table, key, owner, false);
        if (!node) return result;
        result.where = region(*node);
        if (const auto* text = node->as_string()) {
            if (equal_ignoring_ascii_case(text->get(), keyword)) {
                if (allow_present) {
                    result.present = true;
                } else {
                    diagnostics_.error(result.where, fmt::format("'{}' cannot be \"{}\"", key, keyword),
                                       fmt::format("only 'end' can be \"{}\"", keyword));
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
            wrong_type(*node,
                       fmt::format("date (\"YYYY-MM\"{} or 2021-08-01)",
                                   allow_present ? fmt::format(", \"{}\"", keyword) : ""),
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
        for (const std::string_view key : {"end_note", "expected"}) {
            if (table.contains(key) && !table.contains("end"))
                diagnostics_.error(region(*table.get(key)), fmt::format("'{}' needs an 'end' date", key));
        }
        if (const toml::node* expected = table.get("expected")) {
            if (const auto* flag = expected->as_boolean()) {
                range.expected = flag->get();
            } else {
                wrong_type(*expected, "boolean", quoted("expected"));
            }
            if (range.expected && table.contains("end_note"))
                diagnostics_.error(region(*expected), "give either 'expected' or 'end_note', not both",
                                   "'expected' writes the language's word for it");
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

    /// A contact's value; a location may differ by language, so any
    /// contact may be given as translations.
    cv::Contact read_contact(const toml::table& table, std::string_view key, cv::Contact::Kind kind) {
        const toml::node* node = table.get(key);
        if (const toml::table* translations = node->as_table())
            node = translation(*translations, quoted(key));
        std::string value;
        if (node != nullptr) {
            if (const auto* text = node->as_string()) {
                value = text->get();
            } else {
                wrong_type(*node, "string", quoted(key));
            }
        }
        cv::Contact contact{
            kind, std::move(value), region(*table.get(key)), cv::Contact::PhoneKind::phone, {}};
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
        for (std::size_t i = 0; i < phones.size(); ++i) {
            const toml::node& element = phones[i];
            const std::string name = element_name("phone", i);
            if (element.is_string()) {
                cv::Contact contact{cv::Contact::Kind::phone,
                                    element.as_string()->get(),
                                    region(element),
                                    cv::Contact::PhoneKind::phone,
                                    {}};
                if (contact.value.empty()) diagnostics_.error(contact.where, fmt::format("empty {}", name));
                if (!check_link_length(contact.value, contact.where, diagnostics_)) contact.value.clear();
                add_contact(contacts, std::move(contact));
                continue;
            }
            const toml::table* phone = element.as_table();
            if (phone == nullptr) {
                wrong_type(element, "string or table", name);
                continue;
            }
            check_keys(*phone, phone_table().keys, phone_table().owner);
            if (!phone->contains("number")) {
                diagnostics_.error(region(element), fmt::format("missing required key 'number' in {}", name));
                continue;
            }
            cv::Contact contact{
                cv::Contact::Kind::phone, {}, region(element), cv::Contact::PhoneKind::phone, {}};
            read_fields(*phone, phone_table(), contact);
            add_contact(contacts, std::move(contact));
        }
    }

    void read_phone_number(const Place& at, cv::Contact& contact) {
        contact.value = read_contact(at.table, "number", cv::Contact::Kind::phone).value;
    }

    void read_phone_kind(const Place& at, cv::Contact& contact) {
        static const std::vector<std::pair<std::string_view, cv::Contact::PhoneKind>> kinds = {
            {"phone", cv::Contact::PhoneKind::phone},
            {"mobile", cv::Contact::PhoneKind::mobile},
            {"office", cv::Contact::PhoneKind::office},
            {"home", cv::Contact::PhoneKind::home},
            {"fax", cv::Contact::PhoneKind::fax}};
        const auto kind = read_string(at.table, "kind", at.owner);
        if (!kind) return;
        const auto found =
            std::find_if(kinds.begin(), kinds.end(), [&](const auto& entry) { return entry.first == *kind; });
        if (found == kinds.end()) {
            std::vector<std::string_view> names;
            for (const auto& entry : kinds) names.push_back(entry.first);
            diagnostics_.error(region(*at.table.get("kind")), fmt::format("unknown phone kind '{}'", *kind),
                               did_you_mean(*kind, names));
        } else {
            contact.phone_kind = found->second;
        }
    }

    /// Contacts keep the order of the file, which toml++ tables do not.
    static void add_contact(std::vector<cv::Contact>& contacts, cv::Contact contact) {
        const auto after = std::upper_bound(
            contacts.begin(), contacts.end(), contact,
            [](const cv::Contact& a, const cv::Contact& b) { return a.where.begin < b.where.begin; });
        contacts.insert(after, std::move(contact));
    }

    /// `lang = "de-CH"`: a BCP 47 tag, checked for its syntax (a problem is
    /// reported at the subtag that breaks it) and for a locale pack, whose
    /// words vitae writes. load() has taken it already.
    void read_language(const Place& at, cv::Document& /*document: load() set its language*/) {
        const std::optional<std::string> tag = read_string(at.table, "lang", at.owner);
        if (!tag) return;
        const toml::node& node = *at.table.get("lang");
        const std::optional<cv::LanguageTagProblem> problem = cv::check_language_tag(*tag);
        if (!problem) {
            if (const std::optional<LocaleProblem> no_pack = check_locale(*tag))
                diagnostics_.error(text_region(node, positions_of(node, *tag)), no_pack->message,
                                   no_pack->hint);
            return;
        }
        const std::vector<SourcePosition> positions = positions_of(node, *tag);
        SourceRegion where = region(node);
        if (!positions.empty()) where = where.at(positions[std::min(problem->offset, positions.size() - 1)]);
        diagnostics_.error(where, fmt::format("invalid language tag '{}': {}", *tag, problem->message),
                           "write a BCP 47 tag such as \"en\", \"de\", \"de-CH\", \"pt-BR\" or \"sr-Latn\"");
    }

    /// The path of a file the CV names (`what`: "bibliography", "picture"),
    /// relative to the CV as a style's `extends` is to the style; nothing,
    /// with an error at `where`, when --sandbox keeps it out.
    std::optional<std::string> named_file(const std::string& name, const SourceRegion& where,
                                          std::string_view what) {
        const bool from_stdin = *path_ == "-";
        std::string path =
            from_stdin || std::filesystem::path{name}.is_absolute()
                ? name
                : (std::filesystem::path{*path_}.parent_path() / name).lexically_normal().string();
        if (sandbox_ && !detail::is_inside(*sandbox_, path)) {
            diagnostics_.error(
                where, fmt::format("the {} '{}' is outside the CV's folder", what, name),
                fmt::format("with --sandbox, files a CV names must be in its folder {} or below",
                            sandbox_->string()));
            return std::nullopt;
        }
        return path;
    }

    /// `key = "me.jpg"` or `key = { path = "me.jpg", alt = "…" }`: a JPEG or
    /// PNG, read and decoded whole now, so that a damaged one is an error
    /// at its key rather than a broken PDF.
    std::optional<cv::Picture> read_picture(const toml::table& table, std::string_view key) {
        const toml::node* node = table.get(key);
        if (node == nullptr) return std::nullopt;
        cv::Picture picture;
        const toml::node* path_node = node;
        if (const toml::table* details = node->as_table()) {
            const std::string owner = quoted(key);
            check_keys(*details, picture_keys, owner);
            picture.alt = read_string(*details, "alt", owner).value_or("");
            if (!read_string(*details, "path", owner, true)) return std::nullopt;
            path_node = details->get("path");
        } else if (!node->is_string()) {
            wrong_type(*node, "string (a JPEG or PNG file) or table { path, alt }", quoted(key));
            return std::nullopt;
        }
        picture.path = path_node->as_string()->get();
        picture.where = region(*path_node);
        if (picture.path.empty()) {
            diagnostics_.error(picture.where, fmt::format("empty '{}'", key), "name a JPEG or PNG file");
            return std::nullopt;
        }
        const std::optional<std::string> path = named_file(picture.path, picture.where, "picture");
        if (!path) return std::nullopt;
        FileText file = read_file(*path);
        if (!file.error.empty()) {
            diagnostics_.error(picture.where,
                               fmt::format("cannot read the picture '{}': {}", *path, file.error));
            return std::nullopt;
        }
        const image::Inspection inspection = image::inspect(file.text);
        if (!inspection.info) {
            diagnostics_.error(picture.where,
                               fmt::format("cannot show the picture '{}': {}", *path, inspection.error),
                               "give a sound JPEG or PNG file");
            return std::nullopt;
        }
        files_read_.push_back(*path);
        picture.width = inspection.info->width;
        picture.height = inspection.info->height;
        picture.bytes = std::make_shared<const std::string>(std::move(file.text));
        return picture;
    }

    void read_photo(const Place& at, cv::Person& person) { person.photo = read_picture(at.table, "photo"); }

    void read_signature_image(const Place& at, cv::Letter& letter) {
        letter.signature_image = read_picture(at.table, "signature_image");
    }

    void read_recipient(const Place& at, cv::Letter& letter) {
        const toml::node* node = find(at.table, "recipient", at.owner, false);
        if (node == nullptr) return;
        if (const toml::table* table = expect_table(*node, "recipient"))
            read_table(*table, recipient_table(), letter);
    }

    void read_letter_date(const Place& at, cv::Letter& letter) {
        const DateValue date = read_date(at.table, "date", at.owner, true, "today");
        letter.date = date.date;
        letter.dated_today = date.present || !at.table.contains("date");
        letter.date_where = date.where.path ? date.where : region(at.table);
    }

    void read_letter_layout(const Place& at, cv::Letter& letter) {
        const std::optional<std::string> name = read_string(at.table, "layout", at.owner);
        if (!name) return;
        letter.layout_where = region(*at.table.get("layout"));
        if (const auto layout = cv::letter_layout_from_string(*name)) {
            letter.layout = *layout;
        } else {
            diagnostics_.error(letter.layout_where, fmt::format("unknown letter layout '{}'", *name),
                               did_you_mean(*name, cv::letter_layout_names()));
        }
    }

    void read_letter_table(const Place& at, cv::Document& document) {
        const toml::node* node = at.table.get("letter");
        if (node == nullptr) {
            if (at.table.contains("cv"))
                diagnostics_.error(region(*at.table.get("cv")),
                                   "'cv' names a letter's sender, and there is no [letter]",
                                   "add [letter], or leave 'cv' out of a CV");
            return;
        }
        if (as_sender_) {
            diagnostics_.error(region(*node), "the CV a letter names is a letter itself",
                               "name the CV file in the letter's 'cv'");
            return;
        }
        const toml::table* table = expect_table(*node, "letter");
        if (table == nullptr) return;
        if (const toml::node* sections = at.table.get("section")) {
            diagnostics_.error(region(*sections), "a letter has no sections",
                               "put the sections in the CV the letter names with 'cv'");
        }
        cv::Letter letter;
        letter.where = region(*table);
        read_table(*table, letter_table(), letter);
        document.letter = std::move(letter);
    }

    /// `cv = "cv.toml"`: the CV whose person (and language) a letter's sender is.
    void read_sender_cv(const Place& at, cv::Document& /*document: load() takes the sender*/) {
        const std::optional<std::string> name = read_string(at.table, "cv", at.owner);
        if (!name) return;
        const SourceRegion where = region(*at.table.get("cv"));
        if (as_sender_) {
            diagnostics_.error(where, "the CV a letter names takes no sender from another");
            return;
        }
        if (at.table.contains("person")) {
            diagnostics_.error(where, "a letter's sender is 'cv' or [person], not both",
                               "leave out one of them");
            return;
        }
        const std::optional<std::string> path = named_file(*name, where, "CV");
        if (!path) return;
        const FileText file = read_file(*path);
        if (!file.error.empty()) {
            diagnostics_.error(where, fmt::format("cannot read the CV '{}': {}", *path, file.error));
            return;
        }
        const auto shared_path = std::make_shared<const std::string>(*path);
        Diagnostics found;
        if (const std::optional<toml::table> root = detail::parse_toml(file.text, shared_path, found)) {
            // In the language asked for, else the CV's own (which the letter then takes).
            const std::string language = requested_language_.empty() && at.table.contains("lang")
                                             ? build_language_
                                             : requested_language_;
            sender_ = Loader{file.text, shared_path, access_, language, found, true}.load(*root);
        }
        diagnostics_.append(found);
        files_read_.push_back(*path);
    }

    /// A letter's sender from its CV: the person, the CV's files and, when
    /// the letter names none, its language.
    void take_sender(const toml::table& root, cv::Document& document) {
        document.person = std::move(sender_->person);
        files_read_.insert(files_read_.end(), sender_->source_files.begin(), sender_->source_files.end());
        if (!root.contains("lang") && document.language.empty()) document.language = sender_->language;
        sender_.reset();
    }

    void read_person_table(const Place& at, cv::Document& document) {
        const toml::node* node = at.table.get("person");
        if (node == nullptr && !at.table.contains("cv")) {
            diagnostics_.error(document.where, "missing required table [person]",
                               at.table.contains("letter")
                                   ? "a letter's sender: add cv = \"cv.toml\" (the CV's person) or [person]"
                                   : "add [person] with at least name = \"…\"");
            return;
        }
        if (node == nullptr) return;
        if (const toml::table* table = expect_table(*node, "person")) {
            document.person.where = region(*table);
            read_table(*table, person_table(), document.person);
        }
    }

    void read_name(const Place& at, cv::Person& person) {
        person.name = read_markup(at.table, "name", at.owner, true);
        const toml::node* node = at.table.get("name");
        if (node != nullptr && node->is_string() && person.name.empty()) {
            diagnostics_.error(region(*node), "empty 'name'", "the CV's owner needs a name");
        }
    }

    void read_name_link(const Place& at, cv::Person& person) {
        person.url = read_target(at.table, "url", at.owner);
        for (cv::Span& span : person.name.spans) {
            if (span.link.empty()) span.link = person.url;
        }
    }

    void read_aliases(const Place& at, cv::Person& person) {
        for_each_string(at.table, "aliases", at.owner, false, [&](const toml::node& element) {
            const std::string& alias = element.as_string()->get();
            // A blank spelling could never match an author: surely a slip.
            if (alias.find_first_not_of(" \t") == std::string::npos) {
                diagnostics_.error(region(element), "empty alias in 'aliases'");
                return;
            }
            person.aliases.push_back(alias);
        });
    }

    /// One number, or several (see read_phones).
    void read_phone(const Place& at, cv::Person& person) {
        const toml::node* node = at.table.get("phone");
        if (node == nullptr) return;
        if (const toml::array* phones = node->as_array()) {
            read_phones(*phones, person.contacts);
        } else {
            add_contact(person.contacts, read_contact(at.table, "phone", cv::Contact::Kind::phone));
        }
    }

    void read_links(const Place& at, cv::Person& person) {
        if (const toml::array* links = read_table_array(at.table, "links")) {
            for (const toml::node& node : *links) {
                cv::Link link;
                link.where = region(node);
                read_table(*node.as_table(), link_table(), link);
                person.links.push_back(std::move(link));
            }
        }
    }

    void read_icon(const Place& at, cv::Link& link) {
        if (auto icon = read_string(at.table, "icon", at.owner)) {
            const auto& icons = cv::known_icons();
            if (std::find(icons.begin(), icons.end(), *icon) == icons.end()) {
                diagnostics_.error(region(*at.table.get("icon")), fmt::format("unknown icon '{}'", *icon),
                                   icon_hint(*icon));
            } else {
                link.icon = std::move(*icon);
            }
        }
    }

    /// "did you mean 'x'?" where a known icon is near, then every icon.
    static std::string icon_hint(std::string_view name) {
        const std::string_view named = cv::icon_named(name);
        std::string hint = did_you_mean(named.empty() ? name : named, cv::known_icons());
        return fmt::format("{}{}{}", hint, hint.empty() ? "the icons are: " : " The icons are: ",
                           fmt::join(cv::known_icons(), ", "));
    }

    void read_sections(const Place& at, cv::Document& document) {
        if (const toml::array* sections = read_table_array(at.table, "section")) {
            for (const toml::node& node : *sections) {
                cv::Section section;
                section.where = region(node);
                read_table(*node.as_table(), section_table(), section);
                document.sections.push_back(std::move(section));
            }
        }
    }

    /// How messages name a section once its title is read.
    static std::string owner_of(const cv::Section& section) {
        return fmt::format("section '{}'", section.title.plain());
    }

    void read_section_title(const Place& at, cv::Section& section) {
        section.title = read_markup(at.table, "title", at.owner, true);
        section.title_translations = all_translations(at.table.get("title"));
        if (at.table.contains("title") && section.title.empty()) {
            diagnostics_.error(region(*at.table.get("title")), "empty section title");
        }
    }

    void read_section_kind(const Place& at, cv::Section& section) {
        if (const auto kind_name = read_string(at.table, "kind", at.owner)) {
            if (const auto kind = cv::section_kind_from_string(*kind_name)) {
                section.kind = *kind;
            } else {
                diagnostics_.error(region(*at.table.get("kind")),
                                   fmt::format("unknown section kind '{}'", *kind_name),
                                   did_you_mean(*kind_name, cv::section_kind_names()));
            }
        }
    }

    static bool takes_entries(cv::SectionKind kind) {
        return kind == cv::SectionKind::entries || kind == cv::SectionKind::publications ||
               kind == cv::SectionKind::skills;
    }

    /// Reports `key` when the section's kind does not read it, naming the
    /// key the kind reads instead.
    void reject(const toml::table& table, std::string_view key, cv::SectionKind kind) {
        const toml::node* node = table.get(key);
        if (node == nullptr) return;
        const std::string_view instead = takes_entries(kind)             ? "[[section.entry]]"
                                         : kind == cv::SectionKind::list ? "items = [\"…\"]"
                                                                         : "text = \"…\"";
        diagnostics_.error(region(*node),
                           fmt::format("a section of kind \"{}\" has no '{}'", cv::to_string(kind), key),
                           fmt::format("use '{}'", instead));
    }

    void read_section_entries(const Place& at, cv::Section& section) {
        if (!takes_entries(section.kind)) {
            reject(at.table, "entry", section.kind);
            return;
        }
        if (const toml::array* entries = read_table_array(at.table, "entry")) {
            for (const toml::node& node : *entries) read_section_entry(*node.as_table(), section);
        }
        if (!at.table.contains("entry") && !at.table.contains("bibliography")) {
            diagnostics_.warning(region(at.table), fmt::format("{} has no entries", owner_of(section)));
        }
    }

    void read_section_items(const Place& at, cv::Section& section) {
        if (section.kind != cv::SectionKind::list) {
            reject(at.table, "items", section.kind);
            return;
        }
        section.items = read_item_list(at.table, "items", owner_of(section), true, TextShape::block);
    }

    void read_section_text(const Place& at, cv::Section& section) {
        if (section.kind != cv::SectionKind::text) {
            reject(at.table, "text", section.kind);
            return;
        }
        section.text = read_markup(at.table, "text", owner_of(section), true, TextShape::block);
    }

    void read_section_numbering(const Place& at, cv::Section& section) {
        if (section.kind == cv::SectionKind::list) {
            section.numbering = read_numbering(at.table, owner_of(section));
            return;
        }
        for (const std::string_view key : numbering_keys) {
            if (const toml::node* node = at.table.get(key)) {
                diagnostics_.error(
                    region(*node),
                    fmt::format("'{}' numbers the items of a section with kind = \"list\"", key));
            }
        }
    }

    void read_section_bibliography(const Place& at, cv::Section& section) {
        if (const auto bibliography = read_string(at.table, "bibliography", owner_of(section))) {
            const SourceRegion where = region(*at.table.get("bibliography"));
            if (section.kind != cv::SectionKind::publications) {
                diagnostics_.error(where, "'bibliography' belongs to a section with kind = \"publications\"");
            } else {
                read_bibliography(at.table, *bibliography, where, section);
            }
            return;
        }
        for (const std::string_view key : bibliography_filter_keys) {
            if (const toml::node* node = at.table.get(key)) {
                diagnostics_.error(region(*node),
                                   fmt::format("'{}' chooses among a bibliography's entries", key),
                                   "add bibliography = \"papers.bib\"");
            }
        }
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
        const std::optional<std::string> named = named_file(name, where, "bibliography");
        if (!named) return;
        const std::string& path = *named;
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
            files_read_.push_back(path);
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
        const std::string_view kind = cv::to_string(section.kind);
        switch (section.kind) {
            case cv::SectionKind::publications:
                read_table(table, publication_table(), section.publications.emplace_back(), kind);
                break;
            case cv::SectionKind::skills:
                read_table(table, skill_table(), section.skills.emplace_back(), kind);
                break;
            default: read_table(table, entry_table(), section.entries.emplace_back(), kind); break;
        }
    }

    void read_roles(const Place& at, cv::Entry& entry) {
        if (const toml::array* roles = read_table_array(at.table, "roles")) {
            for (const toml::node& node : *roles) {
                cv::Role role;
                role.where = region(node);
                read_table(*node.as_table(), role_table(), role);
                entry.roles.push_back(std::move(role));
            }
        }
    }

    void read_equal_contribution(const Place& at, cv::Publication& publication) {
        std::vector<std::string> author_names;
        for (const cv::RichText& author : publication.authors) author_names.push_back(author.plain());
        const std::unordered_set<std::string_view> authors(author_names.begin(), author_names.end());
        Suggester suggester{{author_names.begin(), author_names.end()}};
        for_each_string(at.table, "equal_contribution", at.owner, false, [&](const toml::node& element) {
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
    }

    void read_year(const Place& at, cv::Publication& publication) {
        if (const auto year = read_int(at.table, "year", at.owner)) {
            if (validate_date(cv::Date{*year, 0, 0}, region(*at.table.get("year")), diagnostics_)) {
                publication.year = *year;
            }
        }
    }

    void read_month(const Place& at, cv::Publication& publication) {
        if (const auto month = read_int(at.table, "month", at.owner)) {
            const SourceRegion where = region(*at.table.get("month"));
            if (*month < 1 || *month > 12) {
                diagnostics_.error(where, fmt::format("month {} is not from 1 to 12", *month));
            } else if (!publication.year) {
                diagnostics_.error(where, "a 'month' without a 'year'", "add the year it belongs to");
            } else {
                publication.month = *month;
            }
        }
    }

    void read_selected(const Place& at, cv::Publication& publication) {
        publication.selected = read_bool(at.table, "selected", at.owner).value_or(false);
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
    std::vector<std::string> files_read_;  ///< BibTeX files, pictures, a sender's CV: for depfiles
    /// The CV a letter takes its sender from (`cv`), once loaded.
    std::optional<cv::Document> sender_;
    std::map<std::string, std::vector<bibtex::Entry>> parsed_bibliographies_;
    std::shared_ptr<const std::string> path_;
    FileAccess access_;
    /// Loading a letter's sender: a CV, which names no other.
    bool as_sender_ = false;
    /// With --sandbox, the folder every file the CV names must be under
    /// (found once: resolving it touches the file system).
    std::optional<std::filesystem::path> sandbox_;
    /// The language the document is loaded in (--lang), and the CV's own
    /// (`lang`), which a field without a translation falls back to.
    std::string build_language_;
    std::string default_language_ = std::string{default_cv_language};
    /// --lang as given: empty when the document's own language is wanted.
    std::string requested_language_;
    Diagnostics& diagnostics_;
    /// The list of items being read: its items' text shape, whether they
    /// may have items under them, and how deep under a highlight it is.
    struct ItemList {
        TextShape shape = TextShape::line;
        bool nests = false;
        int depth = 0;
    };
    ItemList item_list_;
};

}  // namespace

cv::Document load_cv_text(std::string_view text, const std::string& path, Diagnostics& diagnostics,
                          FileAccess access, std::string_view language) {
    auto shared_path = std::make_shared<const std::string>(path);
    Diagnostics found;
    cv::Document document;
    if (const std::optional<toml::table> root = detail::parse_toml(text, shared_path, found)) {
        document = Loader{text, shared_path, access, language, found}.load(*root);
    }
    found.sort_by_position();
    diagnostics.append(found);
    return document;
}

cv::Document load_cv_file(const std::string& path, Diagnostics& diagnostics, FileAccess access,
                          std::string_view language) {
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
        return load_cv_text(toml, name, diagnostics, access, language);
    }
    return load_cv_text(text, name, diagnostics, access, language);
}

std::vector<KeyTable> cv_key_tables() {
    const auto key_table = [](const auto& table) { return KeyTable{table.owner, table.keys}; };
    return {key_table(Loader::root_table()),      key_table(Loader::person_table()),
            key_table(Loader::link_table()),      key_table(Loader::phone_table()),
            key_table(Loader::section_table()),   key_table(Loader::entry_table()),
            key_table(Loader::role_table()),      key_table(Loader::publication_table()),
            key_table(Loader::skill_table()),     key_table(Loader::letter_table()),
            key_table(Loader::recipient_table()), key_table(Loader::item_table())};
}

}  // namespace vitae
