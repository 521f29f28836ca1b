#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "layout/font_cache.hpp"
#include "vitae/layout/fonts.hpp"

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

/// Sets an environment variable while alive, then puts back what was there.
class EnvironmentVariable {
public:
    EnvironmentVariable(std::string name, const std::string& value) : name_(std::move(name)) {
        if (const char* old = std::getenv(name_.c_str())) old_ = old;
        ::setenv(name_.c_str(), value.c_str(), 1);
    }
    EnvironmentVariable(const EnvironmentVariable&) = delete;
    EnvironmentVariable& operator=(const EnvironmentVariable&) = delete;
    ~EnvironmentVariable() {
        if (old_) {
            ::setenv(name_.c_str(), old_->c_str(), 1);
        } else {
            ::unsetenv(name_.c_str());
        }
    }

private:
    std::string name_;
    std::optional<std::string> old_;
};

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

TEST_CASE("the font lookup answers from the cache without asking fontconfig", "[fonts][cache]") {
    // A family no fontconfig knows, planted in the cache with a real font
    // file: only a lookup that reads the cache can find it.
    Scratch scratch;
    const fs::path planted = scratch.path / "fonts" / "Planted.ttf";
    fs::copy_file("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", planted);
    const fs::path file = scratch.path / "fonts.tsv";
    const FontCache::Key planted_key{"vitae planted family", false, false, true};
    {
        FontCache cache{file};
        cache.remember(planted_key, {"Vitae Planted Family", "Book", planted.string(), 0, false, false});
    }
    const vitae::layout::FontRequest request{"Vitae Planted Family", false, false, true};
    {
        const EnvironmentVariable no_cache{"VITAE_FONT_CACHE", "off"};
        vitae::layout::SystemFonts fonts;
        REQUIRE_FALSE(fonts.find_face(request));  // fontconfig does not know it
    }
    const EnvironmentVariable cached{"VITAE_FONT_CACHE", file.string()};
    vitae::layout::SystemFonts fonts;
    const std::optional<vitae::layout::FaceId> face = fonts.find_face(request);
    INFO(fonts.last_failure());
    REQUIRE(face);
    CHECK(fonts.face(*face).path == planted.string());
}

TEST_CASE("a font found by fontconfig is written to the cache for the next run", "[fonts][cache]") {
    Scratch scratch;
    const fs::path file = scratch.path / "fonts.tsv";
    std::string path;
    {
        const EnvironmentVariable cached{"VITAE_FONT_CACHE", file.string()};
        vitae::layout::SystemFonts fonts;
        const std::optional<vitae::layout::FaceId> face =
            fonts.find_face({"DejaVu Sans", false, false, true});
        REQUIRE(face);
        path = fonts.face(*face).path;
    }
    FontCache next{file};
    const std::optional<CachedFace> found = next.find({"dejavu sans", false, false, true});
    REQUIRE(found);
    CHECK(found->path == path);
}
