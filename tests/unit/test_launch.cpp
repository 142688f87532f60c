// Launch configs (--emit): the mapping of a predicted configuration to each stack's flags, the
// node and rank arguments of multi-node instances, disaggregated roles, the settings left open,
// and the errors for a stack on the wrong hardware; compare's and plan's choice of row.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "suanli/api/compare.hpp"
#include "suanli/api/infer.hpp"
#include "suanli/api/plan.hpp"
#include "suanli/io/answer_json.hpp"
#include "tests/unit/infer_fixture.hpp"

namespace suanli::api {
namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

InferRequest dense_h100(launch::Stack stack) {
  InferRequest r = test::system_request("llama-3.1-70b", "hgx-h100", 0, 2048, 512);
  r.parallelism.tp = 8;
  r.emit = stack;
  return r;
}

InferRequest r1_on_16_h20(launch::Stack stack) {
  InferRequest r = test::system_request("deepseek-r1", "hgx-h20", 16, 4096, 1024);
  r.parallelism = {1, 1, 16, 16};
  r.concurrency = 1024;
  r.emit = stack;
  return r;
}

InferRequest disaggregated_h100(launch::Stack stack) {
  InferRequest r = test::chip_request("llama-3.1-70b", "nvidia-h100-sxm", 16, 2048, 256);
  r.disaggregate = {8, 8};
  r.parallelism.tp = 8;
  r.tpot_slo_s = 0.05;
  r.ttft_slo_s = 2;
  r.emit = stack;
  return r;
}

InferAnswer predict(const InferRequest& r) {
  auto a = predict_inference(test::infer_catalog(), r);
  if (!a) throw std::runtime_error(a.error().describe());
  EXPECT_TRUE(a->estimate.feasible) << a->estimate.reason;
  EXPECT_TRUE(a->launch.has_value());
  return std::move(*a);
}

int ceil_of(double v) {
  return static_cast<int>(std::ceil(v - 1e-9));
}

TEST(Launch, DenseVllmIsOneServeCommandWithTheEstimatesBudgets) {
  const InferAnswer a = predict(dense_h100(launch::Stack::vllm));
  EXPECT_EQ(a.used.software, "vllm");  // --emit picks the stack the prediction assumes
  const Emitted& e = *a.launch;
  EXPECT_EQ(e.system, "hgx-h100");
  EXPECT_EQ(e.chips, 8);
  ASSERT_EQ(e.config.commands.size(), 1U);
  const launch::Command& c = e.config.commands[0];
  EXPECT_EQ(c.role, "serve");
  EXPECT_EQ(c.node, 0);
  EXPECT_TRUE(has(c.script, "vllm serve meta-llama/Llama-3.1-70B \\\n"));
  EXPECT_TRUE(has(c.script, "    --tensor-parallel-size 8 \\\n"));
  EXPECT_FALSE(has(c.script, "--data-parallel-size"));
  EXPECT_FALSE(has(c.script, "--pipeline-parallel-size"));
  EXPECT_FALSE(has(c.script, "--enable-expert-parallel"));
  EXPECT_TRUE(has(c.script, "    --quantization fp8\n"));  // the last option
  EXPECT_TRUE(has(c.script, "    --gpu-memory-utilization 0.90 \\\n"));
  EXPECT_EQ(a.estimate.step_tokens, 8192);  // vLLM on an 80 GB device
  EXPECT_TRUE(has(c.script, "    --max-num-batched-tokens 8192 \\\n"));
  EXPECT_TRUE(has(
      c.script, "    --max-num-seqs " + std::to_string(ceil_of(a.estimate.concurrency)) + " \\\n"));
  EXPECT_TRUE(e.config.files.empty());
}

TEST(Launch, DenseReplicasFoldIntoDataParallelism) {
  InferRequest r = dense_h100(launch::Stack::vllm);
  r.parallelism = {2, 1, 4, 0};
  const InferAnswer a = predict(r);
  const std::string& s = a.launch->config.commands.at(0).script;
  EXPECT_TRUE(has(s, "--tensor-parallel-size 2 \\\n"));
  EXPECT_TRUE(has(s, "--data-parallel-size 4 \\\n"));
  // --max-num-seqs applies per DP rank.
  EXPECT_TRUE(
      has(s, "--max-num-seqs " + std::to_string(ceil_of(a.estimate.concurrency / 4)) + " \\\n"));
}

TEST(Launch, SglangMoeOnTwoNodesHasDpAttentionEpAndRankArguments) {
  const InferAnswer a = predict(r1_on_16_h20(launch::Stack::sglang));
  const launch::LaunchConfig& c = a.launch->config;
  ASSERT_EQ(c.commands.size(), 2U);
  for (int node = 0; node < 2; ++node) {
    const std::string& s = c.commands[node].script;
    EXPECT_EQ(c.commands[node].node, node);
    EXPECT_TRUE(
        has(s, "python3 -m sglang.launch_server \\\n    --model-path deepseek-ai/DeepSeek-R1"));
    EXPECT_TRUE(has(s, "--tp-size 16 \\\n"));
    EXPECT_TRUE(has(s, "--dp-size 16 \\\n    --enable-dp-attention \\\n"));
    EXPECT_TRUE(has(s, "--ep-size 16 \\\n    --moe-a2a-backend deepep \\\n"));
    EXPECT_TRUE(has(s, "--kv-cache-dtype fp8_e4m3") ==
                (a.estimate.precision.kv_cache == hw::Dtype::fp8));
    EXPECT_TRUE(has(s, "--dist-init-addr $HEAD_IP:5000 \\\n    --nnodes 2 \\\n    --node-rank " +
                           std::to_string(node) + "\n"));
    EXPECT_TRUE(has(
        s, "--max-running-requests " + std::to_string(ceil_of(a.estimate.concurrency)) + " \\\n"));
  }
  EXPECT_TRUE(has(c.commands[0].script,
                  "# not decided by suanli: HEAD_IP: the address of this instance's node 1\n"));
}

TEST(Launch, VllmMoeOnTwoNodesSplitsTheDataParallelRanksPerNode) {
  const InferAnswer a = predict(r1_on_16_h20(launch::Stack::vllm));
  const launch::LaunchConfig& c = a.launch->config;
  ASSERT_EQ(c.commands.size(), 2U);
  const std::string& head = c.commands[0].script;
  const std::string& second = c.commands[1].script;
  for (const std::string* s : {&head, &second}) {
    EXPECT_TRUE(has(*s, "--tensor-parallel-size 1 \\\n"));
    EXPECT_TRUE(has(*s, "--data-parallel-size 16 \\\n    --enable-expert-parallel \\\n"));
    EXPECT_TRUE(has(*s, "--data-parallel-size-local 8 \\\n"));
    EXPECT_TRUE(has(*s, "--data-parallel-address $HEAD_IP \\\n"));
  }
  EXPECT_FALSE(has(head, "--headless"));
  EXPECT_TRUE(has(second, "--headless \\\n    --data-parallel-start-rank 8\n"));
}

TEST(Launch, MtpBecomesEachStacksSpeculativeSetting) {
  InferRequest r = r1_on_16_h20(launch::Stack::sglang);
  r.mtp = 1;
  EXPECT_TRUE(has(predict(r).launch->config.commands[0].script,
                  "--speculative-algorithm EAGLE \\\n    --speculative-num-steps 1 \\\n"
                  "    --speculative-eagle-topk 1 \\\n    --speculative-num-draft-tokens 2"));
  r.emit = launch::Stack::vllm;
  EXPECT_TRUE(has(predict(r).launch->config.commands[0].script,
                  R"(--speculative-config '{"method": "mtp", "num_speculative_tokens": 1}')"));
  r.emit = launch::Stack::trtllm;
  const InferAnswer t = predict(r);
  ASSERT_EQ(t.launch->config.files.size(), 1U);
  EXPECT_TRUE(has(t.launch->config.files[0].content,
                  "speculative_config:\n  decoding_type: MTP\n  num_nextn_predict_layers: 1\n"));
  EXPECT_TRUE(has(t.launch->config.files[0].content, "enable_attention_dp: true\n"));
}

TEST(Launch, DisaggregatedPoolsGetRolesAndARouter) {
  const InferAnswer a = predict(disaggregated_h100(launch::Stack::sglang));
  const launch::LaunchConfig& c = a.launch->config;
  ASSERT_EQ(c.commands.size(), 3U);
  EXPECT_EQ(c.commands[0].role, "prefill");
  EXPECT_EQ(c.commands[1].role, "decode");
  EXPECT_EQ(c.commands[2].role, "router");
  EXPECT_TRUE(has(c.commands[0].script, "--disaggregation-mode prefill"));
  EXPECT_TRUE(has(c.commands[1].script, "--disaggregation-mode decode"));
  EXPECT_TRUE(has(c.commands[2].script,
                  "python3 -m sglang_router.launch_router \\\n"
                  "    --pd-disaggregation \\\n"));
  // Each pool's own step budget: the prefill pool's as the estimate shortened it.
  EXPECT_TRUE(has(c.commands[0].script,
                  "--chunked-prefill-size " + std::to_string(a.estimate.prefill_step_tokens)));
  EXPECT_TRUE(has(c.commands[1].script,
                  "--chunked-prefill-size " + std::to_string(a.estimate.step_tokens)));
  EXPECT_FALSE(has(c.commands[0].script, "--max-running-requests"));  // prefill: token budget
}

TEST(Launch, TrtllmDisaggregatedWritesWorkerAndOrchestratorFiles) {
  const InferAnswer a = predict(disaggregated_h100(launch::Stack::trtllm));
  const launch::LaunchConfig& c = a.launch->config;
  ASSERT_EQ(c.files.size(), 3U);
  EXPECT_EQ(c.files[0].name, "prefill-config.yml");
  EXPECT_TRUE(has(c.files[0].content,
                  "cache_transceiver_config:\n  backend: DEFAULT\n"
                  "disable_overlap_scheduler: true\n"));
  EXPECT_EQ(c.files[1].name, "decode-config.yml");
  EXPECT_FALSE(has(c.files[1].content, "disable_overlap_scheduler"));
  EXPECT_EQ(c.files[2].name, "disagg_config.yaml");
  const int prefill_instances = a.estimate.prefill_layout.instances;
  EXPECT_TRUE(has(c.files[2].content,
                  "context_servers:\n  num_instances: " + std::to_string(prefill_instances) +
                      "\n  urls:\n    - \"PREFILL_IP_1:8001\"\n"));
  EXPECT_TRUE(has(c.files[2].content,
                  "    - \"PREFILL_IP_" + std::to_string(prefill_instances) + ":8001\"\n"));
  EXPECT_TRUE(
      has(c.commands.back().script, "trtllm-serve disaggregated \\\n    -c disagg_config.yaml\n"));
}

TEST(Launch, MindieWritesTheConfigKeysOfAMoeDeployment) {
  InferRequest r = test::system_request("deepseek-r1", "atlas-800t-a2", 32, 2048, 512);
  r.precision = hw::Dtype::int8;
  r.parallelism = {4, 1, 8, 32};
  r.emit = launch::Stack::mindie;
  const InferAnswer a = predict(r);
  const launch::LaunchConfig& c = a.launch->config;
  ASSERT_EQ(c.files.size(), 1U);
  EXPECT_EQ(c.files[0].name, "conf/config.json");
  const auto j = nlohmann::json::parse(c.files[0].content);
  const auto& backend = j.at("BackendConfig");
  EXPECT_EQ(backend.at("multiNodesInferEnabled"), true);
  const auto& m = backend.at("ModelDeployConfig").at("ModelConfig").at(0);
  EXPECT_EQ(m.at("worldSize"), 8);  // per node
  EXPECT_EQ(m.at("tp"), 4);
  EXPECT_EQ(m.at("dp"), 8);
  EXPECT_EQ(m.at("moe_ep"), 32);
  EXPECT_EQ(m.at("moe_tp"), 1);
  EXPECT_EQ(m.at("models").at("deepseekv2").at("ep_level"), 2);
  EXPECT_EQ(backend.at("ScheduleConfig").at("maxPrefillTokens"), a.estimate.step_tokens);
  ASSERT_EQ(c.commands.size(), 4U);  // one daemon per node
  EXPECT_TRUE(has(c.commands[3].script, "export MIES_CONTAINER_IP=$NODE_IP\n"));
}

TEST(Launch, AStackOnTheWrongVendorIsAnErrorNamingTheStacksThatRun) {
  InferRequest r = test::system_request("llama-3.1-70b", "atlas-800t-a2", 0, 2048, 512);
  r.parallelism.tp = 8;
  r.emit = launch::Stack::trtllm;
  auto a = predict_inference(test::infer_catalog(), r);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, core::ErrorCode::invalid_input);
  EXPECT_EQ(a.error().message, "trtllm does not run on huawei-ascend-910b (huawei chips)");
  ASSERT_EQ(a.error().hints.size(), 1U);
  EXPECT_EQ(a.error().hints[0], "on huawei chips use --emit mindie or --emit vllm-ascend");
  auto m = predict_inference(test::infer_catalog(), dense_h100(launch::Stack::mindie));
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().message, "mindie does not run on nvidia-h100-sxm (nvidia chips)");
  EXPECT_EQ(m.error().hints.at(0),
            "on nvidia chips use --emit vllm or --emit sglang or --emit trtllm");
}

