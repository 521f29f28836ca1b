#pragma once
// Loading a style sheet: a built-in name or a TOML file → style::Sheet.
// Every sheet starts from the defaults in sheet.hpp; a sheet may extend
// another one (`extends = "default"`) and then sets only what it changes.
// Problems are collected into the diagnostics, as for CVs; the format is
// in docs/style-format.md.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vitae/base/diag.hpp"
#include "vitae/load/sandbox.hpp"
#include "vitae/style/sheet.hpp"

namespace vitae {

/// True when `name_or_path` names a built-in style rather than a file: it
/// has no '/' and does not end in ".toml" ("default", not "default.toml").
[[nodiscard]] bool is_builtin_sheet_name(std::string_view name_or_path);

/// Loads a built-in style by name, or a style file by path (see
/// is_builtin_sheet_name). Empty when any error was reported. With
/// FileAccess::sandboxed, `extends` may only name built-in styles and files
/// under this style's folder (see vitae/load/sandbox.hpp).
/// `files_read`, when given, receives every style file read (the chain of
/// `extends` as far as it could be followed), even when the sheet failed:
/// a build must not write over them and watches them for a fix.
[[nodiscard]] std::optional<style::Sheet> load_sheet(const std::string& name_or_path,
                                                     Diagnostics& diagnostics,
                                                     FileAccess access = FileAccess::anywhere,
                                                     std::vector<std::string>* files_read = nullptr);

/// Reads a style sheet from memory; `path` names it in diagnostics and is
/// where a relative `extends` is resolved from. Returns whatever could be
/// read, even after errors.
[[nodiscard]] style::Sheet load_sheet_text(std::string_view toml, const std::string& path,
                                           Diagnostics& diagnostics,
                                           FileAccess access = FileAccess::anywhere);

/// What fitting to pages may do with a sheet, in a few words: "any length;
/// drops nothing to fit", or "fits 1 page; drops the lowest-priority items
/// to fit, each with a warning".
[[nodiscard]] std::string fit_policy(const style::Sheet& sheet);

/// Every built-in style as (name, one-line description ending with its
/// fit_policy in brackets), sorted by name.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> builtin_sheets();

/// The TOML source of a built-in style (a starting point for your own), or
/// empty when there is no built-in of that name.
[[nodiscard]] std::optional<std::string_view> builtin_sheet_text(std::string_view name);

}  // namespace vitae
