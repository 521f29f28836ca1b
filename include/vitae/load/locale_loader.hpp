#pragma once
// The locale packs compiled into vitae (locales/*.toml with their CLDR data
// in locales/cldr/*.toml): which languages a CV may be written in, and the
// words vitae writes in each.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vitae/style/locale.hpp"

namespace vitae {

/// The packs' tags, sorted: "ar", "cs", … "zh".
[[nodiscard]] const std::vector<std::string>& locale_tags();

/// The pack a language tag takes: its own ("pt-br" for "pt-BR", when there
/// is one), else its primary language's ("de" for "de-CH"). Empty when
/// vitae has none.
[[nodiscard]] std::string locale_tag_for(std::string_view language_tag);

/// Why a language tag cannot be a CV's language, with a hint (the nearest
/// pack's tag), or nothing when it can.
struct LocaleProblem {
    std::string message;
    std::string hint;
};
[[nodiscard]] std::optional<LocaleProblem> check_locale(std::string_view language_tag);

/// The pack for a language tag (see locale_tag_for), read from the compiled-in
/// data; nothing for a tag without one.
[[nodiscard]] std::optional<style::Locale> load_locale(std::string_view language_tag);

}  // namespace vitae
