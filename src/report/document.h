// A printable document for the office's paper files (issue #4): a title, the registry's name,
// then headings, paragraphs, key/value lists and tables — one model that both writers render,
// so the HTML page and the A4 PDF of a ledger or of the self-assessment report come from one
// source. Plain text only: the writers escape or lay out every string as text, never as markup.
//
//   report::Document doc("入退室管理簿 Entry/exit log", "模擬県がん登録室");
//   doc.Paragraph("期間 period: 2026-11-01 ～ 2026-11-30");
//   doc.Table({"日付 date", "氏名 name"}, {{"2026-11-24", "架空　清掃員"}});
//   doc.SetPrinted("2026-11-25T18:46 by head1", now);
//   std::string html = report::RenderHtml(doc);
//   GANREG_ASSIGN_OR_RETURN(report::Pdf pdf, report::RenderPdf(doc));
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ganreg::report {

// How a table row is marked (a background in both outputs).
enum class Shade {
  kNone,
  kAttention,  // to be answered (yellow)
  kAlert,      // not met, a rule broken (red)
};

struct Table {
  // Repeated at the top of every page the table runs onto. May be empty (no header row).
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;  // a row shorter than the headers is padded
  std::vector<Shade> shades;                   // optional, one per row
  // The first column keeps its cells on one line (numbers, dates), as far as the page allows.
  bool first_column_nowrap = true;
  std::string empty_text = "記録なし no entries";  // printed when there are no rows
};

struct Block {
  enum class Kind { kHeading, kParagraph, kKeyValues, kTable };
  Kind kind = Kind::kParagraph;
  std::string text;                                        // heading, paragraph
  std::vector<std::pair<std::string, std::string>> pairs;  // key/values
  report::Table table;                                     // table
};

class Document {
 public:
  // `title` heads the first page and names the document; `registry` is printed under it.
  Document(std::string_view title, std::string_view registry);

  void Heading(std::string_view text);    // a section heading, kept with what follows it
  void Paragraph(std::string_view text);  // wrapped text; "\n" starts a new line
  void KeyValues(std::vector<std::pair<std::string, std::string>> rows);
  void Table(std::vector<std::string> headers, std::vector<std::vector<std::string>> rows,
             std::vector<Shade> shades = {});
  void Table(report::Table table);

  // When (Japan local text, e.g. "2026-11-25T18:46 by head1") and at what instant (UTC seconds,
  // from the registry's clock) it was printed: the footer of every page and the PDF's dates.
  void SetPrinted(std::string_view text, int64_t at_seconds);

  const std::string& title() const { return title_; }
  const std::string& registry() const { return registry_; }
  const std::string& printed_text() const { return printed_text_; }
  int64_t printed_at() const { return printed_at_; }
  const std::vector<Block>& blocks() const { return blocks_; }

 private:
  std::string title_, registry_, printed_text_;
  int64_t printed_at_ = 0;
  std::vector<Block> blocks_;
};

}  // namespace ganreg::report
