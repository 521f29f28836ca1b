#include "vitae/base/numbers.hpp"

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

}  // namespace vitae
