#pragma once
// Positions and areas on a page, in points: origin at the top-left corner
// of the page, y growing downwards.

namespace vitae {

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

}  // namespace vitae
