# The project's warning set; VITAE_WERROR (on in CI) makes them errors.
function(vitae_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
  if(VITAE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
