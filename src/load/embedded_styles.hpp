#pragma once
// The built-in style sheets: styles/*.toml, compiled in by
// cmake/EmbedStyles.cmake, which generates the definition.

#include <span>
#include <string_view>

namespace vitae::detail {

struct EmbeddedStyle {
    std::string_view name;  ///< the file stem: styles/default.toml is "default"
    std::string_view text;  ///< the TOML, byte for byte
};

/// Sorted by name.
[[nodiscard]] std::span<const EmbeddedStyle> embedded_styles();

}  // namespace vitae::detail
