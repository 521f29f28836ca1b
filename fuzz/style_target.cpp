// The style-sheet loader: style TOML bytes → style::Sheet, through its
// text entry point, `extends` reaching only the built-in styles (and an
// empty folder). A sheet that loads is then used to lay out a small CV and
// write its PDF, where its lengths, sizes and colours end up.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "vitae/layout/fit.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/load/sheet_loader.hpp"
#include "vitae/render/pdf.hpp"

namespace {

constexpr std::string_view small_cv = R"toml(
[person]
name = "Ada Lovelace"
headline = "Analyst"
email = "ada@example.org"

[[section]]
title = "Work"
[[section.entry]]
title = "Analytical Engine"
subtitle = "Notes, *with* **markup**"
start = "1842-01"
end = "present"
highlights = ["The first published algorithm", "Loops and [links](https://example.org)"]

[[section]]
title = "Skills"
kind = "skills"
[[section.entry]]
label = "Mathematics"
items = ["Calculus", "Bernoulli numbers"]
)toml";

const vitae::cv::Document& document() {
    static const vitae::cv::Document loaded = [] {
        vitae::Diagnostics diagnostics;
        vitae::cv::Document cv = vitae::load_cv_text(small_cv, "small.toml", diagnostics);
        if (diagnostics.has_errors()) vitae::fuzz::property_failed("the fixed CV does not load", "");
        return cv;
    }();
    return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = vitae::fuzz::as_text(data, size);
    if (!vitae::fuzz::reads_only_sandbox(text)) return -1;
    vitae::Diagnostics diagnostics;
    const vitae::style::Sheet sheet =
        vitae::load_sheet_text(text, (vitae::fuzz::sandbox() / "style.toml").string(), diagnostics);
    if (diagnostics.has_errors()) return 0;

    vitae::layout::SystemFonts& fonts = vitae::fuzz::system_fonts();
    const vitae::layout::FitResult fitted =
        vitae::layout::fit_to_pages(document(), sheet, fonts, diagnostics);
    if (diagnostics.has_errors()) return 0;
    (void)vitae::render::write_pdf(fitted.pages, fonts, fonts, {}, diagnostics);
    return 0;
}
