# SPDX-License-Identifier: GPL-3.0-or-later
# ManPages.cmake: writes the manual pages into OUTPUT_DIR from the
# program's own --help, so the two never drift apart: forcestat.1 from
# `forcestat --help`, and forcestat-COMMAND.1 from `forcestat COMMAND
# --help` for every command `forcestat --help` lists.
# Run as `cmake -DFORCESTAT=... -DHELP2MAN=... -DOUTPUT_DIR=... -DVERSION=...
# -P ManPages.cmake`; -DSOURCE_DATE_EPOCH=... dates the pages (help2man
# reads it), and -DGZIP=ON also writes each page gzipped (gzip -9n, no
# name or time in the header) for the Debian package.
if(SOURCE_DATE_EPOCH)
  set(ENV{SOURCE_DATE_EPOCH} "${SOURCE_DATE_EPOCH}")
endif()
file(MAKE_DIRECTORY "${OUTPUT_DIR}")
execute_process(COMMAND "${FORCESTAT}" --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "forcestat --help failed")
endif()
execute_process(COMMAND "${HELP2MAN}" --no-info --no-discard-stderr
                "--version-string=${VERSION}" "--name=compare the police forces of England and Wales"
                "--output=${OUTPUT_DIR}/forcestat.1" "${FORCESTAT}"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed for forcestat")
endif()
string(REGEX MATCH "Commands:\n(.*)\n\n" block "${help}")
string(REGEX MATCHALL "\n  [a-z]+ +[^\n]+" lines "\n${CMAKE_MATCH_1}")
foreach(line IN LISTS lines)
  string(REGEX REPLACE "^\n  ([a-z]+) +(.*)$" "\\1" cmd "${line}")
  string(REGEX REPLACE "^\n  ([a-z]+) +(.*)$" "\\2" what "${line}")
  execute_process(COMMAND "${HELP2MAN}" --no-info --no-discard-stderr
                  "--version-string=${VERSION}" "--name=${what}"
                  "--help-option=${cmd} --help"
                  "--output=${OUTPUT_DIR}/forcestat-${cmd}.1" "${FORCESTAT}"
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "help2man failed for forcestat ${cmd}")
  endif()
  # help2man names the page after the program: name it after the command.
  file(READ "${OUTPUT_DIR}/forcestat-${cmd}.1" page)
  string(TOUPPER "${cmd}" upper)
  string(REGEX REPLACE "\\.TH FORCESTAT \"1\"" ".TH FORCESTAT-${upper} \"1\"" page "${page}")
  string(REPLACE "forcestat \\- " "forcestat-${cmd} \\- " page "${page}")
  file(WRITE "${OUTPUT_DIR}/forcestat-${cmd}.1" "${page}")
endforeach()
if(GZIP)
  file(GLOB pages "${OUTPUT_DIR}/*.1")
  foreach(page IN LISTS pages)
    execute_process(COMMAND gzip -9nc "${page}" OUTPUT_FILE "${page}.gz" RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "gzip failed for ${page}")
    endif()
  endforeach()
endif()
