#pragma once
// How dates read on the page: "Aug. 2021 – Jun. 2025 (expected)",
// "Mai 2019 – heute", "2019年5月 – 至今". The words and patterns come from
// the CV's locale pack (style/locale.hpp), which a style may override.

#include <array>
#include <string>

#include "vitae/model/model.hpp"

namespace vitae::style {

/// Month names in one width, in CLDR's two contexts: inside a date
/// ("format": Polish "maja 2019" would be wrong, Finnish patterns ask for
/// the other) and on their own ("stand-alone": "maj 2019"). A date pattern
/// says which it wants (M or L).
struct MonthNames {
    std::array<std::string, 12> format;
    std::array<std::string, 12> standalone;
};

/// How a style writes a month: the language's abbreviated or full names,
/// or its number.
enum class MonthForm { short_names, long_names, numeric };

/// Everything a date is written with, in one language. Patterns are CLDR's
/// (Unicode TR35 date field symbols): y the year, M/L the month (MMM and
/// LLL abbreviated, MMMM and LLLL full, M and MM its number), d the day,
/// 'text' literal text. The defaults are English as vitae's English styles
/// write it.
struct DateWords {
    /// MMM and LLL take the short names, MMMM and LLLL the long ones: the
    /// pattern decides (Czech writes "květen 2019" even where English
    /// abbreviates).
    MonthNames short_months = {
        {"Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec."},
        {"Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec."}};
    MonthNames long_months = {{"January", "February", "March", "April", "May", "June", "July", "August",
                               "September", "October", "November", "December"},
                              {"January", "February", "March", "April", "May", "June", "July", "August",
                               "September", "October", "November", "December"}};
    std::string year_pattern = "y";
    std::string year_month_pattern = "MMM y";
    std::string date_pattern = "MMM d, y";
    /// A full date written out, as a letter is dated ("December 3, 2026").
    std::string long_date_pattern = "MMMM d, y";
    /// Two days of one month: `d` comes twice, the first day then the last.
    std::string days_of_month_pattern = "MMM d \u2013 d, y";
    std::string present = "Present";
    std::string expected = "expected";
    std::string range_separator = " \u2013 ";  // an en dash, as typography asks for ranges
    std::string note_open = " (";
    std::string note_close = ")";
    /// The language's digits, 0 to 9 (Arabic writes ٠ to ٩).
    std::array<std::string, 10> digits = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
};

[[nodiscard]] std::string format_date(const cv::Date& date, const DateWords& words);
/// A day written out in full ("December 3, 2026"), as a letter is dated;
/// a year or a month as format_date writes it.
[[nodiscard]] std::string format_long_date(const cv::Date& date, const DateWords& words);
/// Empty for an empty range.
[[nodiscard]] std::string format_date_range(const cv::DateRange& range, const DateWords& words);
/// A number in the language's digits.
[[nodiscard]] std::string format_number(long long number, const DateWords& words);

}  // namespace vitae::style
