// The extension module suanli._suanli: a loaded catalog and one call, answer(verb, request JSON
// text), returning (ok, JSON text): the answer, or {"error", "description", "answer", "notes"}
// for a failure. Every request goes through the library's one dispatcher (io::answer, the
// function behind `suanli <verb> --format json` and the HTTP server), so Python gets exactly the
// CLI's JSON. The GIL is released while the library works; no C++ exception crosses into Python.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "suanli/catalog/catalog.hpp"
#include "suanli/core/error.hpp"
#include "suanli/io/error_json.hpp"
#include "suanli/io/service.hpp"

namespace py = pybind11;

namespace suanli::python {
namespace {

// (ok, JSON text) handed to python/suanli/__init__.py.
using Reply = std::pair<bool, std::string>;

Reply failure(const core::Error& error, const nlohmann::ordered_json& answer,
              const std::vector<std::string>& notes) {
  nlohmann::ordered_json body;
  body["error"] = io::error_json(error);
  body["description"] = error.describe();  // what the CLI prints after "error: "
  body["answer"] = answer;                 // the JSON the CLI printed before failing, or null
  body["notes"] = notes;
  return {false, body.dump()};
}

Reply internal_error(const std::string& what) {
  return failure(core::make_error(core::ErrorCode::internal,
                                  "internal error (a bug in suanli, please report it): " + what),
                 nullptr, {});
}

// Runs `work` without the GIL; an exception (a bug) becomes an internal error.
template <class Work>
Reply guarded(const Work& work) {
  py::gil_scoped_release unlocked;
  try {
    return work();
  } catch (const std::exception& e) {
    return internal_error(e.what());
  } catch (...) {
    return internal_error("unknown exception");
  }
}

class LoadedCatalog {
 public:
  explicit LoadedCatalog(catalog::Catalog cat) : cat_(std::move(cat)) {
    options_.validate_threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  }

  Reply answer(const std::string& verb, const std::string& request_text) const {
    return guarded([&] {
      const auto request = nlohmann::json::parse(request_text, nullptr, false);
      if (!request.is_object()) {
        return failure(core::make_error(core::ErrorCode::usage, "the request is not a JSON object"),
                       nullptr, {});
      }
      auto a = io::answer(cat_, verb, request, options_);
      if (!a) return failure(a.error(), nullptr, {});
      if (a->failure) return failure(*a->failure, a->json, a->notes);
      nlohmann::ordered_json body;
      body["answer"] = std::move(a->json);
      body["notes"] = std::move(a->notes);
      return Reply{true, body.dump()};
    });
  }

 private:
  catalog::Catalog cat_;
  io::ServiceOptions options_;  // a local caller: files may be read, no limits
};

// (true, LoadedCatalog) or (false, failure JSON text).
std::pair<bool, py::object> load_catalog(const std::vector<std::string>& dirs) {
  const std::vector<std::filesystem::path> paths(dirs.begin(), dirs.end());
  std::unique_ptr<LoadedCatalog> loaded;
  const Reply reply = guarded([&] {
    auto cat = catalog::load_catalog(paths);
    if (!cat) return failure(cat.error(), nullptr, {});
    loaded = std::make_unique<LoadedCatalog>(std::move(cat).value());
    return Reply{true, ""};
  });
  if (!reply.first) return {false, py::str(reply.second)};
  return {true, py::cast(std::move(loaded))};
}

}  // namespace
}  // namespace suanli::python

PYBIND11_MODULE(_suanli, m) {
  using suanli::python::LoadedCatalog;
  m.doc() = "suanli's C++ library; use the suanli package, which wraps this module.";
  m.attr("version") = SUANLI_VERSION;
  m.attr("builtin_data_dir") = SUANLI_BUILTIN_DATA_DIR;
  py::class_<LoadedCatalog>(m, "LoadedCatalog")
      .def("answer", &LoadedCatalog::answer, py::arg("verb"), py::arg("request_json"),
           "(ok, JSON text): {answer, notes}, or {error, description, answer, notes}");
  m.def("load_catalog", &suanli::python::load_catalog, py::arg("dirs"),
        "(True, LoadedCatalog) or (False, failure JSON text): the catalog of `dirs`, in order");
}
