#include "libharu.hpp"

#include <climits>
#include <iterator>

#include <fmt/format.h>
#include <utility>

#include "vitae/base/utf8.hpp"

namespace vitae::render {

std::string pdf_text_string(std::string_view text) {
    constexpr char byte_order_mark[] = "\xFE\xFF";
    constexpr std::size_t bytes_per_unit = 2;
    std::string out{byte_order_mark};
    out.reserve(out.size() + bytes_per_unit * text.size());
    auto append_unit = [&out](char32_t unit) {
        out += static_cast<char>(unit >> CHAR_BIT);
        out += static_cast<char>(unit & low_byte_mask);
    };
    for (std::size_t offset = 0; offset < text.size();) {
        const char32_t code_point = utf8::next(text, offset);
        if (code_point == 0) continue;
        if (code_point <= last_bmp_code_point) {
            append_unit(code_point);
            continue;
        }
        const char32_t payload = code_point - first_supplementary_code_point;
        append_unit(high_surrogate_base + (payload >> surrogate_payload_bits));
        append_unit(low_surrogate_base + (payload & surrogate_payload_mask));
    }
    return out;
}

void append_hexadecimal_text_string(std::string& out, std::string_view text) {
    out += '<';
    for (const char byte : pdf_text_string(text))
        fmt::format_to(std::back_inserter(out), "{:02X}", static_cast<unsigned char>(byte));
    out += '>';
}

std::string to_unicode_cmap_around(int code_bytes, std::string_view mappings) {
    constexpr int hex_digits_per_byte = 2;
    const int code_digits = code_bytes * hex_digits_per_byte;
    const unsigned highest_code = (1U << (code_bytes * CHAR_BIT)) - 1;
    return fmt::format(
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n"
        "<{:0{}X}> <{:0{}X}>\n"
        "endcodespacerange\n"
        "{}"
        "endcmap\n"
        "CMapName currentdict /CMap defineresource pop\n"
        "end\n"
        "end\n",
        0, code_digits, highest_code, code_digits, mappings);
}

extern "C" void record_libharu_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) noexcept {
    auto& log = *static_cast<ErrorLog*>(user_data);
    try {
        LibharuError error{error_no, detail_no, log.step};
        // A failed call often reports its error again on the way out.
        if (log.errors.empty() || log.errors.back() != error) log.errors.push_back(std::move(error));
    } catch (...) {
        log.lost_an_error = true;
    }
}

}  // namespace vitae::render
