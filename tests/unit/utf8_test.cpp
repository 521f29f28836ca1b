#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "vitae/base/numbers.hpp"
#include "vitae/base/utf8.hpp"

TEST_CASE("UTF-8 decodes and encodes every length of sequence", "[utf8]") {
    const std::u32string code_points = {U'A', U'é', U'–', U'🌟'};
    std::string encoded;
    for (const char32_t c : code_points) vitae::utf8::append(encoded, c);
    CHECK(encoded == "Aé–🌟");
    std::u32string decoded;
    for (std::size_t offset = 0; offset < encoded.size();) decoded += vitae::utf8::next(encoded, offset);
    CHECK(decoded == code_points);
    CHECK(vitae::utf8::length(encoded) == 4);
}

TEST_CASE("malformed UTF-8 is found at its byte", "[utf8]") {
    CHECK(vitae::utf8::find_invalid("plain ascii") == std::string_view::npos);
    CHECK(vitae::utf8::find_invalid("caf\xc3\xa9") == std::string_view::npos);
    CHECK(vitae::utf8::find_invalid("ab\xff") == 2);
    CHECK(vitae::utf8::find_invalid("ab\xc3(") == 2);                            // truncated sequence
    CHECK(vitae::utf8::find_invalid("\xc0\xaf") == 0);                           // overlong '/'
    CHECK(vitae::utf8::find_invalid("x\xed\xa0\x80") == 1);                      // a surrogate
    CHECK(vitae::utf8::find_invalid("\xf4\x90\x80\x80") == 0);                   // past U+10FFFF
    CHECK(vitae::utf8::find_invalid("\xef\xbf\xbd") == std::string_view::npos);  // U+FFFD itself
}

TEST_CASE("display widths follow terminals", "[utf8]") {
    CHECK(vitae::utf8::display_width("abc") == 3);
    CHECK(vitae::utf8::display_width("日本") == 4);
    CHECK(vitae::utf8::display_width("🌟") == 2);
    CHECK(vitae::utf8::display_width("e\u0301") == 1);  // a combining accent takes no column
}

TEST_CASE("compact_decimal rounds and drops what adds nothing", "[numbers]") {
    CHECK(vitae::compact_decimal(10, 2) == "10");
    CHECK(vitae::compact_decimal(5.5, 2) == "5.5");
    CHECK(vitae::compact_decimal(3.3333, 2) == "3.33");
    CHECK(vitae::compact_decimal(0.125, 4) == "0.125");
    CHECK(vitae::compact_decimal(-0.00001, 2) == "0");
    CHECK(vitae::compact_decimal(100, 0) == "100");
    CHECK(vitae::compact_decimal(612, 4) == "612");
}

TEST_CASE("the character before an offset is read from its lead byte", "[utf8]") {
    const std::string text = "a\u00E9\u4E2D\U0001F600";  // 1, 2, 3 and 4 bytes
    CHECK(vitae::utf8::before(text, 1) == U'a');
    CHECK(vitae::utf8::before(text, 3) == U'\u00E9');
    CHECK(vitae::utf8::before(text, 6) == U'\u4E2D');
    CHECK(vitae::utf8::before(text, text.size()) == U'\U0001F600');
}

TEST_CASE("upper and lower case pair every letter of Latin Extended-A, whichever comes first", "[utf8]") {
    // Ą/ą start at an even code point, Ź/ź and Ż/ż, Ĺ/ĺ and Ł/ł at odd ones.
    for (const auto& [capital, small] : std::vector<std::pair<char32_t, char32_t>>{{U'Ą', U'ą'},
                                                                                   {U'Ż', U'ż'},
                                                                                   {U'Ź', U'ź'},
                                                                                   {U'Ž', U'ž'},
                                                                                   {U'Ł', U'ł'},
                                                                                   {U'Ĺ', U'ĺ'},
                                                                                   {U'Ŋ', U'ŋ'},
                                                                                   {U'Ÿ', U'ÿ'},
                                                                                   {U'É', U'é'},
                                                                                   {U'A', U'a'}}) {
        CHECK(vitae::utf8::to_upper(small) == capital);
        CHECK(vitae::utf8::to_upper(capital) == capital);
        CHECK(vitae::utf8::to_lower(capital) == small);
        CHECK(vitae::utf8::to_lower(small) == small);
    }
    // Letters without a pair here stay as they are.
    for (const char32_t alone : {U'ı', U'ĸ', U'ŉ', U'ſ', U'×', U'÷', U'ß'}) {
        CHECK(vitae::utf8::to_upper(alone) == alone);
        CHECK(vitae::utf8::to_lower(alone) == alone);
    }
    CHECK(vitae::utf8::to_lower(U'Я') == U'я');
    CHECK(vitae::utf8::to_lower(U'Ё') == U'ё');
    CHECK(vitae::utf8::to_lower(U'Ω') == U'ω');
}
