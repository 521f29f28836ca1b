#include "libharu.hpp"

#include <utility>

namespace vitae::render {

extern "C" void record_libharu_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) noexcept {
    auto& log = *static_cast<ErrorLog*>(user_data);
    try {
        LibharuError error{error_no, detail_no, log.step};
        // A failed call often reports its error again on the way out.
        if (log.errors.empty() || log.errors.back() != error) log.errors.push_back(std::move(error));
    } catch (...) {
        log.lost_an_error = true;
    }
}

}  // namespace vitae::render
