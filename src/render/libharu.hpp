#pragma once
// What the PDF writer and Base14Fonts share of libharu: its error log, the
// RAII handle of a document, its units and encoding names. Only render's
// sources include hpdf.h; no header outside src/render does.

#include <hpdf.h>

#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace vitae::render {

/// PDF glyph widths are in thousandths of the font size.
constexpr double glyph_width_units_per_em = 1000;
/// The encoding base-14 text is written in: the PDF's name for Windows-1252
/// (CP1252), which every reader knows without a font file.
constexpr const char* single_byte_encoding = "WinAnsiEncoding";

/// PDF text strings written by libharu are UTF-16 without surrogate
/// support of its own; PDF content strings here are 16-bit CIDs.
constexpr char32_t last_bmp_code_point = 0xFFFF;
constexpr char32_t first_supplementary_code_point = 0x10000;
constexpr char32_t high_surrogate_base = 0xD800;
constexpr char32_t low_surrogate_base = 0xDC00;
constexpr char32_t last_surrogate = 0xDFFF;
constexpr unsigned surrogate_payload_bits = 10;
constexpr char32_t surrogate_payload_mask = 0x3FF;
/// The low byte of a 16-bit code; the high byte is above CHAR_BIT.
constexpr char32_t low_byte_mask = 0xFF;

/// A PDF text string (metadata, bookmark titles, a structure element's
/// text) as bytes: UTF-16BE after a byte order mark, a character beyond the
/// Basic Multilingual Plane as its two surrogates. NUL is left out: readers
/// take it for the end.
[[nodiscard]] std::string pdf_text_string(std::string_view text);
/// The same as a hexadecimal string operand (<FEFF…>), appended to `out`.
void append_hexadecimal_text_string(std::string& out, std::string_view text);

/// A ToUnicode CMap (what each character code of a font stands for, so
/// that text can be extracted and searched) around `mappings`, its
/// bfrange and bfchar blocks; codes are `code_bytes` wide.
[[nodiscard]] std::string to_unicode_cmap_around(int code_bytes, std::string_view mappings);

struct LibharuError {
    HPDF_STATUS error_no = HPDF_OK;
    HPDF_STATUS detail_no = HPDF_OK;
    std::string step;  ///< what the writer was doing, for the message

    friend bool operator==(const LibharuError&, const LibharuError&) = default;
};

/// Shared with libharu's error callback, which runs inside C code: it may
/// neither throw nor jump, so it records and lets the failing call return.
struct ErrorLog {
    std::string step;
    std::vector<LibharuError> errors;
    bool lost_an_error = false;  ///< recording needed memory that was not there
};

/// libharu's error callback: records into the ErrorLog given as user data.
extern "C" void record_libharu_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) noexcept;

struct DocumentDeleter {
    void operator()(HPDF_Doc document) const { HPDF_Free(document); }
};
using Document = std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, DocumentDeleter>;

}  // namespace vitae::render
