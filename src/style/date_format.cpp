#include "vitae/style/date_format.hpp"

#include <fmt/format.h>

#include <iterator>
#include <string_view>

namespace vitae::style {

namespace {

bool has_month(const cv::Date& date) {
    return date.month >= 1 && date.month <= 12;
}

bool is_pattern_letter(char character) {
    return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z');
}

/// Writes `pattern` (TR35 date symbols) for `date`. The `d` fields take the
/// days in `days` in turn, so an interval pattern ("MMM d – d, y") names a
/// first and a last day.
std::string expand(std::string_view pattern, const cv::Date& date, const DateWords& words,
                   std::initializer_list<int> days) {
    std::string text;
    auto day = days.begin();
    for (std::size_t at = 0; at < pattern.size();) {
        const char symbol = pattern[at];
        if (symbol == '\'') {
            // 'literal'; '' is a quote.
            const std::size_t close = pattern.find('\'', at + 1);
            const std::size_t end = close == std::string_view::npos ? pattern.size() : close;
            if (end == at + 1) {
                text += '\'';
            } else {
                text += pattern.substr(at + 1, end - at - 1);
            }
            at = end + 1;
            continue;
        }
        if (!is_pattern_letter(symbol)) {
            text += symbol;
            ++at;
            continue;
        }
        std::size_t count = 1;
        while (at + count < pattern.size() && pattern[at + count] == symbol) ++count;
        at += count;
        const auto month_index = static_cast<std::size_t>(date.month - 1);
        switch (symbol) {
            case 'y': text += format_number(date.year, words); break;
            case 'M':
            case 'L':
                if (count >= 3) {
                    const MonthNames& names = count == 3 ? words.short_months : words.long_months;
                    text += symbol == 'M' ? names.format.at(month_index) : names.standalone.at(month_index);
                } else {
                    if (count == 2 && date.month < 10) text += words.digits[0];
                    text += format_number(date.month, words);
                }
                break;
            case 'd': {
                const int value = day != days.end() ? *day : date.day;
                if (day != days.end()) ++day;
                if (count == 2 && value < 10) text += words.digits[0];
                text += format_number(value, words);
                break;
            }
            default: break;  // a field a CV's dates do not have (era, weekday)
        }
    }
    return text;
}

}  // namespace

std::string format_number(long long number, const DateWords& words) {
    const std::string ascii = fmt::format("{}", number);
    std::string text;
    for (const char digit : ascii) {
        if (digit >= '0' && digit <= '9') {
            text += words.digits[static_cast<std::size_t>(digit - '0')];
        } else {
            text += digit;
        }
    }
    return text;
}

std::string format_date(const cv::Date& date, const DateWords& words) {
    if (!has_month(date)) return expand(words.year_pattern, date, words, {});
    if (date.day > 0) return expand(words.date_pattern, date, words, {});
    return expand(words.year_month_pattern, date, words, {});
}

std::string format_long_date(const cv::Date& date, const DateWords& words) {
    if (date.day == 0) return format_date(date, words);
    return expand(words.long_date_pattern, date, words, {});
}

std::string format_date_range(const cv::DateRange& range, const DateWords& words) {
    std::string text;
    const bool same_day = range.start && range.end && *range.start == *range.end;
    const bool days_of_one_month =
        range.start && range.end && !same_day && has_month(*range.start) && range.start->day > 0 &&
        range.end->day > 0 && range.start->year == range.end->year && range.start->month == range.end->month;
    if (days_of_one_month) {
        text = expand(words.days_of_month_pattern, *range.start, words, {range.start->day, range.end->day});
    } else {
        if (range.start) text = format_date(*range.start, words);
        // A period that starts and ends on the same date is that date.
        if (range.ongoing || (range.end && !same_day)) {
            text += words.range_separator;
            text += range.ongoing ? words.present : format_date(*range.end, words);
        }
    }
    const std::string note = range.expected ? words.expected : range.end_note.plain();
    if (!note.empty())
        fmt::format_to(std::back_inserter(text), "{}{}{}", words.note_open, note, words.note_close);
    return text;
}

}  // namespace vitae::style
