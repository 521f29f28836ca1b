#pragma once
// `vitae new`: a commented starter CV that builds cleanly in every built-in style.

#include <string_view>

namespace vitae::cli {

/// templates/starter.toml, its #:schema line pointing at the CV schema.
[[nodiscard]] std::string_view starter_cv();

}  // namespace vitae::cli
