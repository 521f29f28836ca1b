// The tests run from build/tests, the modules (vitae-phone.so,
// vitae-pdf-reader.so) are built in build/: the tests' pipeline finds them
// there, as an installed vitae finds them in lib/vitae. A VITAE_MODULE_DIR
// set by whoever runs the tests is kept.
#include <cstdlib>

namespace {

const bool modules_found_here = [] {
    ::setenv("VITAE_MODULE_DIR", VITAE_BUILD_DIR, /*overwrite=*/0);
    return true;
}();

}  // namespace
