"""The measuring half of tools/profile_chip.py: the shapes, the timing and the kernels. torch and
the device (profile_device.py) are passed in, never imported here, so that --help needs no torch.
"""

import functools
import math
import statistics
import time

from profile_yaml import TABLES

DEVICES = ("cuda", "npu", "mlu", "musa", "xpu", "cpu")
# (name, N, K) of C[M,N] = A[M,K] @ W[K,N]: Llama-3.1-8B and -70B projections (Hugging Face
# config.json: hidden 4096/8192, 32/64 query and 8 KV heads of 128, MLP 14336/28672).
GEMM_SHAPES = (("l8b_qkv", 6144, 4096), ("l8b_o", 4096, 4096), ("l8b_gateup", 28672, 4096),
               ("l8b_down", 4096, 14336), ("l70b_qkv", 10240, 8192),
               ("l70b_gateup", 57344, 8192), ("l70b_down", 8192, 28672))
GEMM_ROWS = (1, 16, 64, 256, 1024, 4096, 16384)
HEADS = (32, 8, 128)  # query heads, KV heads, head dim (Llama-3.1-8B)
PREFILL = ((16, 1024), (4, 4096), (1, 16384))  # (batch, seq_len), causal
DECODE = ((1, 4096), (16, 4096), (64, 4096), (256, 4096), (64, 16384))  # (batch, context)
MOE = (7168, 2048, (16, 32), (1, 4, 16, 64, 256, 1024))  # DeepSeek-V3: hidden, expert ffn
QUICK = {  # a tiny set that finishes in seconds on a CPU
    "gemm_shapes": (("l8b_o", 4096, 4096),), "gemm_rows": (1, 16),
    "prefill": ((1, 256),), "decode": ((1, 512), (4, 512)),
    "moe": (1024, 512, (4,), (1, 16)), "bandwidth_bytes": 64 << 20,
}
ROTATE_BYTES = 256 << 20  # weights are rotated over copies totalling at least this much


class Stop(Exception):
    """--max-seconds reached: write what was measured so far."""


def scaled_mm(torch, a, b, scale):
    """fp8 A @ B -> bf16 with per-tensor scales; torch 2.1-2.3 returned (out, amax)."""
    out = torch._scaled_mm(a, b, scale_a=scale, scale_b=scale, out_dtype=torch.bfloat16)
    return out[0] if isinstance(out, tuple) else out


def first_line(error):
    text = str(error).strip()
    return text.splitlines()[0][:160] if text else type(error).__name__


