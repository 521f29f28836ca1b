#pragma once
// `vitae new`: a commented starter CV that builds cleanly in every built-in style.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "vitae/style/locale.hpp"

namespace vitae::cli {

/// The CV schema editors should read for a CV written by `executable`: the
/// installed one (<prefix>/share/vitae/schemas, found from the executable's
/// folder, so a moved prefix still works), else the one of the source tree
/// vitae was built from, else none (neither exists).
[[nodiscard]] std::optional<std::filesystem::path> find_cv_schema(const std::filesystem::path& executable);

/// templates/starter.toml, its #:schema line pointing at `schema`, or
/// without that line when there is no schema to point at; its `lang` is
/// `language` and its section titles are `locale`'s.
[[nodiscard]] std::string starter_cv(const std::optional<std::filesystem::path>& schema,
                                     std::string_view language, const style::Locale& locale);

}  // namespace vitae::cli
