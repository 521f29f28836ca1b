// A style sheet as a letter uses it.

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
    switch (layout) {
        case cv::LetterLayout::style: break;
        case cv::LetterLayout::din5008:
            sheet.page_width = a4_width;
            sheet.page_height = a4_height;
            sheet.margins = din5008_margins;
            sheet.header_alignment = Alignment::left;
            break;
        case cv::LetterLayout::us:
            sheet.page_width = us_letter_width;
            sheet.page_height = us_letter_height;
            sheet.margins = us_margins;
            sheet.header_alignment = Alignment::left;
            break;
    }
}

}  // namespace vitae::style
