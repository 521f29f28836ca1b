#pragma once
// Golden files: a test's output compared with a file kept in tests/golden/.
// With VITAE_UPDATE_GOLDEN set, a file that differs is rewritten and the
// test FAILS ("golden updated"): a run that changed a golden file is never
// green, so updating cannot hide a change, and CI (which never sets the
// variable) still compares every file.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

namespace vitae::test {

enum class GoldenOutcome {
    matches,  ///< the file holds exactly the output
    differs,  ///< it holds something else, left as it was
    missing,  ///< there is no file, and none was written
    updated,  ///< it held something else (or nothing) and now holds the output
};

/// The file's bytes; nothing when it cannot be read.
inline std::optional<std::string> golden_contents(const std::filesystem::path& path) {
    std::ifstream file{path, std::ios::binary};
    if (!file) return std::nullopt;
    std::ostringstream contents;
    contents << file.rdbuf();
    return contents.str();
}

/// Compares `output` with the golden file at `path`; when `update` is set,
/// a file that differs or is missing is (re)written with the output.
inline GoldenOutcome compare_with_golden(const std::filesystem::path& path, std::string_view output,
                                         bool update) {
    const std::optional<std::string> expected = golden_contents(path);
    if (expected && *expected == output) return GoldenOutcome::matches;
    if (!update) return expected ? GoldenOutcome::differs : GoldenOutcome::missing;
    std::ofstream{path, std::ios::binary} << output;
    return GoldenOutcome::updated;
}

/// Whether this run updates golden files (VITAE_UPDATE_GOLDEN set).
inline bool updating_golden_files() {
    return std::getenv("VITAE_UPDATE_GOLDEN") != nullptr;
}

/// A test's check of `output` against the golden file at `path`: it
/// passes only when they match (see the header's comment on updating).
inline void check_golden_file(const std::filesystem::path& path, const std::string& output) {
    INFO(path.string());
    switch (compare_with_golden(path, output, updating_golden_files())) {
        case GoldenOutcome::matches: SUCCEED(); break;
        case GoldenOutcome::differs: CHECK(output == golden_contents(path).value_or("")); break;
        case GoldenOutcome::missing:
            FAIL_CHECK("no golden file: run with VITAE_UPDATE_GOLDEN=1 to write it, then review it");
            break;
        case GoldenOutcome::updated: FAIL_CHECK("golden updated: review the diff and rerun"); break;
    }
}

}  // namespace vitae::test
