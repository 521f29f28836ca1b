# AddressSanitizer + UndefinedBehaviorSanitizer for a target, when
# VITAE_SANITIZE is on. Undefined behaviour aborts, so a test fails on it.
function(vitae_set_sanitizers target)
  if(VITAE_SANITIZE)
    set(flags -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_compile_options(${target} PRIVATE ${flags})
    target_link_options(${target} PRIVATE ${flags})
    # Instrumented at -O0, vitae is ~200 MB with ~3.6 million relative
    # relocations: as a position-independent executable, every process
    # spends ~0.3 s relocating it before main (vitae --version: 0.54 s,
    # 0.25 s linked at a fixed address), and the tests start vitae thousands
    # of times.
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "EXECUTABLE")
      target_link_options(${target} PRIVATE -no-pie)
    endif()
  endif()
endfunction()