// vLLM's and SGLang's writers give the GPU launch; on Ascend the launch is vLLM-Ascend's.
TEST(Launch, APortableStackOnAscendNamesTheAscendFlavour) {
  for (launch::Stack s : {launch::Stack::vllm, launch::Stack::sglang}) {
    InferRequest r = test::system_request("llama-3.1-70b", "atlas-800t-a2", 0, 2048, 512);
    r.parallelism.tp = 8;
    r.emit = s;
    auto a = predict_inference(test::infer_catalog(), r);
    ASSERT_FALSE(a);
    EXPECT_EQ(a.error().code, core::ErrorCode::invalid_input);
    EXPECT_EQ(a.error().message,
              fmt::format("--emit {} writes the launch for GPUs, not for huawei-ascend-910b "
                          "(huawei chips)",
                          launch::to_string(s)));
    EXPECT_EQ(a.error().hints.at(0), "on huawei chips use --emit vllm-ascend or --emit mindie");
  }
}

TEST(Launch, MindieRefusesDisaggregatedPools) {
  InferRequest r = test::system_request("llama-3.1-70b", "atlas-800t-a2", 16, 2048, 256);
  r.precision = hw::Dtype::int8;
  r.disaggregate = {8, 8};
  r.parallelism.tp = 8;
  r.emit = launch::Stack::mindie;
  auto a = predict_inference(test::infer_catalog(), r);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().message.rfind("mindie: disaggregated prefill/decode is deployed by MindIE "
                                    "Motor",
                                    0),
            0U);
  EXPECT_EQ(a.error().hints.at(0),
            "use --emit vllm-ascend for a disaggregated deployment on Ascend, or predict without "
            "--disaggregate");
}

