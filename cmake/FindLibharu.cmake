# libharu ships no CMake package; find its header and library by hand.
# Provides Libharu::Libharu.
find_path(LIBHARU_INCLUDE_DIR hpdf.h)
find_library(LIBHARU_LIBRARY NAMES hpdf libhpdf)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Libharu REQUIRED_VARS LIBHARU_LIBRARY LIBHARU_INCLUDE_DIR)
if(Libharu_FOUND AND NOT TARGET Libharu::Libharu)
  add_library(Libharu::Libharu UNKNOWN IMPORTED)
  set_target_properties(Libharu::Libharu PROPERTIES
    IMPORTED_LOCATION "${LIBHARU_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LIBHARU_INCLUDE_DIR}")
endif()
mark_as_advanced(LIBHARU_INCLUDE_DIR LIBHARU_LIBRARY)
