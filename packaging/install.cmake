# What `cmake --install` puts where (Debian's layout below the prefix; the
# .deb of `make package` is the same tree below /usr), and the man page
# and completion scripts it installs, written at build time by the meso
# just built (docs/install.md).
include(GNUInstallDirs)

set(MESO_GENERATED ${CMAKE_BINARY_DIR}/generated)
# Made at configure time: the commands below write into it in any order (a
# fresh build dir has none, and make runs them in parallel).
file(MAKE_DIRECTORY ${MESO_GENERATED}/completions)

# Completions: `meso completions SHELL`, from the command line main.cpp defines.
foreach(shell bash zsh fish)
  list(APPEND MESO_COMPLETIONS ${MESO_GENERATED}/completions/meso.${shell})
  add_custom_command(
    OUTPUT ${MESO_GENERATED}/completions/meso.${shell}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${MESO_GENERATED}/completions
    COMMAND $<TARGET_FILE:meso> completions ${shell} > ${MESO_GENERATED}/completions/meso.${shell}
    DEPENDS meso
    COMMENT "Writing the ${shell} completion")
endforeach()
add_custom_target(meso_completions ALL DEPENDS ${MESO_COMPLETIONS})

# The man page meso(1): help2man from `meso --help`, `meso --version`, each
# command's help (scripts/man-commands) and packaging/meso.h2m. Debian's
# help2man; without it the page is left out, with a message.
find_program(HELP2MAN help2man)
if(HELP2MAN)
  set(MESO_MAN ${CMAKE_BINARY_DIR}/meso.1)
  add_custom_command(
    OUTPUT ${MESO_MAN} ${MESO_MAN}.gz
    COMMAND ${CMAKE_SOURCE_DIR}/scripts/man-commands $<TARGET_FILE:meso> ${MESO_GENERATED}/commands.h2m
    COMMAND ${HELP2MAN} --no-info --section=1 --source=meso --manual="User Commands"
            --include=${CMAKE_SOURCE_DIR}/packaging/meso.h2m --include=${MESO_GENERATED}/commands.h2m
            --output=${MESO_MAN} $<TARGET_FILE:meso>
    # -n: no name or time stamp in the .gz, so that two builds give the same bytes.
    COMMAND gzip -9n -c ${MESO_MAN} > ${MESO_MAN}.gz
    DEPENDS meso ${CMAKE_SOURCE_DIR}/packaging/meso.h2m ${CMAKE_SOURCE_DIR}/scripts/man-commands
    COMMENT "Writing the man page meso.1 (help2man)")
  add_custom_target(meso_man ALL DEPENDS ${MESO_MAN})
  install(FILES ${MESO_MAN}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "help2man not found: no man page (scripts/setup installs it)")
endif()

# The Debian changelog of the package, compressed as Debian's policy says.
set(MESO_CHANGELOG ${MESO_GENERATED}/changelog.Debian.gz)
add_custom_command(
  OUTPUT ${MESO_CHANGELOG}
  COMMAND gzip -9n -c ${CMAKE_SOURCE_DIR}/packaging/changelog > ${MESO_CHANGELOG}
  DEPENDS ${CMAKE_SOURCE_DIR}/packaging/changelog)
add_custom_target(meso_changelog ALL DEPENDS ${MESO_CHANGELOG})
# Its newest entry is this version: lintian and dpkg read it.
file(STRINGS ${CMAKE_SOURCE_DIR}/packaging/changelog MESO_CHANGELOG_TOP LIMIT_COUNT 1)
if(NOT MESO_CHANGELOG_TOP MATCHES "^meso \\(${PROJECT_VERSION}-")
  message(FATAL_ERROR "packaging/changelog: its first entry is not version ${PROJECT_VERSION} of project(): add one")
endif()

install(TARGETS meso RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${MESO_GENERATED}/completions/meso.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME meso)
install(FILES ${MESO_GENERATED}/completions/meso.zsh DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions RENAME _meso)
install(FILES ${MESO_GENERATED}/completions/meso.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d RENAME meso.fish)
# vim: Debian's vim has /usr/share/vim/vimfiles in its runtimepath.
install(FILES ${CMAKE_SOURCE_DIR}/editors/vim/syntax/meso.vim DESTINATION ${CMAKE_INSTALL_DATADIR}/vim/vimfiles/syntax)
install(FILES ${CMAKE_SOURCE_DIR}/editors/vim/ftdetect/meso.vim DESTINATION ${CMAKE_INSTALL_DATADIR}/vim/vimfiles/ftdetect)
# The VS Code extension's files, to be copied into ~/.vscode/extensions (docs/editors.md).
install(FILES ${CMAKE_SOURCE_DIR}/editors/vscode/package.json ${CMAKE_SOURCE_DIR}/editors/vscode/language-configuration.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/meso/editors/vscode)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/editors/vscode/syntaxes DESTINATION ${CMAKE_INSTALL_DATADIR}/meso/editors/vscode)
# The docs: README, docs/*.md, the DEP-5 copyright (LICENSE in Debian's words), the changelog.
set(MESO_DOCDIR ${CMAKE_INSTALL_DATADIR}/doc/meso)
file(GLOB MESO_DOCS ${CMAKE_SOURCE_DIR}/docs/*.md)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${MESO_DOCS} DESTINATION ${MESO_DOCDIR})
install(FILES ${CMAKE_SOURCE_DIR}/packaging/copyright ${MESO_CHANGELOG} DESTINATION ${MESO_DOCDIR})
install(FILES ${CMAKE_SOURCE_DIR}/packaging/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME meso)
