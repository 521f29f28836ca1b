#include "vitae/base/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <vector>

#include "vitae/base/limits.hpp"

namespace vitae {

namespace {

constexpr mode_t permission_bits = 07777;  // rwx for all three, setuid, setgid, sticky
constexpr mode_t new_file_mode = 0666;     // as open(2) and every shell redirection create files

/// Writes every byte, retrying short and interrupted writes.
bool write_all(int descriptor, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(descriptor, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

/// Closes the descriptor and removes the temporary file unless committed.
class TemporaryFile {
public:
    explicit TemporaryFile(const std::string& target) : name_(target + ".tmp-XXXXXX") {
        std::vector<char> pattern(name_.begin(), name_.end());
        pattern.push_back('\0');
        descriptor_ = ::mkstemp(pattern.data());
        name_ = pattern.data();
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    ~TemporaryFile() {
        if (descriptor_ >= 0) ::close(descriptor_);
        if (!committed_) std::remove(name_.c_str());
    }

    [[nodiscard]] bool is_open() const { return descriptor_ >= 0; }

    bool write(std::string_view bytes) { return write_all(descriptor_, bytes); }

    /// Gives the file the permissions of the one it replaces (and its owner
    /// and group where this process may), or those of any new file when
    /// there is none (mkstemp gives 0600).
    bool close_with_mode_of(const struct stat* replaced) {
        bool ok = true;
        if (replaced) {
            // Only root may give a file away; anyone else keeps owning the new file.
            if (::fchown(descriptor_, replaced->st_uid, replaced->st_gid) != 0) errno = 0;
            ok = ::fchmod(descriptor_, replaced->st_mode & permission_bits) == 0;
        } else {
            const mode_t mask = ::umask(0);
            ::umask(mask);
            ok = ::fchmod(descriptor_, new_file_mode & ~mask) == 0;
        }
        ok = ::close(descriptor_) == 0 && ok;
        descriptor_ = -1;
        return ok;
    }

    bool rename_to(const std::string& target) {
        committed_ = std::rename(name_.c_str(), target.c_str()) == 0;
        return committed_;
    }

private:
    std::string name_;
    int descriptor_ = -1;
    bool committed_ = false;
};

std::string failure(const std::string& action, const std::string& path) {
    return fmt::format("cannot {} '{}': {}", action, path, std::strerror(errno));
}

/// The path a chain of symbolic links ends at (the path itself when it is
/// no link), relative targets taken from their link's folder; errno is set
/// and nothing returned after too many links or when one cannot be read.
std::optional<std::string> final_target(std::string path) {
    for (int hops = 0; hops <= limits::max_symlink_hops; ++hops) {
        struct stat link {};
        if (::lstat(path.c_str(), &link) != 0 || !S_ISLNK(link.st_mode)) return path;
        std::error_code error;
        const std::filesystem::path target = std::filesystem::read_symlink(path, error);
        if (error) {
            errno = error.value();
            return std::nullopt;
        }
        path = (std::filesystem::path{path}.parent_path() / target).string();
    }
    errno = ELOOP;
    return std::nullopt;
}

/// A device, FIFO or socket: written where it is, as a shell's `>` would,
/// except that nothing is created and nothing truncated.
std::optional<std::string> write_in_place(const std::string& path, std::string_view bytes) {
    const int descriptor = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (descriptor < 0) return failure("open", path);
    const bool written = write_all(descriptor, bytes);
    const int write_error = errno;
    const bool closed = ::close(descriptor) == 0;
    if (!written) errno = write_error;
    if (!written || !closed) return failure("write", path);
    return std::nullopt;
}

std::optional<std::string> replace(const std::string& target, const std::string& shown,
                                   std::string_view bytes, const struct stat* replaced) {
    TemporaryFile temporary{target};
    if (!temporary.is_open()) return failure("create a temporary file beside", shown);
    if (!temporary.write(bytes)) return failure("write", shown);
    if (!temporary.close_with_mode_of(replaced)) return failure("write", shown);
    if (!temporary.rename_to(target)) return failure("replace", shown);
    return std::nullopt;
}

}  // namespace

std::optional<std::string> write_file_atomically(const std::string& path, std::string_view bytes) {
    if (path == "-") {
        std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        std::cout.flush();
        if (!std::cout) return "cannot write to standard output";
        return std::nullopt;
    }
    struct stat existing {};
    const bool exists = ::stat(path.c_str(), &existing) == 0;
    // Not there: a new file, or the missing target of a dangling link.
    if (!exists && errno != ENOENT) return failure("write", path);
    if (exists && S_ISDIR(existing.st_mode)) return fmt::format("cannot write '{}': it is a directory", path);
    // The kernel follows links such as /dev/stdout → /proc/self/fd/1 → pipe.
    if (exists && !S_ISREG(existing.st_mode)) return write_in_place(path, bytes);
    const std::optional<std::string> target = final_target(path);
    if (!target) return failure("follow the links of", path);
    return replace(*target, path, bytes, exists ? &existing : nullptr);
}

std::optional<FileIdentity> identity_of(const std::string& path) {
    struct stat status {};
    if (path == "-" || ::stat(path.c_str(), &status) != 0) return std::nullopt;
    return FileIdentity{status.st_dev, status.st_ino};
}

}  // namespace vitae
