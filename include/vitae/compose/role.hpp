#pragma once
// The semantic roles of what a CV's pages show: a leaf header, so that the
// layout's frames can say where each item came from without the CV model.

#include <cstdint>
#include <string_view>

namespace vitae::compose {

/// What a block or a piece of text is, in the CV's terms (roles.inc).
enum class Role : std::uint8_t {
#define VITAE_ROLE(name, meaning) name,
#include "vitae/compose/roles.inc"
#undef VITAE_ROLE
};

[[nodiscard]] std::string_view to_string(Role role);

}  // namespace vitae::compose
