#include "vitae/render/trace.hpp"

#include "vitae/layout/layout.hpp"

#include <fmt/format.h>

#include <iterator>
#include <variant>

namespace vitae::render {

namespace {

/// Coordinates and sizes in points, two places: steady across platforms,
/// fine enough to show a layout change.
std::string point(const layout::Point& at) {
    return fmt::format("{:.2f},{:.2f}", at.x, at.y);
}

std::string color(const style::Color& value) {
    auto channel = [](double c) { return static_cast<unsigned>(c * 255 + 0.5); };
    return fmt::format("#{:02x}{:02x}{:02x}", channel(value.red), channel(value.green), channel(value.blue));
}

std::string face_name(const layout::FontProvider& fonts, layout::FaceId face) {
    const layout::FaceInfo& info = fonts.face(face);
    return info.style.empty() ? info.family : fmt::format("{} {}", info.family, info.style);
}

/// The block an item came from and the roles of block and text:
/// "<12 entry_head/date>", or "<footer>" for page furniture.
std::string origin(const layout::Provenance& from) {
    if (from.block == 0) return fmt::format("<{}>", compose::to_string(from.role));
    if (from.role == from.block_role)
        return fmt::format("<{} {}>", from.block, compose::to_string(from.block_role));
    return fmt::format("<{} {}/{}>", from.block, compose::to_string(from.block_role),
                       compose::to_string(from.role));
}

}  // namespace

std::string trace_frames(const layout::PagedDocument& document, const layout::FontProvider& fonts) {
    FrameTrace trace{fonts};
    layout::send(document, fonts, trace);
    return trace.take().value_or("");
}

void FrameTrace::begin(const layout::DocumentPlan& plan) {
    fmt::format_to(std::back_inserter(out_), "document {:.2f}x{:.2f} pages {}\n", plan.page_width,
                   plan.page_height, plan.page_count);
}

void FrameTrace::page(const layout::Page& page) {
    auto to = std::back_inserter(out_);
    fmt::format_to(to, "page {}\n", ++pages_);
    for (const layout::Item& item : page.items) {
        if (const auto* run = std::get_if<layout::TextRun>(&item)) {
            fmt::format_to(to, "  text {} w={:.2f} [{} {:.2f} {}] \"{}\" {}\n", point(run->origin),
                           run->width, face_name(fonts_, run->face), run->size, color(run->color),
                           run->text(), origin(run->provenance));
        } else if (const auto* glyph = std::get_if<layout::OutlineGlyph>(&item)) {
            fmt::format_to(to, "  outline {} [{} {:.2f} {}] {} {}\n", point(glyph->origin),
                           face_name(fonts_, glyph->face), glyph->size, color(glyph->color), glyph->text,
                           origin(glyph->provenance));
        } else if (const auto* line = std::get_if<layout::Line>(&item)) {
            fmt::format_to(to, "  line {} -> {} {:.2f} {} {}\n", point(line->from), point(line->to),
                           line->thickness, color(line->color), origin(line->provenance));
        } else if (const auto* picture = std::get_if<layout::Picture>(&item)) {
            constexpr std::array<std::string_view, 3> clips{"rectangle", "rounded", "ellipse"};
            fmt::format_to(to, "  picture {} {:.2f}x{:.2f} {} {} bytes \"{}\" {}\n",
                           point({picture->area.x, picture->area.y}), picture->area.width,
                           picture->area.height, clips[static_cast<std::size_t>(picture->clip)],
                           picture->bytes ? picture->bytes->size() : 0, picture->alt,
                           origin(picture->provenance));
        }
    }
    for (const layout::Link& link : page.links) {
        fmt::format_to(to, "  link {:.2f},{:.2f} {:.2f}x{:.2f} {} {}\n", link.area.x, link.area.y,
                       link.area.width, link.area.height, link.url, origin(link.provenance));
    }
}

void FrameTrace::end(const std::vector<layout::Bookmark>& bookmarks) {
    for (const layout::Bookmark& bookmark : bookmarks) {
        fmt::format_to(std::back_inserter(out_), "bookmark \"{}\" page {} y={:.2f}\n", bookmark.title,
                       bookmark.page + 1, bookmark.y);
    }
    ended_ = true;
}

std::optional<std::string> FrameTrace::take() {
    if (!ended_) return std::nullopt;
    return std::move(out_);
}

}  // namespace vitae::render
