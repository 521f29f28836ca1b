#include <catch2/catch.hpp>

#include "unit/support.hpp"
#include "vitae/load/dates.hpp"
#include "vitae/style/date_format.hpp"

using vitae::Diagnostics;
using vitae::cv::Date;

namespace {

std::optional<Date> parse(std::string_view text, Diagnostics& diagnostics) {
    return vitae::parse_date(text, vitae::test::region("cv.toml", 4, 10), {}, diagnostics);
}

}  // namespace

TEST_CASE("dates are read at the precision written", "[dates]") {
    Diagnostics diagnostics;
    CHECK(parse("2021", diagnostics) == Date{2021, 0, 0});
    CHECK(parse("2021-08", diagnostics) == Date{2021, 8, 0});
    CHECK(parse("2024-02-29", diagnostics) == Date{2024, 2, 29});
    CHECK(diagnostics.empty());
}

TEST_CASE("impossible dates point at the wrong part", "[dates]") {
    Diagnostics diagnostics;
    CHECK_FALSE(parse("2021-13", diagnostics));
    CHECK_FALSE(parse("2021-02-30", diagnostics));
    CHECK_FALSE(parse("2023-02-29", diagnostics));
    CHECK_FALSE(parse("2021-00", diagnostics));
    CHECK_FALSE(parse("Aug 2021", diagnostics));
    CHECK_FALSE(parse("2021-8", diagnostics));
    CHECK_FALSE(parse("0999", diagnostics));
    CHECK(vitae::test::lines(diagnostics) ==
          std::vector<std::string>{
              "cv.toml:4:15: error: invalid date '2021-13': month 13 is not between 1 and 12",
              "cv.toml:4:18: error: invalid date '2021-02-30': February 2021 has 28 days",
              "cv.toml:4:18: error: invalid date '2023-02-29': February 2023 has 28 days",
              "cv.toml:4:15: error: invalid date '2021-00': month 0 is not between 1 and 12",
              "cv.toml:4:10: error: invalid date 'Aug 2021' (expected YYYY, YYYY-MM or YYYY-MM-DD, such as "
              "2021-08)",
              "cv.toml:4:10: error: invalid date '2021-8' (expected YYYY, YYYY-MM or YYYY-MM-DD, such as "
              "2021-08)",
              "cv.toml:4:10: error: year 999 is not a four-digit year",
          });
}

TEST_CASE("leap years follow the Gregorian rules", "[dates]") {
    CHECK(vitae::days_in_month(2024, 2) == 29);
    CHECK(vitae::days_in_month(1900, 2) == 28);
    CHECK(vitae::days_in_month(2000, 2) == 29);
    CHECK(vitae::days_in_month(2021, 4) == 30);
}

TEST_CASE("comparison works at the precision both dates share", "[dates]") {
    CHECK(vitae::cv::is_before(Date{2020, 5, 0}, Date{2021, 1, 0}));
    CHECK(vitae::cv::is_before(Date{2021, 1, 0}, Date{2021, 2, 0}));
    CHECK_FALSE(vitae::cv::is_before(Date{2021, 0, 0}, Date{2021, 5, 0}));
    CHECK_FALSE(vitae::cv::is_before(Date{2021, 5, 0}, Date{2021, 0, 0}));
    CHECK(vitae::cv::is_before(Date{2021, 5, 1}, Date{2021, 5, 2}));
}

TEST_CASE("date ranges read like the seed CV", "[dates]") {
    const vitae::style::DateWords words;
    vitae::cv::DateRange range;
    range.start = Date{2021, 8, 0};
    range.end = Date{2025, 6, 0};
    range.end_note.spans.push_back({"expected", false, false, {}, {}});
    CHECK(vitae::style::format_date_range(range, words) == "Aug. 2021 \u2013 Jun. 2025 (expected)");
    range = {};
    range.start = Date{2019, 5, 0};
    range.ongoing = true;
    CHECK(vitae::style::format_date_range(range, words) == "May 2019 \u2013 Present");
    range = {};
    range.start = Date{2023, 0, 0};
    range.single = true;
    CHECK(vitae::style::format_date_range(range, words) == "2023");
    CHECK(vitae::style::format_date(Date{2023, 9, 4}, words) == "Sep. 4, 2023");
    CHECK(vitae::style::format_date_range({}, words).empty());
}

TEST_CASE("a range that starts and ends on one date prints that date once", "[dates]") {
    const vitae::style::DateWords words;
    vitae::cv::DateRange range;
    range.start = Date{2016, 8, 24};
    range.end = Date{2016, 8, 24};
    CHECK(vitae::style::format_date_range(range, words) == "Aug. 24, 2016");
    range.start = Date{2016, 8, 0};
    range.end = Date{2016, 8, 0};
    CHECK(vitae::style::format_date_range(range, words) == "Aug. 2016");
    range.start = Date{2016, 0, 0};
    range.end = Date{2016, 0, 0};
    CHECK(vitae::style::format_date_range(range, words) == "2016");
}

TEST_CASE("days of one month name the month and the year once", "[dates]") {
    const vitae::style::DateWords words;
    vitae::cv::DateRange range;
    range.start = Date{2016, 8, 24};
    range.end = Date{2016, 8, 26};
    CHECK(vitae::style::format_date_range(range, words) == "Aug. 24 \u2013 26, 2016");
    // Other months or years keep both dates whole.
    range.end = Date{2016, 9, 2};
    CHECK(vitae::style::format_date_range(range, words) == "Aug. 24, 2016 \u2013 Sep. 2, 2016");
    range.end = Date{2016, 8, 0};
    CHECK(vitae::style::format_date_range(range, words) == "Aug. 24, 2016 \u2013 Aug. 2016");
}
