#include "vitae/verify/pdf_reader.hpp"

#include <fmt/format.h>
#include <utility>

#include "pdf_reader_abi.h"
#include "vitae/base/module.hpp"

namespace vitae::verify {

namespace {

/// The text a module read, freed by the module.
struct TextDeleter {
    vitae_pdf_free_fn free_text;
    void operator()(vitae_pdf_text* text) const { free_text(text); }
};

}  // namespace

struct PdfReader::Module {
    vitae::Module library;
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
    std::optional<vitae::Module> library =
        vitae::Module::open(path, "vitae_pdf_reader_abi_version", VITAE_PDF_READER_ABI_VERSION, error);
    if (!library) return std::nullopt;
    const auto read = library->function<vitae_pdf_read_fn>("vitae_pdf_read");
    const auto page_count = library->function<vitae_pdf_page_count_fn>("vitae_pdf_page_count");
    const auto page_text = library->function<vitae_pdf_page_text_fn>("vitae_pdf_page_text");
    const auto free_text = library->function<vitae_pdf_free_fn>("vitae_pdf_free");
    if (read == nullptr || page_count == nullptr || page_text == nullptr || free_text == nullptr) {
        error = fmt::format("{} is not vitae's PDF reader module (a function is missing)", path);
        return std::nullopt;
    }
    return PdfReader{
        std::make_unique<Module>(Module{std::move(*library), read, page_count, page_text, free_text})};
}

std::optional<PdfReader> PdfReader::load(std::string& error) {
    std::string looked_in;
    if (const std::optional<std::string> path = vitae::find_module(pdf_reader_module, looked_in))
        return load_from(*path, error);
    error = fmt::format(
        "the PDF reader module {} is not installed (looked for {}); it is built with vitae "
        "when libpoppler-cpp-dev is installed",
        pdf_reader_module, looked_in);
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
