#include "vitae/image/image.hpp"

// clang-format off: jpeglib.h needs <cstdio> first.
#include <jpeglib.h>
#include <cstdio>
// clang-format on
#include <png.h>

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cmath>
#include <csetjmp>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "vitae/base/limits.hpp"

namespace vitae::image {

std::string_view to_string(Format format) {
    return format == Format::jpeg ? "JPEG" : "PNG";
}

namespace {

/// How a picture's stored rows are turned to be shown (EXIF's orientation
/// values 1–8: 6 is a phone held upright, its rows stored sideways).
struct Orientation {
    int value = 1;

    [[nodiscard]] bool swaps_axes() const { return value >= 5; }
    /// Where stored pixel (x, y) of a `width` × `height` picture is shown.
    [[nodiscard]] std::array<int, 2> shown_at(int x, int y, int width, int height) const {
        switch (value) {
            case 2: return {width - 1 - x, y};
            case 3: return {width - 1 - x, height - 1 - y};
            case 4: return {x, height - 1 - y};
            case 5: return {y, x};
            case 6: return {height - 1 - y, x};
            case 7: return {height - 1 - y, width - 1 - x};
            case 8: return {y, width - 1 - x};
            default: return {x, y};
        }
    }
};

/// Receives a decoded picture row by row, RGB or RGBA (`channels`), as
/// stored (the orientation says how it is shown).
class RowSink {
public:
    RowSink() = default;
    RowSink(const RowSink&) = delete;
    RowSink& operator=(const RowSink&) = delete;
    virtual ~RowSink() = default;
    /// `width` × `height`: the rows to come, of a picture stored `full_width`
    /// × `full_height` (a JPEG is decoded scaled down when its print needs less).
    virtual void begin(int width, int height, int channels, Orientation orientation, int full_width,
                       int full_height) = 0;
    virtual void row(int y, const std::uint8_t* pixels) = 0;
};

/// The shown picture cut to a box's proportions and scaled down by
/// averaging the pixels that fall in each output pixel (a box filter, as
/// a downscale of 2× or more needs; nothing is scaled up).
class Downscale final : public RowSink {
public:
    Downscale(double box_width_px, double box_height_px)
        : box_width_px_(box_width_px), box_height_px_(box_height_px) {}

    void begin(int width, int height, int channels, Orientation orientation, int /*full_width*/,
               int /*full_height*/) override {
        width_ = width;
        height_ = height;
        channels_ = channels;
        orientation_ = orientation;
        const int shown_width = orientation.swaps_axes() ? height : width;
        const int shown_height = orientation.swaps_axes() ? width : height;
        // The largest part of the shown picture with the box's proportions, centred.
        const double box_ratio = box_width_px_ / box_height_px_;
        crop_width_ = shown_width;
        crop_height_ = shown_height;
        if (static_cast<double>(shown_width) / shown_height > box_ratio) {
            crop_width_ = std::max(1, static_cast<int>(std::lround(shown_height * box_ratio)));
        } else {
            crop_height_ = std::max(1, static_cast<int>(std::lround(shown_width / box_ratio)));
        }
        crop_left_ = (shown_width - crop_width_) / 2;
        crop_top_ = (shown_height - crop_height_) / 2;
        out_width_ = std::clamp(static_cast<int>(std::lround(box_width_px_)), 1, crop_width_);
        out_height_ = std::clamp(static_cast<int>(std::lround(out_width_ / box_ratio)), 1, crop_height_);
        const auto pixels = static_cast<std::size_t>(out_width_) * static_cast<std::size_t>(out_height_);
        sums_.assign(pixels * 4, 0);
        counts_.assign(pixels, 0);
    }