TEST(Launch, EmitAndAnotherSoftwareIsAUsageError) {
  InferRequest r = dense_h100(launch::Stack::trtllm);
  r.software = "vllm";
  auto a = predict_inference(test::infer_catalog(), r);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, core::ErrorCode::usage);
  EXPECT_EQ(a.error().message,
            "--emit trtllm with --software vllm: the launch config must be for the stack the "
            "prediction assumes");
  EXPECT_EQ(a.error().hints.at(0), "drop --software (--emit trtllm predicts for tensorrt-llm)");
  r.software = "tensorrt-llm";  // the same stack in the model's spelling
  EXPECT_TRUE(predict_inference(test::infer_catalog(), r));
}

TEST(Launch, UnknownStackSuggestsTheNearestName) {
  InferRequest req;
  auto r = set_field(req, "emit", "vlm", KeyStyle::flag);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message,
            "--emit: 'vlm' is not one of vllm, sglang, trtllm, mindie, vllm-ascend");
  ASSERT_EQ(r.error().hints.size(), 1U);
  EXPECT_EQ(r.error().hints[0], "did you mean 'vllm'?");
}

TEST(Launch, AModelWithoutRepoIsAPlaceholderSaidSo) {
  const InferAnswer a = predict(dense_h100(launch::Stack::vllm));
  launch::Target t;
  t.stack = launch::Stack::vllm;  // no repo
  auto c = launch::launch_config(a.used, a.estimate, t);
  ASSERT_TRUE(c);
  EXPECT_TRUE(has(c->commands[0].script, "vllm serve $MODEL_PATH \\\n"));
  EXPECT_EQ(c->undecided.at(0),
            "MODEL_PATH: the model has no Hugging Face repo in the catalog; set the weights");
}

