#pragma once
// Case for the ASCII letters only: family names, keys, section titles and
// BibTeX names compare so; other bytes (UTF-8 included) stay as they are.

#include <string>
#include <string_view>

namespace vitae {

[[nodiscard]] constexpr char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

[[nodiscard]] constexpr char ascii_upper(char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

[[nodiscard]] std::string ascii_lowercase(std::string_view text);
[[nodiscard]] std::string ascii_uppercase(std::string_view text);

[[nodiscard]] bool equal_ignoring_ascii_case(std::string_view a, std::string_view b);

}  // namespace vitae
