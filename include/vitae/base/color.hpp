#pragma once
// A colour, apart from the style sheet that chooses it: what the layout
// puts in its frames and every backend draws, without the sheet.

namespace vitae {

/// sRGB, each channel 0–1.
struct Color {
    double red = 0;
    double green = 0;
    double blue = 0;

    friend bool operator==(const Color&, const Color&) = default;
};

}  // namespace vitae
