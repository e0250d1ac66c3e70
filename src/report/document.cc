#include "report/document.h"

namespace ganreg::report {

Document::Document(std::string_view title, std::string_view registry)
    : title_(title), registry_(registry) {}

void Document::Heading(std::string_view text) {
  Block b;
  b.kind = Block::Kind::kHeading;
  b.text = std::string(text);
  blocks_.push_back(std::move(b));
}

void Document::Paragraph(std::string_view text) {
  Block b;
  b.kind = Block::Kind::kParagraph;
  b.text = std::string(text);
  blocks_.push_back(std::move(b));
}

void Document::KeyValues(std::vector<std::pair<std::string, std::string>> rows) {
  Block b;
  b.kind = Block::Kind::kKeyValues;
  b.pairs = std::move(rows);
  blocks_.push_back(std::move(b));
}

void Document::Table(std::vector<std::string> headers, std::vector<std::vector<std::string>> rows,
                     std::vector<Shade> shades) {
  report::Table t;
  t.headers = std::move(headers);
  t.rows = std::move(rows);
  t.shades = std::move(shades);
  Table(std::move(t));
}

void Document::Table(report::Table table) {
  Block b;
  b.kind = Block::Kind::kTable;
  b.table = std::move(table);
  blocks_.push_back(std::move(b));
}

void Document::SetPrinted(std::string_view text, int64_t at_seconds) {
  printed_text_ = std::string(text);
  printed_at_ = at_seconds;
}

}  // namespace ganreg::report
