# The emitter's checks against parsers nobody on the team wrote (libical,
# Python's icalendar, and ical.js) and our own byte lint, over calendars made from
# hand-built schedules (ical_fixtures) and over every example compiled by
# `meso compile` (check_calendars.sh).
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBICAL REQUIRED IMPORTED_TARGET libical)

add_executable(ical_fixtures ${CMAKE_CURRENT_SOURCE_DIR}/emit/fixtures_main.cpp)
target_link_libraries(ical_fixtures PRIVATE meso_engine)
add_executable(ical_lint ${CMAKE_CURRENT_SOURCE_DIR}/emit/lint_main.cpp)
target_include_directories(ical_lint PRIVATE ${CMAKE_SOURCE_DIR})
add_executable(libical_check ${CMAKE_CURRENT_SOURCE_DIR}/emit/libical_check.cpp)
target_link_libraries(libical_check PRIVATE PkgConfig::LIBICAL)

set(MESO_EMIT_CHECK ${CMAKE_CURRENT_SOURCE_DIR}/emit/check_calendars.sh)
# emit.zones: five zones' VTIMEZONEs through all three parsers.
# emit.icaljs reads them with ical.js too (node; npm ci from tests/emit/node's lock file).
# emit.subscriber: vdirsyncer subscribed to `meso publish`'s feeds (Debian's vdirsyncer).
# The subscriber (a real client) runs once, in the normal build, not again
# under the sanitizers.
set(MESO_EMIT_CHECKS fixtures examples cli zones icaljs)
if(NOT MESO_SANITIZE)
  list(APPEND MESO_EMIT_CHECKS subscriber)
endif()
foreach(check ${MESO_EMIT_CHECKS})
  add_test(NAME emit.${check}
    COMMAND ${MESO_EMIT_CHECK} ${check} $<TARGET_FILE:meso> $<TARGET_FILE_DIR:ical_fixtures> ${CMAKE_SOURCE_DIR})
  set_tests_properties(emit.${check} PROPERTIES SKIP_RETURN_CODE 77)
endforeach()
# After emit.icaljs, which installs the ical.js they read the calendars with too
# (two npm ci in one folder at once would trip over each other).
foreach(check zones subscriber)
  if(TEST emit.${check})
    set_tests_properties(emit.${check} PROPERTIES DEPENDS emit.icaljs)
  endif()
endforeach()
