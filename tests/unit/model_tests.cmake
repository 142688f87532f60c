# Model-area unit tests (tests/CMakeLists.txt may include this list; it also globs unit/*.cpp).
set(SUANLI_MODEL_TEST_SOURCES test_model_params.cpp test_model_config.cpp)
