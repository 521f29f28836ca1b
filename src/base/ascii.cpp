#include "vitae/base/ascii.hpp"

#include <algorithm>

namespace vitae {

std::string ascii_lowercase(std::string_view text) {
    std::string lower{text};
    for (char& c : lower) c = ascii_lower(c);
    return lower;
}

std::string ascii_uppercase(std::string_view text) {
    std::string upper{text};
    for (char& c : upper) c = ascii_upper(c);
    return upper;
}

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

}  // namespace vitae
