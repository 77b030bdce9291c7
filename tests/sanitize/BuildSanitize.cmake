# cmake -DSOURCE_DIR=... -DBUILD_DIR=... -DSUITES=a,b -P BuildSanitize.cmake
# Configures the `sanitize` preset (into BUILD_DIR) and builds the named test suites, with the
# compiler's output shown only when the build fails.
string(REPLACE "," ";" suites "${SUITES}")
set(targets "")
foreach(s IN LISTS suites)
  list(APPEND targets pilotsim_tests_${s})
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} --preset sanitize -B ${BUILD_DIR} WORKING_DIRECTORY ${SOURCE_DIR}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "sanitize.build: configuring the sanitize preset failed:\n${out}\n${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ${targets}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  string(LENGTH "${out}" n)
  if(n GREATER 20000)
    math(EXPR from "${n} - 20000")
    string(SUBSTRING "${out}" ${from} -1 out)
  endif()
  message(FATAL_ERROR "sanitize.build: building the suites failed:\n${out}\n${err}")
endif()
message(STATUS "sanitize.build: built ${targets} in ${BUILD_DIR}")
