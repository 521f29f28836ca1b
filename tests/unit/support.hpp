#pragma once
// Helpers shared by the unit tests.

#include <string>
#include <string_view>
#include <vector>

#include "vitae/base/diag.hpp"

namespace vitae::test {

/// Every diagnostic as its one printed line.
inline std::vector<std::string> lines(const Diagnostics& diagnostics) {
    std::vector<std::string> result;
    for (const Diagnostic& diagnostic : diagnostics.items()) result.push_back(format(diagnostic));
    return result;
}

inline SourceRegion region(const std::string& file, std::uint32_t line, std::uint32_t column) {
    return SourceRegion{std::make_shared<const std::string>(file), {line, column}, {line, column}};
}

/// A 2 × 3 pixel PNG (red), for what names or reads a picture.
inline constexpr std::string_view tiny_png{
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02\x00\x00\x00\x03\x08\x02"
    "\x00\x00\x00\x36\x88\x49\xd6\x00\x00\x00\x14\x49\x44\x41\x54\x78\xda\x63\x3c\xc1\xc5\xc5\xc0\xc0\xc0"
    "\xc4\xc0\xc0\x80\xa0\x00\x11\x66\x00\xe2\xe0\x9e\x1e\x92\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60"
    "\x82",
    77};

}  // namespace vitae::test
