# Writes the program version source (Version.cpp) from the project version and `git describe`.
# Run at every build (target pilotsim_version), so that outputs never carry a stale commit; the file
# is rewritten only when the text changes, so an unchanged version triggers no recompilation.
# Inputs: -DSOURCE_DIR=<repo> -DINPUT=<Version.cpp.in> -DOUTPUT=<Version.cpp> -DPROJECT_VERSION=<x.y.z>
execute_process(COMMAND git describe --always --dirty --abbrev=12
                WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE PILOTSIM_GIT_DESCRIBE OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT PILOTSIM_GIT_DESCRIBE)
  set(PILOTSIM_GIT_DESCRIBE "unknown")
endif()
configure_file(${INPUT} ${OUTPUT} @ONLY)
