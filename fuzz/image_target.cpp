// Pictures: any bytes as a photo's file → checked whole, then printed into
// a box (cut, turned, scaled and encoded), as the loaders and writers do.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "vitae/image/image.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes = vitae::fuzz::as_text(data, size);
    const vitae::image::Inspection inspection = vitae::image::inspect(bytes);
    // Printed into a small box: a picture that passed the check is printed;
    // one that did not is refused the same way.
    constexpr double box_width = 20;
    constexpr double box_height = 30;
    std::string error;
    const auto printed = vitae::image::print(bytes, box_width, box_height, vitae::image::print_dpi,
                                             vitae::image::photo_quality, error);
    if (inspection.info.has_value() != printed.has_value()) __builtin_trap();
    return 0;
}
