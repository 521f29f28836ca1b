#include "vitae/layout/face_choice.hpp"

namespace vitae::layout {

std::optional<FaceId> FaceChoice::in_family(const std::string& family, bool bold, bool italic,
                                            bool embeddable) {
    const auto key = std::make_tuple(family, bold, italic, embeddable);
    if (const auto found = resolved_.find(key); found != resolved_.end()) return found->second;
    std::optional<FaceId> face = fonts_.find_face(FontRequest{family, bold, italic, embeddable});
    if (!face && (bold || italic)) face = fonts_.find_face(FontRequest{family, false, false, embeddable});
    resolved_[key] = face;
    return face;
}

std::optional<FaceId> FaceChoice::for_style(const style::TextStyle& style, bool bold, bool italic) {
    if (auto face = in_family(family_of(style), bold, italic)) return face;
    for (const std::string& fallback : sheet_.fallback_families) {
        if (auto face = in_family(fallback, bold, italic)) return face;
    }
    return std::nullopt;
}

std::optional<FallbackFace> FaceChoice::fallback_for(bool bold, bool italic, char32_t code_point) {
    auto [chain, added] = fallbacks_.try_emplace({bold, italic});
    if (added) {
        for (std::size_t index = 0; index < sheet_.fallback_families.size(); ++index) {
            if (auto face = in_family(sheet_.fallback_families[index], bold, italic))
                chain->second.push_back({index, *face});
        }
    }
    for (const FallbackFace& fallback : chain->second) {
        if (fonts_.has_glyph(fallback.face, code_point)) return fallback;
    }
    return std::nullopt;
}

std::optional<FallbackFace> FaceChoice::fallback_for_character(bool bold, bool italic, char32_t code_point) {
    // No italic (or bold) face has it, as DejaVu Sans Oblique has no
    // Arabic: upright, then regular, rather than no character at all (bold
    // is then drawn bold all the same: InlineBuilder's synthetic bold).
    const std::pair<bool, bool> styles[] = {{bold, italic}, {bold, false}, {false, false}};
    for (const auto& [set_bold, set_italic] : styles) {
        if (auto fallback = fallback_for(set_bold, set_italic, code_point)) {
            fallback->bold = set_bold;
            fallback->italic = set_italic;
            return fallback;
        }
    }
    return std::nullopt;
}

std::optional<FaceId> FaceChoice::for_character(FaceId primary, bool bold, bool italic, char32_t code_point) {
    if (fonts_.has_glyph(primary, code_point)) return primary;
    if (const auto fallback = fallback_for_character(bold, italic, code_point)) return fallback->face;
    return std::nullopt;
}

}  // namespace vitae::layout
