#pragma once
// Strings written for other programs to read.

#include <string>
#include <string_view>

namespace vitae {

/// `text` in double quotes, with `"`, `\` and control characters escaped
/// (\n, \t, \r, \u00XX): a valid JSON string and a valid TOML basic string.
[[nodiscard]] std::string double_quoted(std::string_view text);

}  // namespace vitae
