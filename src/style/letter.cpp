// A style sheet as a letter uses it.

#include <optional>

#include "vitae/style/sheet.hpp"

namespace vitae::style {

namespace {

constexpr double points_per_millimetre = 72 / 25.4;
constexpr double points_per_inch = 72;

/// DIN 5008's A4 page and margins: 25 mm on the left (form B's text
/// starts there, as its address field does), 20 mm on the right; the
/// letterhead above the address field, 45 mm down, starts 10 mm from the
/// top; the text ends 20 mm above the bottom, where the page number goes.
constexpr double a4_width = 210 * points_per_millimetre;
constexpr double a4_height = 297 * points_per_millimetre;
constexpr Margins din5008_margins{10 * points_per_millimetre, 20 * points_per_millimetre,
                                  20 * points_per_millimetre, 25 * points_per_millimetre};

/// A US business letter: US Letter with one-inch margins all round (the
/// Gregg Reference Manual's default).
constexpr double us_letter_width = 8.5 * points_per_inch;
constexpr double us_letter_height = 11 * points_per_inch;
constexpr Margins us_margins{points_per_inch, points_per_inch, points_per_inch, points_per_inch};

}  // namespace

void use_for_letter(Sheet& sheet, cv::LetterLayout layout) {
    // A letter is one column of prose: a sidebar would leave half the page
    // empty, and its page numbers are its own (compose's letter footer).
    sheet.sidebar = false;
    sheet.footer = false;
    sheet.footer_updated_shown = false;
    struct Paper {
        double width;
        double height;
        Margins margins;
    };
    std::optional<Paper> paper;
    if (layout == cv::LetterLayout::din5008) paper = Paper{a4_width, a4_height, din5008_margins};
    if (layout == cv::LetterLayout::us) paper = Paper{us_letter_width, us_letter_height, us_margins};
    if (!paper) return;
    // A national layout is flush left and on its own paper.
    sheet.page_width = paper->width;
    sheet.page_height = paper->height;
    sheet.margins = paper->margins;
    sheet.header_alignment = Alignment::left;
}

}  // namespace vitae::style