    void row(int y, const std::uint8_t* pixels) override {
        for (int x = 0; x < width_; ++x) {
            const auto [shown_x, shown_y] = orientation_.shown_at(x, y, width_, height_);
            const int crop_x = shown_x - crop_left_;
            const int crop_y = shown_y - crop_top_;
            if (crop_x < 0 || crop_y < 0 || crop_x >= crop_width_ || crop_y >= crop_height_) continue;
            const auto out_x =
                static_cast<std::size_t>(static_cast<long long>(crop_x) * out_width_ / crop_width_);
            const auto out_y =
                static_cast<std::size_t>(static_cast<long long>(crop_y) * out_height_ / crop_height_);
            const std::size_t at = out_y * static_cast<std::size_t>(out_width_) + out_x;
            const std::uint8_t* pixel = pixels + static_cast<std::ptrdiff_t>(x) * channels_;
            // Colour weighted by opacity: a transparent pixel's colour
            // (often black) must not darken the edge it is averaged into.
            const std::uint64_t alpha = channels_ == 4 ? pixel[3] : 255;
            for (int channel = 0; channel < 3; ++channel) sums_[at * 4 + channel] += pixel[channel] * alpha;
            sums_[at * 4 + 3] += alpha;
            ++counts_[at];
        }
    }

    [[nodiscard]] int out_width() const { return out_width_; }
    [[nodiscard]] int out_height() const { return out_height_; }
    [[nodiscard]] bool has_alpha() const { return channels_ == 4; }

