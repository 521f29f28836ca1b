#pragma once
// Phone numbers checked and written as the style says (`[person.contact]
// phone`), with libphonenumber in the phone module (vitae-phone.so).

#include "vitae/base/diag.hpp"
#include "vitae/model/model.hpp"
#include "vitae/style/sheet.hpp"

namespace vitae::style {

/// The phone module's file name.
inline constexpr std::string_view phone_module = "vitae-phone.so";

/// Starts loading the phone module on another thread when `document` has
/// a phone number to check (`format` is not as written): loading it takes
/// about 20 ms, longer than a build's start; format_phones waits for it.
/// A process loads it once (a watched CV, several CVs in one run).
void prepare_phones(const cv::Document& document, PhoneFormat format);

/// Checks every phone number of `document`'s person and writes each valid
/// one as `format` says (as written: neither checked nor changed, and the
/// module not loaded), reading one without a country code as a number of
/// the country of the CV's language tag ("de-CH": Switzerland). A number
/// that is not valid is a warning at it and stays as written; so are all
/// when the module is missing (one warning). A valid number's link
/// (`Contact::dial`) is its E.164 form.
void format_phones(cv::Document& document, PhoneFormat format, Diagnostics& diagnostics);

}  // namespace vitae::style
