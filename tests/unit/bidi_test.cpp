// The Unicode bidirectional algorithm as the engine uses it: levels from
// fribidi, and the order in which a line's pieces are shown.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "vitae/layout/bidi.hpp"

using vitae::layout::BaseDirection;
using vitae::layout::bidi_levels;
using vitae::layout::BidiLevel;
using vitae::layout::visual_order;

TEST_CASE("levels: Hebrew reads right to left, English and digits inside it left to right", "[bidi]") {
    // "שלום Acme 42": the Hebrew word at 1, "Acme 42" nested at 2 (a
    // number after English text goes with it, UAX #9's rule W7).
    CHECK(bidi_levels("\u05E9\u05DC\u05D5\u05DD Acme 42", true, BaseDirection::of_document) ==
          std::vector<BidiLevel>{1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2});
    // A date in a right-to-left CV: the years left to right, the dash
    // between them right to left, so that the first year is on the right.
    CHECK(bidi_levels("2020 \u2013 2021", true, BaseDirection::of_document) ==
          std::vector<BidiLevel>{2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2});
}

TEST_CASE("levels: a paragraph takes the direction of its first strong character", "[bidi]") {
    // English text in a Hebrew CV is a left-to-right paragraph ...
    CHECK(bidi_levels("Deep learning.", true, BaseDirection::of_text) == std::vector<BidiLevel>(14, 0));
    // ... but a piece of a line (a title) lines up with the document.
    CHECK(bidi_levels("Acme", true, BaseDirection::of_document) == std::vector<BidiLevel>(4, 2));
    // Hebrew text in an English CV reads right to left.
    CHECK(bidi_levels("\u05D0\u05D1 ab", false, BaseDirection::of_text) ==
          std::vector<BidiLevel>{1, 1, 1, 2, 2});
    // Nothing right to left anywhere: all zero, fribidi not asked.
    CHECK(bidi_levels("plain text", false, BaseDirection::of_text) == std::vector<BidiLevel>(10, 0));
}

TEST_CASE("visual order reverses every stretch from the highest level down to the lowest odd one", "[bidi]") {
    CHECK(visual_order({0, 0, 0}) == std::vector<std::size_t>{0, 1, 2});
    CHECK(visual_order({1, 1, 1}) == std::vector<std::size_t>{2, 1, 0});
    // Hebrew, English, Hebrew at 1, 2, 1: the English keeps its order.
    CHECK(visual_order({1, 2, 2, 1}) == std::vector<std::size_t>{3, 1, 2, 0});
    // An English line with a Hebrew phrase: only the phrase turns.
    CHECK(visual_order({0, 1, 1, 1, 0}) == std::vector<std::size_t>{0, 3, 2, 1, 4});
    CHECK(visual_order({}).empty());
}
