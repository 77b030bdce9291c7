# Driver of the fuzz tests (CMakeLists.txt) and of scripts/fuzz.sh: cmake -DMODE=... -P RunFuzz.cmake
#
#   MODE=build   configure the `fuzz` preset into FUZZ_DIR and build PROGRAMS (comma-separated); run
#                from the source directory.
#   MODE=fuzz    fuzz_TARGET for SECONDS, mutating its seeds: corpus/TARGET/, the shipped SEEDS
#                directories, and the issue's crash inputs written here (they are too large to keep in
#                git). New inputs go to CORPUS (default FUZZ_DIR/work/TARGET/corpus, emptied first);
#                the source tree is only read.
#   MODE=corpus  fuzz_TARGET once on each seed and crash input, without mutation (a regression test).
# Common: SOURCE_DIR, FUZZ_DIR, TARGET, KIND (toml | json), SEEDS (;-list of source-tree directories).
# Fails on any crash, leak, timeout (10 s for one input), memory above 2 GB or sanitizer report, and
# says which input and how to reproduce it.
cmake_minimum_required(VERSION 3.25)

if(MODE STREQUAL "build")
  find_program(clangxx clang++)
  set(runtime "")
  if(clangxx)
    execute_process(COMMAND ${clangxx} --print-runtime-dir OUTPUT_VARIABLE runtime_dir OUTPUT_STRIP_TRAILING_WHITESPACE)
    file(GLOB runtime "${runtime_dir}/libclang_rt.fuzzer-*.a")
  endif()
  if(NOT clangxx OR NOT runtime)
    message(FATAL_ERROR "fuzz.build: clang++ or libFuzzer (libclang-rt-14-dev) is not installed; run 'bash scripts/setup.sh --all'")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} --preset fuzz -B ${FUZZ_DIR} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "fuzz.build: configuring the fuzz preset into ${FUZZ_DIR} failed")
  endif()
  string(REPLACE "," ";" programs "${PROGRAMS}")
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${FUZZ_DIR} --target ${programs} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "fuzz.build: building ${PROGRAMS} in ${FUZZ_DIR} failed")
  endif()
  return()
endif()

set(program ${FUZZ_DIR}/tests/fuzz/fuzz_${TARGET})
if(NOT EXISTS ${program})
  message(FATAL_ERROR "fuzz.${TARGET}: ${program} is missing; the fuzz.build test builds it")
endif()
set(work ${FUZZ_DIR}/work/${TARGET})
file(REMOVE_RECURSE ${work}/generated ${work}/artifacts)
file(MAKE_DIRECTORY ${work}/generated ${work}/artifacts)

# The crash inputs of issue 14 that are too large for git: a key and a table header of 35,000 dotted
# parts (a stack overflow in the TOML reader before the fix), and a 100,000-character unknown key.
string(REPEAT "a." 34999 dotted)
string(REPEAT "x" 100000 long_key)
set(deep_key "${dotted}a = 1\n")
set(deep_header "[${dotted}a]\nb = 1\n")
set(unknown_key "${long_key} = 1\n")
if(KIND STREQUAL "json")
  file(WRITE ${work}/generated/deep-key.json "{\"toml\": \"${dotted}a = 1\"}")
  file(WRITE ${work}/generated/deep-header.json "{\"toml\": \"[${dotted}a]\\nb = 1\"}")
  file(WRITE ${work}/generated/long-unknown-key.json "{\"toml\": \"${long_key} = 1\"}")
  file(WRITE ${work}/generated/set-deep-key.json "{\"preset\": \"baseline\", \"set\": {\"${dotted}a\": 1}}")
  file(WRITE ${work}/generated/set-long-key.json "{\"preset\": \"baseline\", \"set\": {\"${long_key}\": 1}}")
else()
  file(WRITE ${work}/generated/deep-key.toml "${deep_key}")
  file(WRITE ${work}/generated/deep-header.toml "${deep_header}")
  file(WRITE ${work}/generated/long-unknown-key.toml "${unknown_key}")
endif()

set(seed_dirs ${SOURCE_DIR}/tests/fuzz/corpus/${TARGET} ${work}/generated)
foreach(dir IN LISTS SEEDS)
  list(APPEND seed_dirs ${SOURCE_DIR}/${dir})
