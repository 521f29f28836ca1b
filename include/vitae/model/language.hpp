#pragma once
// A CV's language: a BCP 47 tag ("en", "de-CH", "pt-BR", "sr-Latn"), as a
// PDF's /Lang, XMP's dc:language and LaTeX's babel name it.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vitae::cv {

/// Where a language tag goes wrong: the byte offset of the first subtag
/// that does not fit BCP 47's syntax, and why.
struct LanguageTagProblem {
    std::size_t offset = 0;
    std::string message;
};

/// Checks the syntax of a BCP 47 tag (RFC 5646, section 2.1): a language
/// subtag of 2 or 3 letters, then optionally up to three extended language
/// subtags (3 letters), a script (4 letters), a region (2 letters or 3
/// digits), variants (5 to 8 letters or digits, or a digit and 3 more),
/// extensions (a single letter or digit other than x, then subtags of 2 to
/// 8) and a private use part (x, then subtags of 1 to 8), each introduced
/// by a hyphen. Case is free. Nothing when the tag fits. Whether a subtag
/// is registered with IANA is not checked.
[[nodiscard]] std::optional<LanguageTagProblem> check_language_tag(std::string_view tag);

/// The primary language subtag in lower case ("de" of "de-CH").
[[nodiscard]] std::string primary_language(std::string_view tag);

/// The country the tag names, an ISO 3166 alpha-2 region in upper case
/// ("CH" of "de-CH", of "sr-Latn-RS"); empty for none or a numeric region
/// such as "419" (Latin America, no one country).
[[nodiscard]] std::string country_of(std::string_view tag);

}  // namespace vitae::cv
