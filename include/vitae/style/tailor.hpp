#pragma once
// Tailoring a CV to a job ad: every item of the CV is scored against the
// ad with Okapi BM25 (Robertson and Zaragoza, "The Probabilistic Relevance
// Framework: BM25 and Beyond", 2009) over the CV's own items, words
// stemmed by the CV's language (Snowball) and matched through synonym
// groups (built in, and the CV's own `synonyms`). The score orders the
// bullets of an entry and the skills of a row, and tells the fitter what
// to drop first. No text is changed or added: tailoring selects and
// reorders, it never writes.

#include <string>
#include <string_view>
#include <vector>

#include "vitae/base/diag.hpp"
#include "vitae/model/model.hpp"

namespace vitae::style {

/// What tailoring decided about one item.
struct Relevance {
    SourceRegion where;
    std::string what;  ///< "highlight 'Built the …' of 'Acme'"
    double score = 0;
    /// The ad's terms the item matched, as the ad writes them, the
    /// weightiest first ("PyTorch", "deep learning ≈ PyTorch").
    std::vector<std::string> terms;
    std::string private_note;  ///< the item's private note
    /// Its place among its siblings before and after reordering (bullets
    /// and skills); both 0 for items that are not reordered.
    std::size_t place_before = 0;
    std::size_t place_after = 0;
};

/// A term of the ad that no item of the CV holds.
struct MissingTerm {
    std::string term;       ///< as the ad first writes it
    std::size_t count = 0;  ///< times in the ad
};

struct Tailoring {
    std::string ad_path;
    std::size_t ad_terms = 0;          ///< distinct terms of the ad, stop words aside
    std::vector<Relevance> items;      ///< in CV order, after reordering
    std::vector<MissingTerm> missing;  ///< the most frequent in the ad first
};

/// Scores every entry, role, highlight, publication, skill row, skill,
/// list item and text section of `document` against `ad` (plain text or
/// Markdown), stores each score in its Selectable::relevance, and orders
/// the highlights of each entry and role and the skills of each row by
/// score (stable: ties keep the CV's order). Same input, same result.
[[nodiscard]] Tailoring tailor(cv::Document& document, std::string_view ad, std::string ad_path,
                               Diagnostics& diagnostics);

/// One note per item at its place: "job ad: 3.42 (Python, PyTorch ≈ deep learning) highlight '…' of '…'".
void explain(const Tailoring& tailoring, Diagnostics& diagnostics);

/// The ad's terms the CV does not cover, one per line, most frequent first:
/// what an applicant would want to add (in their own words).
[[nodiscard]] std::string job_report(const Tailoring& tailoring);

}  // namespace vitae::style
