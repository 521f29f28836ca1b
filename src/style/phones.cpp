#include "vitae/style/phones.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "phone_module_abi.h"
#include "vitae/base/module.hpp"
#include "vitae/model/language.hpp"

namespace vitae::style {

namespace {

/// Room for a formatted number: libphonenumber reads at most 250
/// characters, and writing one adds a few spaces and an extension's words.
constexpr std::size_t formatted_capacity = 512;
/// An ISO 3166 alpha-2 code and its NUL.
constexpr std::size_t country_capacity = 3;

/// The loaded phone module, or why there is none.
struct PhoneModule {
    std::optional<Module> library;
    vitae_phone_format_fn format = nullptr;
    std::string error;
};

PhoneModule load_phone_module() {
    PhoneModule loaded;
    std::string looked_in;
    const std::optional<std::string> path = find_module(phone_module, looked_in);
    if (!path) {
        loaded.error =
            fmt::format("the phone module {} is not installed (looked for {})", phone_module, looked_in);
        return loaded;
    }
    std::string error;
    std::optional<Module> library =
        Module::open(*path, "vitae_phone_abi_version", VITAE_PHONE_ABI_VERSION, error);
    if (!library) {
        loaded.error = fmt::format("the phone module cannot be loaded: {}", error);
        return loaded;
    }
    const auto prepare = library->function<vitae_phone_prepare_fn>("vitae_phone_prepare");
    const auto format = library->function<vitae_phone_format_fn>("vitae_phone_format");
    if (prepare == nullptr || format == nullptr) {
        loaded.error = fmt::format("{} is not vitae's phone module (a function is missing)", *path);
        return loaded;
    }
    prepare();
    loaded.library = std::move(library);
    loaded.format = format;
    return loaded;
}

/// The module, loaded once per process: on its own thread from the first
/// call on, so that a build goes on meanwhile.
std::shared_future<PhoneModule> phone_module_loading() {
    static std::mutex guard;
    static std::shared_future<PhoneModule> loading;
    const std::lock_guard lock{guard};
    if (!loading.valid()) loading = std::async(std::launch::async, load_phone_module).share();
    return loading;
}

bool has_phone_to_check(const cv::Document& document, PhoneFormat format) {
    return format != PhoneFormat::as_written &&
           std::any_of(document.person.contacts.begin(), document.person.contacts.end(),
                       [](const cv::Contact& contact) { return contact.kind == cv::Contact::Kind::phone; });
}

int module_format(PhoneFormat format) {
    switch (format) {
        case PhoneFormat::national: return VITAE_PHONE_NATIONAL;
        case PhoneFormat::e164: return VITAE_PHONE_E164;
        case PhoneFormat::as_written:  // not checked (has_phone_to_check)
        case PhoneFormat::international: break;
    }
    return VITAE_PHONE_INTERNATIONAL;
}

/// Why a number stays as written, for its warning; empty for a valid one.
std::string problem(int status, const cv::Contact& contact, const std::string& country) {
    switch (status) {
        case VITAE_PHONE_VALID: return {};
        case VITAE_PHONE_INVALID:
            return fmt::format("'{}' is not a valid phone number: no number of its country has this form",
                               contact.value);
        case VITAE_PHONE_NO_COUNTRY:
            return country.empty()
                       ? fmt::format(
                             "phone number '{}' has no country code, and the CV's language names no "
                             "country",
                             contact.value)
                       : fmt::format("phone number '{}' has no country code it can be read with",
                                     contact.value);
        case VITAE_PHONE_TOO_LONG: return fmt::format("'{}' is too long to be a phone number", contact.value);
        default: return fmt::format("'{}' is not a phone number", contact.value);
    }
}

std::string hint(int status) {
    if (status == VITAE_PHONE_NO_COUNTRY)
        return "write it with '+' and its country code (+49 30 …), or give lang a region (lang = \"de-DE\")";
    return "it is printed as written";
}

}  // namespace

void prepare_phones(const cv::Document& document, PhoneFormat format) {
    if (has_phone_to_check(document, format)) static_cast<void>(phone_module_loading());
}

void format_phones(cv::Document& document, PhoneFormat format, Diagnostics& diagnostics) {
    if (!has_phone_to_check(document, format)) return;
    const PhoneModule& module = phone_module_loading().get();
    if (module.format == nullptr) {
        diagnostics.warning(
            {}, fmt::format("phone numbers are printed as written and not checked: {}", module.error),
            "install vitae with its phone module (built when libphonenumber-dev is installed)");
        return;
    }
    const std::string country = cv::country_of(document.language);
    for (cv::Contact& contact : document.person.contacts) {
        if (contact.kind != cv::Contact::Kind::phone) continue;
        std::array<char, formatted_capacity> formatted{};
        std::array<char, country_capacity> own_country{};
        // A NUL inside the text would end the number the module reads early.
        const int status = contact.value.find('\0') != std::string::npos
                               ? VITAE_PHONE_NOT_A_NUMBER
                               : module.format(contact.value.c_str(), country.c_str(), module_format(format),
                                               formatted.data(), formatted.size(), own_country.data());
        if (const std::string why = problem(status, contact, country); !why.empty()) {
            diagnostics.warning(contact.where, why, hint(status));
            continue;
        }
        std::array<char, formatted_capacity> dial{};
        module.format(contact.value.c_str(), country.c_str(), VITAE_PHONE_E164, dial.data(), dial.size(),
                      own_country.data());
        contact.dial = dial.data();
        contact.value = formatted.data();
    }
}

}  // namespace vitae::style
