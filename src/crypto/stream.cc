// Chunked file encryption. Format: docs/formats/encrypted-file.md.
#include "crypto/stream.h"

#include <fmt/format.h>
#include <sodium.h>
#include <unistd.h>

#include <cstring>

#include "core/files.h"

namespace ganreg::crypto {
namespace {
constexpr char kMagic[8] = {'G', 'N', 'R', 'G', 'E', 'N', 'C', '1'};
using State = crypto_secretstream_xchacha20poly1305_state;

void PutU32(unsigned char* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}
uint32_t GetU32(const unsigned char* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}
}  // namespace

Result<std::unique_ptr<EncryptedFileWriter>> EncryptedFileWriter::Create(
    const std::filesystem::path& path, const SecretBytes& key) {
  GANREG_CHECK(key.size() == crypto_secretstream_xchacha20poly1305_KEYBYTES);
  std::unique_ptr<EncryptedFileWriter> w(new EncryptedFileWriter());
  w->path_ = path;
  w->tmp_ = path;
  w->tmp_ += fmt::format(".part{}", ::getpid());
  w->file_ = std::fopen(w->tmp_.c_str(), "wb");
  if (w->file_ == nullptr) {
    return Status::Unavailable(
        fmt::format("{}: cannot create: {}", w->tmp_.string(), std::strerror(errno)));
  }
  w->state_.reset(new unsigned char[sizeof(State)]);
  unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  crypto_secretstream_xchacha20poly1305_init_push(reinterpret_cast<State*>(w->state_.get()), header,
                                                  key.data());
  if (std::fwrite(kMagic, 1, sizeof kMagic, w->file_) != sizeof kMagic ||
      std::fwrite(header, 1, sizeof header, w->file_) != sizeof header) {
    return Status::Unavailable(fmt::format("{}: write failed", w->tmp_.string()));
  }
  w->buffer_.reserve(kStreamChunkBytes);
  return w;
}

EncryptedFileWriter::~EncryptedFileWriter() {
  if (file_ != nullptr) {
    std::fclose(file_);
    if (!finished_) ::unlink(tmp_.c_str());
  }
  if (state_) sodium_memzero(state_.get(), sizeof(State));
  sodium_memzero(buffer_.data(), buffer_.size());
}

namespace {
// Seals one chunk of plaintext and writes it, framed (length, ciphertext). The output buffer is
// not zero-filled first: every byte of it is written before it is used.
Status SealChunk(State* state, FILE* file, const std::filesystem::path& tmp, std::string_view plain,
                 bool final) {
  const size_t n = 4 + plain.size() + crypto_secretstream_xchacha20poly1305_ABYTES;
  std::unique_ptr<unsigned char[]> out(new unsigned char[n]);
  PutU32(out.get(), static_cast<uint32_t>(plain.size()));
  unsigned long long clen = 0;
  crypto_secretstream_xchacha20poly1305_push(
      state, out.get() + 4, &clen, reinterpret_cast<const unsigned char*>(plain.data()),
      plain.size(), nullptr, 0, final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
  if (std::fwrite(out.get(), 1, n, file) != n) {
    return Status::Unavailable(fmt::format("{}: write failed", tmp.string()));
  }
  return Status::Ok();
}
}  // namespace

Status EncryptedFileWriter::Write(std::string_view data) {
  while (!data.empty()) {
    if (buffer_.empty() && data.size() >= kStreamChunkBytes) {
      // A whole chunk is sealed where it is, without a copy into (and a wipe of) the buffer.
      GANREG_RETURN_IF_ERROR(SealChunk(reinterpret_cast<State*>(state_.get()), file_, tmp_,
                                       data.substr(0, kStreamChunkBytes), false));
      data.remove_prefix(kStreamChunkBytes);
      continue;
    }
    size_t take = std::min(data.size(), kStreamChunkBytes - buffer_.size());
    buffer_.append(data.substr(0, take));
    data.remove_prefix(take);
    if (buffer_.size() == kStreamChunkBytes) GANREG_RETURN_IF_ERROR(FlushChunk(false));
  }
  return Status::Ok();
}

Status EncryptedFileWriter::FlushChunk(bool final) {
  Status s = SealChunk(reinterpret_cast<State*>(state_.get()), file_, tmp_, buffer_, final);
  sodium_memzero(buffer_.data(), buffer_.size());
  buffer_.clear();
  return s;
}

Status EncryptedFileWriter::Finish() {
  GANREG_CHECK(!finished_);
  GANREG_RETURN_IF_ERROR(FlushChunk(true));
  if (std::fflush(file_) != 0 || ::fsync(fileno(file_)) != 0) {
    return Status::Unavailable(fmt::format("{}: flush failed", tmp_.string()));
  }
  std::fclose(file_);
  file_ = nullptr;
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
    ::unlink(tmp_.c_str());
    return Status::Unavailable(fmt::format("{}: rename failed", path_.string()));
  }
  finished_ = true;
  return SyncDirectory(path_.parent_path().empty() ? "." : path_.parent_path());
}

Status DecryptFile(const std::filesystem::path& path, const SecretBytes& key,
                   const std::function<Status(std::string_view)>& sink) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Status::NotFound(fmt::format("{}: cannot open", path.string()));
  struct Closer {
    FILE* f;
    ~Closer() { std::fclose(f); }
  } closer{f};
  char magic[sizeof kMagic];
  unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  if (std::fread(magic, 1, sizeof magic, f) != sizeof magic ||
      std::memcmp(magic, kMagic, sizeof kMagic) != 0) {
    return Status::DataLoss(fmt::format("{}: not a ganreg encrypted file", path.string()));
  }
  if (std::fread(header, 1, sizeof header, f) != sizeof header) {
    return Status::DataLoss(fmt::format("{}: header is truncated", path.string()));
  }
  State st;
  if (crypto_secretstream_xchacha20poly1305_init_pull(&st, header, key.data()) != 0) {
    return Status::DataLoss(fmt::format("{}: bad stream header", path.string()));
  }
  std::string cbuf;
  SecretBytes pbuf(kStreamChunkBytes);
  for (uint64_t chunk = 0;; ++chunk) {
    unsigned char lenb[4];
    size_t got = std::fread(lenb, 1, 4, f);
    if (got != 4) {
      return Status::DataLoss(
          fmt::format("{}: truncated before chunk {} (no final chunk)", path.string(), chunk));
    }
    uint32_t len = GetU32(lenb);
    if (len > kStreamChunkBytes) {
      return Status::DataLoss(fmt::format("{}: chunk {} has a bad length", path.string(), chunk));
    }
    cbuf.resize(len + crypto_secretstream_xchacha20poly1305_ABYTES);
    if (std::fread(cbuf.data(), 1, cbuf.size(), f) != cbuf.size()) {
      return Status::DataLoss(fmt::format("{}: chunk {} is truncated", path.string(), chunk));
    }
    unsigned long long mlen = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(
            &st, pbuf.data(), &mlen, &tag, reinterpret_cast<const unsigned char*>(cbuf.data()),
            cbuf.size(), nullptr, 0) != 0) {
      return Status::DataLoss(
          fmt::format("{}: chunk {} does not authenticate (damaged, reordered or wrong key)",
                      path.string(), chunk));
    }
    GANREG_RETURN_IF_ERROR(
        sink(std::string_view(reinterpret_cast<const char*>(pbuf.data()), mlen)));
    if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
      if (std::fgetc(f) != EOF) {
        return Status::DataLoss(fmt::format("{}: data after the final chunk", path.string()));
      }
      return Status::Ok();
    }
  }
}

}  // namespace ganreg::crypto
