#pragma once
// BibTeX, as real .bib files are written: @string macros and `#`
// concatenation, braced and quoted values, @comment and @preamble, front
// matter before the first entry (Jekyll sites keep their papers so), stray
// commas and empty fields; LaTeX accents and dashes decoded to Unicode;
// "Last, First" and "First Last" names. Every problem is a diagnostic at its
// line:col in the .bib, and a bad entry never hides the ones after it.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vitae/base/diag.hpp"
#include "vitae/model/model.hpp"

namespace vitae::bibtex {

struct Field {
    std::string name;   ///< lower case
    std::string value;  ///< macros expanded, pieces joined; LaTeX still in it
    SourceRegion where;
};

struct Entry {
    std::string type;  ///< lower case: article, inproceedings, …
    std::string key;
    std::vector<Field> fields;
    SourceRegion where;

    [[nodiscard]] const Field* field(std::string_view name) const;
};

/// Every well-formed entry of the file, in file order.
[[nodiscard]] std::vector<Entry> parse(std::string_view text, const std::shared_ptr<const std::string>& path,
                                       Diagnostics& diagnostics);

/// LaTeX in a value as the text it prints: accents and special letters to
/// Unicode, `~` to a no-break space, `--`/`---` to dashes, ``…'' to curly
/// quotes, grouping braces gone, the argument of a font command kept.
/// A command it does not know is a warning at `where`, and its argument kept.
[[nodiscard]] std::string decode_latex(std::string_view value, const SourceRegion& where,
                                       Diagnostics& diagnostics);

/// The names of an author or editor list (split at " and "), each in the
/// order it is printed ("First von Last, Jr"); "others" is "et al.".
[[nodiscard]] std::vector<std::string> names(std::string_view list);

/// Whether to_publication shows a field (or a CV filters on it).
[[nodiscard]] bool is_shown_field(std::string_view name);

/// The publication an entry describes: title, authors, venue (journal,
/// booktitle, school, institution, publisher or howpublished), year, DOI
/// and URL, note, and the non-standard award, pdf and code fields.
[[nodiscard]] cv::Publication to_publication(const Entry& entry, Diagnostics& diagnostics);

}  // namespace vitae::bibtex
