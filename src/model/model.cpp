#include <algorithm>
#include <array>
#include <unordered_map>

#include <fmt/format.h>

#include "vitae/base/suggest.hpp"
#include "vitae/model/model.hpp"

namespace vitae::cv {

bool RichText::empty() const {
    return std::all_of(spans.begin(), spans.end(), [](const Span& span) { return span.text.empty(); });
}

std::string RichText::plain() const {
    std::string text;
    for (const Span& span : spans) {
        if (span.break_before == Span::Break::line) text += '\n';
        if (span.break_before == Span::Break::paragraph) text += "\n\n";
        text += span.text;
    }
    return text;
}

std::vector<RichText> split_paragraphs(const RichText& text) {
    std::vector<RichText> paragraphs;
    for (const Span& span : text.spans) {
        if (paragraphs.empty() || span.break_before == Span::Break::paragraph) {
            paragraphs.push_back(RichText{{}, text.where});
        }
        paragraphs.back().spans.push_back(span);
        if (paragraphs.back().spans.size() == 1)
            paragraphs.back().spans.back().break_before = Span::Break::none;
    }
    return paragraphs;
}

bool is_before(const Date& earlier, const Date& later) {
    if (earlier.year != later.year) return earlier.year < later.year;
    if (earlier.month == 0 || later.month == 0) return false;
    if (earlier.month != later.month) return earlier.month < later.month;
    if (earlier.day == 0 || later.day == 0) return false;
    return earlier.day < later.day;
}

const std::vector<std::string_view>& known_icons() {
    static const std::vector<std::string_view> icons = {
#define VITAE_ICON(name, code_point, meaning) name,
#include "vitae/model/icons.inc"
#undef VITAE_ICON
    };
    return icons;
}

std::string_view icon_meaning(std::string_view icon) {
    struct Meaning {
        std::string_view icon;
        std::string_view meaning;
    };
    static constexpr Meaning meanings[] = {
#define VITAE_ICON(name, code_point, meaning) {name, meaning},
#include "vitae/model/icons.inc"
#undef VITAE_ICON
    };
    for (const Meaning& each : meanings) {
        if (each.icon == icon) return each.meaning;
    }
    return {};
}

std::string_view icon_named(std::string_view name) {
    for (const std::string_view icon : known_icons()) {
        if (same_word(name, icon)) return icon;
    }
    // Other names users and other CV formats give these icons.
    static const std::vector<Synonym> synonyms = {
        {"x", {"x-twitter"}},
        {"email", {"envelope"}},
        {"mail", {"envelope"}},
        {"telephone", {"phone"}},
        {"mobile", {"phone"}},
        {"homepage", {"home"}},
        {"website", {"globe"}},
        {"web", {"globe"}},
        {"location", {"map-marker"}},
        {"address", {"map-marker"}},
        {"scholar", {"google-scholar"}},
        {"stackexchange", {"stack-overflow"}},
        {"web of science", {"researcherid"}},
        {"publons", {"researcherid"}},
        {"fediverse", {"mastodon"}},
    };
    return synonym_among(name, known_icons(), synonyms);
}

std::string Contact::url() const {
    switch (kind) {
        case Kind::email: return fmt::format("mailto:{}", value);
        case Kind::phone: {
            if (!dial.empty()) return fmt::format("tel:{}", dial);
            std::string digits;
            for (const char c : value) {
                if ((c >= '0' && c <= '9') || c == '+') digits += c;
            }
            return fmt::format("tel:{}", digits);
        }
        case Kind::homepage:
            return value.find("://") == std::string::npos ? fmt::format("https://{}", value) : value;
        case Kind::location: return {};
    }
    return {};
}

std::string_view Contact::icon() const {
    switch (kind) {
        case Kind::email: return "envelope";
        case Kind::phone:
            return phone_kind == PhoneKind::mobile ? "mobile"
                   : phone_kind == PhoneKind::fax  ? "fax"
                                                   : "phone";
        case Kind::homepage: return "home";
        case Kind::location: return "map-marker";
    }
    return "link";
}

bool Selectable::has_tag(std::string_view tag) const {
    return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

bool Publication::is_equal_contributor(const RichText& author) const {
    // Searched by halves: a renderer asks for each of thousands of authors.
    return std::binary_search(equal_contribution.begin(), equal_contribution.end(), author.plain());
}

std::string Publication::doi_url() const {
    return doi.empty() ? std::string{} : fmt::format("https://doi.org/{}", doi);
}

std::vector<Publication::LabeledLink> Publication::links() const {
    std::vector<LabeledLink> result;
    for (LabeledLink link : {LabeledLink{"DOI", doi_url()}, LabeledLink{"URL", url}, LabeledLink{"PDF", pdf},
                             LabeledLink{"Code", code}}) {
        if (!link.url.empty()) result.push_back(std::move(link));
    }
    return result;
}

namespace {

/// `items` by the plain text of their `group`: groups in the order they
/// first appear, the ungrouped first. `Members` picks a group's list.
template <typename Group, typename Item, typename Members>
std::vector<Group> group_by_heading(const std::vector<Item>& items, Members members) {
    std::vector<Group> groups;
    std::unordered_map<std::string, std::size_t> group_of_name;  // thousands of groups stay linear
    for (const Item& item : items) {
        std::string name = item.group.plain();
        const auto [known, added] = group_of_name.try_emplace(name, groups.size());
        if (added) groups.push_back(Group{std::move(name), {}});
        (groups[known->second].*members).push_back(&item);
    }
    std::stable_partition(groups.begin(), groups.end(),
                          [](const Group& group) { return group.name.empty(); });
    return groups;
}

}  // namespace

std::vector<PublicationGroup> group_publications(const std::vector<Publication>& publications) {
    return group_by_heading<PublicationGroup>(publications, &PublicationGroup::publications);
}

std::vector<EntryGroup> group_entries(const std::vector<Entry>& entries) {
    return group_by_heading<EntryGroup>(entries, &EntryGroup::entries);
}

const Entry* first_shown_entry(const std::vector<Entry>& entries) {
    if (entries.empty()) return nullptr;
    return group_entries(entries).front().entries.front();
}

namespace {

/// An enumeration's names, each value once, the first the default: the
/// one table its to_string, its parser and its list of names read.
template <typename Value, std::size_t count>
struct NamedValues {
    std::array<std::pair<Value, std::string_view>, count> entries;

    [[nodiscard]] std::string_view name(Value value) const {
        for (const auto& [known, name] : entries) {
            if (known == value) return name;
        }
        return entries.front().second;
    }
    [[nodiscard]] std::optional<Value> value(std::string_view name) const {
        for (const auto& [known, known_name] : entries) {
            if (known_name == name) return known;
        }
        return std::nullopt;
    }
    [[nodiscard]] std::vector<std::string_view> names() const {
        std::vector<std::string_view> all;
        for (const auto& entry : entries) all.push_back(entry.second);
        return all;
    }
};

constexpr NamedValues<SectionKind, 5> kind_names{{{
    {SectionKind::entries, "entries"},
    {SectionKind::publications, "publications"},
    {SectionKind::skills, "skills"},
    {SectionKind::list, "list"},
    {SectionKind::text, "text"},
}}};

constexpr NamedValues<LetterLayout, 3> letter_layouts{{{
    {LetterLayout::style, "style"},
    {LetterLayout::din5008, "din5008"},
    {LetterLayout::us, "us"},
}}};

}  // namespace

std::string_view to_string(SectionKind kind) {
    return kind_names.name(kind);
}

std::optional<SectionKind> section_kind_from_string(std::string_view name) {
    return kind_names.value(name);
}

const std::vector<std::string_view>& section_kind_names() {
    static const std::vector<std::string_view> names = kind_names.names();
    return names;
}

std::string_view to_string(LetterLayout layout) {
    return letter_layouts.name(layout);
}

std::optional<LetterLayout> letter_layout_from_string(std::string_view name) {
    return letter_layouts.value(name);
}

const std::vector<std::string_view>& letter_layout_names() {
    static const std::vector<std::string_view> names = letter_layouts.names();
    return names;
}

}  // namespace vitae::cv
