// Selection: the style's [select] table (or --tags) applied to a copy of
// the CV. Every item left out gets an Omission with its reason; the order
// of what is kept never changes, except sections when the style orders them.
#include "vitae/style/select.hpp"
#include "vitae/base/ascii.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <iterator>
#include <limits>
#include <optional>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "vitae/base/limits.hpp"
#include "vitae/base/suggest.hpp"

namespace vitae::style {

namespace {

/// The first place of each title in a list, titles compared as the CV
/// loader compares them for duplicates (ASCII letters without case,
/// everything else exactly): a lookup costs the title's length, not the
/// list's, so 50,000 titles on each side stay linear.
class TitleIndex {
public:
    template <typename Named>
    explicit TitleIndex(const std::vector<Named>& names) {
        for (std::size_t i = 0; i < names.size(); ++i) first_.try_emplace(ascii_lowercase(names[i].title), i);
    }
    explicit TitleIndex(const std::vector<std::string>& titles) {
        for (std::size_t i = 0; i < titles.size(); ++i) first_.try_emplace(ascii_lowercase(titles[i]), i);
    }
    [[nodiscard]] std::optional<std::size_t> find(std::string_view title) const {
        const auto found = first_.find(ascii_lowercase(title));
        if (found == first_.end()) return std::nullopt;
        return found->second;
    }
    /// A section by its title in the CV's language or in any other it is
    /// given in: a style names sections in one language.
    [[nodiscard]] std::optional<std::size_t> find(const cv::Section& section) const {
        if (auto found = find(section.title.plain())) return found;
        for (const std::string& title : section.title_translations) {
            if (auto found = find(title)) return found;
        }
        return std::nullopt;
    }

private:
    std::unordered_map<std::string, std::size_t> first_;
};

/// "a, b, c", or the first limits::max_tags_in_reason and "and N more": a
/// reason repeated for each of 100,000 items must not repeat a long list.
std::string joined(const std::vector<std::string>& words) {
    const std::size_t listed = std::min(words.size(), limits::max_tags_in_reason);
    std::string text = fmt::format(
        "{}", fmt::join(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(listed), ", "));
    if (listed < words.size())
        fmt::format_to(std::back_inserter(text), " and {} more", words.size() - listed);
    return text;
}

/// What the items of a section are called in messages.
struct ItemNoun {
    std::string_view one;
    std::string_view many;

    [[nodiscard]] std::string counted(std::size_t count) const {
        return fmt::format("{} {}", count, count == 1 ? one : many);
    }
};

ItemNoun noun_of(cv::SectionKind kind) {
    switch (kind) {
        case cv::SectionKind::entries: return {"entry", "entries"};
        case cv::SectionKind::publications: return {"publication", "publications"};
        case cv::SectionKind::skills: return {"skill row", "skill rows"};
        case cv::SectionKind::list: return {"item", "items"};
        case cv::SectionKind::text: return {"text", "texts"};
    }
    return {"item", "items"};
}

/// How many items a section holds; a text section holds none that a
/// selection can take out one by one.
std::size_t item_count(const cv::Section& section) {
    switch (section.kind) {
        case cv::SectionKind::entries: return section.entries.size();
        case cv::SectionKind::publications: return section.publications.size();
        case cv::SectionKind::skills: return section.skills.size();
        case cv::SectionKind::list: return section.items.size();
        case cv::SectionKind::text: return 0;
    }
    return 0;
}

// The name and place of each kind of item, for its Omission.
std::string name_of(const cv::Entry& entry) {
    return entry.title.plain();
}
std::string name_of(const cv::Publication& publication) {
    return publication.title.plain();
}
std::string name_of(const cv::SkillRow& row) {
    return row.label.plain();
}
std::string name_of(const cv::Role& role) {
    return role.title.plain();
}
std::string name_of(const cv::Item& item) {
    return item.text.plain();
}
const SourceRegion& where_of(const cv::Selectable& item) {
    return item.where;
}

/// The cap on one section, and the key that set it (named in the reason).
struct Cap {
    std::size_t limit = 0;  ///< 0: no cap
    std::string_view key;
};

class Selector {
public:
    Selector(const Selection& selection, const std::vector<std::string>& tags_override,
             Diagnostics& diagnostics)
        : selection_(selection),
          tags_(tags_override.empty() ? selection.tags : tags_override),
          tags_from_command_line_(!tags_override.empty()),
          selected_tags_(tags_.begin(), tags_.end()),
          listed_sections_(selection.sections),
          excluded_sections_(selection.exclude_sections),
          capped_sections_(selection.max_items),
          diagnostics_(diagnostics) {}

