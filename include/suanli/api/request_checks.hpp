// The one validation layer of requests: what a request asks is checked against the model and
// hardware it names before anything is estimated, so every front end (CLI flags, JSON, Python,
// suite lines) rejects the same thing with the same message. A check returns a usage error that
// names the flag, or adds a note for what it repaired.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/core/result.hpp"
#include "suanli/hw/chip.hpp"
#include "suanli/model/model_arch.hpp"
#include "suanli/perf/infer/request.hpp"

namespace suanli::api {

// Given inference degrees against the model: tp divides the attention heads; the KV heads divide
// by tp or tp is a multiple of them (each KV head then replicated, said in a note); ep only on
// a mixture-of-experts model.
core::Status check_parallelism(const model::ModelArch& model, const perf::InferenceParallelism& p,
                               std::vector<std::string>& notes);

// The prompt plus the generated tokens fit the model's context (max_position_embeddings), also
// on a model with sliding-window layers (gpt-oss, Mistral, Qwen with use_sliding_window): the
// window bounds what a layer attends to, not the positions the model takes.
core::Status check_context(const model::ModelArch& model, double input, double output);

// A prefix-cache share (--cache-hit) the scenario can use: below 1 (a prompt wholly in the cache
// is a decode-only question), leaving at least the prompt's last token to compute (the token whose
// logits start the answer), and not with decode-only, which computes no prompt. With a share
// above 0, a note says what it means for prompts of `input` tokens.
core::Status check_cache_hit(double share, perf::Scenario scenario, double input,
                             std::vector<std::string>& notes);

// A spread of answer lengths (--length-spread) the question can use: not with prefill-only,
// which generates nothing, nor without an answer length (decode-only with no --output), and, for
// a finite burst (requests > 0), fixed or exponential only (the drain is modelled for those two
// shapes).
core::Status check_length_spread(const std::optional<perf::LengthSpread>& spread,
                                 perf::Scenario scenario, int requests, double output);

// A serving stack the engine knows (did-you-mean otherwise).
core::Status check_known_stack(std::string_view software);

// A training stack the engine knows (did-you-mean otherwise).
core::Status check_training_stack(std::string_view software);

// A serving stack the engine knows that runs on the chip's vendor.
core::Status check_serving_stack(std::string_view software, const hw::Chip& chip);

// `ids` without repeats, first occurrence kept; a note names what `flag` repeated.
std::vector<std::string> unique_ids(const std::vector<std::string>& ids, std::string_view flag,
                                    std::vector<std::string>& notes);

// A number of tokens to train on ("15T", "2.5e12"): a plain number below a million is refused,
// since 15 meant as 15 tokens is almost surely 15T or 15B.
core::Result<double> training_tokens(std::string_view text, std::string_view flag);

}  // namespace suanli::api
