// The whole build in memory, as `vitae build` runs it (vitae::compile):
// CV TOML bytes → load → select → fit → text, Markdown, LaTeX, PDF, HTML,
// DOCX and JSON Resume, in one of the built-in styles (chosen by the
// input's bytes, so each input always gets the same one). Fonts are the
// machine's, through fontconfig. No CV may put a script in the web page.

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
                       vitae::OutputFormat::pdf,  vitae::OutputFormat::html,     vitae::OutputFormat::docx,
                       vitae::OutputFormat::json};
    const vitae::CompileResult result = vitae::compile(request, vitae::fuzz::system_fonts());
    if (!result.ok()) return 0;
    if (result.outputs.size() != request.formats.size())
        vitae::fuzz::property_failed("a build without errors lacks an output", text);
    // The page's one script element is its JSON-LD, which no text ends.
    const std::string& page = result.outputs[4].bytes;
    const std::size_t first_script = page.find("<script");
    if (page.find("<script", first_script + 1) != std::string::npos ||
        page.find("</script", page.find("</script") + 1) != std::string::npos)
        vitae::fuzz::property_failed("the web page has a script element of the CV's text", text);
    return 0;
}
