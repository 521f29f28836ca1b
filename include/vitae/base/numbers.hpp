#pragma once
// Numbers as people and TeX read them.

#include <string>

namespace vitae {

/// `value` rounded to `decimals` places, without trailing zeros or a
/// trailing point: 10 → "10", 5.50 → "5.5", -0.0001 at 2 places → "0".
[[nodiscard]] std::string compact_decimal(double value, int decimals);

}  // namespace vitae