    SelectionResult run(cv::Document document) {
        // A letter has nothing to select: a style's selection is for its CVs.
        if (document.letter) return {std::move(document), {}};
        check_titles(document);
        check_tags(document);
        newest_instead_ = falls_back_to_newest(document);
        const bool had_sections = !document.sections.empty();
        const SourceRegion where = document.where;
        SelectionResult result{std::move(document), {}};
        std::vector<cv::Section> kept;
        for (cv::Section& section : result.document.sections) {
            if (select_section(section)) kept.push_back(std::move(section));
        }
        if (kept.empty() && had_sections) {
            diagnostics_.warning(where,
                                 "the selection left out every section of the CV: "
                                 "only the header is shown",
                                 "vitae build --explain says why each was left out");
        }
        order(kept);
        result.document.sections = std::move(kept);
        result.omissions = std::move(omissions_);
        return result;
    }

private:
    // --- sections --------------------------------------------------------------

    /// Narrows the section's contents; false when the section is left out.
    bool select_section(cv::Section& section) {
        const std::string title = section.title.plain();
        const std::string what = fmt::format("section '{}'", title);
        if (std::optional<std::string> why = why_section_left_out(section)) {
            omit(section.where, what, std::move(*why));
            return false;
        }
        const std::size_t items_before = item_count(section);
        // The section's own omission, if its items all go, comes before
        // theirs: the notes then stay in file order.
        const std::size_t first_item_omission = omissions_.size();
        const Cap cap = cap_of(section);
        const ItemNoun noun = noun_of(section.kind);
        switch (section.kind) {
            case cv::SectionKind::entries: select_items(section.entries, title, noun, cap); break;
            case cv::SectionKind::publications:
                newest_ = newest_of(section.publications);
                select_items(section.publications, title, noun, cap);
                break;
            case cv::SectionKind::skills: select_items(section.skills, title, noun, cap); break;
            case cv::SectionKind::list: select_items(section.items, title, noun, cap); break;
            case cv::SectionKind::text: break;
        }
        if (items_before > 0 && item_count(section) == 0) {
            const auto position = omissions_.begin() + static_cast<std::ptrdiff_t>(first_item_omission);
            omissions_.insert(position,
                              Omission{section.where, what, fmt::format("every {} was left out", noun.one)});
            return false;
        }
        return true;
    }

    std::optional<std::string> why_section_left_out(const cv::Section& section) const {
        if (excluded_sections_.find(section)) return "excluded by the style (exclude_sections)";
        if (!selection_.sections.empty() && !listed_sections_.find(section)) {
            return "not among the style's sections (sections)";
        }
        return why_untagged(section);
    }

    /// With `sections`, the kept sections (all of them listed there) follow
    /// its order.
    void order(std::vector<cv::Section>& sections) const {
        if (selection_.sections.empty()) return;
        // Every kept section is listed (the others were left out).
        std::vector<std::pair<std::size_t, std::size_t>> ranks;  // (rank, place in the CV)
        for (std::size_t i = 0; i < sections.size(); ++i) {
            ranks.emplace_back(listed_sections_.find(sections[i]).value_or(0), i);
        }
        std::sort(ranks.begin(), ranks.end());
        std::vector<cv::Section> ordered;
        ordered.reserve(sections.size());
        for (const auto& [rank, place] : ranks) ordered.push_back(std::move(sections[place]));
        sections = std::move(ordered);
    }

    // --- items -----------------------------------------------------------------

    template <typename Item>
    void select_items(std::vector<Item>& items, const std::string& section_title, ItemNoun noun,
                      const Cap& cap) {
        std::vector<Item> kept;
        kept.reserve(items.size());
        for (Item& item : items) {
            std::optional<std::string> why = why_left_out(item);
            // Caps count what the other rules keep, first in CV order:
            // priorities are for fitting to pages, not for the style's caps.
            if (!why && cap.limit > 0 && kept.size() >= cap.limit) {
                why = fmt::format("cap of {} reached ({})", noun.counted(cap.limit), cap.key);
            }
            if (why) {
                omit(where_of(item), fmt::format("{} '{}' in '{}'", noun.one, name_of(item), section_title),
                     std::move(*why));
            } else {
                select_parts(item);
                kept.push_back(std::move(item));
            }
        }
        items = std::move(kept);
    }

