// vitae-phone.so: parses, checks and formats phone numbers with Google's
// libphonenumber, the library Android and most address books use.
#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <cstring>
#include <exception>
#include <memory>
#include <string>

#include "phone_module_abi.h"

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

/// Writes `text` into `out` when it fits with its NUL.
bool copy_out(const std::string& text, char* out, size_t capacity) {
    if (text.size() + 1 > capacity) return false;
    std::memcpy(out, text.c_str(), text.size() + 1);
    return true;
}

int format_number(const char* number, const char* region, int format, char* out, size_t capacity,
                  char* country) {
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    PhoneNumber parsed;
    // "ZZ", libphonenumber's unknown region, accepts only numbers written with "+".
    const std::string assumed = *region != '\0' ? std::string{region} : std::string{"ZZ"};
    switch (util.Parse(number, assumed, &parsed)) {
        case PhoneNumberUtil::NO_PARSING_ERROR: break;
        case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR: return VITAE_PHONE_NO_COUNTRY;
        case PhoneNumberUtil::TOO_LONG_NSN: return VITAE_PHONE_TOO_LONG;
        default: return VITAE_PHONE_NOT_A_NUMBER;
    }
    if (!util.IsValidNumber(parsed)) return VITAE_PHONE_INVALID;
    std::string own_region;
    util.GetRegionCodeForNumber(parsed, &own_region);
    std::string formatted;
    switch (format) {
        case VITAE_PHONE_NATIONAL:
            util.Format(parsed,
                        own_region == assumed ? PhoneNumberUtil::NATIONAL : PhoneNumberUtil::INTERNATIONAL,
                        &formatted);
            break;
        case VITAE_PHONE_E164: util.Format(parsed, PhoneNumberUtil::E164, &formatted); break;
        default: util.Format(parsed, PhoneNumberUtil::INTERNATIONAL, &formatted); break;
    }
    if (own_region.size() != 2 || !copy_out(formatted, out, capacity)) return VITAE_PHONE_TOO_LONG;
    std::memcpy(country, own_region.c_str(), 3);
    return VITAE_PHONE_VALID;
}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) int vitae_phone_abi_version(void) {
    return VITAE_PHONE_ABI_VERSION;
}

__attribute__((visibility("default"))) void vitae_phone_prepare(void) {
    // The instance parses the metadata of every region: the slow part, done once.
    PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
    // A number that cannot be read is the caller's to report, not a line on
    // stderr. SetLogger takes ownership of the logger it is given.
    util->SetLogger(std::make_unique<i18n::phonenumbers::NullLogger>().release());
}

__attribute__((visibility("default"))) int vitae_phone_format(const char* number, const char* region,
                                                              int format, char* out, size_t capacity,
                                                              char* country) {
    if (capacity > 0) *out = '\0';
    *country = '\0';
    // No C++ exception may cross the C boundary (an allocation failure).
    try {
        return format_number(number, region, format, out, capacity, country);
    } catch (const std::exception&) {
        return VITAE_PHONE_NOT_A_NUMBER;
    }
}

}  // extern "C"
