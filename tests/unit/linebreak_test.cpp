#include <catch2/catch.hpp>

#include "layout/linebreak.hpp"

using vitae::layout::break_lines;
using vitae::layout::BreakItem;
using vitae::layout::finish_paragraph;

namespace {

/// Words of the given widths separated by glue.
std::vector<BreakItem> words(const std::vector<double>& widths, double space, double stretch, double shrink) {
    std::vector<BreakItem> items;
    for (std::size_t i = 0; i < widths.size(); ++i) {
        if (i > 0) items.push_back(BreakItem::glue(space, stretch, shrink));
        items.push_back(BreakItem::box(widths[i]));
    }
    finish_paragraph(items);
    return items;
}

/// The widths of the boxes on each line.
std::vector<std::vector<double>> line_boxes(const std::vector<BreakItem>& items,
                                            const vitae::layout::LineBreakResult& result) {
    std::vector<std::vector<double>> lines;
    for (const auto& line : result.lines) {
        lines.emplace_back();
        for (std::size_t i = line.begin; i < line.end; ++i) {
            if (items[i].kind == BreakItem::Kind::box) lines.back().push_back(items[i].width);
        }
    }
    return lines;
}

vitae::style::LineBreaking justified() {
    vitae::style::LineBreaking settings;
    settings.justify = true;
    return settings;
}

}  // namespace

TEST_CASE("a paragraph that fits stays on one line", "[linebreak]") {
    const auto items = words({10, 20, 30}, 5, 0, 0);
    const auto result = break_lines(items, 100, 10, {});
    CHECK(line_boxes(items, result) == std::vector<std::vector<double>>{{10, 20, 30}});
    CHECK_FALSE(result.used_first_fit);
}

TEST_CASE("ragged lines fill up to the width and never beyond", "[linebreak]") {
    const auto items = words({30, 30, 30, 30, 30}, 5, 0, 0);
    const auto result = break_lines(items, 95, 10, {});
    CHECK(line_boxes(items, result) == std::vector<std::vector<double>>{{30, 30}, {30, 30}, {30}});
}

TEST_CASE("justified lines use their glue within its limits", "[linebreak]") {
    const auto items = words({20, 25, 15, 30, 20, 10, 25, 30, 15}, 6, 3, 2);
    const auto result = break_lines(items, 90, 10, justified());
    REQUIRE(result.lines.size() >= 2);
    for (std::size_t i = 0; i + 1 < result.lines.size(); ++i) {
        CHECK(result.lines[i].ratio >= -1.0);
        CHECK(result.lines[i].ratio <= 3.0);
    }
    CHECK(result.lines.back().ratio == Approx(0).margin(1e-6));
}

TEST_CASE("a forced break ends the line", "[linebreak]") {
    std::vector<BreakItem> items = {BreakItem::box(10), BreakItem::glue(5, 0, 0), BreakItem::box(10),
                                    BreakItem::make_penalty(0, -vitae::layout::infinite_penalty),
                                    BreakItem::box(10)};
    finish_paragraph(items);
    const auto result = break_lines(items, 100, 10, {});
    CHECK(line_boxes(items, result) == std::vector<std::vector<double>>{{10, 10}, {10}});
}

TEST_CASE("a break can happen after an explicit hyphen", "[linebreak]") {
    // "large-" "scale" as two boxes with a flagged penalty between them.
    std::vector<BreakItem> items = {BreakItem::box(40), BreakItem::glue(5, 5, 0), BreakItem::box(30),
                                    BreakItem::make_penalty(0, 50, true), BreakItem::box(30)};
    finish_paragraph(items);
    vitae::style::LineBreaking justified;
    justified.justify = true;
    CHECK(line_boxes(items, break_lines(items, 80, 10, justified)) ==
          std::vector<std::vector<double>>{{40, 30}, {30}});
    // Ragged right, a short line comes first: the compound stays whole.
    CHECK(line_boxes(items, break_lines(items, 80, 10, {})) ==
          std::vector<std::vector<double>>{{40}, {30, 30}});
    // Unless it is wider than the line.
    CHECK(line_boxes(items, break_lines(items, 50, 10, {})) ==
          std::vector<std::vector<double>>{{40}, {30}, {30}});
}

TEST_CASE("a word wider than the line falls back to first-fit and is flagged overfull", "[linebreak]") {
    const auto items = words({20, 150, 20}, 5, 0, 0);
    const auto result = break_lines(items, 100, 10, {});
    CHECK(result.used_first_fit);
    const auto lines = line_boxes(items, result);
    REQUIRE(lines.size() == 3);
    CHECK(lines[1] == std::vector<double>{150});
    CHECK(result.lines[1].overfull);
    CHECK_FALSE(result.lines[0].overfull);
}

TEST_CASE("a ragged line is not broken early when the next word fits", "[linebreak]") {
    // Total fit would break after the second word, leaving room for the
    // third on the first line, to make the second line fuller (balancing
    // the free space is what justified text needs, not ragged text).
    const auto items = words({40, 40, 10, 40, 30, 30}, 5, 0, 0);
    const auto result = break_lines(items, 100, 10, {});
    CHECK(line_boxes(items, result) == std::vector<std::vector<double>>{{40, 40, 10}, {40, 30}, {30}});
}

TEST_CASE("a ragged line still prefers a cheaper break to a costlier one that fits later", "[linebreak]") {
    // A space (0) before a costly break point (500): the line may end at
    // the space although the costly break would fit later on it.
    std::vector<BreakItem> items = {BreakItem::box(40), BreakItem::glue(5, 0, 0),
                                    BreakItem::box(30), BreakItem::make_penalty(0, 500),
                                    BreakItem::box(10), BreakItem::make_penalty(0, 500),
                                    BreakItem::box(40)};
    finish_paragraph(items);
    // A wide right margin stretch (font size 40: 80 pt) makes the short first line acceptable.
    const auto result = break_lines(items, 100, 40, {});
    CHECK(line_boxes(items, result) == std::vector<std::vector<double>>{{40}, {30, 10, 40}});
}
