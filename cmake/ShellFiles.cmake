# The manual page and the shells' completion scripts, written by the vitae
# just built from its own command line definition (src/cli/shell.hpp), so
# that they and `vitae --help` never disagree:
#
#   cmake -DVITAE=<executable> -DOUTPUT_DIR=<folder> -P ShellFiles.cmake
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
