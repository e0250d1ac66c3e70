// The PDF writer of a report::Document. Pango lays the text out (Japanese line breaking, fonts
// through fontconfig), Cairo's PDF surface writes the file with the fonts embedded. Two passes:
// the layout pass places everything on A4 pages, so the page count N is known before the drawing
// pass draws each page and its footer "n / N". Text is always set as plain text, never as Pango
// markup, so nothing in a record can change the layout's formatting.
#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <ctime>
#include <memory>

#include "report/render.h"

namespace ganreg::report {
namespace {

constexpr double kMm = 72.0 / 25.4;                                // PDF units are points
constexpr double kPageWidth = 210 * kMm, kPageHeight = 297 * kMm;  // A4 portrait
constexpr double kLeft = 12 * kMm, kRight = kPageWidth - 12 * kMm;
constexpr double kTop = 15 * kMm, kBottom = kPageHeight - 15 * kMm;
constexpr double kFooterY = kPageHeight - 11 * kMm;
constexpr double kPadX = 1.5 * kMm, kPadY = 1.0 * kMm;
constexpr double kBodySize = 9, kHeaderSize = 9, kTitleSize = 15, kHeadingSize = 12;
constexpr double kFooterSize = 7.5;
constexpr double kKeyWidth = 45 * kMm;     // key/value lists: the keys' column
constexpr double kColumnFloor = 14 * kMm;  // a wrapped column is never narrower than this
// IPAGothic is Debian's fonts-ipafont-gothic (installed by scripts/setup.sh); fontconfig picks
// the next family with Japanese glyphs if it is missing.
constexpr const char* kFamily = "IPAGothic,IPAexGothic,Noto Sans CJK JP,sans-serif";

struct Rgb {
  double r = 0, g = 0, b = 0;
};
constexpr Rgb kBlack{0, 0, 0}, kBorder{0.27, 0.27, 0.27}, kHeaderFill{0.93, 0.93, 0.93};
constexpr Rgb kAlertFill{0.99, 0.886, 0.886}, kAttentionFill{1.0, 0.957, 0.8};

struct GObjectUnref {
  void operator()(void* p) const { g_object_unref(p); }
};
// Shared: the cells of a header row are drawn on every page the table runs onto, and a cell
// split between two pages is drawn on both.
using LayoutPtr = std::shared_ptr<PangoLayout>;

struct Op {
  enum class Kind { kText, kFill, kStroke, kRule };
  Kind kind = Kind::kText;
  double x = 0, y = 0, w = 0, h = 0;
  LayoutPtr layout;
  double offset = 0;  // kText: the layout's y that is shown at y (a cell continued)
  Rgb color;
};
using Page = std::vector<Op>;

// Valid UTF-8 for Pango: invalid bytes become U+FFFD, NUL is dropped.
std::string ValidText(std::string_view text) {
  std::string no_nul;
  no_nul.reserve(text.size());
  for (char c : text) {
    if (c != '\0') no_nul += c;
  }
  if (g_utf8_validate(no_nul.data(), static_cast<gssize>(no_nul.size()), nullptr)) return no_nul;
  gchar* valid = g_utf8_make_valid(no_nul.data(), static_cast<gssize>(no_nul.size()));
  std::string out(valid);
  g_free(valid);
  return out;
}

// One cell of a table row as laid out: its layout and where each of its lines ends.
struct Cell {
  LayoutPtr layout;
  std::vector<double> bottoms;  // bottom of each line, from the layout's top
  double height = 0;
};

struct TableSpec {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  std::vector<Shade> shades;
  bool nowrap_first = true;
  bool key_values = false;  // two columns, the first styled as a header cell
  std::string empty_text;
};

class Layouter {
 public:
  explicit Layouter(PangoContext* context) : context_(context) { NewPage(); }

  std::vector<Page>& pages() { return pages_; }

