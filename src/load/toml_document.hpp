#pragma once
// What both loaders (CVs and style sheets) need from toml++: parsing with
// positioned diagnostics, and the names of TOML types for messages.

#include "toml_parser.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "vitae/base/diag.hpp"

namespace vitae::detail {

/// Parses a TOML document. Every malformed UTF-8 sequence (one per line) or
/// the syntax error toml++ stops at is reported with its position; the
/// result is then empty.
[[nodiscard]] std::optional<toml::table> parse_toml(std::string_view text,
                                                    const std::shared_ptr<const std::string>& path,
                                                    Diagnostics& diagnostics);

/// "string", "integer", "array of tables", … for "expected X, got Y".
[[nodiscard]] std::string toml_type_name(const toml::node& node);

/// A toml++ region as ours.
[[nodiscard]] SourceRegion to_region(const std::shared_ptr<const std::string>& path,
                                     const toml::source_region& source);
/// Where a node stands; the root table, which has no position, is at 1:1.
[[nodiscard]] SourceRegion to_region(const std::shared_ptr<const std::string>& path, const toml::node& node);

/// The folder that holds `file` (the current one for "-" or a bare name),
/// with symbolic links followed: what a sandboxed file's names must stay under.
[[nodiscard]] std::filesystem::path sandbox_folder(const std::string& file);

/// Whether `path` (relative to the current folder), once its symbolic
/// links are followed, is `folder` or under it.
[[nodiscard]] bool is_inside(const std::filesystem::path& folder, const std::string& path);

}  // namespace vitae::detail
