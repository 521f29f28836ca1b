#pragma once
// JSON Resume (jsonresume.org, schema 1.x, and the older keys: company,
// website, gpa) to vitae's TOML. Every field lands somewhere: what has no
// place in the CV format is listed (a warning each) and kept as a comment at
// the end of the TOML, so nothing is dropped.

#include <string>
#include <string_view>

#include "vitae/base/diag.hpp"
#include "vitae/model/model.hpp"

namespace vitae {

/// The CV in vitae's TOML, with a comment saying where it came from.
/// Problems (not JSON, a wrong type, an impossible date) and every field left
/// out are diagnostics naming the file and the field's JSON path
/// (`work[2].startDate`).
[[nodiscard]] std::string json_resume_to_toml(std::string_view json, const std::string& path,
                                              Diagnostics& diagnostics);

/// The CV as a JSON Resume document (schema 1.x: basics, work, education,
/// …), the reverse of json_resume_to_toml: what JSON Resume has no field
/// for is a note each, at the field, never dropped silently. A letter has
/// no JSON Resume form: an error.
[[nodiscard]] std::string cv_to_json_resume(const cv::Document& document, Diagnostics& diagnostics);

/// Whether `path` is read as JSON Resume rather than TOML (it ends in .json).
[[nodiscard]] bool is_json_resume_path(std::string_view path);

}  // namespace vitae
