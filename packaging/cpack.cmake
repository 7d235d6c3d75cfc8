# `make package`: a .deb of the install tree (packaging/install.cmake) below
# /usr, built by CPack, then checked by scripts/check-package (lintian, its
# files, the binary run from an unpacked root). docs/install.md.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME meso)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "the meso authors <meso@example.org>")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "the meso authors <meso@example.org>")
# The revision of packaging/changelog's newest entry.
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The libraries the binary links (libspdlog, libfmt, libstdc++, ...) by
# dpkg-shlibdeps, and tzdata, which the binary reads at run time.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "tzdata")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# A synopsis line, then the long description (CPack indents its lines with
# the one space Debian's control file wants: they start without one here).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "compiler and linter for training programs
meso reads a training program written as a small text file (athletes,
their maxima, blocks of weeks built from templates), checks it against
guidelines such as those of blood-flow-restriction training, expands it
into dated sessions with real loads, and compiles it to an iCalendar file
that calendar applications import.")
# Directories 0755 and files 0644 whatever the umask of the build.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
include(CPack)
