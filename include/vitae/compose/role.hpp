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

/// What kind of block a composed block is (Block::Kind): a leaf type, so
/// that the layout can tell a writer of a logical structure what each
/// block was.
enum class BlockKind : std::uint8_t {
    heading,    ///< a title on lines of its own (`level`: 1 the name, 2 a section, 3 a group)
    paragraph,  ///< text broken into lines
    two_sided,  ///< `content` on the left, `right` flush right on its first line
    list_item,  ///< `content` with `marker` hanging in the indent
    contacts,   ///< the header's contacts, wrapped between them at `separator`
    skills,     ///< a table of skill rows: each label beside (or above) its items
    space,      ///< vertical space of kind `gap`, dropped at the top of a page
    picture,    ///< a photo or a signature (`picture`), `width` × `height`
};

}  // namespace vitae::compose