    // The parts of a kept item go by their own tags; the style's caps count
    // whole items only.
    void select_parts(cv::Entry& entry) {
        const std::string owner = entry.title.plain();
        select_tagged(entry.highlights, fmt::format("of '{}'", owner), "highlight");
        select_tagged(entry.roles, fmt::format("at '{}'", owner), "role");
        for (cv::Role& role : entry.roles) {
            select_tagged(role.highlights, fmt::format("of '{}' at '{}'", role.title.plain(), owner),
                          "highlight");
        }
    }
    void select_parts(cv::SkillRow& row) {
        select_tagged(row.items, fmt::format("in skill row '{}'", row.label.plain()), "skill");
    }
    void select_parts(cv::Publication&) {}
    void select_parts(cv::Item& item) {
        select_tagged(item.items, fmt::format("under '{}'", name_of(item)), "bullet");
    }

    template <typename Part>
    void select_tagged(std::vector<Part>& parts, const std::string& owner, std::string_view noun) {
        std::erase_if(parts, [&](const Part& part) {
            std::optional<std::string> why = why_untagged(part);
            if (why) omit(part.where, fmt::format("{} '{}' {}", noun, name_of(part), owner), std::move(*why));
            return why.has_value();
        });
        if constexpr (std::is_same_v<Part, cv::Item>) {
            // Bullets under a bullet go by their own tags too.
            for (cv::Item& part : parts) {
                select_tagged(part.items, fmt::format("under '{}'", name_of(part)), "bullet");
            }
        }
    }

    std::optional<std::string> why_left_out(const cv::Selectable& item) const { return why_untagged(item); }

    std::optional<std::string> why_left_out(const cv::Publication& publication) const {
        if (std::optional<std::string> why = why_untagged(publication)) return why;
        if (selection_.selected_publications_only && !publication.selected) {
            if (!newest_instead_) return "not a selected publication (selected_publications_only)";
            if (!newest_.contains(&publication)) {
                return fmt::format(
                    "no publication is selected, and it is not among the {} newest of its section "
                    "(newest_when_none_selected)",
                    selection_.newest_when_none_selected);
            }
        }
        return std::nullopt;
    }

    /// Whether the style shows only selected publications, the CV selects
    /// none, and the style then shows the newest instead (said in a note).
    bool falls_back_to_newest(const cv::Document& document) const {
        if (!selection_.selected_publications_only || selection_.newest_when_none_selected == 0) return false;
        bool has_publications = false;
        for (const cv::Section& section : document.sections) {
            for (const cv::Publication& publication : section.publications) {
                if (publication.selected) return false;
                has_publications = true;
            }
        }
        if (has_publications) {
            diagnostics_.note(document.where,
                              fmt::format("no publication is marked selected: showing the {} newest of each "
                                          "publications section (newest_when_none_selected)",
                                          selection_.newest_when_none_selected),
                              "mark the ones to show with selected = true");
        }
        return has_publications;
    }

    /// The newest_when_none_selected newest publications the tags keep, by
    /// year (undated ones last, the first in the CV first among equals).
    std::unordered_set<const cv::Publication*> newest_of(
        const std::vector<cv::Publication>& publications) const {
        if (!newest_instead_) return {};
        std::vector<const cv::Publication*> tagged;
        for (const cv::Publication& publication : publications) {
            if (!why_untagged(publication)) tagged.push_back(&publication);
        }
        std::stable_sort(tagged.begin(), tagged.end(),
                         [](const cv::Publication* a, const cv::Publication* b) {
                             return a->year.value_or(std::numeric_limits<int>::min()) >
                                    b->year.value_or(std::numeric_limits<int>::min());
                         });
        tagged.resize(std::min(tagged.size(), selection_.newest_when_none_selected));
        return {tagged.begin(), tagged.end()};
    }

    /// Untagged items are kept: tags pick between variants, they do not
    /// require every item to be labelled.
    std::optional<std::string> why_untagged(const cv::Selectable& item) const {
        if (tags_.empty() || item.tags.empty()) return std::nullopt;
        const bool selected = std::any_of(item.tags.begin(), item.tags.end(), [this](const std::string& tag) {
            return selected_tags_.contains(tag);
        });
        if (selected) return std::nullopt;
        return fmt::format("none of its tags ({}) is selected ({})", joined(item.tags), joined(tags_));
    }

    Cap cap_of(const cv::Section& section) const {
        if (const std::optional<std::size_t> cap = capped_sections_.find(section)) {
            return {selection_.max_items[*cap].limit, "max_items"};
        }
        switch (section.kind) {
            case cv::SectionKind::entries: return {selection_.max_entries, "max_entries"};
            case cv::SectionKind::publications: return {selection_.max_publications, "max_publications"};
            default: return {};
        }
    }

    void omit(const SourceRegion& where, std::string what, std::string why) {
        omissions_.push_back(Omission{where, std::move(what), std::move(why)});
    }

    // --- what only the CV can tell about the style --------------------------------

