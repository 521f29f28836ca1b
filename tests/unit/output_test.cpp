#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "e2e/process.hpp"
#include "vitae/base/output.hpp"

namespace fs = std::filesystem;

namespace {

/// A fresh directory for one test, removed afterwards.
struct ScratchDirectory {
    fs::path path = fs::temp_directory_path() / ("vitae-output-test-" + std::to_string(::getpid()));
    ScratchDirectory() {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~ScratchDirectory() { fs::remove_all(path); }
    [[nodiscard]] std::size_t file_count() const {
        return static_cast<std::size_t>(
            std::distance(fs::directory_iterator{path}, fs::directory_iterator{}));
    }
};

std::string read(const fs::path& path) {
    std::ifstream file{path, std::ios::binary};
    std::ostringstream contents;
    contents << file.rdbuf();
    return contents.str();
}

}  // namespace

TEST_CASE("an atomic write creates or replaces the whole file and leaves nothing else", "[output]") {
    ScratchDirectory scratch;
    const std::string target = (scratch.path / "cv.txt").string();
    CHECK_FALSE(vitae::write_file_atomically(target, "first"));
    CHECK(read(target) == "first");
    CHECK_FALSE(vitae::write_file_atomically(target, "second, longer"));
    CHECK(read(target) == "second, longer");
    CHECK(scratch.file_count() == 1);
    // Not the 0600 of a temporary file: readable like any other output.
    const auto permissions = fs::status(target).permissions();
    CHECK((permissions & fs::perms::owner_read) != fs::perms::none);
    CHECK((permissions & fs::perms::others_read) != fs::perms::none);
}

TEST_CASE("a write that cannot happen says why and leaves no temporary file", "[output]") {
    ScratchDirectory scratch;
    const auto missing_directory =
        vitae::write_file_atomically((scratch.path / "no" / "cv.txt").string(), "x");
    REQUIRE(missing_directory);
    CHECK(missing_directory->find("No such file or directory") != std::string::npos);
    const auto directory = vitae::write_file_atomically(scratch.path.string(), "x");
    REQUIRE(directory);
    CHECK(directory->find("it is a directory") != std::string::npos);
    CHECK(scratch.file_count() == 0);
}

namespace {

/// The bytes a descriptor reads from its start.
std::string read_descriptor(int descriptor) {
    std::string bytes;
    char buffer[256];
    for (off_t offset = 0;;) {
        const ssize_t count = ::pread(descriptor, buffer, sizeof buffer, offset);
        if (count <= 0) return bytes;
        bytes.append(buffer, static_cast<std::size_t>(count));
        offset += count;
    }
}

mode_t mode_of(const fs::path& path) {
    struct stat status {};
    REQUIRE(::lstat(path.c_str(), &status) == 0);
    return status.st_mode;
}

}  // namespace

TEST_CASE("a replaced file is a new file: a reader of the old one still reads all of it", "[output]") {
    // Truncating or rewriting the old file in place would change what the
    // old descriptor reads; only a rename over it leaves it whole.
    ScratchDirectory scratch;
    const fs::path target = scratch.path / "cv.pdf";
    const std::string old_bytes(10000, 'o');
    REQUIRE_FALSE(vitae::write_file_atomically(target.string(), old_bytes));
    const int reader = ::open(target.c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(reader >= 0);
    CHECK_FALSE(vitae::write_file_atomically(target.string(), "new"));
    CHECK(read_descriptor(reader) == old_bytes);
    ::close(reader);
    CHECK(read(target) == "new");
}

TEST_CASE("a write that fails leaves the old file as it was", "[output]") {
    ScratchDirectory scratch;
    const fs::path target = scratch.path / "cv.txt";
    const std::string old_bytes = "old bytes, whole";
    REQUIRE_FALSE(vitae::write_file_atomically(target.string(), old_bytes));
    {
        const vitae::e2e::FileSizeLimit limit{8};  // the write fails midway, even for root
        const auto error = vitae::write_file_atomically(target.string(), std::string(1000, 'n'));
        REQUIRE(error);
        CHECK(error->find("File too large") != std::string::npos);
    }
    CHECK(read(target) == old_bytes);
    CHECK(scratch.file_count() == 1);
}

TEST_CASE("a replaced file keeps its permissions and a new one gets 0666 less the umask", "[output]") {
    ScratchDirectory scratch;
    const fs::path target = scratch.path / "private.txt";
    REQUIRE_FALSE(vitae::write_file_atomically(target.string(), "first"));
    const mode_t mask = ::umask(0);
    ::umask(mask);
    CHECK((mode_of(target) & 07777) == (0666 & ~mask));
    REQUIRE(::chmod(target.c_str(), 0600) == 0);
    REQUIRE_FALSE(vitae::write_file_atomically(target.string(), "second"));
    CHECK((mode_of(target) & 07777) == 0600);
    REQUIRE(::chmod(target.c_str(), 0640) == 0);
    REQUIRE_FALSE(vitae::write_file_atomically(target.string(), "third"));
    CHECK((mode_of(target) & 07777) == 0640);
    CHECK(read(target) == "third");
}

TEST_CASE("a symbolic link is written through: the link stays, its target is replaced", "[output]") {
    ScratchDirectory scratch;
    fs::create_directory(scratch.path / "real");
    const fs::path target = scratch.path / "real" / "cv.txt";
    REQUIRE_FALSE(vitae::write_file_atomically(target.string(), "old"));
    const fs::path link = scratch.path / "link.txt";
    fs::create_symlink("real/cv.txt", link);
    CHECK_FALSE(vitae::write_file_atomically(link.string(), "new"));
    CHECK(fs::is_symlink(link));
    CHECK(fs::read_symlink(link) == "real/cv.txt");
    CHECK(read(target) == "new");
    SECTION("a dangling link gets its target made") {
        const fs::path dangling = scratch.path / "dangling.txt";
        fs::create_symlink("real/later.txt", dangling);
        CHECK_FALSE(vitae::write_file_atomically(dangling.string(), "made"));
        CHECK(fs::is_symlink(dangling));
        CHECK(read(scratch.path / "real" / "later.txt") == "made");
    }
    SECTION("a loop of links is an error, not a hang") {
        fs::create_symlink("loop-b", scratch.path / "loop-a");
        fs::create_symlink("loop-a", scratch.path / "loop-b");
        CHECK(vitae::write_file_atomically((scratch.path / "loop-a").string(), "x"));
        CHECK(fs::is_symlink(scratch.path / "loop-a"));
    }
}

TEST_CASE("a FIFO or a device is written in place, never replaced by a file", "[output]") {
    ScratchDirectory scratch;
    const fs::path fifo = scratch.path / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // The reader must be there before the writer's open returns.
    const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    REQUIRE(reader >= 0);
    CHECK_FALSE(vitae::write_file_atomically(fifo.string(), "through the pipe"));
    char buffer[64] = {};
    CHECK(::read(reader, buffer, sizeof buffer) == 16);
    CHECK(std::string{buffer} == "through the pipe");
    ::close(reader);
    CHECK(S_ISFIFO(mode_of(fifo)));
    CHECK(scratch.file_count() == 1);

    // /dev/null: as root a rename over it would replace it for the machine.
    if (S_ISCHR(mode_of("/dev/null"))) {
        CHECK_FALSE(vitae::write_file_atomically("/dev/null", "gone"));
        CHECK(S_ISCHR(mode_of("/dev/null")));
    }
}

TEST_CASE("two paths are one file when they have one device and inode", "[output]") {
    ScratchDirectory scratch;
    const fs::path file = scratch.path / "cv.toml";
    REQUIRE_FALSE(vitae::write_file_atomically(file.string(), "x"));
    fs::create_hard_link(file, scratch.path / "hard");
    fs::create_symlink("cv.toml", scratch.path / "soft");
    REQUIRE(vitae::identity_of(file.string()));
    CHECK(vitae::identity_of((scratch.path / "hard").string()) == vitae::identity_of(file.string()));
    CHECK(vitae::identity_of((scratch.path / "soft").string()) == vitae::identity_of(file.string()));
    CHECK(vitae::identity_of((scratch.path / "." / "cv.toml").string()) == vitae::identity_of(file.string()));
    CHECK_FALSE(vitae::identity_of((scratch.path / "missing").string()));
    CHECK_FALSE(vitae::identity_of("-"));
}
