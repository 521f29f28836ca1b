#pragma once
// Frames: items at fixed positions. The contract between the layout engine
// and every backend (PDF, debug trace). Coordinates are in points, origin at
// the top-left corner of the page, y growing downwards.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "vitae/sheet.hpp"

namespace vitae::layout {

using FaceId = std::uint16_t;

struct Point {
    double x = 0;
    double y = 0;
};

struct Rect {
    double x = 0;
    double y = 0;  ///< top edge
    double width = 0;
    double height = 0;
};

/// One glyph of a text run.
struct PositionedGlyph {
    std::uint32_t glyph = 0;     ///< glyph id in the face
    std::string text;            ///< the characters this glyph shows (UTF-8)
    double x = 0;                ///< pt from the run's origin
    double nominal_advance = 0;  ///< pt the face's own advance (a backend that
                                 ///< draws strings knows only this one)
};

/// Text on one baseline, in one face, size and colour.
struct TextRun {
    Point origin;  ///< left end of the baseline
    FaceId face = 0;
    double size = 10;
    style::Color color;
    std::vector<PositionedGlyph> glyphs;
    double width = 0;

    [[nodiscard]] std::string text() const;
};

/// A glyph drawn as a filled outline, not as text: icons, and characters a
/// PDF text string cannot carry (outside the Basic Multilingual Plane).
struct OutlineGlyph {
    Point origin;  ///< on the baseline
    FaceId face = 0;
    std::uint32_t glyph = 0;
    double size = 10;
    style::Color color;
    std::string text;  ///< what it stands for, for traces and diagnostics
};

/// A straight line (section rules).
struct Line {
    Point from;
    Point to;
    double thickness = 0.5;
    style::Color color;
};

using Item = std::variant<TextRun, OutlineGlyph, Line>;

/// A clickable area.
struct Link {
    Rect area;
    std::string url;
};

struct Page {
    std::vector<Item> items;
    std::vector<Link> links;
};

/// One entry of the PDF outline (bookmarks).
struct Bookmark {
    std::string title;
    std::size_t page = 0;  ///< 0-based
    double y = 0;          ///< top of the section heading
};

struct Metadata {
    std::string title;
    std::string author;
    std::string subject;
    std::string keywords;
    std::string creator;
};

struct PagedDocument {
    double page_width = 612;
    double page_height = 792;
    std::vector<Page> pages;
    std::vector<Bookmark> bookmarks;
    Metadata metadata;
};

}  // namespace vitae::layout
