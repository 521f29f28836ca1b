// The JSON Resume importer: JSON bytes → vitae TOML → the CV loader.
// Property: when the importer reports no error, the TOML it wrote parses
// (JSON text can never break out of a TOML string or comment).

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/load/json_resume.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view json = vitae::fuzz::as_text(data, size);
    vitae::Diagnostics diagnostics;
    const std::string toml = vitae::json_resume_to_toml(json, "resume.json", diagnostics);
    if (diagnostics.has_errors()) return 0;

    vitae::Diagnostics parsing;
    if (!vitae::detail::parse_toml(toml, std::make_shared<const std::string>("resume.toml"), parsing)) {
        std::string problems;
        for (const vitae::Diagnostic& problem : parsing.items()) problems += format(problem) + "\n";
        vitae::fuzz::property_failed("the imported TOML does not parse", problems + toml);
    }
    if (!vitae::fuzz::reads_only_sandbox(toml)) vitae::fuzz::property_failed("the import names a file", toml);
    (void)vitae::load_cv_text(toml, (vitae::fuzz::sandbox() / "resume.toml").string(), diagnostics);
    return 0;
}
