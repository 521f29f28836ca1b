#include "vitae/base/input.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "vitae/base/file_descriptor.hpp"
#include "vitae/base/limits.hpp"

namespace vitae {

namespace {

std::string too_large() {
    return fmt::format("it is larger than {} MiB, the most vitae reads from one file",
                       limits::max_input_bytes >> 20);
}

/// Everything `descriptor` gives until its end, or an error once it gives
/// more than the limit: its stat size is only a hint (standard input, /proc
/// and growing files say less than they hold).
FileText read_all(int descriptor, std::size_t expected_size) {
    constexpr std::size_t chunk = std::size_t{1} << 16;
    FileText file;
    file.text.reserve(std::min(expected_size, limits::max_input_bytes) + chunk);
    while (true) {
        const std::size_t old_size = file.text.size();
        file.text.resize(old_size + chunk);
        const ssize_t got = ::read(descriptor, file.text.data() + old_size, chunk);
        if (got < 0 && errno == EINTR) {
            file.text.resize(old_size);
            continue;
        }
        if (got < 0) return {{}, std::strerror(errno)};
        file.text.resize(old_size + static_cast<std::size_t>(got));
        if (got == 0) break;
        if (file.text.size() > limits::max_input_bytes) return {{}, too_large()};
    }
    file.text.shrink_to_fit();
    return file;
}

}  // namespace

FileText read_file(const std::string& path) {
    if (path == "-") return read_all(STDIN_FILENO, 0);
    // O_NONBLOCK: opening a FIFO nobody writes to would wait forever; the
    // type check below turns it away instead.
    const FileDescriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
    if (file.get() < 0) return {{}, std::strerror(errno)};
    struct stat status {};
    if (::fstat(file.get(), &status) != 0) return {{}, std::strerror(errno)};
    if (S_ISDIR(status.st_mode)) return {{}, "it is a directory"};
    if (!S_ISREG(status.st_mode)) return {{}, "it is not a regular file (a device, FIFO or socket)"};
    if (static_cast<std::uintmax_t>(status.st_size) > limits::max_input_bytes) return {{}, too_large()};
    // Reads of a regular file never wait, O_NONBLOCK or not.
    return read_all(file.get(), static_cast<std::size_t>(status.st_size));
}

}  // namespace vitae