    /// A title the style names that the CV does not have is most likely a
    /// typo, and would otherwise change nothing without a word.
    void check_titles(const cv::Document& document) {
        std::vector<std::string> titles;
        std::vector<std::size_t> sections;  // the section each title names
        for (std::size_t index = 0; index < document.sections.size(); ++index) {
            const cv::Section& section = document.sections[index];
            titles.push_back(section.title.plain());
            sections.push_back(index);
            for (const std::string& translation : section.title_translations) {
                titles.push_back(translation);
                sections.push_back(index);
            }
        }
        const TitleIndex cv_titles{titles};
        Suggester suggester{{titles.begin(), titles.end()}};
        auto check = [&](const std::string& title, const SourceRegion& where) -> std::optional<std::size_t> {
            if (const std::optional<std::size_t> found = cv_titles.find(title)) return sections[*found];
            diagnostics_.warning(where, fmt::format("section '{}' is not in the CV", title),
                                 suggester.did_you_mean(title));
            return std::nullopt;
        };
        for (const SectionTitle& name : selection_.sections) check(name.title, name.where);
        for (const SectionTitle& name : selection_.exclude_sections) check(name.title, name.where);
        for (const SectionCap& cap : selection_.max_items) {
            const std::optional<std::size_t> found = check(cap.title, cap.where);
            if (!found) continue;
            const cv::Section& section = document.sections[*found];
            if (section.kind == cv::SectionKind::text) {
                diagnostics_.warning(
                    cap.where,
                    fmt::format("section '{}' is a text section: it has no items to cap", cap.title));
            }
        }
    }

    /// A selected tag that nothing carries is most likely a typo, and
    /// leaves out everything tagged.
    void check_tags(const cv::Document& document) {
        std::vector<std::string_view> present;  // in first-seen order, for suggestions
        std::unordered_set<std::string_view> seen;
        auto collect = [&](const cv::Selectable& item) {
            for (const std::string& tag : item.tags) {
                if (seen.insert(tag).second) present.push_back(tag);
            }
        };
        for (const cv::Section& section : document.sections) {
            collect(section);
            for (const cv::Entry& entry : section.entries) {
                collect(entry);
                for (const cv::Item& highlight : entry.highlights) collect(highlight);
                for (const cv::Role& role : entry.roles) {
                    collect(role);
                    for (const cv::Item& highlight : role.highlights) collect(highlight);
                }
            }
            for (const cv::Publication& publication : section.publications) collect(publication);
            for (const cv::SkillRow& row : section.skills) {
                collect(row);
                for (const cv::Item& item : row.items) collect(item);
            }
            for (const cv::Item& item : section.items) collect(item);
        }
        if (present.empty() && !tags_from_command_line_ && !tags_.empty()) {
            // Untagged items are kept, so a CV without tags keeps everything:
            // nothing to warn about, and nothing the user could change in
            // the style (often a built-in one).
            diagnostics_.note(
                {}, fmt::format("the CV uses no tags: the style's tag selection ({}) keeps every item",
                                joined(tags_)));
            return;
        }
        Suggester suggester{std::move(present)};
        const SourceRegion where = tags_from_command_line_ ? SourceRegion{} : selection_.tags_where;
        const std::string_view source = tags_from_command_line_ ? "--tags: " : "";
        for (const std::string& tag : tags_) {
            if (seen.contains(tag)) continue;
            diagnostics_.warning(where, fmt::format("{}nothing in the CV is tagged '{}'", source, tag),
                                 suggester.did_you_mean(tag));
        }
    }

    const Selection& selection_;
    const std::vector<std::string>& tags_;
    bool tags_from_command_line_;
    std::unordered_set<std::string_view> selected_tags_;
    TitleIndex listed_sections_;
    TitleIndex excluded_sections_;
    TitleIndex capped_sections_;
    Diagnostics& diagnostics_;
    std::vector<Omission> omissions_;
    /// The CV selects no publication, and the style shows the newest instead.
    bool newest_instead_ = false;
    /// Those newest, in the publications section being selected.
    std::unordered_set<const cv::Publication*> newest_;
};

}  // namespace

SelectionResult select(cv::Document document, const Selection& selection,
                       const std::vector<std::string>& tags_override, Diagnostics& diagnostics) {
    return Selector{selection, tags_override, diagnostics}.run(std::move(document));
}

void explain(const std::vector<Omission>& omissions, Diagnostics& diagnostics) {
    for (const Omission& omission : omissions) {
        diagnostics.note(omission.where, fmt::format("left out {}: {}", omission.what, omission.why));
    }
}

}  // namespace vitae::style
