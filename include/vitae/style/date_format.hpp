#pragma once
// How dates read on the page: "Aug. 2021 – Jun. 2025 (expected)".
// The words are settings so a style (or a language) can change them.

#include <array>
#include <string>

#include "vitae/model/model.hpp"

namespace vitae::style {

struct DateWords {
    /// The abbreviations of the typeset original CVs we model ("Sep.", "May").
    std::array<std::string, 12> months = {"Jan.", "Feb.", "Mar.", "Apr.", "May",  "Jun.",
                                          "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec."};
    std::string present = "Present";
    std::string range_separator = " \u2013 ";  // an en dash, as typography asks for ranges
    std::string note_open = " (";
    std::string note_close = ")";
};

[[nodiscard]] std::string format_date(const cv::Date& date, const DateWords& words);
/// Empty for an empty range.
[[nodiscard]] std::string format_date_range(const cv::DateRange& range, const DateWords& words);

}  // namespace vitae::style
