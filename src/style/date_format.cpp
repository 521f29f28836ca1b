#include "vitae/date_format.hpp"

namespace vitae::style {

std::string format_date(const cv::Date& date, const DateWords& words) {
    std::string text;
    if (date.month >= 1 && date.month <= 12) {
        text += words.months.at(static_cast<std::size_t>(date.month - 1)) + ' ';
        if (date.day > 0) text += std::to_string(date.day) + ", ";
    }
    return text + std::to_string(date.year);
}

std::string format_date_range(const cv::DateRange& range, const DateWords& words) {
    std::string text;
    if (range.start) text = format_date(*range.start, words);
    if (range.ongoing || range.end) {
        text += words.range_separator;
        text += range.ongoing ? words.present : format_date(*range.end, words);
    }
    if (!range.end_note.empty()) text += words.note_open + range.end_note.plain() + words.note_close;
    return text;
}

}  // namespace vitae::style
