#pragma once
// Made-up font metrics for layout tests: results depend on the engine
// only, not on the fonts installed. Every character is half an em wide, a
// space a quarter; "Emoji" is the only family with characters outside the
// BMP, "Icons" the only one with the private-use icons.

#include <map>
#include <tuple>

#include "vitae/base/utf8.hpp"
#include "vitae/layout/fonts.hpp"

namespace vitae::test {

class FakeFonts final : public layout::FontProvider {
public:
    static constexpr double character_width = 0.5;
    static constexpr double space_width = 0.25;

    std::optional<layout::FaceId> find_face(const layout::FontRequest& request) override {
        ++faces_requested;
        if (request.family != "Sans" && request.family != "Emoji" && request.family != "Icons" &&
            request.family != "DejaVu Sans Mono")
            return std::nullopt;
        const auto key = std::make_tuple(request.family, request.bold, request.italic);
        if (const auto found = ids_.find(key); found != ids_.end()) return found->second;
        const auto id = static_cast<layout::FaceId>(faces_.size());
        layout::FaceInfo info;
        info.family = request.family;
        info.style = request.bold ? (request.italic ? "Bold Italic" : "Bold")
                                  : (request.italic ? "Italic" : "Regular");
        info.bold = request.bold;
        info.italic = request.italic;
        faces_.push_back(info);
        ids_[key] = id;
        return id;
    }

    const layout::FaceInfo& face(layout::FaceId face) const override { return faces_.at(face); }

    bool has_glyph(layout::FaceId face, char32_t code_point) const override {
        const std::string& family = faces_.at(face).family;
        if (code_point >= 0xF000 && code_point <= 0xF8FF) return family == "Icons";
        if (code_point > 0xFFFF) return family == "Emoji";
        // The code face (style::code_family) has what Sans has.
        return (family == "Sans" || family == "DejaVu Sans Mono") &&
               code_point != 0x2603 &&                           // no snowman anywhere
               !(code_point >= 0x1200 && code_point <= 0x137F);  // nor Ethiopic
    }

    std::optional<std::uint32_t> glyph_for(layout::FaceId face, char32_t code_point) const override {
        if (!has_glyph(face, code_point)) return std::nullopt;
        return static_cast<std::uint32_t>(code_point);
    }

    std::vector<layout::ShapedGlyph> shape(layout::FaceId, std::string_view text) const override {
        std::vector<layout::ShapedGlyph> glyphs;
        for (std::size_t offset = 0; offset < text.size();) {
            const auto cluster = static_cast<std::uint32_t>(offset);
            const double width = text[offset] == ' ' ? space_width : character_width;
            // Each character's glyph is the one glyph_for gives it.
            const char32_t code_point = utf8::next(text, offset);
            glyphs.push_back({static_cast<std::uint32_t>(code_point), cluster, width, width, 0, 0});
        }
        return glyphs;
    }

    /// Every layout asks for its faces afresh: counts layouts.
    std::size_t faces_requested = 0;

private:
    std::vector<layout::FaceInfo> faces_;
    std::map<std::tuple<std::string, bool, bool>, layout::FaceId> ids_;
};

}  // namespace vitae::test
