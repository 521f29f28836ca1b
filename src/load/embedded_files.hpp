#pragma once
// Data compiled into the library by cmake/EmbedFiles.cmake, which generates
// the definitions: the built-in style sheets, the locale packs and their
// CLDR data.

#include <span>
#include <string_view>

namespace vitae::detail {

struct EmbeddedFile {
    std::string_view name;  ///< the file stem: styles/default.toml is "default"
    std::string_view text;  ///< the TOML, byte for byte
};

/// styles/*.toml, sorted by name.
[[nodiscard]] std::span<const EmbeddedFile> embedded_styles();
/// locales/*.toml: the authored words of each locale pack, sorted by tag.
[[nodiscard]] std::span<const EmbeddedFile> embedded_locales();
/// locales/cldr/*.toml: what each pack takes from CLDR, sorted by tag.
[[nodiscard]] std::span<const EmbeddedFile> embedded_cldr_locales();

}  // namespace vitae::detail