TEST(Launch, AnInfeasibleConfigurationHasNoLaunchConfig) {
  InferRequest r = dense_h100(launch::Stack::vllm);
  r.model = "llama-3.1-405b";
  r.precision = hw::Dtype::bf16;  // 810 GB of weights on 8 x 80 GB
  auto a = predict_inference(test::infer_catalog(), r);
  ASSERT_TRUE(a);
  EXPECT_FALSE(a->estimate.feasible);
  EXPECT_FALSE(a->launch.has_value());
  EXPECT_FALSE(io::infer_answer_json(*a).contains("launch"));
}

TEST(Launch, CompareEmitsItsBestFeasibleRow) {
  CompareRequest req;
  req.model = "llama-3.1-8b";
  req.systems = {"hgx-h100", "hgx-h20"};
  req.emit = launch::Stack::vllm;
  auto a = compare(test::infer_catalog(), req);
  ASSERT_TRUE(a) << a.error().describe();
  ASSERT_TRUE(a->launch.has_value());
  const CompareRow* best = &a->rows[0];
  for (const CompareRow& row : a->rows) {
    EXPECT_EQ(row.request.software, "vllm");
    if (row.estimate.output_tokens_per_s_per_chip > best->estimate.output_tokens_per_s_per_chip) {
      best = &row;
    }
  }
  EXPECT_EQ(a->launch->system, best->system);
  EXPECT_EQ(io::compare_answer_json(*a).at("launch").at("system"), best->system);
}

TEST(Launch, PlanEmitsItsTopRankedOkRowAsInferPredictsIt) {
  PlanRequest req;
  req.model = "llama-3.1-8b";
  req.systems = {"hgx-h100", "hgx-h20"};
  req.target = "1M-tok/s";
  req.emit = launch::Stack::sglang;
  auto a = plan(test::infer_catalog(), req);
  ASSERT_TRUE(a) << a.error().describe();
  ASSERT_TRUE(a->launch.has_value());
  const search::PlanRow& top = a->serving_result->rows.at(0);
  ASSERT_EQ(top.status, search::RowStatus::ok);
  EXPECT_EQ(a->launch->system, top.system);
  EXPECT_EQ(a->launch->chips, top.replica_chips);
  EXPECT_EQ(io::plan_answer_json(*a).at("launch").at("stack"), "sglang");
  req.train = true;
  auto t = plan(test::infer_catalog(), req);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().message, "--emit: launch configs are for serving plans, not --train");
}

}  // namespace
}  // namespace suanli::api
