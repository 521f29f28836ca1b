#pragma once
// The PDF reader module (vitae-pdf-reader.so, poppler behind a C
// interface), loaded when `vitae check --ats` runs: the vitae executable
// links the C++ runtime statically and does not link poppler, so that no
// other build pays for loading them.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "vitae/verify/ats.hpp"

namespace vitae::verify {

/// The module's file name.
inline constexpr std::string_view pdf_reader_module = "vitae-pdf-reader.so";

class PdfReader {
public:
    /// Loads the module: next to the executable (the build tree), else in
    /// the installation's library folder (lib/vitae). On
    /// failure, nothing and `error` says what was looked for.
    [[nodiscard]] static std::optional<PdfReader> load(std::string& error);
    /// Loads the module at `path`.
    [[nodiscard]] static std::optional<PdfReader> load_from(const std::string& path, std::string& error);

    /// The text of the PDF `bytes`, or nothing with `error` said.
    [[nodiscard]] std::optional<PdfText> read(std::string_view bytes, std::string& error) const;

    PdfReader(PdfReader&&) noexcept;
    PdfReader& operator=(PdfReader&&) noexcept;
    ~PdfReader();

private:
    struct Module;
    explicit PdfReader(std::unique_ptr<Module> module);
    std::unique_ptr<Module> module_;
};

}  // namespace vitae::verify
