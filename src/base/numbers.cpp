#include "vitae/numbers.hpp"

#include <fmt/format.h>

#include <cmath>
#include <string_view>

namespace vitae {

std::string compact_decimal(double value, int decimals) {
    std::string number = fmt::format("{:.{}f}", value, decimals);
    if (number.find('.') != std::string::npos) {
        while (number.back() == '0') number.pop_back();
        if (number.back() == '.') number.pop_back();
    }
    if (number == "-0") number = "0";
    return number;
}

std::string shortest_decimal(double value) {
    // fmt's "{}" is the shortest spelling that reads back as the same double,
    // but below 1e-4 and from 1e16 on it writes an exponent ("5.5e-17").
    const std::string shortest = fmt::format("{}", value + 0.0);  // + 0.0: -0 is 0
    const std::size_t exponent_at = shortest.find('e');
    if (!std::isfinite(value) || exponent_at == std::string::npos) return shortest;
    const bool negative = shortest.front() == '-';
    std::string digits;
    for (const char c : std::string_view{shortest}.substr(0, exponent_at)) {
        if (c >= '0' && c <= '9') digits += c;
    }
    // The mantissa has one digit before its point: the point moves by the exponent.
    const long point = 1 + std::stol(shortest.substr(exponent_at + 1));
    const auto length = static_cast<long>(digits.size());
    const std::string_view sign = negative ? "-" : "";
    if (point <= 0)
        return fmt::format("{}0.{}{}", sign, std::string(static_cast<std::size_t>(-point), '0'), digits);
    if (point >= length)
        return fmt::format("{}{}{}", sign, digits,
                           std::string(static_cast<std::size_t>(point - length), '0'));
    return fmt::format("{}{}.{}", sign, digits.substr(0, static_cast<std::size_t>(point)),
                       digits.substr(static_cast<std::size_t>(point)));
}

}  // namespace vitae
