// What a backend learns of a document before its pages, and the way a
// whole laid-out document reaches a page sink.
#include <string>

#include "vitae/base/utf8.hpp"
#include "vitae/layout/layout.hpp"

namespace vitae::layout {

std::string characters_shown(const FontProvider& fonts, FaceId face, const GlyphString& glyphs,
                             std::size_t index) {
    const std::string_view text = glyphs.text(index);
    const std::optional<char32_t> composed = composed_character(text);
    if (!composed || fonts.glyph_for(face, *composed) != glyphs[index].glyph) return std::string{text};
    std::string character;
    utf8::append(character, *composed);
    return character;
}

namespace {

void add_faces(std::set<FaceId>& faces, const std::vector<Item>& items) {
    for (const Item& item : items) {
        if (const auto* glyph = std::get_if<OutlineGlyph>(&item)) faces.insert(glyph->face);
        if (const auto* run = std::get_if<TextRun>(&item)) faces.insert(run->face);
    }
}

}  // namespace

std::set<FaceId> faces_drawn(const PagedDocument& document) {
    std::set<FaceId> faces;
    for (const Page& page : document.pages) add_faces(faces, page.items);
    return faces;
}

void add_to_plan(DocumentPlan& plan, const std::vector<Item>& items, const FontProvider& fonts) {
    add_faces(plan.faces, items);
    for (const Item& item : items) {
        const auto* run = std::get_if<TextRun>(&item);
        if (run == nullptr) continue;
        std::set<char32_t>& characters = plan.characters[run->face];
        for (std::size_t index = 0; index < run->glyphs.size(); ++index) {
            const std::string shown = characters_shown(fonts, run->face, run->glyphs, index);
            for (std::size_t offset = 0; offset < shown.size();) characters.insert(utf8::next(shown, offset));
        }
    }
}

DocumentPlan plan_of(const PagedDocument& document, const FontProvider& fonts) {
    DocumentPlan plan;
    plan.page_width = document.page_width;
    plan.page_height = document.page_height;
    plan.page_count = document.pages.size();
    plan.metadata = document.metadata;
    for (const Page& page : document.pages) add_to_plan(plan, page.items, fonts);
    return plan;
}

void send(const PagedDocument& document, const FontProvider& fonts, PageSink& sink) {
    sink.begin(plan_of(document, fonts));
    for (const BlockNote& note : document.blocks) sink.block(note);
    for (const Page& page : document.pages) sink.page(page);
    sink.end(document.bookmarks);
}

}  // namespace vitae::layout