    /// The averaged pixels, RGB; `alpha` gets the averaged opacity.
    [[nodiscard]] std::vector<std::uint8_t> rgb(std::string& alpha) const {
        std::vector<std::uint8_t> out(counts_.size() * 3, 255);
        if (has_alpha()) alpha.assign(counts_.size(), '\0');
        for (std::size_t at = 0; at < counts_.size(); ++at) {
            if (counts_[at] == 0) continue;
            const std::uint64_t opacity = sums_[at * 4 + 3];
            for (int channel = 0; channel < 3; ++channel) {
                // A pixel no opacity reaches is white, as the page under it.
                constexpr std::uint64_t white = 255;
                out[at * 3 + channel] = static_cast<std::uint8_t>(
                    opacity == 0 ? white : (sums_[at * 4 + channel] + opacity / 2) / opacity);
            }
            if (has_alpha()) alpha[at] = static_cast<char>((opacity + counts_[at] / 2) / counts_[at]);
        }
        return out;
    }

private:
    double box_width_px_;
    double box_height_px_;
    int width_ = 0;
    int height_ = 0;
    int channels_ = 3;
    Orientation orientation_;
    int crop_left_ = 0;
    int crop_top_ = 0;
    int crop_width_ = 1;
    int crop_height_ = 1;
    int out_width_ = 1;
    int out_height_ = 1;
    std::vector<std::uint64_t> sums_;
    std::vector<std::uint32_t> counts_;
};

// --- JPEG -------------------------------------------------------------------

/// libjpeg's error manager with a way out: its default ends the process.
struct JpegErrors {
    jpeg_error_mgr manager{};
    std::jmp_buf jump{};
    std::array<char, JMSG_LENGTH_MAX> message{};
};

[[noreturn]] void jpeg_fails(j_common_ptr info) {
    auto* errors = reinterpret_cast<JpegErrors*>(info->err);
    (*info->err->format_message)(info, errors->message.data());
    std::longjmp(errors->jump, 1);
}

/// A warning is damage too ("Premature end of JPEG file": libjpeg pads a
/// truncated picture with grey and goes on).
void jpeg_warns(j_common_ptr info, int level) {
    if (level < 0) jpeg_fails(info);
}

/// The EXIF orientation in an APP1 marker, 1 when there is none.
int exif_orientation(const jpeg_decompress_struct& info) {
    for (jpeg_saved_marker_ptr marker = info.marker_list; marker != nullptr; marker = marker->next) {
        if (marker->marker != JPEG_APP0 + 1 || marker->data_length < 14) continue;
        const std::uint8_t* data = marker->data;
        const std::size_t length = marker->data_length;
        if (std::memcmp(data, "Exif\0\0", 6) != 0) continue;
        const std::uint8_t* tiff = data + 6;
        const std::size_t tiff_length = length - 6;
        const bool little = tiff[0] == 'I';
        const auto read16 = [&](std::size_t at) -> unsigned {
            if (at + 2 > tiff_length) return 0;
            return little ? tiff[at] | (tiff[at + 1] << 8) : (tiff[at] << 8) | tiff[at + 1];
        };
        const auto read32 = [&](std::size_t at) -> std::size_t {
            if (at + 4 > tiff_length) return tiff_length;
            return little ? std::size_t{read16(at)} | (std::size_t{read16(at + 2)} << 16)
                          : (std::size_t{read16(at)} << 16) | read16(at + 2);
        };
        const std::size_t directory = read32(4);
        const unsigned entries = read16(directory);
        constexpr unsigned orientation_tag = 0x0112;
        constexpr std::size_t entry_bytes = 12;
        for (unsigned i = 0; i < entries; ++i) {
            const std::size_t entry = directory + 2 + i * entry_bytes;
            if (entry + entry_bytes > tiff_length) break;
            if (read16(entry) != orientation_tag) continue;
            const unsigned value = read16(entry + 8);
            return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
        }
    }
    return 1;
}

/// The smallest of libjpeg's DCT scalings (1/8 … 1/1) that keeps the
/// picture at least `wanted` pixels on its shorter side: a 12-megapixel
/// photo printed 4 cm wide is decoded at 1/4, four times less work.
int jpeg_scale_denominator(int width, int height, double wanted) {
    const int shorter = std::min(width, height);
    for (int denominator : {8, 4, 2}) {
        if (shorter / denominator >= wanted) return denominator;
    }
    return 1;
}

/// Decodes a JPEG into `sink`. Only trivially destructible objects live
/// in this frame: libjpeg's errors leave it by longjmp.
bool decode_jpeg(std::string_view bytes, RowSink& sink, double wanted_shorter_side, JpegErrors& errors) {
    jpeg_decompress_struct info{};
    info.err = jpeg_std_error(&errors.manager);
    errors.manager.error_exit = jpeg_fails;
    errors.manager.emit_message = jpeg_warns;
    if (setjmp(errors.jump) != 0) {
        jpeg_destroy_decompress(&info);
        return false;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    constexpr unsigned max_marker_bytes = 0xFFFF;
    jpeg_save_markers(&info, JPEG_APP0 + 1, max_marker_bytes);
    jpeg_read_header(&info, TRUE);
    if (static_cast<double>(info.image_width) * info.image_height > limits::max_picture_pixels) {
        std::snprintf(errors.message.data(), errors.message.size(),
                      "it has %u x %u pixels, more than the %.0f million vitae reads", info.image_width,
                      info.image_height, limits::max_picture_pixels / 1e6);
        jpeg_destroy_decompress(&info);
        return false;
    }
    const bool cmyk = info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK;
    info.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    info.scale_num = 1;
    info.scale_denom = static_cast<unsigned>(jpeg_scale_denominator(
        static_cast<int>(info.image_width), static_cast<int>(info.image_height), wanted_shorter_side));
    const Orientation orientation{exif_orientation(info)};
    jpeg_start_decompress(&info);
    const auto width = static_cast<int>(info.output_width);
    // Rows in libjpeg's own pool, freed with it: nothing here to destroy.
    JSAMPARRAY row = (*info.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&info), JPOOL_IMAGE,
                                               info.output_width * info.output_components, 1);
    JSAMPARRAY rgb = (*info.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&info), JPOOL_IMAGE,
                                               info.output_width * 3, 1);
    sink.begin(width, static_cast<int>(info.output_height), 3, orientation,
               static_cast<int>(info.image_width), static_cast<int>(info.image_height));
    while (info.output_scanline < info.output_height) {
        const auto y = static_cast<int>(info.output_scanline);
        jpeg_read_scanlines(&info, row, 1);
        if (!cmyk) {
            sink.row(y, row[0]);
            continue;
        }
        // Adobe's CMYK JPEGs store the inks inverted (255: none).
        const bool inverted = info.saw_Adobe_marker != 0;
        for (int x = 0; x < width; ++x) {
            const JSAMPLE* ink = row[0] + static_cast<std::ptrdiff_t>(x) * 4;
            const int black = inverted ? ink[3] : 255 - ink[3];
            for (int channel = 0; channel < 3; ++channel) {
                const int colour = inverted ? ink[channel] : 255 - ink[channel];
                rgb[0][x * 3 + channel] = static_cast<JSAMPLE>(colour * black / 255);
            }
        }
        sink.row(y, rgb[0]);
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    return true;
}

/// Frees what jpeg_mem_dest allocated.
struct MallocFree {
    void operator()(unsigned char* memory) const { std::free(memory); }
};

/// Encodes RGB pixels as a baseline JPEG with optimised Huffman tables and
/// no timestamp (the same pixels give the same bytes).
bool encode_jpeg(const std::vector<std::uint8_t>& pixels, int width, int height, int quality,
                 std::unique_ptr<unsigned char, MallocFree>& out, unsigned long& out_size,
                 JpegErrors& errors) {
    jpeg_compress_struct info{};
    info.err = jpeg_std_error(&errors.manager);
    errors.manager.error_exit = jpeg_fails;
    unsigned char* buffer = nullptr;
    if (setjmp(errors.jump) != 0) {
        jpeg_destroy_compress(&info);
        std::free(buffer);
        return false;
    }
    jpeg_create_compress(&info);
    jpeg_mem_dest(&info, &buffer, &out_size);
    info.image_width = static_cast<JDIMENSION>(width);
    info.image_height = static_cast<JDIMENSION>(height);
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    info.optimize_coding = TRUE;
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        // libjpeg's API takes rows as non-const; it only reads them.
        auto* row =
            const_cast<JSAMPLE*>(pixels.data() + static_cast<std::size_t>(info.next_scanline) * width * 3);
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    out.reset(buffer);
    return true;
}

// --- PNG --------------------------------------------------------------------

struct PngReader {
    std::string_view bytes;
    std::size_t at = 0;
    std::array<char, 256> message{};
};

[[noreturn]] void png_fails(png_structp png, png_const_charp message) {
    auto* reader = static_cast<PngReader*>(png_get_error_ptr(png));
    std::snprintf(reader->message.data(), reader->message.size(), "%s", message);
    png_longjmp(png, 1);
}

void png_warns(png_structp, png_const_charp) {}

void png_reads(png_structp png, png_bytep data, png_size_t length) {
    auto* reader = static_cast<PngReader*>(png_get_io_ptr(png));
    if (reader->bytes.size() - reader->at < length)
        png_error(png, "the PNG data end before the picture does");
    std::memcpy(data, reader->bytes.data() + reader->at, length);
    reader->at += length;
}

/// Decodes a PNG into `sink` as RGB or RGBA (an interlaced one is read whole
/// first, its passes need it). Only trivially destructible objects live in
/// this frame: libpng's errors leave it by longjmp.
bool decode_png(PngReader& reader, RowSink& sink, std::vector<std::uint8_t>& buffer) {
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &reader, png_fails, png_warns);
    if (png == nullptr) return false;
    png_infop info = png_create_info_struct(png);
    if (info == nullptr || setjmp(png_jmpbuf(png)) != 0) {
        png_destroy_read_struct(&png, &info, nullptr);
        return false;
    }
    png_set_read_fn(png, &reader, png_reads);
    constexpr png_uint_32 max_side = 1U << 16;
    png_set_user_limits(png, max_side, max_side);
    png_read_info(png, info);
    const png_uint_32 width = png_get_image_width(png, info);
    const png_uint_32 height = png_get_image_height(png, info);
    if (static_cast<double>(width) * height > limits::max_picture_pixels) {
        png_error(png, "it has more pixels than vitae reads");
    }
    png_set_expand(png);
    png_set_strip_16(png);
    png_set_gray_to_rgb(png);
    const int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    const int channels = png_get_channels(png, info);
    if (channels != 3 && channels != 4) png_error(png, "it has a colour type vitae does not read");
    const std::size_t row_bytes = png_get_rowbytes(png, info);
    if (passes > 1 && static_cast<double>(width) * height > limits::max_interlaced_picture_pixels) {
        png_error(png, "it is interlaced and larger than vitae holds whole");
    }
    const std::size_t rows_held = passes > 1 ? height : 1;
    buffer.resize(row_bytes * rows_held);
    sink.begin(static_cast<int>(width), static_cast<int>(height), channels, Orientation{},
               static_cast<int>(width), static_cast<int>(height));
    for (int pass = 0; pass < passes; ++pass) {
        for (png_uint_32 y = 0; y < height; ++y) {
            png_bytep row = buffer.data() + (passes > 1 ? y * row_bytes : 0);
            png_read_row(png, row, nullptr);
            if (passes == 1) sink.row(static_cast<int>(y), row);
        }
    }
    if (passes > 1) {
        for (png_uint_32 y = 0; y < height; ++y) sink.row(static_cast<int>(y), buffer.data() + y * row_bytes);
    }
    png_read_end(png, nullptr);
    png_destroy_read_struct(&png, &info, nullptr);
    return true;
}

std::optional<Format> format_of(std::string_view bytes) {
    if (bytes.starts_with("\xFF\xD8\xFF")) return Format::jpeg;
    if (bytes.starts_with("\x89PNG\r\n\x1A\n")) return Format::png;
    return std::nullopt;
}

/// Decodes `bytes` into `sink`; an error message when it cannot.
std::string decode(std::string_view bytes, RowSink& sink, double wanted_shorter_side) {
    const std::optional<Format> format = format_of(bytes);
    if (!format) return "it is neither a JPEG nor a PNG picture";
    if (*format == Format::jpeg) {
        JpegErrors errors;
        if (decode_jpeg(bytes, sink, wanted_shorter_side, errors)) return {};
        return fmt::format("the JPEG is damaged: {}", errors.message.data());
    }
    PngReader reader{bytes, 0, {}};
    std::vector<std::uint8_t> buffer;
    if (decode_png(reader, sink, buffer)) return {};
    return fmt::format("the PNG is damaged: {}", reader.message.data());
}

/// Records the size, channels and orientation a decoder announces.
class Measure final : public RowSink {
public:
    void begin(int /*width*/, int /*height*/, int channels, Orientation orientation, int full_width,
               int full_height) override {
        width_ = orientation.swaps_axes() ? full_height : full_width;
        height_ = orientation.swaps_axes() ? full_width : full_height;
        alpha_ = channels == 4;
    }
    void row(int, const std::uint8_t*) override {}
    int width_ = 0;
    int height_ = 0;
    bool alpha_ = false;
};

}  // namespace

