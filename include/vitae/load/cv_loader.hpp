#pragma once
// Loading a CV: TOML → cv::Document. Every problem is collected into the
// diagnostics; the returned document holds whatever could be read.

#include <string>
#include <string_view>
#include <vector>

#include "vitae/base/diag.hpp"
#include "vitae/load/sandbox.hpp"
#include "vitae/model/model.hpp"

namespace vitae {

/// The language of a CV that names none (`lang`).
inline constexpr std::string_view default_cv_language = "en";

/// Reads the file at `path` ("-" reads standard input, reported as <stdin>).
/// With FileAccess::sandboxed, a bibliography must be in the CV's folder
/// or below (see vitae/load/sandbox.hpp). A text field given in several
/// languages (`title = { en = "…", de = "…" }`) is read in `language`
/// (empty: the CV's own `lang`), falling back to the CV's language with a
/// warning: the document is the CV in one language.
[[nodiscard]] cv::Document load_cv_file(const std::string& path, Diagnostics& diagnostics,
                                        FileAccess access = FileAccess::anywhere,
                                        std::string_view language = {});

/// Reads a CV from memory; `path` names it in diagnostics and is where its
/// bibliographies are found from.
[[nodiscard]] cv::Document load_cv_text(std::string_view text, const std::string& path,
                                        Diagnostics& diagnostics, FileAccess access = FileAccess::anywhere,
                                        std::string_view language = {});

/// The keys the CV loader accepts in one kind of table.
struct KeyTable {
    std::string_view table;  ///< "the CV" (the root), "person", "link", "phone", "section", "entry", "role",
                             ///< "publication", "skill row"
    std::vector<std::string_view> keys;
};

/// Every table's keys: what the JSON Schema (schemas/cv.schema.json) lists.
[[nodiscard]] std::vector<KeyTable> cv_key_tables();

}  // namespace vitae
