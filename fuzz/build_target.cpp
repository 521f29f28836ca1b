// The whole build in memory: CV TOML bytes → load → select → fit → PDF,
// and the LaTeX, text and Markdown of the same document, in one of the
// built-in styles (chosen by the input's bytes, so each input always gets
// the same one). Fonts are the machine's, through fontconfig.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "vitae/fit.hpp"
#include "vitae/latex.hpp"
#include "vitae/load.hpp"
#include "vitae/markdown.hpp"
#include "vitae/pdf.hpp"
#include "vitae/select.hpp"
#include "vitae/sheet_loader.hpp"
#include "vitae/text.hpp"

namespace {

constexpr std::array<const char*, 5> builtin_styles = {"default", "classic", "academic", "onepage",
                                                       "sidebar"};

/// Each built-in style, loaded once.
const vitae::style::Sheet& style_for(std::string_view input) {
    static const auto sheets = [] {
        std::array<vitae::style::Sheet, builtin_styles.size()> loaded;
        for (std::size_t i = 0; i < builtin_styles.size(); ++i) {
            vitae::Diagnostics diagnostics;
            std::optional<vitae::style::Sheet> sheet = vitae::load_sheet(builtin_styles[i], diagnostics);
            if (!sheet) vitae::fuzz::property_failed("built-in style does not load", builtin_styles[i]);
            loaded[i] = std::move(*sheet);
        }
        return loaded;
    }();
    std::size_t hash = 0;
    for (const char c : input) hash = hash * 31 + static_cast<unsigned char>(c);
    return sheets[hash % sheets.size()];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = vitae::fuzz::as_text(data, size);
    if (!vitae::fuzz::reads_only_sandbox(text)) return -1;
    vitae::Diagnostics diagnostics;
    const vitae::cv::Document loaded =
        vitae::load_cv_text(text, (vitae::fuzz::sandbox() / "cv.toml").string(), diagnostics);
    if (diagnostics.has_errors()) return 0;

    const vitae::style::Sheet& sheet = style_for(text);
    const vitae::style::SelectionResult selected =
        vitae::style::select(loaded, sheet.selection, {}, diagnostics);
    (void)vitae::render::render_text(selected.document, {80, sheet.date_words, sheet.publication_details});
    (void)vitae::render::render_markdown(
        selected.document, {sheet.date_words, sheet.highlight_owner, sheet.publication_details});

    vitae::layout::SystemFonts& fonts = vitae::fuzz::system_fonts();
    const vitae::layout::FitResult fitted =
        vitae::layout::fit_to_pages(selected.document, sheet, fonts, diagnostics);
    if (diagnostics.has_errors()) return 0;
    (void)vitae::render::write_latex(fitted.laid_out(selected.document), fitted.sheet, fonts, &fonts,
                                     diagnostics);
    (void)vitae::render::write_pdf(fitted.pages, fonts, fonts, {}, diagnostics);
    return 0;
}
