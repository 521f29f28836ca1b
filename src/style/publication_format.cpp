#include "vitae/style/publication_format.hpp"

#include <string_view>

#include <fmt/format.h>

namespace vitae::style {

namespace {

constexpr std::string_view en_dash = "\u2013";

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/// Whether `venue` ends with `year` as a word of its own ("(SANER) 2026").
bool ends_with_year(std::string_view venue, int year) {
    const std::size_t last = venue.find_last_not_of(" .,;:)]");
    if (last == std::string_view::npos) return false;
    venue = venue.substr(0, last + 1);
    const std::string digits = fmt::format("{}", year);
    if (!venue.ends_with(digits)) return false;
    return venue.size() == digits.size() || !is_digit(venue[venue.size() - digits.size() - 1]);
}

/// BibTeX writes page ranges "45--67" or "45-67"; print them with an en dash.
std::string page_range(std::string_view pages) {
    std::string text;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        if (pages[i] != '-') {
            text += pages[i];
            continue;
        }
        while (i + 1 < pages.size() && pages[i + 1] == '-') ++i;
        text += en_dash;
    }
    return text;
}

bool is_page_range(std::string_view pages) {
    return pages.find_first_of("-,") != std::string_view::npos ||
           pages.find(en_dash) != std::string_view::npos;
}

}  // namespace

PublicationDetails PublicationDetails::all_shown() const {
    PublicationDetails shown = *this;
    shown.abbr = shown.month = shown.volume = shown.issue = shown.pages = true;
    return shown;
}

std::vector<MetaItem> publication_meta(const cv::Publication& publication, const PublicationDetails& details,
                                       const DateWords& words) {
    std::vector<MetaItem> items;
    const std::string venue = publication.venue.plain();

    MetaItem source;  // what published it, and when
    const bool abbr = details.abbr && !publication.abbr.empty() && publication.abbr != venue;
    if (abbr) source.runs.push_back({MetaRun::Role::abbr, nullptr, publication.abbr, {}});
    if (!venue.empty()) {
        if (abbr) source.runs.push_back({MetaRun::Role::details, nullptr, " ", {}});
        source.runs.push_back({MetaRun::Role::venue, &publication.venue, {}, {}});
    }
    std::string facts;
    const auto add_detail = [&](bool shown, const std::string& prefix, const std::string& value) {
        if (shown && !value.empty()) facts += details.detail_separator + prefix + value;
    };
    add_detail(details.volume, details.volume_prefix, publication.volume);
    add_detail(details.issue, details.issue_prefix, publication.issue);
    add_detail(details.pages, is_page_range(publication.pages) ? details.pages_prefix : details.page_prefix,
               page_range(publication.pages));
    const int shown_month = details.month ? publication.month.value_or(0) : 0;
    // A venue that ends with the year says it already; a month still needs
    // its date, year and all, or it would be lost.
    if (publication.year && (shown_month != 0 || !ends_with_year(venue, *publication.year))) {
        const cv::Date date{*publication.year, shown_month, 0};
        const bool after_detail = !facts.empty();
        if (!source.runs.empty() || after_detail) facts += after_detail ? details.detail_separator : " ";
        facts += format_date(date, words);
    }
    // Without a venue the details stand first: no separator before them.
    if (source.runs.empty() && facts.starts_with(details.detail_separator))
        facts.erase(0, details.detail_separator.size());
    if (!facts.empty()) source.runs.push_back({MetaRun::Role::details, nullptr, facts, {}});
    if (!source.runs.empty()) items.push_back(std::move(source));

    if (!publication.award.empty()) items.push_back({{{MetaRun::Role::award, &publication.award, {}, {}}}});
    if (!publication.note.empty()) items.push_back({{{MetaRun::Role::note, &publication.note, {}, {}}}});
    for (const auto& [label, url] : publication.links())
        items.push_back({{{MetaRun::Role::link, nullptr, std::string{label}, url}}});
    return items;
}

}  // namespace vitae::style
