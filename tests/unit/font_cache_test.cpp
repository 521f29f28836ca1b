#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "layout/font_cache.hpp"

namespace fs = std::filesystem;
using vitae::layout::detail::CachedFace;
using vitae::layout::detail::FontCache;

namespace {

struct Scratch {
    fs::path path = fs::temp_directory_path() / ("vitae-font-cache-test-" + std::to_string(::getpid()));
    Scratch() {
        fs::remove_all(path);
        fs::create_directories(path / "fonts");
        std::ofstream{path / "fonts" / "Face.ttf"} << "not really a font";
    }
    ~Scratch() { fs::remove_all(path); }
};

const FontCache::Key key{"face", true, false, true};

}  // namespace

TEST_CASE("a remembered lookup is found again by the next run", "[fonts][cache]") {
    Scratch scratch;
    const fs::path file = scratch.path / "cache" / "fonts.tsv";
    const CachedFace face{"Face", "Bold", (scratch.path / "fonts" / "Face.ttf").string(), 0, true, false};
    {
        FontCache cache{file};
        CHECK_FALSE(cache.find(key));
        cache.remember(key, face);
    }
    REQUIRE(fs::exists(file));
    FontCache next{file};
    const auto found = next.find(key);
    REQUIRE(found);
    CHECK(found->path == face.path);
    CHECK(found->style == "Bold");
    CHECK(found->bold);
    CHECK_FALSE(next.find({"face", false, false, true}));
}

TEST_CASE("a font installed beside a remembered one makes the lookup start over", "[fonts][cache]") {
    Scratch scratch;
    const fs::path file = scratch.path / "fonts.tsv";
    {
        FontCache cache{file};
        cache.remember(key, {"Face", "Bold", (scratch.path / "fonts" / "Face.ttf").string(), 0, true, false});
    }
    // The folder's time changes when a file is added to it.
    const auto before = fs::last_write_time(scratch.path / "fonts");
    std::ofstream{scratch.path / "fonts" / "Face-Bold.ttf"} << "a closer match";
    fs::last_write_time(scratch.path / "fonts", before + std::chrono::seconds{1});
    FontCache next{file};
    CHECK_FALSE(next.find(key));
}

TEST_CASE("a damaged or foreign cache file is ignored", "[fonts][cache]") {
    Scratch scratch;
    const fs::path file = scratch.path / "fonts.tsv";
    std::ofstream{file} << "something else entirely\nface\t1\n";
    FontCache cache{file};
    CHECK_FALSE(cache.find(key));
}

TEST_CASE("a missing file is not remembered", "[fonts][cache]") {
    Scratch scratch;
    const fs::path file = scratch.path / "fonts.tsv";
    {
        FontCache cache{file};
        cache.remember(key, {"Face", "Bold", (scratch.path / "nowhere.ttf").string(), 0, true, false});
    }
    CHECK_FALSE(fs::exists(file));
}
