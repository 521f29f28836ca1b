#include "vitae/numbers.hpp"

#include <cstdio>

namespace vitae {

std::string compact_decimal(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    std::string number = text;
    if (number.find('.') != std::string::npos) {
        while (number.back() == '0') number.pop_back();
        if (number.back() == '.') number.pop_back();
    }
    if (number == "-0") number = "0";
    return number;
}

}  // namespace vitae
