# cmake -DBUILD_DIR=<pilotsim build> -DWORK=<scratch> -DPROJECT=<tests/consumer/project> -P Consumer.cmake
# Installs the build into WORK/prefix, configures and builds the consumer project against it with
# find_package(pilotsim), runs it, and fails on any step that fails (with that step's output).
file(REMOVE_RECURSE ${WORK})
function(step name)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer test: ${name} failed (${rc}):\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()
step("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK}/prefix)
step("configuring the consumer project" ${CMAKE_COMMAND} -S ${PROJECT} -B ${WORK}/build -G Ninja
     -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${WORK}/prefix)
step("building the consumer project" ${CMAKE_COMMAND} --build ${WORK}/build)
step("running the consumer" ${WORK}/build/consumer)
message(STATUS "consumer output:\n${last_output}")
if(NOT last_output MATCHES "months 24")
  message(FATAL_ERROR "consumer test: unexpected output:\n${last_output}")
endif()
