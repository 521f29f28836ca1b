# One stage's layering, run by the layering-<stage> tests (tests/CMakeLists.txt)
# as `cmake -DCONFIG=<file> -P check_stage.cmake`. The file sets
#   stage          the stage checked
#   compiler, standard_flag, include_dirs
#                  what compiles the stage's sources: its include directories
#                  are those the build gives them
#   later          the stages after it in the pipeline
#   reachable      the stage itself and every stage it builds on
#   headers_root   include/vitae
#   work_dir       where the probe files are written
# A probe file is one #include. Every header of a later stage must not be
# found; one header of each reachable stage must compile, so that the
# failures are the layering's and not flags that find nothing.
include(${CONFIG})
list(REMOVE_ITEM reachable "")

set(flags ${standard_flag} -fsyntax-only)
foreach(directory IN LISTS include_dirs)
  list(APPEND flags -I${directory})
endforeach()
file(MAKE_DIRECTORY ${work_dir})

# Compiles a file that includes `header` ("vitae/<stage>/<name>.hpp").
function(compile_probe header result output)
  string(MAKE_C_IDENTIFIER ${header} name)
  set(probe ${work_dir}/${name}.cpp)
  file(WRITE ${probe} "#include \"${header}\"\n")
  execute_process(COMMAND ${compiler} ${flags} ${probe} RESULT_VARIABLE code OUTPUT_VARIABLE text
                  ERROR_VARIABLE text)
  set(${result} ${code} PARENT_SCOPE)
  set(${output} "${text}" PARENT_SCOPE)
endfunction()

function(stage_headers other output)
  file(GLOB headers RELATIVE ${headers_root}/.. ${headers_root}/${other}/*.hpp)
  list(SORT headers)
  set(${output} ${headers} PARENT_SCOPE)
endfunction()

set(problems 0)
foreach(other IN LISTS later)
  stage_headers(${other} headers)
  foreach(header IN LISTS headers)
    compile_probe(${header} code text)
    string(FIND "${text}" "${header}" named)
    if(code EQUAL 0)
      message("error: ${stage} can include ${header}, but ${other} comes after ${stage}")
      math(EXPR problems "${problems} + 1")
    elseif(named EQUAL -1 OR NOT text MATCHES "No such file or directory|file not found")
      message("error: including ${header} from ${stage} failed, but not because it was not found:\n${text}")
      math(EXPR problems "${problems} + 1")
    else()
      message("ok: ${stage} cannot include ${header}")
    endif()
  endforeach()
endforeach()
foreach(other IN LISTS reachable)
  stage_headers(${other} headers)
  if(NOT headers)
    continue()
  endif()
  list(GET headers 0 header)
  compile_probe(${header} code text)
  if(code EQUAL 0)
    message("ok: ${stage} includes ${header}")
  else()
    message("error: ${stage} builds on ${other} but cannot include ${header}:\n${text}")
    math(EXPR problems "${problems} + 1")
  endif()
endforeach()
if(problems GREATER 0)
  message(FATAL_ERROR "${problems} layering problem(s) in ${stage}")
endif()
