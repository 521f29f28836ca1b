#include "vitae/style/date_format.hpp"

#include <iterator>

#include <fmt/format.h>

namespace vitae::style {

namespace {

bool has_month(const cv::Date& date) {
    return date.month >= 1 && date.month <= 12;
}

const std::string& month_word(const cv::Date& date, const DateWords& words) {
    return words.months.at(static_cast<std::size_t>(date.month - 1));
}

/// "Aug. 24 – 26, 2016": days of one month name the month and year once.
std::string format_days_of_one_month(const cv::Date& start, const cv::Date& end, const DateWords& words) {
    return fmt::format("{} {}{}{}, {}", month_word(start, words), start.day, words.range_separator, end.day,
                       start.year);
}

}  // namespace

std::string format_date(const cv::Date& date, const DateWords& words) {
    if (!has_month(date)) return fmt::format("{}", date.year);
    if (date.day > 0) return fmt::format("{} {}, {}", month_word(date, words), date.day, date.year);
    return fmt::format("{} {}", month_word(date, words), date.year);
}

std::string format_date_range(const cv::DateRange& range, const DateWords& words) {
    std::string text;
    const bool same_day = range.start && range.end && *range.start == *range.end;
    const bool days_of_one_month =
        range.start && range.end && !same_day && has_month(*range.start) && range.start->day > 0 &&
        range.end->day > 0 && range.start->year == range.end->year && range.start->month == range.end->month;
    if (days_of_one_month) {
        text = format_days_of_one_month(*range.start, *range.end, words);
    } else {
        if (range.start) text = format_date(*range.start, words);
        // A period that starts and ends on the same date is that date.
        if (range.ongoing || (range.end && !same_day)) {
            text += words.range_separator;
            text += range.ongoing ? words.present : format_date(*range.end, words);
        }
    }
    if (!range.end_note.empty())
        fmt::format_to(std::back_inserter(text), "{}{}{}", words.note_open, range.end_note.plain(),
                       words.note_close);
    return text;
}

}  // namespace vitae::style
