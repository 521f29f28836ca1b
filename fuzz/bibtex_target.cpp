// The BibTeX parser: .bib bytes → entries → publications (LaTeX decoded,
// names split), as a CV's `bibliography` reads them.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "load/bibtex.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = vitae::fuzz::as_text(data, size);
    static const auto path = std::make_shared<const std::string>("papers.bib");
    vitae::Diagnostics diagnostics;
    const std::vector<vitae::bibtex::Entry> entries = vitae::bibtex::parse(text, path, diagnostics);
    for (const vitae::bibtex::Entry& entry : entries) {
        (void)vitae::bibtex::to_publication(entry, diagnostics);
        if (const vitae::bibtex::Field* authors = entry.field("author"))
            (void)vitae::bibtex::names(authors->value);
    }
    return 0;
}
