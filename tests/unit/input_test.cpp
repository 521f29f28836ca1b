// read_file reads regular files (and standard input) only, and no more than
// limits::max_input_bytes of them: a device, a FIFO nobody writes to, or an
// endless stream is an error at once, never a hang or a full memory.
#include "vitae/base/input.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "vitae/base/limits.hpp"

namespace {

/// A fresh empty folder, removed at the end.
struct Folder {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("vitae-input-test-" + std::to_string(::getpid()));
    Folder() {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    Folder(const Folder&) = delete;
    Folder& operator=(const Folder&) = delete;
    ~Folder() { std::filesystem::remove_all(path); }
};

/// A sparse file of `size` bytes (zeros): cheap however large.
std::string sparse_file(const Folder& folder, std::uintmax_t size) {
    const std::string path = (folder.path / "big.bib").string();
    { std::ofstream{path}; }
    std::filesystem::resize_file(path, size);
    return path;
}

/// Standard input taken from `path` for as long as it lives.
class StandardInputFrom {
public:
    explicit StandardInputFrom(const std::string& path)
        : saved_(::dup(STDIN_FILENO)), file_(::open(path.c_str(), O_RDONLY)) {
        REQUIRE(::dup2(file_, STDIN_FILENO) == STDIN_FILENO);
    }
    StandardInputFrom(const StandardInputFrom&) = delete;
    StandardInputFrom& operator=(const StandardInputFrom&) = delete;
    ~StandardInputFrom() {
        ::dup2(saved_, STDIN_FILENO);
        ::close(saved_);
        ::close(file_);
    }

private:
    int saved_;
    int file_;
};

}  // namespace

TEST_CASE("read_file reads a regular file whole", "[input]") {
    const Folder folder;
    const std::string path = (folder.path / "cv.toml").string();
    std::ofstream{path} << "[person]\nname = \"A\"\n";
    const vitae::FileText file = vitae::read_file(path);
    CHECK(file.error.empty());
    CHECK(file.text == "[person]\nname = \"A\"\n");
    CHECK(vitae::read_file((folder.path / "missing").string()).error == "No such file or directory");
    CHECK(vitae::read_file(folder.path.string()).error == "it is a directory");
}

TEST_CASE("read_file refuses devices at once: /dev/zero never ends", "[input]") {
    const vitae::FileText file = vitae::read_file("/dev/zero");
    CHECK(file.text.empty());
    CHECK(file.error == "it is not a regular file (a device, FIFO or socket)");
}

TEST_CASE("read_file refuses a FIFO without waiting for a writer", "[input]") {
    const Folder folder;
    const std::string path = (folder.path / "style.toml").string();
    REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
    // Without O_NONBLOCK the open itself would wait forever: the test
    // would hang, not fail.
    const vitae::FileText file = vitae::read_file(path);
    CHECK(file.error == "it is not a regular file (a device, FIFO or socket)");
}

TEST_CASE("read_file refuses a file one byte over the limit, and reads one at the limit", "[input]") {
    const Folder folder;
    const std::string over = sparse_file(folder, vitae::limits::max_input_bytes + 1);
    CHECK(vitae::read_file(over).error == "it is larger than 16 MiB, the most vitae reads from one file");
    const std::string at = sparse_file(folder, vitae::limits::max_input_bytes);
    const vitae::FileText file = vitae::read_file(at);
    CHECK(file.error.empty());
    CHECK(file.text.size() == vitae::limits::max_input_bytes);
}

TEST_CASE("read_file stops reading standard input past the limit", "[input]") {
    const Folder folder;
    const std::string over = sparse_file(folder, vitae::limits::max_input_bytes + 1);
    const StandardInputFrom input{over};
    const vitae::FileText file = vitae::read_file("-");
    CHECK(file.error == "it is larger than 16 MiB, the most vitae reads from one file");
    CHECK(file.text.empty());
}

TEST_CASE("read_file refuses /dev/stdin when it is a pipe", "[input]") {
    int pipe_ends[2];
    REQUIRE(::pipe(pipe_ends) == 0);
    const int saved = ::dup(STDIN_FILENO);
    REQUIRE(::dup2(pipe_ends[0], STDIN_FILENO) == STDIN_FILENO);
    const vitae::FileText file = vitae::read_file("/dev/stdin");
    ::dup2(saved, STDIN_FILENO);
    ::close(saved);
    ::close(pipe_ends[0]);
    ::close(pipe_ends[1]);
    CHECK(file.error == "it is not a regular file (a device, FIFO or socket)");
}