class Runner:
    """Plans every point, measures them in order and keeps the tables and notes."""

    def __init__(self, torch, device, args, quick, start, log):
        self.t, self.d, self.args, self.quick, self.start, self.log = (
            torch, device, args, quick, start, log)
        self.tables = {name: [] for name in TABLES}
        self.notes, self.failed = [], {}

    # ---- timing -------------------------------------------------------------------------------
    def check_time(self, upcoming, label):
        if self.args.max_seconds is None:
            return
        elapsed = time.perf_counter() - self.start
        if elapsed + upcoming > self.args.max_seconds:
            raise Stop(f"stopped by --max-seconds {self.args.max_seconds:g} after {elapsed:.1f} s, "
                       f"before {label}: the later points were not measured")

    def measure(self, fn, label):
        """Median seconds of fn(i) over the timed runs; i picks the rotated copy."""
        reps, warm = self.args.repeats, self.args.warmups
        t0 = time.perf_counter()
        fn(0)
        self.d.sync()
        first = time.perf_counter() - t0
        self.check_time(first * (warm - 1 + reps), label)
        t0 = time.perf_counter()
        for i in range(1, warm):
            fn(i)
        issue = (time.perf_counter() - t0) / (warm - 1) if warm > 1 else first
        self.d.sync()
        if self.d.events:
            return self._time_events(fn, reps, issue)
        times = []
        for i in range(reps):
            t0 = time.perf_counter()
            fn(i)
            self.d.sync()
            times.append(time.perf_counter() - t0)
        return statistics.median(times)

    def _time_events(self, fn, reps, issue):
        cuda = self.t.cuda
        if hasattr(cuda, "_sleep"):
            # Hold the GPU (~2e9 cycles/s) while every run is queued: no launch gap is timed.
            cuda._sleep(int(min(1.0, 2 * reps * issue + 1e-3) * 2e9))
        pairs = [(cuda.Event(enable_timing=True), cuda.Event(enable_timing=True))
                 for _ in range(reps)]
        for i, (begin, end) in enumerate(pairs):
            begin.record()
            fn(i)
            end.record()
        cuda.synchronize()
        return statistics.median([b.elapsed_time(e) for b, e in pairs]) / 1e3

    def copies(self, one_bytes):
        """Rotated copies of a weight set, so that no timed run finds it in cache."""
        if self.quick:
            return 2
        return max(3, min(16, math.ceil(ROTATE_BYTES / max(1, one_bytes))))

    def randn(self, *shape):
        return self.t.randn(*shape, device=self.d.dev, dtype=self.t.bfloat16)

    # ---- plan and run --------------------------------------------------------------------------
    def run_all(self):
        self.t.manual_seed(0)
        plan = self.plan_bandwidth() + self.plan_gemm() + self.plan_attention() + self.plan_moe()
        for k, (label, need, body) in enumerate(plan, 1):
            self.check_time(0, label)
            if need > 0.7 * self.d.memory:
                self.failed.setdefault(f"needs {need / 2**30:.1f} GiB of {self.d.memory / 2**30:.1f}"
                                       " GiB of memory", []).append(label)
                continue
            try:
                self.log(f"[{k}/{len(plan)}] {label}: {body(label)}")
            except (RuntimeError, NotImplementedError) as e:  # also torch's OutOfMemoryError
                self.failed.setdefault(first_line(e), []).append(label)
                self.log(f"[{k}/{len(plan)}] {label}: not measured ({first_line(e)})")
            if self.d.mod is not None and hasattr(self.d.mod, "empty_cache"):
                self.d.mod.empty_cache()  # weight sets differ in size from point to point

    def all_notes(self):
        return self.notes + [f"not measured ({why}): {', '.join(labels)}"
                             for why, labels in self.failed.items()]

    def profile(self, chip, provenance, sources):
        return {"chip": chip, "provenance": provenance, "notes": self.all_notes(),
                "sources": sources, **self.tables}

    def method(self):
        a = self.args
        rotation = ("2 copies" if self.quick else
                    f"at least 3 copies and at least {ROTATE_BYTES >> 20} MiB")
        if self.d.events:
            timer = ("CUDA events around each run, the runs queued back to back behind a sleep "
                     "kernel so that no launch gap is timed")
        else:
            sync = "" if self.d.kind == "cpu" else f" and torch.{self.d.kind}.synchronize()"
            timer = f"time.perf_counter around each run{sync}"
        return (f"{timer}; median of {a.repeats} runs after {a.warmups} warm-up"
                f"{'s' if a.warmups > 1 else ''}; GEMM and MoE "
                f"weights and decode KV caches rotated over {rotation} so that no run is served "
                "from cache. bandwidth: bf16 tensor; copy_ counts bytes read + written, sum bytes "
                "read. gemm: C[M,N] = A[M,K] @ W[K,N]; bf16 via torch.matmul; fp8 via "
                "torch._scaled_mm e4m3 x e4m3 -> bf16 with per-tensor scales; compute = 2MNK/time; "
                "bandwidth = (A + W + C bytes)/time. attention: bf16, 32 query heads, 8 KV heads, "
                "head dim 128; prefill causal, compute counts the causal half; decode one query "
                "token per sequence, bandwidth = K+V bytes/time. moe: gate+up GEMM then down GEMM "
                "per expert (activation not timed), bf16; grouped = torch._grouped_mm, loop = one "
                "torch.matmul per expert and GEMM; compute = 6 x experts x rows x hidden x ffn/time")

    # ---- bandwidth -----------------------------------------------------------------------------
    def plan_bandwidth(self):
        n = self.quick["bandwidth_bytes"] if self.quick else min(4 << 30, self.d.memory // 16)
        n = max(1 << 20, n >> 20 << 20)
        return [(f"bandwidth {op} {n >> 20} MiB", 2 * n, functools.partial(self.bandwidth, op, n))
                for op in ("copy", "read")]

    def bandwidth(self, op, n, label):
        src = self.t.ones(n // 2, device=self.d.dev, dtype=self.t.bfloat16)
        if op == "copy":
            dst = self.t.empty_like(src)
            s, moved = self.measure(lambda i: dst.copy_(src), label), 2 * n
        else:
            s, moved = self.measure(lambda i: src.sum(), label), n
        self.tables["bandwidth"].append({"op": op, "bytes": n, "time": s, "achieved": moved / s})
        return f"{s * 1e3:.4g} ms, {moved / s / 1e9:.4g} GB/s"

    # ---- GEMM ----------------------------------------------------------------------------------
    def plan_gemm(self):
        shapes = self.quick["gemm_shapes"] if self.quick else GEMM_SHAPES
        rows = self.quick["gemm_rows"] if self.quick else GEMM_ROWS
        fp8 = self.fp8_dtype() if "fp8" in self.args.dtypes else None
        plan = []
        for name, n, k in shapes:
            for m in rows:
                for dt in self.args.dtypes:
                    if dt == "fp8" and fp8 is None:
                        continue
                    size = 1 if dt == "fp8" else 2
                    need = m * k * 2 + (self.copies(n * k * size) + 1) * n * k * 2 + m * n * 2
                    plan.append((f"gemm {name} M={m} {dt}", need,
                                 functools.partial(self.gemm, name, m, n, k, dt, fp8)))
        return plan

    def fp8_dtype(self):
        t = self.t
        if not hasattr(t, "_scaled_mm"):
            self.notes.append(f"fp8 GEMMs not measured: torch {t.__version__} has no "
                              "torch._scaled_mm")
            return None
        if self.d.kind == "cuda" and not getattr(t.version, "hip", None):
            cap = t.cuda.get_device_capability(0)
            if tuple(cap) < (8, 9):
                self.notes.append(f"fp8 GEMMs not measured: compute capability {cap[0]}.{cap[1]} "
                                  "has no fp8 tensor cores (8.9 or newer)")
                return None
        why = "no float8 dtype in this torch"
        for name in ("float8_e4m3fn", "float8_e4m3fnuz"):
            dt = getattr(t, name, None)
            if dt is None:
                continue
            try:
                a = self.randn(16, 16).to(dt)
                scaled_mm(t, a, a.t(), t.ones((), device=self.d.dev, dtype=t.float32))
                self.d.sync()
                if name != "float8_e4m3fn":
                    self.notes.append(f"fp8 GEMMs run in torch.{name}")
                return dt
            except (RuntimeError, NotImplementedError, TypeError) as e:
                why = first_line(e)
        self.notes.append(f"fp8 GEMMs not measured: torch._scaled_mm does not run here ({why})")
        return None

    def gemm(self, name, m, n, k, dt, fp8, label):
        t = self.t
        size = 1 if dt == "fp8" else 2
        c = self.copies(n * k * size)
        if dt == "bf16":
            a = self.randn(m, k)
            ws = [self.randn(k, n) for _ in range(c)]
            s = self.measure(lambda i: t.matmul(a, ws[i % c]), label)
        else:
            a = self.randn(m, k).to(fp8)
            ws = [self.randn(n, k).to(fp8).t() for _ in range(c)]  # column-major W[K,N]
            one = t.ones((), device=self.d.dev, dtype=t.float32)
            s = self.measure(lambda i: scaled_mm(t, a, ws[i % c], one), label)
        flop, moved = 2 * m * n * k, (m * k + k * n) * size + m * n * 2
        self.tables["gemm"].append({"name": name, "m": m, "n": n, "k": k, "dtype": dt, "time": s,
                                    "compute": flop / s, "bandwidth": moved / s})
        return f"{s * 1e3:.4g} ms, {flop / s / 1e12:.4g} TFLOP/s"

    # ---- attention -----------------------------------------------------------------------------
    def plan_attention(self):
        impl = self.attention_impl()
        prefill = self.quick["prefill"] if self.quick else PREFILL
        decode = self.quick["decode"] if self.quick else DECODE
        hq, _, hd = HEADS
        plan = [(f"attention prefill B={b} S={s}", 8 * b * hq * s * hd * 2 * (1 + 2),
                 functools.partial(self.prefill, b, s, impl)) for b, s in prefill]
        for b, c in decode:
            kv_bytes = 2 * b * c * HEADS[1] * hd * 2 * (1 if impl == "sdpa" else hq // HEADS[1])
            plan.append((f"attention decode B={b} ctx={c}", self.copies(kv_bytes) * kv_bytes,
                         functools.partial(self.decode, b, c, impl)))
        return plan

    def attention_impl(self):
        sdpa = getattr(self.t.nn.functional, "scaled_dot_product_attention", None)
        if sdpa is None:
            self.notes.append(f"attention as matmul+softmax: torch {self.t.__version__} has no "
                              "scaled_dot_product_attention")
            return "matmul+softmax"
        try:
            sdpa(self.randn(1, 4, 2, 16), self.randn(1, 2, 2, 16), self.randn(1, 2, 2, 16),
                 enable_gqa=True)
            return "sdpa"
        except (TypeError, RuntimeError):
            self.notes.append("attention: sdpa without enable_gqa, KV heads repeated beforehand")
            return "sdpa, kv heads repeated"

    def attend(self, impl, q, k, v, causal):
        t, f = self.t, self.t.nn.functional
        if impl == "sdpa":
            return f.scaled_dot_product_attention(q, k, v, is_causal=causal, enable_gqa=True)
        if impl.startswith("sdpa"):
            return f.scaled_dot_product_attention(q, k, v, is_causal=causal)
        scores = t.matmul(q, k.transpose(-2, -1)).float() / math.sqrt(q.shape[-1])
        if causal:
            s = q.shape[-2]
            scores += t.full((s, s), float("-inf"), device=self.d.dev).triu(1)
        return t.matmul(t.softmax(scores, dim=-1).to(q.dtype), v)

    def kv(self, impl, *shape):
        """K or V as the kernel takes it: KV heads repeated to the query heads unless GQA."""
        x = self.randn(*shape)
        return x if impl == "sdpa" else x.repeat_interleave(HEADS[0] // HEADS[1], dim=1)

    def prefill(self, b, s, impl, label):
        hq, hkv, hd = HEADS
        q, k, v = self.randn(b, hq, s, hd), self.kv(impl, b, hkv, s, hd), self.kv(impl, b, hkv, s, hd)
        sec = self.measure(lambda i: self.attend(impl, q, k, v, True), label)
        flop = 4 * b * hq * s * s * hd / 2
        self.tables["attention_prefill"].append({
            "batch": b, "seq_len": s, "causal": True, "q_heads": hq, "kv_heads": hkv,
            "head_dim": hd, "dtype": "bf16", "impl": impl, "time": sec, "compute": flop / sec})
        return f"{sec * 1e3:.4g} ms, {flop / sec / 1e12:.4g} TFLOP/s"

    def decode(self, b, ctx, impl, label):
        hq, hkv, hd = HEADS
        kv_bytes = 2 * b * ctx * hkv * hd * 2
        c = self.copies(kv_bytes)
        q = self.randn(b, hq, 1, hd)
        caches = [(self.kv(impl, b, hkv, ctx, hd), self.kv(impl, b, hkv, ctx, hd))
                  for _ in range(c)]
        sec = self.measure(lambda i: self.attend(impl, q, *caches[i % c], False), label)
        self.tables["attention_decode"].append({
            "batch": b, "context": ctx, "q_heads": hq, "kv_heads": hkv, "head_dim": hd,
            "dtype": "bf16", "impl": impl, "time": sec, "bandwidth": kv_bytes / sec})
        return f"{sec * 1e3:.4g} ms, {kv_bytes / sec / 1e9:.4g} GB/s"

    # ---- MoE -----------------------------------------------------------------------------------
    def plan_moe(self):
        hidden, ffn, experts, rows = self.quick["moe"] if self.quick else MOE
        impls = ("grouped", "loop") if self.grouped_mm() else ("loop",)
        plan = []
        for e in experts:
            for r in rows:
                weights = 3 * e * hidden * ffn * 2
                need = self.copies(weights) * weights + e * r * (hidden + 3 * ffn) * 2
                plan += [(f"moe experts={e} rows={r} {impl}", need,
                          functools.partial(self.moe, e, r, hidden, ffn, impl)) for impl in impls]
        return plan

    def grouped_mm(self):
        gm = getattr(self.t, "_grouped_mm", None)
        why = f"torch {self.t.__version__} has no torch._grouped_mm"
        if gm is not None:
            try:
                offs = self.t.tensor([16, 32], device=self.d.dev, dtype=self.t.int32)
                gm(self.randn(32, 64), self.randn(2, 32, 64).transpose(-2, -1), offs=offs)
                self.d.sync()
                return True
            except (RuntimeError, NotImplementedError, TypeError) as e:
                why = f"torch._grouped_mm does not run here ({first_line(e)})"
        self.notes.append(f"MoE measured as a loop of per-expert GEMMs only: {why}")
        return False

    def moe(self, e, r, hidden, ffn, impl, label):
        t = self.t
        weights = 3 * e * hidden * ffn * 2
        c = self.copies(weights)
        x, h = self.randn(e * r, hidden), self.randn(e * r, ffn)
        w = [(self.randn(e, 2 * ffn, hidden), self.randn(e, hidden, ffn)) for _ in range(c)]
        if impl == "grouped":
            offs = t.arange(1, e + 1, device=self.d.dev, dtype=t.int32) * r

            def run(i):
                up, down = w[i % c]
                t._grouped_mm(x, up.transpose(-2, -1), offs=offs)
                t._grouped_mm(h, down.transpose(-2, -1), offs=offs)
        else:
            def run(i):
                up, down = w[i % c]
                for j in range(e):
                    t.matmul(x[j * r:(j + 1) * r], up[j].t())
                    t.matmul(h[j * r:(j + 1) * r], down[j].t())
        sec = self.measure(run, label)
        flop = 6 * e * r * hidden * ffn
        self.tables["moe"].append({
            "experts": e, "rows_per_expert": r, "hidden": hidden, "expert_ffn": ffn,
            "dtype": "bf16", "impl": impl, "time": sec, "compute": flop / sec,
            "weight_bandwidth": weights / sec})
        return f"{sec * 1e3:.4g} ms, {flop / sec / 1e12:.4g} TFLOP/s"
