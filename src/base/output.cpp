#include "vitae/output.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <vector>

namespace vitae {

namespace {

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

    bool write(std::string_view bytes) {
        while (!bytes.empty()) {
            const ssize_t written = ::write(descriptor_, bytes.data(), bytes.size());
            if (written < 0) {
                if (errno == EINTR) continue;
                return false;
            }
            bytes.remove_prefix(static_cast<std::size_t>(written));
        }
        return true;
    }

    /// Makes the file readable like any other new file (mkstemp gives 0600).
    bool close_with_default_mode() {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        const bool ok = ::fchmod(descriptor_, 0666 & ~mask) == 0 && ::close(descriptor_) == 0;
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
    return "cannot " + action + " '" + path + "': " + std::strerror(errno);
}

}  // namespace

std::optional<std::string> write_file_atomically(const std::string& path, std::string_view bytes) {
    if (path == "-") {
        std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        std::cout.flush();
        if (!std::cout) return "cannot write to standard output";
        return std::nullopt;
    }
    if (std::filesystem::is_directory(path)) return "cannot write '" + path + "': it is a directory";
    TemporaryFile temporary{path};
    if (!temporary.is_open()) return failure("create a temporary file beside", path);
    if (!temporary.write(bytes)) return failure("write", path);
    if (!temporary.close_with_default_mode()) return failure("write", path);
    if (!temporary.rename_to(path)) return failure("replace", path);
    return std::nullopt;
}

}  // namespace vitae
