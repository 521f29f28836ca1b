#pragma once
// Helpers shared by the unit tests.

#include <string>
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

}  // namespace vitae::test
