#pragma once
// What the line under a publication's authors says: "ICML · Venue, vol. 3,
// no. 2, pp. 1–9, Mar. 2024 · Best paper · DOI". One composition that the
// engine and every writer print, each in its own way; the words and which
// details show are a style's settings.

#include <string>
#include <vector>

#include "vitae/model/model.hpp"
#include "vitae/style/date_format.hpp"

namespace vitae::style {

/// Which details of a publication its line shows, and the words around them.
struct PublicationDetails {
    bool abbr = true;    ///< the short venue label ("ICML") before the venue
    bool month = true;   ///< "Mar. 2024" rather than "2024"
    bool volume = true;  ///< "vol. 12"
    bool issue = true;   ///< "no. 3"
    bool pages = true;   ///< "pp. 45–67"
    std::string volume_prefix = "vol. ";
    std::string issue_prefix = "no. ";
    std::string pages_prefix = "pp. ";  ///< before a page range
    std::string page_prefix = "p. ";    ///< before a single page
    /// Between the venue and each detail, as bibliographies list them.
    std::string detail_separator = ", ";

    /// Every detail shown: the text and Markdown writers keep every field.
    [[nodiscard]] PublicationDetails all_shown() const;
};

/// A run of the line, in the role that decides how a backend styles it.
struct MetaRun {
    enum class Role {
        abbr,     ///< the short venue label, set bold
        venue,    ///< the venue, in the venue style
        details,  ///< volume, issue, pages and date, in the venue style
        award,    ///< in the award style
        note,     ///< in the body style
        link,     ///< a label ("DOI") linked to `url`, in the body style
    };
    Role role = Role::venue;
    /// The CV's own text with its markup (venue, award, note); else `text`.
    const cv::RichText* rich = nullptr;
    std::string text;  ///< plain text, with the spaces and commas it needs
    std::string url;   ///< role link only
};

/// Runs that stay one item: separators go between items, never inside one.
struct MetaItem {
    std::vector<MetaRun> runs;
};

/// The items of a publication's line, in order; empty when it has none.
/// The year is left out after a venue that already ends with it ("SANER 2026").
[[nodiscard]] std::vector<MetaItem> publication_meta(const cv::Publication& publication,
                                                     const PublicationDetails& details,
                                                     const DateWords& words);

}  // namespace vitae::style
