#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "vitae/output.hpp"

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
