#include "vitae/trace.hpp"

#include <cstdio>
#include <variant>

namespace vitae::render {

namespace {

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", value);
    return text;
}

std::string point(const layout::Point& at) {
    return number(at.x) + "," + number(at.y);
}

std::string color(const style::Color& value) {
    char text[8];
    auto channel = [](double c) { return static_cast<unsigned>(c * 255 + 0.5); };
    std::snprintf(text, sizeof text, "#%02x%02x%02x", channel(value.red), channel(value.green),
                  channel(value.blue));
    return text;
}

std::string face_name(const layout::FontProvider& fonts, layout::FaceId face) {
    const layout::FaceInfo& info = fonts.face(face);
    return info.style.empty() ? info.family : info.family + " " + info.style;
}

}  // namespace

std::string trace_frames(const layout::PagedDocument& document, const layout::FontProvider& fonts) {
    std::string out = "document " + number(document.page_width) + "x" + number(document.page_height) +
                      " pages " + std::to_string(document.pages.size()) + "\n";
    for (std::size_t index = 0; index < document.pages.size(); ++index) {
        const layout::Page& page = document.pages[index];
        out += "page " + std::to_string(index + 1) + "\n";
        for (const layout::Item& item : page.items) {
            if (const auto* run = std::get_if<layout::TextRun>(&item)) {
                out += "  text " + point(run->origin) + " w=" + number(run->width) + " [" +
                       face_name(fonts, run->face) + " " + number(run->size) + " " + color(run->color) +
                       "] \"" + run->text() + "\"\n";
            } else if (const auto* glyph = std::get_if<layout::OutlineGlyph>(&item)) {
                out += "  outline " + point(glyph->origin) + " [" + face_name(fonts, glyph->face) + " " +
                       number(glyph->size) + " " + color(glyph->color) + "] " + glyph->text + "\n";
            } else if (const auto* line = std::get_if<layout::Line>(&item)) {
                out += "  line " + point(line->from) + " -> " + point(line->to) + " " +
                       number(line->thickness) + " " + color(line->color) + "\n";
            }
        }
        for (const layout::Link& link : page.links) {
            out += "  link " + number(link.area.x) + "," + number(link.area.y) + " " +
                   number(link.area.width) + "x" + number(link.area.height) + " " + link.url + "\n";
        }
    }
    for (const layout::Bookmark& bookmark : document.bookmarks) {
        out += "bookmark \"" + bookmark.title + "\" page " + std::to_string(bookmark.page + 1) +
               " y=" + number(bookmark.y) + "\n";
    }
    return out;
}

}  // namespace vitae::render
