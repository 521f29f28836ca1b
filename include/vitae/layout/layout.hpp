#pragma once
// The layout engine: a CV and a style sheet become pages of frames.

#include "vitae/base/diag.hpp"
#include "vitae/layout/fonts.hpp"
#include "vitae/layout/frame.hpp"
#include "vitae/model/model.hpp"
#include "vitae/style/sheet.hpp"

namespace vitae::layout {

/// Lays out the whole CV. Problems (a missing font, a character no font
/// has, a line too wide) go to `diagnostics`, each pointing at the input.
[[nodiscard]] PagedDocument layout_document(const cv::Document& document, const style::Sheet& sheet,
                                            FontProvider& fonts, Diagnostics& diagnostics);

/// Lays out the whole CV into `sink`, which sees nothing when the layout
/// finds an error. A CV too long to hold all its pages at once (see
/// stream_above_glyphs) is laid out twice: once to learn its page breaks
/// and the characters of every face, dropping each line once measured,
/// then again, each page going to the sink as soon as its last line is
/// set. The pages are those layout_document makes.
void layout_document(const cv::Document& document, const style::Sheet& sheet, FontProvider& fonts,
                     Diagnostics& diagnostics, PageSink& sink);

/// What layout_document would tell a page sink before its first page (the
/// faces and characters, the page count), from a layout that holds no line
/// past its measuring: for writers that read the model, not the pages.
[[nodiscard]] DocumentPlan plan_document(const cv::Document& document, const style::Sheet& sheet,
                                         FontProvider& fonts, Diagnostics& diagnostics);

/// Hands a laid-out document to `sink`.
void send(const PagedDocument& document, const FontProvider& fonts, PageSink& sink);

/// The plan of a laid-out document: its pages, metadata and characters.
[[nodiscard]] DocumentPlan plan_of(const PagedDocument& document, const FontProvider& fonts);

/// Every face a laid-out document draws with, as text or outlines: its
/// plan's faces, without the work of collecting characters.
[[nodiscard]] std::set<FaceId> faces_drawn(const PagedDocument& document);

/// Adds the faces and characters of `items` to `plan`.
void add_to_plan(DocumentPlan& plan, const std::vector<Item>& items, const FontProvider& fonts);

/// The characters a backend shows for glyph `index` of a run in `face`:
/// its own, unless shaping composed a base and its combining marks into
/// the glyph of one precomposed character ("n" U+0303 into "ñ"): then
/// that character. Shown apart, the mark would be drawn where the face
/// puts a lone mark, which in some faces is over the next letter.
[[nodiscard]] std::string characters_shown(const FontProvider& fonts, FaceId face, const GlyphString& glyphs,
                                           std::size_t index);

}  // namespace vitae::layout
