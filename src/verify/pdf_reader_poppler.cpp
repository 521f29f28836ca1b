// vitae-pdf-reader.so: reads a PDF's text back with poppler, the way a PDF
// viewer's "copy all" or an applicant tracking system does (poppler's own
// reading order, as pdftotext prints it). Nothing of vitae's writer is used.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <climits>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "pdf_reader_abi.h"

struct vitae_pdf_text {
    std::vector<std::string> pages;
};

namespace {

/// The message of the last failed read (the interface hands out a pointer into it).
thread_local std::string last_error;

/// poppler's warnings go nowhere: a malformed PDF is the caller's error to report.
void ignore_poppler_message(const std::string& /*message*/, void* /*closure*/) {}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) int vitae_pdf_reader_abi_version(void) {
    return VITAE_PDF_READER_ABI_VERSION;
}

__attribute__((visibility("default"))) vitae_pdf_text* vitae_pdf_read(const char* bytes, size_t size,
                                                                      const char** error) {
    try {
        poppler::set_debug_error_function(ignore_poppler_message, nullptr);
        if (size > static_cast<size_t>(INT_MAX)) {
            last_error = "the PDF is too large for the reader";
            *error = last_error.c_str();
            return nullptr;
        }
        // poppler reads the bytes in place for as long as the document
        // lives: within this call, as the bytes do.
        const std::unique_ptr<poppler::document> document{
            poppler::document::load_from_raw_data(bytes, static_cast<int>(size))};
        if (!document || document->is_locked()) {
            last_error = "poppler cannot open the PDF";
            *error = last_error.c_str();
            return nullptr;
        }
        auto text = std::make_unique<vitae_pdf_text>();
        for (int index = 0; index < document->pages(); ++index) {
            const std::unique_ptr<poppler::page> page{document->create_page(index)};
            if (!page) {
                text->pages.emplace_back();
                continue;
            }
            const poppler::byte_array utf8 =
                page->text(poppler::rectf{}, poppler::page::non_raw_non_physical_layout).to_utf8();
            text->pages.emplace_back(utf8.begin(), utf8.end());
        }
        return text.release();
    } catch (const std::exception& exception) {
        last_error = exception.what();
    } catch (...) {
        last_error = "poppler failed";
    }
    *error = last_error.c_str();
    return nullptr;
}

__attribute__((visibility("default"))) size_t vitae_pdf_page_count(const vitae_pdf_text* text) {
    return text->pages.size();
}

__attribute__((visibility("default"))) const char* vitae_pdf_page_text(const vitae_pdf_text* text,
                                                                       size_t page, size_t* length) {
    if (page >= text->pages.size()) {
        *length = 0;
        return "";
    }
    const std::string& chosen = text->pages[page];
    *length = chosen.size();
    return chosen.data();
}

__attribute__((visibility("default"))) void vitae_pdf_free(vitae_pdf_text* text) {
    // Deleted by the module that allocated it, with its own allocator.
    const std::unique_ptr<vitae_pdf_text> owned{text};
}

}  // extern "C"
