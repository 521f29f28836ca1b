#pragma once
// Reading input files whole, within limits::max_input_bytes.

#include <string>

namespace vitae {

struct FileText {
    std::string text;
    std::string error;  ///< why it could not be read ("No such file or directory"); empty on success
};

/// The whole file; "-" is standard input. Only a regular file is read (or
/// whatever standard input is): a directory, device, FIFO or socket is an
/// error, so that /dev/zero or a pipe nobody writes to cannot hang or fill
/// memory, and so is anything longer than limits::max_input_bytes.
[[nodiscard]] FileText read_file(const std::string& path);

}  // namespace vitae
