# The manual page and the shells' completion scripts, written by the vitae
# just built from its own command line definition (src/cli/shell.hpp), so
# that they and `vitae --help` never disagree:
#
#   cmake -DVITAE=<executable> -DGZIP=<gzip> -DOUTPUT_DIR=<folder> -P ShellFiles.cmake
#
# The manual page is installed compressed, as man-db reads it and as
# Debian's policy wants it; gzip -n leaves out the time, for the same bytes
# at every build.
foreach(pair IN ITEMS "manual|vitae.1" "completions;bash|vitae.bash" "completions;zsh|_vitae"
                      "completions;fish|vitae.fish")
  string(REPLACE "|" ";" parts "${pair}")
  list(POP_BACK parts file)
  execute_process(COMMAND ${VITAE} ${parts} OUTPUT_FILE ${OUTPUT_DIR}/${file}.new RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "vitae ${parts} failed: ${failed}")
  endif()
  file(RENAME ${OUTPUT_DIR}/${file}.new ${OUTPUT_DIR}/${file})
endforeach()
execute_process(COMMAND ${GZIP} -n -9 -c ${OUTPUT_DIR}/vitae.1 OUTPUT_FILE ${OUTPUT_DIR}/vitae.1.gz.new
                RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "gzip of vitae.1 failed: ${failed}")
endif()
file(RENAME ${OUTPUT_DIR}/vitae.1.gz.new ${OUTPUT_DIR}/vitae.1.gz)
