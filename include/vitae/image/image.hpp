#pragma once
// Pictures a CV or letter shows (a photo, a signature): read whole to be
// sure they are sound, then cut and scaled to the size they are printed
// at. libjpeg-turbo and libpng are this stage's alone.

#include <optional>
#include <string>
#include <string_view>

namespace vitae::image {

enum class Format { jpeg, png };

[[nodiscard]] std::string_view to_string(Format format);

/// What a sound picture is, as it is shown (a JPEG's EXIF orientation
/// applied: a phone's portrait picture is taller than wide).
struct Info {
    Format format = Format::jpeg;
    int width = 0;  ///< pixels
    int height = 0;
    bool alpha = false;  ///< a PNG with transparency
};

/// A picture's info, or why it cannot be shown.
struct Inspection {
    std::optional<Info> info;
    std::string error;  ///< "the JPEG data end before the picture does", …
};

/// Decodes the whole picture (one row at a time: a large one is not held
/// in memory) so that a truncated or corrupt file is found when the CV is
/// read, not when its PDF is written.
[[nodiscard]] Inspection inspect(std::string_view bytes);

/// Print resolution pictures are scaled down to: the 300 dpi of offset
/// printing and photo labs; more is invisible on paper and only weighs.
inline constexpr double print_dpi = 300;

/// A picture cut and scaled for a box on the page: its JPEG (RGB, baseline)
/// and, when it had transparency, its alpha channel, one byte a pixel.
struct Printed {
    std::string jpeg;
    std::string alpha;  ///< empty for an opaque picture
    int width = 0;      ///< pixels
    int height = 0;
};

/// `bytes` centred and cut to the box's proportions (as CSS's
/// `object-fit: cover`), scaled down (never up) to `dpi` at the box's size
/// in points, and encoded as a JPEG of `quality`. The same bytes in, the
/// same bytes out. Nothing, with `error` set, for a picture inspect refuses.
[[nodiscard]] std::optional<Printed> print(std::string_view bytes, double box_width_pt, double box_height_pt,
                                           double dpi, int quality, std::string& error);

/// JPEG quality of printed photos: 85 is where libjpeg's artefacts stop
/// showing on a face at 300 dpi (and the default of most photo software).
inline constexpr int photo_quality = 85;

}  // namespace vitae::image
