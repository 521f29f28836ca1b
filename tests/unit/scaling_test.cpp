// Scaling tests: each path that hostile input could make quadratic is run
// on n and 4n items, and its time must grow far less than 16-fold (the
// quadratic growth). The bound of 8 leaves room for a loaded machine and
// for cache effects, while a quadratic path gives 16 and more.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>

#include "load/string_positions.hpp"

namespace {

constexpr std::size_t growth_factor = 4;
/// Linear work grows by 4, quadratic by 16: 8 tells them apart with room for noise.
constexpr double max_time_ratio = 8.0;
constexpr int repetitions = 3;

/// The fastest of a few runs: the one least disturbed by other load.
double fastest_seconds(const std::function<void()>& run) {
    double best = 1e300;
    for (int i = 0; i < repetitions; ++i) {
        const auto start = std::chrono::steady_clock::now();
        run();
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
        best = std::min(best, elapsed.count());
    }
    return best;
}

/// How much longer `prepare(4n)`'s work takes than `prepare(n)`'s; `prepare`
/// builds the input (not timed) and returns the work to time.
double time_ratio(std::size_t n, const std::function<std::function<void()>(std::size_t)>& prepare) {
    const std::function<void()> small = prepare(n);
    const std::function<void()> large = prepare(n * growth_factor);
    const double small_seconds = std::max(fastest_seconds(small), 1e-6);
    return fastest_seconds(large) / small_seconds;
}

}  // namespace

TEST_CASE("string positions on one long line grow linearly with the strings", "[scaling]") {
    auto prepare = [](std::size_t count) -> std::function<void()> {
        auto source = std::make_shared<std::string>("items = [");
        std::vector<std::uint32_t> columns;
        for (std::size_t i = 0; i < count; ++i) {
            columns.push_back(static_cast<std::uint32_t>(source->size() + 1));
            *source += "\"it\\u00e9m\", ";
        }
        *source += "]\n";
        return [source, columns] {
            const vitae::detail::SourceText text{*source};
            for (const std::uint32_t column : columns) {
                REQUIRE(vitae::detail::string_positions(text, {1, column}, "itém").size() == 4);
            }
        };
    };
    CHECK(time_ratio(2000, prepare) < max_time_ratio);
}