Inspection inspect(std::string_view bytes) {
    Measure measure;
    // Decoded at libjpeg's smallest scale: every byte is still read.
    if (std::string error = decode(bytes, measure, 0); !error.empty())
        return {std::nullopt, std::move(error)};
    return {Info{*format_of(bytes), measure.width_, measure.height_, measure.alpha_}, {}};
}

std::optional<Printed> print(std::string_view bytes, double box_width_pt, double box_height_pt, double dpi,
                             int quality, std::string& error) {
    constexpr double points_per_inch = 72;
    const double box_width_px = std::max(1.0, box_width_pt / points_per_inch * dpi);
    const double box_height_px = std::max(1.0, box_height_pt / points_per_inch * dpi);
    Downscale downscale{box_width_px, box_height_px};
    error = decode(bytes, downscale, std::max(box_width_px, box_height_px));
    if (!error.empty()) return std::nullopt;
    Printed printed;
    printed.width = downscale.out_width();
    printed.height = downscale.out_height();
    const std::vector<std::uint8_t> rgb = downscale.rgb(printed.alpha);
    JpegErrors errors;
    std::unique_ptr<unsigned char, MallocFree> jpeg;
    unsigned long jpeg_size = 0;
    if (!encode_jpeg(rgb, printed.width, printed.height, quality, jpeg, jpeg_size, errors)) {
        error = fmt::format("cannot encode the JPEG: {}", errors.message.data());
        return std::nullopt;
    }
    printed.jpeg.assign(reinterpret_cast<const char*>(jpeg.get()), jpeg_size);
    return printed;
}

}  // namespace vitae::image
