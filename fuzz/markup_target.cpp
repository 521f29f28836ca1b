// Inline markup: any bytes as a field's text → styled runs, each run's
// text then read back as plain text.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "vitae/load/markup.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = vitae::fuzz::as_text(data, size);
    const vitae::SourceRegion where{std::make_shared<const std::string>("cv.toml"), {2, 5}, {2, 5}};
    vitae::Diagnostics diagnostics;
    const vitae::cv::RichText parsed = vitae::parse_markup(text, where, {}, diagnostics);
    (void)parsed.plain();
    return 0;
}
