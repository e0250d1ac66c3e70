// Google Benchmark micro-benchmarks of the per-row and per-event primitives.
#include <benchmark/benchmark.h>

#include "audit/event.h"
#include "crypto/crypto.h"

namespace {
using namespace ganreg;

void BM_EncryptRowPart(benchmark::State& state) {
  (void)crypto::Init();
  crypto::SecretBytes key = crypto::SecretBytes::Random(crypto::kKeyBytes);
  std::string part(static_cast<size_t>(state.range(0)), 'x');
  for (auto _ : state) {
    benchmark::DoNotOptimize(crypto::Encrypt(key, part, "ganreg/v1/identity/1234567890123456/1"));
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_EncryptRowPart)->Arg(96)->Arg(160);

// The intake's per-row record: AES-256-GCM under a file's batch key (Arg 0: libsodium where the
// CPU allows it, 1: OpenSSL), for an identity-sized part.
void BM_BatchEncryptRowPart(benchmark::State& state) {
  (void)crypto::Init();
  crypto::SecretBytes key = crypto::SecretBytes::Random(crypto::kKeyBytes);
  crypto::BatchEncryptor enc(key, state.range(0) == 0 ? crypto::BatchEncryptor::Engine::kBest
                                                      : crypto::BatchEncryptor::Engine::kOpenSsl);
  std::string part(100, 'x'), out;
  for (auto _ : state) {
    enc.Encrypt(part, "ganreg/v1/identity/1234567890123456/1", &out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * 100);
}
BENCHMARK(BM_BatchEncryptRowPart)->Arg(0)->Arg(1);

void BM_AuditChainStep(benchmark::State& state) {
  audit::Event e{42,
                 1795600000,
                 "staff1",
                 "task-staff",
                 "notification.show",
                 "key:1234567890123456",
                 audit::Outcome::kDone,
                 ""};
  std::string body = audit::EncodeEvent(e);
  std::string prev(32, '\0');
  unsigned char out[32];
  for (auto _ : state) {
    crypto::Blake2bPair(prev, body, out);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_AuditChainStep);

void BM_SealDataKey(benchmark::State& state) {
  (void)crypto::Init();
  auto kp = crypto::BoxKeyPair::Generate();
  crypto::SecretBytes key = crypto::SecretBytes::Random(crypto::kKeyBytes);
  for (auto _ : state) benchmark::DoNotOptimize(crypto::SealTo(kp.public_key, key.span()));
}
BENCHMARK(BM_SealDataKey);
}  // namespace

BENCHMARK_MAIN();
