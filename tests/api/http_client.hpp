// A minimal HTTP/1.1 client over a raw loopback socket for the API tests: the request target is
// sent byte for byte (no normalisation or encoding, so traversal attempts reach the server as
// written), the answer is read to the end (Connection: close) and chunked bodies are joined.
#pragma once

#include <map>
#include <string>

namespace suanli::test {

struct HttpAnswer {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-case
  std::string body;
};

HttpAnswer http(int port, const std::string& method, const std::string& target,
                const std::string& body = "",
                const std::map<std::string, std::string>& headers = {});

}  // namespace suanli::test
