# SPDX-License-Identifier: GPL-3.0-or-later
# ManPages.cmake: writes the manual pages into OUTPUT_DIR from the
# program's own --help, so the two never drift apart: forcestat.1 from
# `forcestat --help`, and forcestat-COMMAND.1 from `forcestat COMMAND
# --help` for every command `forcestat --help` lists (main.c's command
# table), so a new command with its cli/help/COMMAND.txt gets its page
# with no edit here.  Each help goes through ManHelp.awk (every usage
# line into the SYNOPSIS, the exit status into EXIT STATUS) and then
# help2man (its "Examples:" into EXAMPLES); SEE ALSO names forcestat(1)
# and the pages of the commands the help mentions ('forcestat COMMAND'),
# or, on forcestat(1), every command's page.
# Run as `cmake -DFORCESTAT=... -DHELP2MAN=... -DOUTPUT_DIR=... -DVERSION=...
# [-DAWK=...] -P ManPages.cmake`; -DSOURCE_DATE_EPOCH=... dates the pages
# (help2man reads it), and -DGZIP=ON also writes each page gzipped (gzip
# -9n, no name or time in the header) for the Debian package.
if(SOURCE_DATE_EPOCH)
  set(ENV{SOURCE_DATE_EPOCH} "${SOURCE_DATE_EPOCH}")
endif()
if(NOT AWK)
  set(AWK awk)
endif()
file(MAKE_DIRECTORY "${OUTPUT_DIR}")
# The reshaped helps, and a stand-in named forcestat that prints one
# (help2man names the page after the program it runs).
set(work "${OUTPUT_DIR}.work")
file(REMOVE_RECURSE "${work}")
file(MAKE_DIRECTORY "${work}")
file(WRITE "${work}/forcestat" "#!/bin/sh\nexec cat -- \"$1\"\n")
execute_process(COMMAND chmod 0755 "${work}/forcestat" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "chmod failed for ${work}/forcestat")
endif()

execute_process(COMMAND "${FORCESTAT}" --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "forcestat --help failed")
endif()
string(REGEX MATCH "Commands:\n(.*)\n\n" block "${help}")
string(REGEX MATCHALL "\n  [a-z]+ +[^\n]+" lines "\n${CMAKE_MATCH_1}")
set(cmds "")
foreach(line IN LISTS lines)
  string(REGEX REPLACE "^\n  ([a-z]+) +(.*)$" "\\1" cmd "${line}")
  list(APPEND cmds "${cmd}")
endforeach()

# page(PAGE WHAT SEE_ALSO ARGS...): OUTPUT_DIR/PAGE.1 from `forcestat
# ARGS --help`, WHAT its NAME line, SEE_ALSO the pages it names.
function(page name what see_also)
  execute_process(COMMAND "${FORCESTAT}" ${ARGN} --help
                  COMMAND "${AWK}" -f "${CMAKE_CURRENT_LIST_DIR}/ManHelp.awk"
                  OUTPUT_FILE "${work}/${name}.txt" RESULTS_VARIABLE rcs)
  if(NOT rcs STREQUAL "0;0")
    message(FATAL_ERROR "forcestat ${ARGN} --help, reshaped, failed (${rcs})")
  endif()
  set(refs "")
  foreach(ref IN LISTS see_also)
    string(REPLACE "-" "\\-" ref "${ref}")
    string(APPEND refs ".BR \\%${ref} (1),\n")
  endforeach()
  string(REGEX REPLACE ",\n$" "\n" refs "${refs}")
  file(WRITE "${work}/${name}.h2m" "[SEE ALSO]\n${refs}")
  execute_process(COMMAND "${HELP2MAN}" --no-info --no-discard-stderr
                  "--version-string=${VERSION}" "--name=${what}"
                  "--include=${name}.h2m" "--help-option=${name}.txt"
                  "--output=${OUTPUT_DIR}/${name}.1" ./forcestat
                  WORKING_DIRECTORY "${work}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "help2man failed for ${name}")
  endif()
endfunction()

set(all "")
foreach(cmd IN LISTS cmds)
  list(APPEND all "forcestat-${cmd}")
endforeach()
page(forcestat "compare the police forces of England and Wales" "${all}")

foreach(line IN LISTS lines)
  string(REGEX REPLACE "^\n  ([a-z]+) +(.*)$" "\\1" cmd "${line}")
  string(REGEX REPLACE "^\n  ([a-z]+) +(.*)$" "\\2" what "${line}")
  # The commands this one's help refers to, in the order of the table.
  execute_process(COMMAND "${FORCESTAT}" ${cmd} --help OUTPUT_VARIABLE text)
  set(see "forcestat")
  foreach(other IN LISTS cmds)
    if(NOT other STREQUAL cmd AND text MATCHES "forcestat ${other}[^a-z]")
      list(APPEND see "forcestat-${other}")
    endif()
  endforeach()
  if(text MATCHES "gnuplot")
    list(APPEND see "gnuplot")
  endif()
  page(forcestat-${cmd} "${what}" "${see}" ${cmd})
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
