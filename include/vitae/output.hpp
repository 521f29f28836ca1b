#pragma once
// Writing results: whole or not at all. A reader of the output path sees
// the old file or the complete new one, never a half-written file.

#include <optional>
#include <string>
#include <string_view>

namespace vitae {

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`. "-" writes to standard output. Returns an error message, or
/// nothing on success.
[[nodiscard]] std::optional<std::string> write_file_atomically(const std::string& path,
                                                               std::string_view bytes);

}  // namespace vitae
