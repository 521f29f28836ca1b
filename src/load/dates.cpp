#include "vitae/load/dates.hpp"

#include <array>
#include <charconv>
#include <string>

#include <fmt/format.h>

namespace vitae {

namespace {

constexpr std::array<std::string_view, 12> month_names = {"January",   "February", "March",    "April",
                                                          "May",       "June",     "July",     "August",
                                                          "September", "October",  "November", "December"};

constexpr int first_year = 1000;  // four digits: the only years a CV writes
constexpr int last_year = 9999;

bool is_leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool all_digits(std::string_view text) {
    if (text.empty()) return false;
    for (const char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

int to_int(std::string_view digits) {
    int value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return value;
}

SourceRegion part_region(const SourceRegion& where, const std::vector<SourcePosition>& positions,
                         std::size_t index) {
    if (index < positions.size()) return where.at(positions[index]);
    return where.at({where.begin.line, where.begin.column + static_cast<std::uint32_t>(index)});
}

}  // namespace

std::string_view month_name(int month) {
    return month_names.at(static_cast<std::size_t>(month - 1));
}

int days_in_month(int year, int month) {
    constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && is_leap_year(year)) return 29;
    return days.at(static_cast<std::size_t>(month - 1));
}

std::optional<cv::Date> validate_date(cv::Date date, const SourceRegion& where, Diagnostics& diagnostics) {
    if (date.year < first_year || date.year > last_year) {
        diagnostics.error(where, fmt::format("year {} is not a four-digit year", date.year));
        return std::nullopt;
    }
    return date;
}

std::optional<cv::Date> parse_date(std::string_view text, const SourceRegion& where,
                                   const std::vector<SourcePosition>& positions, Diagnostics& diagnostics) {
    // Dates are ASCII, so byte offsets are code point indices here.
    const bool shaped = (text.size() == 4 || text.size() == 7 || text.size() == 10) &&
                        all_digits(text.substr(0, 4)) &&
                        (text.size() < 7 || (text[4] == '-' && all_digits(text.substr(5, 2)))) &&
                        (text.size() < 10 || (text[7] == '-' && all_digits(text.substr(8, 2))));
    if (!shaped) {
        diagnostics.error(part_region(where, positions, 0), fmt::format("invalid date '{}'", text),
                          "expected YYYY, YYYY-MM or YYYY-MM-DD, such as 2021-08");
        return std::nullopt;
    }
    cv::Date date{to_int(text.substr(0, 4)), 0, 0};
    if (text.size() >= 7) {
        date.month = to_int(text.substr(5, 2));
        if (date.month < 1 || date.month > 12) {
            diagnostics.error(
                part_region(where, positions, 5),
                fmt::format("invalid date '{}': month {} is not between 1 and 12", text, date.month));
            return std::nullopt;
        }
    }
    if (text.size() == 10) {
        date.day = to_int(text.substr(8, 2));
        const int days = days_in_month(date.year, date.month);
        if (date.day < 1 || date.day > days) {
            diagnostics.error(part_region(where, positions, 8),
                              fmt::format("invalid date '{}': {} {} has {} days", text,
                                          month_name(date.month), date.year, days));
            return std::nullopt;
        }
    }
    return validate_date(date, where, diagnostics);
}

}  // namespace vitae
