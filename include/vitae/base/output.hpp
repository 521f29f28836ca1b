#pragma once
// Writing results: whole or not at all. A reader of the output path sees
// the old file or the complete new one, never a half-written file.

#include <sys/types.h>

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace vitae {

/// Writes `bytes` to `path`; returns an error message, or nothing on success.
///
/// - "-" is standard output.
/// - A regular file (or a new one) is replaced atomically: the bytes go to a
///   temporary file beside it, which is then renamed over it, so a reader
///   (or a descriptor opened before) sees the old bytes or the new ones,
///   never a mix, and a failed write leaves the old file as it was. An
///   existing file keeps its permissions (and owner, where allowed); a new
///   one gets 0666 less the umask.
/// - A symbolic link is written through: its final target is replaced as
///   above and the link stays (a dangling link's target is created).
/// - Anything else that is not a directory (a character device such as
///   /dev/null or /dev/stdout, a FIFO, a socket) is opened and written in
///   place, never replaced and never created.
[[nodiscard]] std::optional<std::string> write_file_atomically(const std::string& path,
                                                               std::string_view bytes);

/// What makes two paths the same file: links, `./x` and `../d/x`
/// spellings of one file all have one identity.
struct FileIdentity {
    dev_t device = 0;
    ino_t inode = 0;
    auto operator<=>(const FileIdentity&) const = default;
};

/// The identity of the file `path` names (following symbolic links), or
/// nothing when there is no such file.
[[nodiscard]] std::optional<FileIdentity> identity_of(const std::string& path);

}  // namespace vitae
