// Reads a PDF back as a person would find it, with Debian's poppler-utils (pdftotext, pdfinfo):
// the text of each page and the page count. For tests only.
//
//   report::testing::PdfText pdf(bytes);
//   ASSERT_TRUE(report::testing::HavePoppler());
//   EXPECT_EQ(pdf.PageCount(), 3);
//   EXPECT_NE(pdf.Pages()[0].find("自己点検報告書"), std::string::npos);
#pragma once

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace ganreg::report::testing {

inline std::string RunCommand(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

inline bool HavePoppler() {
  return RunCommand("command -v pdftotext && command -v pdfinfo").find("pdfinfo") !=
         std::string::npos;
}

class PdfText {
 public:
  // Reads the PDF in `file`.
  explicit PdfText(std::filesystem::path file) : file_(std::move(file)) {}
  // Keeps `bytes` in a temporary file while the object lives.
  static PdfText FromBytes(const std::string& bytes) {
    static int counter = 0;
    PdfText t(std::filesystem::temp_directory_path() / ("ganreg-pdf-" + std::to_string(getpid()) +
                                                        "-" + std::to_string(counter++) + ".pdf"));
    std::ofstream(t.file_, std::ios::binary) << bytes;
    t.owned_ = true;
    return t;
  }
  PdfText(PdfText&& o) noexcept : file_(std::move(o.file_)), owned_(o.owned_) { o.owned_ = false; }
  PdfText(const PdfText&) = delete;
  PdfText& operator=(const PdfText&) = delete;
  PdfText& operator=(PdfText&&) = delete;
  ~PdfText() {
    if (owned_) std::filesystem::remove(file_);
  }

  // The text of each page, laid out (pdftotext ends each page with a form feed).
  std::vector<std::string> Pages() const {
    const std::string text = RunCommand("pdftotext -enc UTF-8 -layout '" + file_.string() + "' -");
    std::vector<std::string> pages;
    size_t start = 0;
    for (size_t ff; (ff = text.find('\f', start)) != std::string::npos; start = ff + 1) {
      pages.push_back(text.substr(start, ff - start));
    }
    return pages;
  }
  std::string All() const {
    std::string all;
    for (const auto& p : Pages()) all += p;
    return all;
  }
  // pdfinfo's report (title, creator, dates, page size, pages).
  std::string Info() const { return RunCommand("pdfinfo '" + file_.string() + "'"); }
  int PageCount() const {
    const std::string info = Info();
    const size_t at = info.find("Pages:");
    return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
  }

 private:
  std::filesystem::path file_;
  bool owned_ = false;
};

// How many times `what` occurs in `text`.
inline int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += what.size()) ++n;
  return n;
}

}  // namespace ganreg::report::testing
