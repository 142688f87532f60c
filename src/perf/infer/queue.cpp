#include "suanli/perf/infer/queue.hpp"

#include <algorithm>
#include <cmath>

namespace suanli::perf {

double normal_quantile(double q) {
  q = std::clamp(q, 1e-9, 1 - 1e-9);
  // Acklam's rational approximation (relative error < 1.2e-9).
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  const double lo = 0.02425;
  if (q < lo) {
    const double r = std::sqrt(-2 * std::log(q));
    return (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) /
           ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1);
  }
  if (q > 1 - lo) {
    const double r = std::sqrt(-2 * std::log(1 - q));
    return -(((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) /
           ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1);
  }
  const double r = q - 0.5;
  const double s = r * r;
  return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r /
         (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
}

double poisson_quantile(double mean, double q) {
  if (mean <= 0) return 0;
  if (mean > 200) return mean + normal_quantile(q) * std::sqrt(mean);
  double p = std::exp(-mean);
  double cdf = p;
  int k = 0;
  while (cdf < q && k < 10000) {
    ++k;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

double erlang_c(int servers, double a) {
  if (servers < 1 || a <= 0) return 0;
  const double c = servers;
  if (a >= c) return 1;
  // Erlang B by the stable recursion, then C = B / (1 - rho (1 - B)).
  double b = 1;
  for (int k = 1; k <= servers; ++k) b = a * b / (k + a * b);
  const double rho = a / c;
  return b / (1 - rho * (1 - b));
}

QueueWait md_c_wait(double lambda, double service, int servers, double q) {
  QueueWait w;
  if (lambda <= 0 || service <= 0) return w;
  servers = std::max(1, servers);
  const double a = lambda * service;
  if (a >= servers) {
    w.stable = false;
    w.mean = w.quantile = 1e9;
    return w;
  }
  const double pc = erlang_c(servers, a);
  const double drain = servers / service - lambda;  // c mu - lambda, 1/s
  // M/M/c: P(W > t) = C exp(-(c mu - lambda) t); deterministic service halves the wait
  // (Allen-Cunneen, (1 + cs^2) / 2 with cs = 0).
  const double factor = 0.5;
  w.mean = factor * pc / drain;
  const double tail = 1 - q;
  w.quantile = pc > tail ? factor * std::log(pc / tail) / drain : 0.0;
  return w;
}

}  // namespace suanli::perf
