# Runs tests/browser/web.test.mjs (node's test runner, playwright-core, Debian's chromium) against
# the suanli executable SUANLI_BIN. Anything missing fails the test with what to do: CI must never
# pass these tests by not running them.
# Inputs: NODE, SUANLI_BIN, SOURCE_DIR, ARTEFACTS, CHROMIUM.
set(missing "")
if(NOT NODE OR NOT EXISTS "${NODE}")
  list(APPEND missing "node (tools/install-deps.sh installs Debian's nodejs)")
endif()
if(NOT EXISTS "${CHROMIUM}")
  list(APPEND missing "${CHROMIUM} (tools/install-deps.sh installs Debian's chromium)")
endif()
if(NOT EXISTS "${SOURCE_DIR}/web/dist/index.html")
  list(APPEND missing "web/dist (bash tools/build-web.sh builds it)")
endif()
if(NOT EXISTS "${SOURCE_DIR}/tests/browser/node_modules/playwright-core/package.json")
  list(APPEND missing "tests/browser/node_modules (bash tools/build-web.sh test installs it)")
endif()
if(missing)
  list(JOIN missing "\n  " text)
  message(FATAL_ERROR "the browser tests cannot run; missing:\n  ${text}")
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env
          SUANLI_BIN=${SUANLI_BIN} SUANLI_WEB_ROOT=${SOURCE_DIR}/web/dist
          SUANLI_ARTEFACTS=${ARTEFACTS} CHROMIUM=${CHROMIUM}
          ${NODE} --test ${SOURCE_DIR}/tests/browser/web.test.mjs
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "browser tests failed (exit ${rc}); screenshots in ${ARTEFACTS}")
endif()
message(STATUS "screenshots in ${ARTEFACTS}")
