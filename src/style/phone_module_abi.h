#pragma once
// The C interface of the phone module (vitae-phone.so): libphonenumber
// behind a boundary that only C types cross. libphonenumber needs the
// shared C++ runtime, protobuf and ICU, which the vitae executable (its C++
// runtime linked statically) does not load unless a CV has a phone number.

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Raised when the interface changes: the loader refuses another version.
#define VITAE_PHONE_ABI_VERSION 1

/// How a number is written.
enum vitae_phone_format {
    VITAE_PHONE_INTERNATIONAL = 0,  ///< "+49 30 123456"
    VITAE_PHONE_NATIONAL = 1,       ///< "030 123456" in its own country, else international
    VITAE_PHONE_E164 = 2,           ///< "+4930123456"
};

/// What became of a number.
enum vitae_phone_status {
    VITAE_PHONE_VALID = 0,       ///< parsed and valid: `out` holds it formatted
    VITAE_PHONE_INVALID = 1,     ///< parsed, but no number of its country has that form
    VITAE_PHONE_NO_COUNTRY = 2,  ///< no "+" and country code, and no region to assume
    VITAE_PHONE_NOT_A_NUMBER = 3,
    VITAE_PHONE_TOO_LONG = 4,
};

typedef int (*vitae_phone_abi_version_fn)(void);

/// Prepares the library (its metadata); called once, before any format.
typedef void (*vitae_phone_prepare_fn)(void);

/// Formats `number` (UTF-8, NUL-terminated) written in `region` (an ISO
/// 3166 alpha-2 code such as "DE", or "" when the CV names none) as
/// `format`. On VITAE_PHONE_VALID, `out` (of `capacity` bytes) holds the
/// number NUL-terminated, and `country` (3 bytes) the number's own region
/// code. Any other status leaves them empty.
typedef int (*vitae_phone_format_fn)(const char* number, const char* region, int format, char* out,
                                     size_t capacity, char* country);

int vitae_phone_abi_version(void);
void vitae_phone_prepare(void);
int vitae_phone_format(const char* number, const char* region, int format, char* out, size_t capacity,
                       char* country);

#ifdef __cplusplus
}
#endif
