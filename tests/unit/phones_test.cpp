// Phone numbers checked and written as the style says
// (vitae/style/phones.hpp), through the phone module built in this tree.
#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "unit/support.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/model/language.hpp"
#include "vitae/style/phones.hpp"

namespace {

using vitae::Diagnostics;
using vitae::cv::Contact;
using vitae::cv::Document;
using vitae::style::PhoneFormat;

/// A CV in `language` with the given phone numbers, each on its own line (line 5 on).
Document load(std::string_view language, const std::vector<std::string>& numbers) {
    std::string text =
        fmt::format("lang = \"{}\"\n\n[person]\nname = \"Ada Lovelace\"\nphone = [\n", language);
    for (const std::string& number : numbers) text += fmt::format("  \"{}\",\n", number);
    text += "]\n";
    Diagnostics diagnostics;
    Document document = vitae::load_cv_text(text, "cv.toml", diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    return document;
}

std::vector<std::string> values(const Document& document) {
    std::vector<std::string> written;
    for (const Contact& contact : document.person.contacts) written.push_back(contact.value);
    return written;
}

std::vector<std::string> urls(const Document& document) {
    std::vector<std::string> links;
    for (const Contact& contact : document.person.contacts) links.push_back(contact.url());
    return links;
}

}  // namespace

TEST_CASE("valid numbers are written in the style's form and linked in E.164", "[phones]") {
    const std::vector<std::string> numbers = {"+4930 5550-1234", "+41 (0)44 555 01 23", "030 5550 1234"};
    const std::vector<std::string> links = {"tel:+493055501234", "tel:+41445550123", "tel:+493055501234"};
    const auto written = [&](PhoneFormat format) {
        Document document = load("de-DE", numbers);
        Diagnostics diagnostics;
        vitae::style::format_phones(document, format, diagnostics);
        CHECK(vitae::test::lines(diagnostics).empty());
        CHECK(urls(document) == links);
        return values(document);
    };
    CHECK(written(PhoneFormat::international) ==
          std::vector<std::string>{"+49 30 55501234", "+41 44 555 01 23", "+49 30 55501234"});
    // National for the CV's own country; the Swiss number stays international.
    CHECK(written(PhoneFormat::national) ==
          std::vector<std::string>{"030 55501234", "+41 44 555 01 23", "030 55501234"});
    CHECK(written(PhoneFormat::e164) ==
          std::vector<std::string>{"+493055501234", "+41445550123", "+493055501234"});
}

TEST_CASE("as written, numbers are neither checked nor changed", "[phones]") {
    Document document = load("en", {"+4930 5550-1234", "call me"});
    Diagnostics diagnostics;
    vitae::style::format_phones(document, PhoneFormat::as_written, diagnostics);
    CHECK(vitae::test::lines(diagnostics).empty());
    CHECK(values(document) == std::vector<std::string>{"+4930 5550-1234", "call me"});
    CHECK(urls(document) == std::vector<std::string>{"tel:+493055501234", "tel:"});
}

TEST_CASE("a number that is not valid, or has no country, is a warning at it and stays as written",
          "[phones]") {
    Document document = load("en", {"+49 30 5", "030 5550 1234", "call me maybe", "+1 202 555 0143"});
    Diagnostics diagnostics;
    vitae::style::format_phones(document, PhoneFormat::international, diagnostics);
    CHECK(vitae::test::lines(diagnostics) ==
          std::vector<std::string>{
              "cv.toml:6:3: warning: '+49 30 5' is not a valid phone number: no number of its country has "
              "this form (it is printed as written)",
              "cv.toml:7:3: warning: phone number '030 5550 1234' has no country code, and the CV's "
              "language names no country (write it with '+' and its country code (+49 30 …), or give "
              "lang a region (lang = \"de-DE\"))",
              "cv.toml:8:3: warning: 'call me maybe' is not a phone number (it is printed as written)",
          });
    CHECK(values(document) ==
          std::vector<std::string>{"+49 30 5", "030 5550 1234", "call me maybe", "+1 202-555-0143"});
}

TEST_CASE("a language tag names the country its numbers are read in", "[phones][language]") {
    CHECK(vitae::cv::country_of("de-CH") == "CH");
    CHECK(vitae::cv::country_of("sr-latn-rs") == "RS");
    CHECK(vitae::cv::country_of("zh-Hant-TW") == "TW");
    CHECK(vitae::cv::country_of("es-419").empty());
    CHECK(vitae::cv::country_of("en").empty());
    CHECK(vitae::cv::country_of("de-1996").empty());
}