endforeach()
if(KIND STREQUAL "json")
  set(dict ${SOURCE_DIR}/tests/fuzz/json.dict)
else()
  set(dict ${SOURCE_DIR}/tests/fuzz/toml.dict)
endif()
# UBSan stops at its first report (the build also says -fno-sanitize-recover) with a stack.
set(env ${CMAKE_COMMAND} -E env UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
        ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0)
set(limits -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 -artifact_prefix=${work}/artifacts/)

if(MODE STREQUAL "corpus")
  set(inputs "")
  foreach(dir IN LISTS seed_dirs)
    file(GLOB files LIST_DIRECTORIES false "${dir}/*")
    list(APPEND inputs ${files})
  endforeach()
  list(LENGTH inputs count)
  execute_process(COMMAND ${env} ${program} ${limits} ${inputs}
                  OUTPUT_FILE ${work}/corpus.log ERROR_FILE ${work}/corpus.log RESULT_VARIABLE status)
  set(log ${work}/corpus.log)
  set(what "running the ${count} seed and crash inputs once")
elseif(MODE STREQUAL "fuzz")
  if(NOT CORPUS)
    set(CORPUS ${work}/corpus)
    file(REMOVE_RECURSE ${CORPUS})  # each test run starts from the seeds alone
  endif()
  file(MAKE_DIRECTORY ${CORPUS})
  string(TIMESTAMP started "%s")
  # The first corpus directory receives the new inputs; the others are only read.
  execute_process(COMMAND ${env} ${program} ${limits} -max_total_time=${SECONDS} -dict=${dict} -print_final_stats=1
                          ${CORPUS} ${seed_dirs}
                  OUTPUT_FILE ${work}/fuzz.log ERROR_FILE ${work}/fuzz.log RESULT_VARIABLE status)
  string(TIMESTAMP finished "%s")
  math(EXPR elapsed "${finished} - ${started}")
  set(log ${work}/fuzz.log)
  set(what "fuzzing for ${SECONDS} s")
else()
  message(FATAL_ERROR "RunFuzz.cmake: MODE must be build, fuzz or corpus, got '${MODE}'")
endif()

if(NOT status EQUAL 0)
  # The report's first lines (a stack overflow's last lines are one frame repeated) and the log's last,
  # printed as they are (read into a CMake list, brackets and semicolons would be mangled).
  message(STATUS "fuzz.${TARGET}: the report in ${log}:")
  execute_process(COMMAND grep -m1 -A60 -E "terminate called|ERROR: |runtime error|invariant violated|deadly signal" ${log})
  message(STATUS "fuzz.${TARGET}: last lines of ${log}:")
  execute_process(COMMAND tail -n 12 ${log})
  file(GLOB artifacts "${work}/artifacts/*")
  if(MODE STREQUAL "corpus")
    file(STRINGS ${log} running REGEX "^Running: ")  # the input it was running last
    list(POP_BACK running artifacts)
    string(REPLACE "Running: " "" artifacts "${artifacts}")
  endif()
  list(JOIN artifacts " " artifacts)
  message(FATAL_ERROR "fuzz.${TARGET}: ${what} failed (exit status ${status}). Input: ${artifacts}. Reproduce: "
                      "${program} INPUT; keep it as tests/fuzz/corpus/${TARGET}/crash-<what> (README.md).")
endif()

if(MODE STREQUAL "fuzz")
  # One line per target: what scripts/fuzz.sh and the test log report.
  set(execs "?")
  set(rss "?")
  set(added "?")
  file(STRINGS ${log} stats REGEX "^stat::")
  foreach(line IN LISTS stats)
    if(line MATCHES "^stat::number_of_executed_units: +([0-9]+)")
      set(execs ${CMAKE_MATCH_1})
    elseif(line MATCHES "^stat::peak_rss_mb: +([0-9]+)")
      set(rss ${CMAKE_MATCH_1})
    elseif(line MATCHES "^stat::new_units_added: +([0-9]+)")
      set(added ${CMAKE_MATCH_1})
    endif()
  endforeach()
  message(STATUS "fuzz.${TARGET}: ${execs} inputs executed in ${elapsed} s, 0 crashes, ${added} new inputs, "
                 "peak RSS ${rss} MB (corpus ${CORPUS})")
else()
  message(STATUS "fuzz.${TARGET}.corpus: ${count} inputs, no crash")
endif()
