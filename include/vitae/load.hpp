#pragma once
// Loading a CV: TOML → cv::Document. Every problem is collected into the
// diagnostics; the returned document holds whatever could be read.

#include <string>
#include <string_view>

#include "vitae/diag.hpp"
#include "vitae/model.hpp"

namespace vitae {

/// Reads the file at `path` ("-" reads standard input, reported as <stdin>).
[[nodiscard]] cv::Document load_cv_file(const std::string& path, Diagnostics& diagnostics);

/// Reads a CV from memory; `path` names it in diagnostics.
[[nodiscard]] cv::Document load_cv_text(std::string_view text, const std::string& path,
                                        Diagnostics& diagnostics);

}  // namespace vitae
