#pragma once
// What the fuzz targets share: a sandbox folder that stands for the
// input's folder, a check that an input names no file outside it, the
// system fonts (one per process, renewed now and then), and a way to fail
// a property so that libFuzzer keeps the input.

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "load/toml_document.hpp"
#include "vitae/base/diag.hpp"
#include "vitae/layout/fonts.hpp"

namespace vitae::fuzz {

/// The fuzzer's bytes as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// A property of the output does not hold: print why and abort, which
/// libFuzzer reports as a crash and saves the input for.
[[noreturn]] inline void property_failed(std::string_view what, std::string_view detail) {
    std::fprintf(stderr, "property failed: %.*s\n%.*s\n", static_cast<int>(what.size()), what.data(),
                 static_cast<int>(detail.size()), detail.data());
    std::abort();
}

/// The folder a fuzzed CV or style sheet "is in": an empty folder made once
/// per process, holding only copies of the test bibliography, so that a
/// relative `bibliography` or `extends` finds nothing else. The fuzzer's
/// working directory is left alone (libFuzzer resolves its arguments in it).
inline const std::filesystem::path& sandbox() {
    /// Removed at exit; a crash leaves it in the temporary folder.
    struct Folder {
        std::filesystem::path path;
        Folder() {
            // No font lookups remembered in ~/.cache between runs of a target.
            setenv("VITAE_FONT_CACHE", "off", 1);
            std::string pattern = (std::filesystem::temp_directory_path() / "vitae-fuzz-XXXXXX").string();
            if (mkdtemp(pattern.data()) == nullptr) {
                std::perror("vitae fuzz: mkdtemp");
                std::abort();
            }
            path = pattern;
            const std::filesystem::path bib =
                std::filesystem::path{VITAE_SOURCE_DIR} / "tests/data/quirks.bib";
            std::error_code ignored;
            std::filesystem::copy_file(bib, path / "quirks.bib", ignored);
            std::filesystem::copy_file(bib, path / "papers.bib", ignored);
        }
        ~Folder() {
            std::error_code ignored;
            std::filesystem::remove_all(path, ignored);
        }
        Folder(const Folder&) = delete;
        Folder& operator=(const Folder&) = delete;
    };
    static const Folder folder;
    return folder.path;
}

namespace detail {

/// A path value that resolves inside the sandbox: a plain file name.
inline bool is_plain_file_name(std::string_view value) {
    return value.find('/') == std::string_view::npos && value != "." && value != "..";
}

inline bool names_only_plain_files(const toml::node& node) {
    if (const toml::table* table = node.as_table()) {
        for (const auto& [key, value] : *table) {
            if (key.str() == "bibliography" || key.str() == "extends") {
                if (const auto* path = value.as_string(); path && !is_plain_file_name(path->get()))
                    return false;
            }
            if (!names_only_plain_files(value)) return false;
        }
    } else if (const toml::array* array = node.as_array()) {
        for (const toml::node& element : *array)
            if (!names_only_plain_files(element)) return false;
    }
    return true;
}

}  // namespace detail

/// Whether loading this TOML (a CV or a style sheet) reads no file outside
/// the sandbox: every `bibliography` and `extends` is a plain file name
/// (or a built-in style). A document that does not parse names nothing:
/// the loader stops at the same syntax error. Inputs that fail are skipped,
/// so the fuzzer never reads /dev/zero or a FIFO, nor any file of the
/// machine.
inline bool reads_only_sandbox(std::string_view toml) {
    Diagnostics ignored;
    const std::optional<toml::table> root =
        vitae::detail::parse_toml(toml, std::make_shared<const std::string>("fuzz.toml"), ignored);
    return !root || detail::names_only_plain_files(*root);
}

/// The system's fonts for a process, made again every so often: their
/// shaping cache grows with every new text, which over millions of inputs
/// would pass for a leak.
inline layout::SystemFonts& system_fonts() {
    constexpr int inputs_per_font_set = 500;
    static std::unique_ptr<layout::SystemFonts> fonts;
    static int uses = 0;
    if (!fonts || ++uses % inputs_per_font_set == 0) fonts = std::make_unique<layout::SystemFonts>();
    return *fonts;
}

}  // namespace vitae::fuzz
