#pragma once
// Reading input files whole.

#include <string>

namespace vitae {

struct FileText {
    std::string text;
    std::string error;  ///< why it could not be read ("No such file or directory"); empty on success
};

/// The whole file; "-" is standard input. A directory is an error.
[[nodiscard]] FileText read_file(const std::string& path);

}  // namespace vitae
