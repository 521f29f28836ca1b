#include "vitae/verify/pdf_reader.hpp"

#include <dlfcn.h>

#include <fmt/format.h>
#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

#include "pdf_reader_abi.h"

namespace vitae::verify {

namespace {

namespace fs = std::filesystem;

/// Closes a dlopen handle.
struct LibraryCloser {
    void operator()(void* handle) const { ::dlclose(handle); }
};
/// A dlopen handle, closed with the object.
using SharedLibrary = std::unique_ptr<void, LibraryCloser>;

/// The text a module read, freed by the module.
struct TextDeleter {
    vitae_pdf_free_fn free_text;
    void operator()(vitae_pdf_text* text) const { free_text(text); }
};

/// Where the module may be, in the order looked at: beside the executable
/// (a build tree), then in the installation's library folder, found
/// from its bin folder (VITAE_PDF_READER_FROM_BINDIR: "../lib/vitae").
std::vector<fs::path> module_candidates() {
    std::error_code unknown;
    const fs::path executable = fs::read_symlink("/proc/self/exe", unknown);
    if (unknown) return {};
    const fs::path folder = executable.parent_path();
    return {folder / pdf_reader_module,
            (folder / VITAE_PDF_READER_FROM_BINDIR / pdf_reader_module).lexically_normal()};
}

}  // namespace

struct PdfReader::Module {
    SharedLibrary library;
    vitae_pdf_read_fn read = nullptr;
    vitae_pdf_page_count_fn page_count = nullptr;
    vitae_pdf_page_text_fn page_text = nullptr;
    vitae_pdf_free_fn free_text = nullptr;
};

PdfReader::PdfReader(std::unique_ptr<Module> module) : module_(std::move(module)) {}
PdfReader::PdfReader(PdfReader&&) noexcept = default;
PdfReader& PdfReader::operator=(PdfReader&&) noexcept = default;
PdfReader::~PdfReader() = default;

std::optional<PdfReader> PdfReader::load_from(const std::string& path, std::string& error) {
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char* why = ::dlerror();
        error = why != nullptr ? why : fmt::format("cannot load {}", path);
        return std::nullopt;
    }
    SharedLibrary library{handle};
    const auto symbol = [&](const char* name) { return ::dlsym(library.get(), name); };
    // dlsym gives an object pointer; POSIX guarantees it converts to a function pointer.
    const auto version =
        reinterpret_cast<vitae_pdf_reader_abi_version_fn>(symbol("vitae_pdf_reader_abi_version"));
    const auto read = reinterpret_cast<vitae_pdf_read_fn>(symbol("vitae_pdf_read"));
    const auto page_count = reinterpret_cast<vitae_pdf_page_count_fn>(symbol("vitae_pdf_page_count"));
    const auto page_text = reinterpret_cast<vitae_pdf_page_text_fn>(symbol("vitae_pdf_page_text"));
    const auto free_text = reinterpret_cast<vitae_pdf_free_fn>(symbol("vitae_pdf_free"));
    if (version == nullptr || read == nullptr || page_count == nullptr || page_text == nullptr ||
        free_text == nullptr) {
        error = fmt::format("{} is not vitae's PDF reader module (a function is missing)", path);
        return std::nullopt;
    }
    if (version() != VITAE_PDF_READER_ABI_VERSION) {
        error = fmt::format("{} is for another version of vitae (interface {}, not {})", path, version(),
                            VITAE_PDF_READER_ABI_VERSION);
        return std::nullopt;
    }
    auto module = std::make_unique<Module>();
    module->read = read;
    module->page_count = page_count;
    module->page_text = page_text;
    module->free_text = free_text;
    module->library = std::move(library);
    return PdfReader{std::move(module)};
}

std::optional<PdfReader> PdfReader::load(std::string& error) {
    std::vector<std::string> tried;
    for (const fs::path& candidate : module_candidates()) {
        std::error_code missing;
        if (!fs::exists(candidate, missing)) {
            tried.push_back(candidate.string());
            continue;
        }
        return load_from(candidate.string(), error);
    }
    error = fmt::format(
        "the PDF reader module {} is not installed (looked for {}); it is built with vitae "
        "when libpoppler-cpp-dev is installed",
        pdf_reader_module, fmt::join(tried, " and "));
    return std::nullopt;
}

std::optional<PdfText> PdfReader::read(std::string_view bytes, std::string& error) const {
    const char* why = nullptr;
    const std::unique_ptr<vitae_pdf_text, TextDeleter> text{module_->read(bytes.data(), bytes.size(), &why),
                                                            TextDeleter{module_->free_text}};
    if (!text) {
        error = why != nullptr ? why : "the PDF cannot be read";
        return std::nullopt;
    }
    PdfText read;
    const std::size_t pages = module_->page_count(text.get());
    for (std::size_t page = 0; page < pages; ++page) {
        std::size_t length = 0;
        const char* characters = module_->page_text(text.get(), page, &length);
        read.pages.emplace_back(characters, length);
    }
    return read;
}

}  // namespace vitae::verify
