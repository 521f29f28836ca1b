#pragma once
// Reading dates written as "YYYY", "YYYY-MM" or "YYYY-MM-DD".

#include <optional>
#include <string_view>
#include <vector>

#include "vitae/base/diag.hpp"
#include "vitae/model/model.hpp"

namespace vitae {

/// Days in a month of a year, leap years included.
[[nodiscard]] int days_in_month(int year, int month);

/// "January" for 1 … "December" for 12.
[[nodiscard]] std::string_view month_name(int month);

/// Parses a date; an impossible one (2021-13, 2021-02-30) is an error that
/// points at the wrong part. `positions` as for parse_markup.
[[nodiscard]] std::optional<cv::Date> parse_date(std::string_view text, const SourceRegion& where,
                                                 const std::vector<SourcePosition>& positions,
                                                 Diagnostics& diagnostics);

/// Checks a date given as numbers (a TOML date or an integer year).
[[nodiscard]] std::optional<cv::Date> validate_date(cv::Date date, const SourceRegion& where,
                                                    Diagnostics& diagnostics);

}  // namespace vitae
