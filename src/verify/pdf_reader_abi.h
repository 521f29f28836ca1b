#pragma once
// The C interface of the PDF reader module (vitae-pdf-reader.so): poppler
// behind a boundary that only C types cross. The vitae executable links the
// C++ runtime statically; poppler needs the shared one, so it is loaded
// (dlopen) only by `vitae check --ats`, and no C++ type, exception or
// allocator passes between the two.

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Raised when the interface changes: the loader refuses another version.
#define VITAE_PDF_READER_ABI_VERSION 1

/// The text of a PDF's pages, owned by the module until vitae_pdf_free.
typedef struct vitae_pdf_text vitae_pdf_text;

/// The interface version the module was built with.
typedef int (*vitae_pdf_reader_abi_version_fn)(void);

/// Reads the PDF of `size` bytes at `bytes` (which need not outlive the
/// call). Returns its text, or NULL when it cannot be read; `*error` is
/// then a message the module owns (NUL-terminated, valid until the next
/// call).
typedef vitae_pdf_text* (*vitae_pdf_read_fn)(const char* bytes, size_t size, const char** error);

/// The number of pages read.
typedef size_t (*vitae_pdf_page_count_fn)(const vitae_pdf_text* text);

/// The text of page `page` (0-based) in the extractor's own reading order,
/// UTF-8 with its length in `*length`; valid until vitae_pdf_free.
typedef const char* (*vitae_pdf_page_text_fn)(const vitae_pdf_text* text, size_t page, size_t* length);

typedef void (*vitae_pdf_free_fn)(vitae_pdf_text* text);

int vitae_pdf_reader_abi_version(void);
vitae_pdf_text* vitae_pdf_read(const char* bytes, size_t size, const char** error);
size_t vitae_pdf_page_count(const vitae_pdf_text* text);
const char* vitae_pdf_page_text(const vitae_pdf_text* text, size_t page, size_t* length);
void vitae_pdf_free(vitae_pdf_text* text);

#ifdef __cplusplus
}
#endif
