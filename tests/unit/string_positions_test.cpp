#include <catch2/catch.hpp>

#include "load/string_positions.hpp"

using vitae::SourcePosition;
using vitae::detail::string_positions;

namespace {

std::vector<std::uint32_t> columns(const std::vector<SourcePosition>& positions) {
    std::vector<std::uint32_t> result;
    for (const SourcePosition& position : positions) result.push_back(position.column);
    return result;
}

}  // namespace

TEST_CASE("a basic string maps each character to its column", "[positions]") {
    const std::string source = "x = 1\nkey = \"aé\\tb\\u00e9c\"\n";
    const auto positions = string_positions(vitae::detail::SourceText{source}, {2, 7}, "aé\tbéc");
    REQUIRE(positions.size() == 6);
    CHECK(columns(positions) == std::vector<std::uint32_t>{8, 9, 10, 12, 13, 19});
    CHECK(positions[0].line == 2);
}

TEST_CASE("a literal string has no escapes", "[positions]") {
    const std::string source = R"(k = 'a\*b')";
    CHECK(columns(string_positions(vitae::detail::SourceText{source}, {1, 5}, R"(a\*b)")) ==
          std::vector<std::uint32_t>{6, 7, 8, 9});
}

TEST_CASE("multi-line strings follow their lines", "[positions]") {
    const std::string source = "k = \"\"\"\nab\n  c\\\n    d\"\"\"\n";
    // The first line break is trimmed; the line-ending backslash swallows
    // the break and the indentation.
    const auto positions = string_positions(vitae::detail::SourceText{source}, {1, 5}, "ab\n  cd");
    REQUIRE(positions.size() == 7);
    CHECK(positions[0] == SourcePosition{2, 1});
    CHECK(positions[2] == SourcePosition{2, 3});
    CHECK(positions[3] == SourcePosition{3, 1});
    CHECK(positions[5] == SourcePosition{3, 3});
    CHECK(positions[6] == SourcePosition{4, 5});
}

TEST_CASE("quotes right before a multi-line closing delimiter are content", "[positions]") {
    const std::string source = "k = '''it''''\n";
    CHECK(string_positions(vitae::detail::SourceText{source}, {1, 5}, "it'").size() == 3);
}

TEST_CASE("a mismatch between token and value gives no positions", "[positions]") {
    CHECK(string_positions(vitae::detail::SourceText{"k = \"abc\""}, {1, 5}, "abcd").empty());
    CHECK(string_positions(vitae::detail::SourceText{"k = \"abc\""}, {7, 5}, "abc").empty());
}

TEST_CASE("positions far into a long line with multi-byte characters are exact", "[positions]") {
    // Checkpoints every 64 code points: strings before, on and after them,
    // behind two-byte characters, must keep their exact columns.
    std::string source = "k = [";
    std::vector<std::uint32_t> opening_columns;
    std::uint32_t column = 6;
    for (int i = 0; i < 200; ++i) {
        opening_columns.push_back(column);
        source += "\"é\\u00e9x\", ";
        column += 12;  // "é\u00e9x", : 12 code points (é counts once)
    }
    source += "]\n";
    const vitae::detail::SourceText text{source};
    for (const std::uint32_t opening : opening_columns) {
        const auto positions = string_positions(text, {1, opening}, "ééx");
        REQUIRE(positions.size() == 3);
        CHECK(columns(positions) == std::vector<std::uint32_t>{opening + 1, opening + 2, opening + 8});
    }
    // A column past the line's end, or inside a token, finds no string.
    CHECK(string_positions(text, {1, column + 100}, "ééx").empty());
    CHECK(string_positions(text, {1, opening_columns[100] + 1}, "ééx").empty());
}
