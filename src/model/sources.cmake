# Sources of the model area, relative to src/ (src/CMakeLists.txt also globs model/*.cpp and
# model/detail/*.cpp, so this list is for builds that name files explicitly).
set(SUANLI_MODEL_SOURCES
    model/hf_config.cpp
    model/model_stats.cpp
    model/model_arch.cpp
    model/json_syntax.cpp
    model/detail/config_reader.cpp
    model/detail/families.cpp)
