# meso installed like any other tool (docs/install.md): the man page
# renders and names every command, the completion scripts complete in real
# bash, zsh and fish, and `cmake --install` puts every file in its place.
# A shell that is not installed is reported as skipped, not passed.
set(MESO_INSTALL_CHECK ${CMAKE_CURRENT_SOURCE_DIR}/install/check_install.sh)
foreach(check man bash zsh fish install)
  add_test(NAME install.${check}
    COMMAND ${MESO_INSTALL_CHECK} ${check} $<TARGET_FILE:meso> ${CMAKE_BINARY_DIR} ${CMAKE_SOURCE_DIR})
endforeach()
set_tests_properties(install.man install.bash install.zsh install.fish install.install PROPERTIES SKIP_RETURN_CODE 77)
# Each may build the man page and the completions (cmake --build): one at a time.
set_tests_properties(install.man install.bash install.zsh install.fish install.install PROPERTIES RESOURCE_LOCK meso_generated)
