// The line under a publication's authors, composed once for every backend
// (style/publication_format.cpp).
#include "vitae/style/publication_format.hpp"

#include <catch2/catch.hpp>

namespace {

using vitae::style::MetaItem;
using vitae::style::MetaRun;

vitae::cv::RichText rich(const std::string& text) {
    vitae::cv::RichText result;
    result.spans.push_back({text, false, false, {}, {}});
    return result;
}

/// The items as plain text, joined by " | ".
std::string plain(const std::vector<MetaItem>& items) {
    std::string text;
    for (const MetaItem& item : items) {
        if (!text.empty()) text += " | ";
        for (const MetaRun& run : item.runs) text += run.rich != nullptr ? run.rich->plain() : run.text;
    }
    return text;
}

std::string meta(const vitae::cv::Publication& publication,
                 const vitae::style::PublicationDetails& details = {}) {
    return plain(vitae::style::publication_meta(publication, details, vitae::style::DateWords{}));
}

}  // namespace

TEST_CASE("the year is not printed again after a venue that ends with it", "[publication-meta]") {
    vitae::cv::Publication publication;
    publication.venue = rich("Intl. Conf. on Software Analysis (SANER) 2026");
    publication.year = 2026;
    CHECK(meta(publication) == "Intl. Conf. on Software Analysis (SANER) 2026");
    publication.venue = rich("ICSE 2026.");
    CHECK(meta(publication) == "ICSE 2026.");
    // Another year, or the year inside a longer number, is no repetition.
    publication.venue = rich("ICSE 2025");
    CHECK(meta(publication) == "ICSE 2025 2026");
    publication.venue = rich("Report 12026");
    CHECK(meta(publication) == "Report 12026 2026");
    publication.venue = {};
    CHECK(meta(publication) == "2026");
    // A month the style shows keeps its date whole: dropping the year would
    // drop the month with it.
    publication.venue = rich("Intl. Conf. on Software Analysis (SANER) 2026");
    publication.month = 5;
    CHECK(meta(publication) == "Intl. Conf. on Software Analysis (SANER) 2026 May 2026");
    vitae::style::PublicationDetails no_month;
    no_month.month = false;
    CHECK(meta(publication, no_month) == "Intl. Conf. on Software Analysis (SANER) 2026");
}

TEST_CASE("volume, issue, pages and month follow the venue, as the style says", "[publication-meta]") {
    vitae::cv::Publication publication;
    publication.venue = rich("Journal of Things");
    publication.year = 2024;
    publication.month = 3;
    // Assigned whole: GCC 12 at -O3 warns of an overlap (-Wrestrict) that is not there.
    publication.volume = std::string{"12"};
    publication.issue = std::string{"3"};
    publication.pages = std::string{"45--67"};
    publication.award = rich("Best Paper");
    publication.doi = "10.1000/x";
    CHECK(meta(publication) ==
          "Journal of Things, vol. 12, no. 3, pp. 45\u201367, Mar. 2024 | Best Paper | DOI");
    vitae::style::PublicationDetails details;
    details.volume = details.issue = details.pages = details.month = false;
    CHECK(meta(publication, details) == "Journal of Things 2024 | Best Paper | DOI");
    // The text writers show everything whatever the style hides.
    CHECK(meta(publication, details.all_shown()) == meta(publication));
    publication.pages = "e1001";
    publication.volume.clear();
    publication.issue.clear();
    CHECK(meta(publication) == "Journal of Things, p. e1001, Mar. 2024 | Best Paper | DOI");
    // Without a venue the details lead, with no separator before them.
    publication.venue = {};
    CHECK(meta(publication) == "p. e1001, Mar. 2024 | Best Paper | DOI");
}

TEST_CASE("the abbr badge leads the venue, in its own run", "[publication-meta]") {
    vitae::cv::Publication publication;
    publication.abbr = "ICML";
    publication.venue = rich("International Conference on Machine Learning");
    publication.year = 2024;
    const auto items = vitae::style::publication_meta(publication, {}, {});
    REQUIRE(items.size() == 1);
    REQUIRE_FALSE(items[0].runs.empty());
    CHECK(items[0].runs[0].role == MetaRun::Role::abbr);
    CHECK(items[0].runs[0].text == "ICML");
    CHECK(plain(items) == "ICML International Conference on Machine Learning 2024");
    vitae::style::PublicationDetails details;
    details.abbr = false;
    CHECK(meta(publication, details) == "International Conference on Machine Learning 2024");
    // A venue that is the abbreviation itself is not printed twice.
    publication.venue = rich("ICML");
    CHECK(meta(publication) == "ICML 2024");
    publication.venue = {};
    CHECK(meta(publication) == "ICML 2024");
}
