// The picture stage: a picture is checked whole, turned upright, cut to
// its box and printed no larger than its print resolution needs.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "unit/support.hpp"
#include "vitae/image/image.hpp"

namespace {

using vitae::image::Format;

/// The tiny PNG printed as a JPEG (nothing is scaled up: 2 × 3 pixels).
std::string tiny_jpeg() {
    std::string error;
    const auto printed =
        vitae::image::print(vitae::test::tiny_png, 2, 3, 72, vitae::image::photo_quality, error);
    REQUIRE(printed);
    return printed->jpeg;
}

/// `jpeg` with an EXIF block saying how it is turned (1–8), after its start marker.
std::string with_orientation(const std::string& jpeg, unsigned char orientation) {
    // APP1: "Exif\0\0", a little-endian TIFF header, one IFD of one entry:
    // tag 0x0112 (orientation), type SHORT, count 1, the value.
    const std::string tiff{
        "II*\0\x08\0\0\0"
        "\x01\0"
        "\x12\x01\x03\0\x01\0\0\0",
        18};
    std::string entry_value{"\0\0\0\0", 4};
    entry_value[0] = static_cast<char>(orientation);
    const std::string payload = std::string{"Exif\0\0", 6} + tiff + entry_value + std::string{"\0\0\0\0", 4};
    const std::size_t length = payload.size() + 2;
    std::string segment{"\xFF\xE1"};
    segment += static_cast<char>(length >> 8);
    segment += static_cast<char>(length & 0xFF);
    segment += payload;
    return jpeg.substr(0, 2) + segment + jpeg.substr(2);
}

}  // namespace

TEST_CASE("image: a PNG and a JPEG are read whole, with their size", "[image]") {
    const vitae::image::Inspection png = vitae::image::inspect(vitae::test::tiny_png);
    REQUIRE(png.info);
    CHECK(png.info->format == Format::png);
    CHECK(png.info->width == 2);
    CHECK(png.info->height == 3);
    CHECK_FALSE(png.info->alpha);
    const vitae::image::Inspection jpeg = vitae::image::inspect(tiny_jpeg());
    REQUIRE(jpeg.info);
    CHECK(jpeg.info->format == Format::jpeg);
    CHECK(jpeg.info->width == 2);
    CHECK(jpeg.info->height == 3);
}

TEST_CASE("image: a truncated or foreign file is refused with the reason", "[image]") {
    const std::string jpeg = tiny_jpeg();
    const vitae::image::Inspection cut = vitae::image::inspect(jpeg.substr(0, jpeg.size() / 2));
    CHECK_FALSE(cut.info);
    CHECK(cut.error.find("JPEG is damaged") != std::string::npos);
    const vitae::image::Inspection cut_png = vitae::image::inspect(vitae::test::tiny_png.substr(0, 50));
    CHECK_FALSE(cut_png.info);
    CHECK(cut_png.error.find("PNG is damaged") != std::string::npos);
    const vitae::image::Inspection gif = vitae::image::inspect("GIF89a\x01\0\x01\0");
    CHECK_FALSE(gif.info);
    CHECK(gif.error == "it is neither a JPEG nor a PNG picture");
    CHECK_FALSE(vitae::image::inspect("").info);
    std::string error;
    CHECK_FALSE(vitae::image::print(jpeg.substr(0, 100), 10, 10, 300, 85, error));
    CHECK_FALSE(error.empty());
}

TEST_CASE("image: a JPEG's EXIF orientation turns it upright", "[image]") {
    const std::string upright = tiny_jpeg();
    // 6: a phone held upright, its rows stored sideways: shown 3 wide, 2 high.
    const vitae::image::Inspection turned = vitae::image::inspect(with_orientation(upright, 6));
    REQUIRE(turned.info);
    CHECK(turned.info->width == 3);
    CHECK(turned.info->height == 2);
    // 3 (upside down) keeps the size.
    const vitae::image::Inspection upside_down = vitae::image::inspect(with_orientation(upright, 3));
    REQUIRE(upside_down.info);
    CHECK(upside_down.info->width == 2);
    // An orientation out of EXIF's range is ignored.
    const vitae::image::Inspection odd = vitae::image::inspect(with_orientation(upright, 9));
    REQUIRE(odd.info);
    CHECK(odd.info->width == 2);
}

TEST_CASE("image: a picture is cut to its box and never scaled up", "[image]") {
    std::string error;
    // A 2 × 3 picture in a square box: its middle 2 × 2.
    const auto square = vitae::image::print(vitae::test::tiny_png, 100, 100, 300, 85, error);
    REQUIRE(square);
    CHECK(square->width == 2);
    CHECK(square->height == 2);
    CHECK(square->alpha.empty());
    const vitae::image::Inspection printed = vitae::image::inspect(square->jpeg);
    REQUIRE(printed.info);
    CHECK(printed.info->format == Format::jpeg);
    // The same bytes, the same JPEG.
    const auto again = vitae::image::print(vitae::test::tiny_png, 100, 100, 300, 85, error);
    REQUIRE(again);
    CHECK(again->jpeg == square->jpeg);
}
