#pragma once
// Numbers as people and TeX read them.

#include <string>

namespace vitae {

/// `value` rounded to `decimals` places, without trailing zeros or a
/// trailing point: 10 → "10", 5.50 → "5.5", -0.0001 at 2 places → "0".
[[nodiscard]] std::string compact_decimal(double value, int decimals);

/// `value` in the fewest digits that read back as the same double, and
/// always positional, as TeX and PDF read numbers (they know no exponent):
/// 10 → "10", 0.1 + 0.2 → "0.30000000000000004", 5.5e-17 →
/// "0.000000000000000055", -0.0 → "0". NaN and infinities as fmt spells them.
[[nodiscard]] std::string shortest_decimal(double value);

}  // namespace vitae
