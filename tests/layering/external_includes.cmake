# The external libraries whose headers every compiler finds (/usr/include):
# their include paths cannot keep them to their stage, so this test does.
# Each is included only under the folders of the stage that owns it (and
# its tests and fuzz targets); anywhere else in src/ or include/ fails.
#
#   cmake -DROOT=<source dir> -P external_includes.cmake
set(owners
  "hpdf.h|src/render/"
  "zlib.h|src/render/"
  "zip.h|src/render/"
  "toml++/|src/load/"
  "nlohmann/|src/load/"
  "hb.h|src/layout/"
  "hb-|src/layout/"
  "fontconfig/|src/layout/"
  "ft2build.h|src/layout/"
  "poppler-|src/verify/"
  "jpeglib.h|src/image/"
  "png.h|src/image/"
  "libstemmer.h|src/style/"
  "phonenumbers/|src/style/")
file(GLOB_RECURSE sources RELATIVE ${ROOT} ${ROOT}/src/*.cpp ${ROOT}/src/*.hpp ${ROOT}/include/*.hpp)
set(strays "")
foreach(source IN LISTS sources)
  file(STRINGS ${ROOT}/${source} includes REGEX "^[ \t]*#[ \t]*include[ \t]*<")
  foreach(line IN LISTS includes)
    foreach(owner IN LISTS owners)
      string(REPLACE "|" ";" parts "${owner}")
      list(GET parts 0 header)
      list(GET parts 1 folder)
      string(FIND "${line}" "<${header}" at)
      string(FIND "${source}" "${folder}" in_owner)
      if(at GREATER -1 AND NOT in_owner EQUAL 0)
        list(APPEND strays "${source}: ${line} (only ${folder} may include it)")
      endif()
    endforeach()
  endforeach()
endforeach()
list(LENGTH sources count)
if(count LESS 50)
  message(FATAL_ERROR "found only ${count} sources under ${ROOT}: the test looks in the wrong place")
endif()
if(strays)
  list(JOIN strays "\n" report)
  message(FATAL_ERROR "external headers outside their stage:\n${report}")
endif()
message(STATUS "${count} sources: every external header is included by its own stage only")
