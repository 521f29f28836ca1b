// The whole build in memory, as `vitae build` runs it (vitae::compile):
// CV TOML bytes → load → select → fit → text, Markdown, LaTeX and PDF, in
// one of the built-in styles (chosen by the input's bytes, so each input
// always gets the same one). Fonts are the machine's, through fontconfig.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "vitae/compile/compile.hpp"

namespace {

constexpr std::array<const char*, 5> builtin_styles = {"default", "classic", "academic", "onepage",
                                                       "sidebar"};

/// The built-in style an input is built in.
const char* style_for(std::string_view input) {
    std::size_t hash = 0;
    for (const char c : input) hash = hash * 31 + static_cast<unsigned char>(c);
    return builtin_styles[hash % builtin_styles.size()];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = vitae::fuzz::as_text(data, size);
    if (!vitae::fuzz::reads_only_sandbox(text)) return -1;
    vitae::CompileRequest request;
    request.cv.path = (vitae::fuzz::sandbox() / "cv.toml").string();
    request.cv.text = std::string{text};
    request.style = style_for(text);
    request.formats = {vitae::OutputFormat::text, vitae::OutputFormat::markdown, vitae::OutputFormat::latex,
                       vitae::OutputFormat::pdf};
    const vitae::CompileResult result = vitae::compile(request, vitae::fuzz::system_fonts());
    if (result.ok() && result.outputs.size() != request.formats.size())
        vitae::fuzz::property_failed("a build without errors lacks an output", text);
    return 0;
}
