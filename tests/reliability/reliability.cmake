# The adversarial inputs (tests/reliability/adversarial.py): meso check and
# meso schedule on each, under a memory limit and a timeout. In a sanitizer
# build only the clean exit is asserted (ASan's shadow memory and slowdown
# make the limits meaningless there).
find_program(MESO_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT MESO_PYTHON3)
  find_program(MESO_PYTHON3 python3 REQUIRED)
endif()
# Under ASan the largest cases run past any sensible timeout (142 s for one
# in CI), so the sanitizer build leaves this test to the normal build.
if(NOT MESO_SANITIZE)
  add_test(NAME reliability.adversarial
    COMMAND ${MESO_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/reliability/adversarial.py run --meso $<TARGET_FILE:meso>)
endif()
