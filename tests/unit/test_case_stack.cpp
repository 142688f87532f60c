// The stack a suite case runs on (validate::detail::case_stack): an inference case on one of the
// format's training frameworks runs as 'other'; every other name, and every training case, keeps
// its own (an unknown name is then refused by the front door with its did-you-mean).
#include <gtest/gtest.h>

#include "src/validate/detail/case_mapping.hpp"

namespace suanli::validate {
namespace {

Case case_on(CaseKind kind, const char* software) {
  Case c;
  c.kind = kind;
  c.software = software;
  return c;
}

TEST(CaseStack, TrainingFrameworksServeAsOther) {
  for (const char* f : {"megatron", "nemo", "maxtext", "deepspeed", "mindformers"}) {
    EXPECT_EQ(detail::case_stack(case_on(CaseKind::inference, f)), "other") << f;
    EXPECT_EQ(detail::case_stack(case_on(CaseKind::training, f)), f) << f;
  }
  for (const char* s : {"tensorrt-llm", "sglang", "pytorch", "other", "trtllm", "TensorRT-LLM"}) {
    EXPECT_EQ(detail::case_stack(case_on(CaseKind::inference, s)), s) << s;
  }
  EXPECT_EQ(detail::case_stack(case_on(CaseKind::microbenchmark, "deepspeed")), "deepspeed");
}

}  // namespace
}  // namespace suanli::validate