  LayoutPtr Text(std::string_view text, double size, bool bold, double width) {
    PangoLayout* l = pango_layout_new(context_);
    PangoFontDescription* font = pango_font_description_from_string(kFamily);
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    if (bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l, font);
    pango_font_description_free(font);
    const std::string valid = ValidText(text);
    pango_layout_set_text(l, valid.data(), static_cast<int>(valid.size()));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);  // words, or characters where a word is long
    if (width > 0) pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
    return LayoutPtr(l, [](PangoLayout* p) { g_object_unref(p); });
  }

  static double Width(const LayoutPtr& l) {
    int w = 0, h = 0;
    pango_layout_get_size(l.get(), &w, &h);
    return static_cast<double>(w) / PANGO_SCALE;
  }
  static double Height(const LayoutPtr& l) {
    int w = 0, h = 0;
    pango_layout_get_size(l.get(), &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }
  static Cell Measure(LayoutPtr l) {
    Cell c;
    PangoLayoutIter* it = pango_layout_get_iter(l.get());
    do {
      int top = 0, bottom = 0;
      pango_layout_iter_get_line_yrange(it, &top, &bottom);
      c.bottoms.push_back(static_cast<double>(bottom) / PANGO_SCALE);
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    c.height = c.bottoms.empty() ? Height(l) : c.bottoms.back();
    c.layout = std::move(l);
    return c;
  }

  void NewPage() {
    pages_.emplace_back();
    y_ = kTop;
  }

  void Title(std::string_view title, std::string_view registry) {
    auto t = Text(title, kTitleSize, true, kRight - kLeft);
    Flow(t, kLeft);
    y_ += 1 * kMm;
    auto r = Text(registry, 10, false, kRight - kLeft);
    Flow(r, kLeft);
    y_ += 3 * kMm;
  }

  void Heading(std::string_view text) {
    auto l = Text(text, kHeadingSize, true, kRight - kLeft);
    const double h = Height(l);
    // Kept with what follows: a heading alone at the foot of a page starts the next one.
    if (y_ > kTop && y_ + 4 * kMm + h + 20 * kMm > kBottom) NewPage();
    if (y_ > kTop) y_ += 4 * kMm;
    Emit({Op::Kind::kText, kLeft, y_, kRight - kLeft, h, l, 0, kBlack});
    y_ += h + 0.8 * kMm;
    Emit({Op::Kind::kRule, kLeft, y_, kRight - kLeft, 0.8, nullptr, 0, kBlack});
    y_ += 2 * kMm;
  }

  void Paragraph(std::string_view text) {
    Flow(Text(text, 10, false, kRight - kLeft), kLeft);
    y_ += 2 * kMm;
  }

  void Table(const TableSpec& t);

 private:
  void Emit(Op op) { pages_.back().push_back(std::move(op)); }

  // A layout as running text: its lines placed on as many pages as they need.
  void Flow(const LayoutPtr& l, double x) {
    const Cell c = Measure(l);
    double start = 0;
    while (start < c.height - 0.01) {
      const double avail = kBottom - y_;
      double shown = 0;
      if (c.height - start <= avail) {
        shown = c.height - start;
      } else {
        for (double b : c.bottoms) {
          if (b > start && b - start <= avail) shown = b - start;
        }
      }
      if (shown <= 0) {
        if (y_ > kTop) {
          NewPage();
          continue;
        }
        shown = std::min(c.height - start, avail);  // a line taller than a page: clipped
      }
      Emit({Op::Kind::kText, x, y_, kRight - x, shown, c.layout, start, kBlack});
      y_ += shown;
      start += shown;
      if (start < c.height - 0.01) NewPage();
    }
  }

  std::vector<double> ColumnWidths(const std::vector<std::vector<Cell>>& rows,
                                   const std::vector<std::string>& headers, size_t columns,
                                   const TableSpec& t);

  PangoContext* context_;
  std::vector<Page> pages_;
  double y_ = kTop;
};

// Natural widths first: each column's widest unwrapped cell, a header only by its widest word
// (headers wrap between words). If the table is narrower than the page the spare width is
// shared in proportion. Otherwise, as a browser does, the narrow columns keep their natural
// width (smallest first, while it is within a fair share of what is left) and the wide ones
// share the rest in proportion to their natural widths, none under kColumnFloor.
std::vector<double> Layouter::ColumnWidths(const std::vector<std::vector<Cell>>& rows,
                                           const std::vector<std::string>& headers, size_t columns,
                                           const TableSpec& t) {
  const double page = kRight - kLeft;
  if (t.key_values) return {kKeyWidth, page - kKeyWidth};
  std::vector<double> natural(columns, 2 * kPadX);
  auto widen = [&](size_t c, double width) {
    natural[c] = std::min(page, std::max(natural[c], width + 2 * kPadX + 0.5));
  };
  for (size_t c = 0; c < headers.size() && c < columns; ++c) {
    size_t start = 0;
    for (;;) {
      const size_t space = headers[c].find(' ', start);
      widen(c, Width(Text(std::string_view(headers[c]).substr(start, space - start), kHeaderSize,
                          true, 0)));
      if (space == std::string::npos) break;
      start = space + 1;
    }
  }
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) widen(c, Width(row[c].layout));
  }
  double sum = 0;
  for (double n : natural) sum += n;
  std::vector<double> w(columns, 0);
  if (sum <= page) {
    for (size_t c = 0; c < columns; ++c) w[c] = natural[c] + (page - sum) * natural[c] / sum;
    return w;
  }
  std::vector<bool> fixed(columns, false);
  double budget = page;
  size_t left = columns;
  for (;;) {  // the narrow columns, smallest first, while each is within a fair share
    size_t narrowest = columns;
    for (size_t c = 0; c < columns; ++c) {
      if (!fixed[c] && (narrowest == columns || natural[c] < natural[narrowest])) narrowest = c;
    }
    if (narrowest == columns || natural[narrowest] > budget / static_cast<double>(left)) break;
    w[narrowest] = natural[narrowest];
    fixed[narrowest] = true;
    budget -= natural[narrowest];
    --left;
  }
  if (t.nowrap_first && !fixed[0] && columns > 1) {  // a very wide first column: capped
    w[0] = std::min(natural[0], page * 0.3);
    fixed[0] = true;
    budget -= w[0];
  }
  for (bool changed = true; changed;) {  // the wide ones in proportion, none under the floor
    changed = false;
    double weight = 0;
    for (size_t c = 0; c < columns; ++c) weight += fixed[c] ? 0 : natural[c];
    if (weight <= 0) break;
    for (size_t c = 0; c < columns; ++c) {
      if (fixed[c]) continue;
      w[c] = std::max(0.0, budget) * natural[c] / weight;
      if (w[c] < kColumnFloor) {
        w[c] = kColumnFloor;
        fixed[c] = true;
        budget -= kColumnFloor;
        changed = true;
        break;
      }
    }
  }
  // Too many columns for the floors: everything scaled down to the page.
  double total = 0;
  for (double x : w) total += x;
  if (total > page) {
    for (double& x : w) x *= page / total;
  }
  return w;
}

void Layouter::Table(const TableSpec& t) {
  size_t columns = t.key_values ? 2 : t.headers.size();
  for (const auto& r : t.rows) columns = std::max(columns, r.size());
  columns = std::max<size_t>(columns, 1);

  std::vector<Cell> header;  // empty: no header row
  for (size_t c = 0; c < columns && !t.headers.empty(); ++c) {
    header.push_back(
        Measure(Text(c < t.headers.size() ? std::string_view(t.headers[c]) : std::string_view(),
                     kHeaderSize, true, 0)));
  }
  std::vector<std::vector<Cell>> rows;
  for (const auto& r : t.rows) {
    std::vector<Cell> cells;
    for (size_t c = 0; c < columns; ++c) {
      const bool bold = t.key_values && c == 0;
      cells.push_back(Measure(
          Text(c < r.size() ? std::string_view(r[c]) : std::string_view(), kBodySize, bold, 0)));
    }
    rows.push_back(std::move(cells));
  }
  std::vector<double> widths = ColumnWidths(rows, t.headers, columns, t);
  std::vector<double> xs(columns, kLeft);
  for (size_t c = 1; c < columns; ++c) xs[c] = xs[c - 1] + widths[c - 1];
  auto wrap = [&](Cell& cell, double width, bool nowrap) {
    if (!nowrap)
      pango_layout_set_width(cell.layout.get(),
                             static_cast<int>((width - 2 * kPadX) * PANGO_SCALE));
    cell = Measure(cell.layout);
  };
  for (size_t c = 0; c < header.size() && c < columns; ++c) wrap(header[c], widths[c], false);
  for (auto& row : rows) {
    for (size_t c = 0; c < columns; ++c) {
      // A first column kept on one line still wraps if even its capped width is too narrow.
      const bool nowrap = t.nowrap_first && c == 0 && !t.key_values &&
                          Width(row[c].layout) + 2 * kPadX <= widths[c] + 0.5;
      wrap(row[c], widths[c], nowrap);
    }
  }
  if (rows.empty()) {  // one cell across the table
    std::vector<Cell> cells{
        Measure(Text(t.empty_text, kBodySize, false, kRight - kLeft - 2 * kPadX))};
    rows.push_back(std::move(cells));
  }

  double header_height = 0;
  for (const auto& h : header) header_height = std::max(header_height, h.height + 2 * kPadY);
  // Draws the part of each cell from starts[c], shown[c] high, as one row `height` high.
  auto fragment = [&](const std::vector<Cell>& cells, const std::vector<double>& starts,
                      const std::vector<double>& shown, double height, Shade shade,
                      bool is_header) {
    const bool spans = cells.size() == 1 && columns > 1;
    for (size_t c = 0; c < cells.size(); ++c) {
      const double x = xs[c], w = spans ? kRight - kLeft : widths[c];
      const bool key = t.key_values && c == 0;
      if (is_header || key) {
        Emit({Op::Kind::kFill, x, y_, w, height, nullptr, 0, kHeaderFill});
      } else if (shade != Shade::kNone) {
        Emit({Op::Kind::kFill, x, y_, w, height, nullptr, 0,
              shade == Shade::kAlert ? kAlertFill : kAttentionFill});
      }
      Emit({Op::Kind::kStroke, x, y_, w, height, nullptr, 0, kBorder});
      if (shown[c] > 0) {
        Emit({Op::Kind::kText, x + kPadX, y_ + kPadY, w - 2 * kPadX, shown[c], cells[c].layout,
              starts[c], kBlack});
      }
    }
  };
  std::vector<double> header_starts(header.size(), 0), header_shown;
  for (const auto& h : header) header_shown.push_back(h.height);
  double fresh_y = -1;  // y_ just under the header row on a page that has nothing else yet
  auto put_header = [&] {
    if (!header.empty()) {
      fragment(header, header_starts, header_shown, header_height, Shade::kNone, true);
      y_ += header_height;
    }
    fresh_y = y_;
  };
  const double first_line = rows[0].empty() || rows[0][0].bottoms.empty()
                                ? 5 * kMm
                                : rows[0][0].bottoms.front() + 2 * kPadY;
  if (y_ + header_height + first_line > kBottom) NewPage();
  put_header();
  fresh_y = -1;  // the table's first page may hold other blocks above it

  for (size_t r = 0; r < rows.size(); ++r) {
    const auto& cells = rows[r];
    const Shade shade = r < t.shades.size() ? t.shades[r] : Shade::kNone;
    std::vector<double> starts(cells.size(), 0);
    for (;;) {
      const double avail = kBottom - y_ - 2 * kPadY;
      std::vector<double> shown(cells.size(), 0);
      bool all_fit = true, started = false;
      double tallest = 0, rest_max = 0;
      for (size_t c = 0; c < cells.size(); ++c) {
        const double rest = cells[c].height - starts[c];
        rest_max = std::max(rest_max, rest);
        started = started || starts[c] > 0;
        if (rest <= avail) {
          shown[c] = std::max(0.0, rest);
        } else {
          all_fit = false;
          for (double b : cells[c].bottoms) {
            if (b > starts[c] && b - starts[c] <= avail) shown[c] = b - starts[c];
          }
        }
        tallest = std::max(tallest, shown[c]);
      }
      if (all_fit) {
        fragment(cells, starts, shown, tallest + 2 * kPadY, shade, false);
        y_ += tallest + 2 * kPadY;
        break;
      }
      const bool fresh = y_ <= fresh_y + 0.01;
      const double page_room = kBottom - kTop - header_height - 2 * kPadY;
      // A row is kept whole on one page when it fits on one; only a row taller than a page is
      // split, line by line, with the header repeated above its continuation.
      if (!fresh && (tallest <= 0 || (!started && rest_max <= page_room))) {
        NewPage();
        put_header();
        continue;
      }
      if (tallest <= 0) {  // a single line taller than the page: shown clipped
        for (size_t c = 0; c < cells.size(); ++c) {
          shown[c] = std::min(cells[c].height - starts[c], avail);
        }
        tallest = avail;
      }
      fragment(cells, starts, shown, tallest + 2 * kPadY, shade, false);
      for (size_t c = 0; c < cells.size(); ++c) starts[c] += shown[c];
      NewPage();
      put_header();
    }
  }
  y_ += 3 * kMm;
}

// "2026-09-30T10:00:00+09:00" for the PDF's dates.
std::string PdfDate(int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds + 9 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+09:00", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void Draw(cairo_t* cr, const Op& op) {
  cairo_set_source_rgb(cr, op.color.r, op.color.g, op.color.b);
  switch (op.kind) {
    case Op::Kind::kFill:
      cairo_rectangle(cr, op.x, op.y, op.w, op.h);
      cairo_fill(cr);
      break;
    case Op::Kind::kStroke:
      cairo_set_line_width(cr, 0.5);
      cairo_rectangle(cr, op.x, op.y, op.w, op.h);
      cairo_stroke(cr);
      break;
    case Op::Kind::kRule:
      cairo_set_line_width(cr, op.h);
      cairo_move_to(cr, op.x, op.y);
      cairo_line_to(cr, op.x + op.w, op.y);
      cairo_stroke(cr);
      break;
    case Op::Kind::kText:
      cairo_save(cr);
      // A little room beside the cell for glyph overhang; the top and bottom are the lines'.
      cairo_rectangle(cr, op.x - 1, op.y, op.w + 2, op.h);
      cairo_clip(cr);
      cairo_move_to(cr, op.x, op.y - op.offset);
      pango_cairo_show_layout(cr, op.layout.get());
      cairo_restore(cr);
      break;
  }
}

}  // namespace

