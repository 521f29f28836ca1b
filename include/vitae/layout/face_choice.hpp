#pragma once
// Which installed face sets a style's text, and each character of it: the
// engine's rule, public so that a writer that sets text through another
// program (the .tex) chooses the faces the direct PDF uses, without a copy
// of the rule that could drift from it.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "vitae/layout/fonts.hpp"
#include "vitae/style/sheet.hpp"

namespace vitae::layout {

/// A fallback family's face that has a character, with the family's place
/// in the sheet's fallback_families.
struct FallbackFace {
    std::size_t index = 0;
    FaceId face = 0;
    /// Whether it is the family's bold and italic face: a character no
    /// face of the style has is set upright, then regular.
    bool bold = false;
    bool italic = false;
};

/// The faces a sheet's text is set in, resolved once each.
class FaceChoice {
public:
    FaceChoice(FontProvider& fonts, const style::Sheet& sheet) : fonts_(fonts), sheet_(sheet) {}

    /// The family of a style: its own, or the sheet's body family.
    [[nodiscard]] const std::string& family_of(const style::TextStyle& style) const {
        return style.family.empty() ? sheet_.body_family : style.family;
    }
    /// The family's face for bold and italic, else its regular face: a
    /// family without the style still beats another family.
    [[nodiscard]] std::optional<FaceId> in_family(const std::string& family, bool bold, bool italic,
                                                  bool embeddable = true);
    /// The face text of `style` is set in (bold and italic as given): its
    /// family's (in_family), else the first fallback family's that is installed.
    [[nodiscard]] std::optional<FaceId> for_style(const style::TextStyle& style, bool bold, bool italic);
    /// The first fallback family's face with the character, when the
    /// primary face lacks it.
    [[nodiscard]] std::optional<FallbackFace> fallback_for(bool bold, bool italic, char32_t code_point);
    /// The fallback face a character the primary face lacks is set in:
    /// fallback_for, else the same upright, else regular, when no face of
    /// the style has it.
    [[nodiscard]] std::optional<FallbackFace> fallback_for_character(bool bold, bool italic,
                                                                     char32_t code_point);
    /// The face a character is set in: `primary` if it has it, else
    /// fallback_for_character's; nothing when none has it.
    [[nodiscard]] std::optional<FaceId> for_character(FaceId primary, bool bold, bool italic,
                                                      char32_t code_point);
    /// The icon font's face (any format: icons are drawn as outlines).
    [[nodiscard]] std::optional<FaceId> icon_face() {
        return in_family(sheet_.icon_family, false, false, false);
    }

private:
    FontProvider& fonts_;
    const style::Sheet& sheet_;
    std::map<std::tuple<std::string, bool, bool, bool>, std::optional<FaceId>> resolved_;
    /// The installed fallback faces, for each of bold and italic.
    std::map<std::pair<bool, bool>, std::vector<FallbackFace>> fallbacks_;
};

}  // namespace vitae::layout
