# AddressSanitizer + UndefinedBehaviorSanitizer for a target, when
# VITAE_SANITIZE is on. Undefined behaviour aborts, so a test fails on it.
function(vitae_set_sanitizers target)
  if(VITAE_SANITIZE)
    set(flags -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_compile_options(${target} PRIVATE ${flags})
    target_link_options(${target} PRIVATE ${flags})
  endif()
endfunction()