Result<Pdf> RenderPdf(const Document& doc) {
  std::unique_ptr<PangoFontMap, GObjectUnref> font_map(pango_cairo_font_map_new());
  std::unique_ptr<PangoContext, GObjectUnref> context(
      pango_font_map_create_context(font_map.get()));
  {
    cairo_font_options_t* options = cairo_font_options_create();
    // Unhinted metrics: the layout measured here is the layout drawn on the PDF.
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context.get(), options);
    cairo_font_options_destroy(options);
  }
  pango_cairo_context_set_resolution(context.get(), 72);
  pango_context_set_language(context.get(), pango_language_from_string("ja-jp"));

  Pdf pdf;
  {
    Layouter layout(context.get());
    // No Japanese glyphs means a page of empty boxes: refuse rather than print it.
    if (pango_layout_get_unknown_glyphs_count(
            layout.Text("日本語の帳票　がん登録", kBodySize, false, 0).get()) > 0) {
      return Status::FailedPrecondition(
          "PDFに使える日本語フォントがありません / no font with Japanese glyphs is installed "
          "(Debian: apt-get install fonts-ipafont-gothic)");
    }
    layout.Title(doc.title(), doc.registry());
    for (const Block& b : doc.blocks()) {
      switch (b.kind) {
        case Block::Kind::kHeading:
          layout.Heading(b.text);
          break;
        case Block::Kind::kParagraph:
          layout.Paragraph(b.text);
          break;
        case Block::Kind::kKeyValues: {
          TableSpec t;
          t.key_values = true;
          for (const auto& [k, v] : b.pairs) t.rows.push_back({k, v});
          layout.Table(t);
          break;
        }
        case Block::Kind::kTable: {
          TableSpec t;
          t.headers = b.table.headers;
          t.rows = b.table.rows;
          t.shades = b.table.shades;
          t.nowrap_first = b.table.first_column_nowrap;
          t.empty_text = b.table.empty_text;
          layout.Table(t);
          break;
        }
      }
    }
    std::vector<Page>& pages = layout.pages();
    pdf.pages = static_cast<int>(pages.size());

    cairo_surface_t* surface =
        cairo_pdf_surface_create_for_stream(AppendBytes, &pdf.bytes, kPageWidth, kPageHeight);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                   ValidText(doc.title()).c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "ganreg");
    if (doc.printed_at() != 0) {
      const std::string date = PdfDate(doc.printed_at());
      cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
      cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
    }
    cairo_t* cr = cairo_create(surface);
    const std::string footer =
        fmt::format("{}　印刷 printed {} — ganreg", doc.title(), doc.printed_text());
    for (size_t n = 0; n < pages.size(); ++n) {
      for (const Op& op : pages[n]) Draw(cr, op);
      // The footer: the document, when it was printed, and "n / N".
      auto left = layout.Text(footer, kFooterSize, false, kRight - kLeft - 25 * kMm);
      pango_layout_set_ellipsize(left.get(), PANGO_ELLIPSIZE_END);
      Draw(cr,
           {Op::Kind::kRule, kLeft, kFooterY - 1 * kMm, kRight - kLeft, 0.3, nullptr, 0, kBorder});
      Draw(cr, {Op::Kind::kText, kLeft, kFooterY, kRight - kLeft - 25 * kMm, 12, left, 0, kBlack});
      auto number =
          layout.Text(fmt::format("{} / {}", n + 1, pages.size()), kFooterSize, false, 25 * kMm);
      pango_layout_set_alignment(number.get(), PANGO_ALIGN_RIGHT);
      Draw(cr, {Op::Kind::kText, kRight - 25 * kMm, kFooterY, 25 * kMm, 12, number, 0, kBlack});
      cairo_show_page(cr);
    }
    const cairo_status_t drawn = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t written = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (drawn != CAIRO_STATUS_SUCCESS || written != CAIRO_STATUS_SUCCESS) {
      return Status::Internal(
          fmt::format("PDFを作成できません / the PDF could not be written: {}",
                      cairo_status_to_string(drawn != CAIRO_STATUS_SUCCESS ? drawn : written)));
    }
  }  // every layout released before its context and font map
  return pdf;
}

}  // namespace ganreg::report

#if defined(__SANITIZE_ADDRESS__)
// LeakSanitizer: fontconfig allocates its process-wide configuration once, on the first font
// lookup, and never frees it (a few hundred bytes, the same whatever the number of
// documents; FcFini would free it but is unsafe while Pango may still use the library). Every
// object of ours is released (the font map and context are per call), so only that library's
// allocations are left out of the report.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
#endif
