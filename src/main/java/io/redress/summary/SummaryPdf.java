package io.redress.summary;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.FontSelector;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.redress.language.WorkingLanguage;
import io.redress.workflow.ModelTexts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The summary as a PDF (OpenPDF), in the centre's language. Chinese is set in Adobe's standard Chinese font
 * {@code STSong-Light} with the {@code UniGB-UCS2-H} encoding, which OpenPDF knows without any font file: the PDF
 * names the font and every PDF reader with Chinese support supplies its glyphs, so the application needs no CJK font
 * on the machine or in the jar. Latin text is Helvetica; each character goes to the first font that has it.
 */
@Component
class SummaryPdf {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final ModelTexts texts;

  SummaryPdf(ModelTexts texts) {
    this.texts = texts;
  }

  byte[] render(MonthlySummaries.Summary summary, WorkingLanguage language) {
    try {
      return write(summary, language);
    } catch (IOException e) {
      throw new UncheckedIOException("The summary's PDF cannot be written", e);
    } catch (DocumentException e) {
      throw new IllegalStateException("The summary's PDF cannot be written", e);
    }
  }

  private byte[] write(MonthlySummaries.Summary summary, WorkingLanguage language)
      throws IOException, DocumentException {
    BaseFont latin = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
    BaseFont chinese = BaseFont.createFont("STSong-Light", "UniGB-UCS2-H", BaseFont.NOT_EMBEDDED);
    boolean zh = language == WorkingLanguage.ZH_CN;
    Fonts fonts = new Fonts(zh ? List.of(chinese, latin) : List.of(latin, chinese));
    MonthlyFigures f = summary.figures();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4, 48, 48, 56, 56);
    PdfWriter.getInstance(document, out);
    document.addTitle(text("summary.title", "Monthly complaint summary") + " " + f.month());
    document.addCreator("Redress");
    document.open();
    document.add(paragraph(fonts.of(text("summary.title", "Monthly complaint summary") + " " + f.month(), 18,
        Font.BOLD), 6));
    ZoneId zone = ZoneId.of(f.zone());
    document.add(paragraph(fonts.of(text("summary.period", "Period") + ": " + f.from() + " – " + f.to() + " ("
        + f.zone() + ")", 10, Font.NORMAL), 2));
    if (summary.publishedAt() != null) {
      document.add(paragraph(fonts.of(text("summary.published", "Published") + ": "
          + STAMP.format(summary.publishedAt().atZone(zone)), 10, Font.NORMAL), 12));
    }

    heading(document, fonts, text("summary.counts", "Complaints"));
    PdfPTable counts = table(2);
    row(counts, fonts, text("summary.received", "Received"), String.valueOf(f.received()));
    row(counts, fonts, text("summary.closed", "Closed"), String.valueOf(f.closed()));
    row(counts, fonts, text("summary.overdue", "Missed a deadline due in the month"),
        f.overdue().count() + examples(f.overdue().examples()));
    document.add(counts);

    heading(document, fonts, text("summary.by-category", "By category"));
    document.add(countTable(fonts, f.byCategory(), "value.category."));
    heading(document, fonts, text("summary.by-severity", "By severity"));
    document.add(countTable(fonts, f.bySeverity(), "value.severity."));

    heading(document, fonts, text("summary.kpis", "KPIs against their targets"));
    if (f.kpis().isEmpty()) {
      document.add(paragraph(fonts.of(text("summary.none", "None."), 10, Font.NORMAL), 4));
    } else {
      PdfPTable kpis = table(4);
      header(kpis, fonts, text("summary.kpi", "KPI"), text("summary.value", "Value"),
          text("summary.target", "Target"), text("summary.met", "Met"));
      for (MonthlyFigures.Kpi k : f.kpis()) {
        String value = k.value() == null ? "–" : number(k, k.value())
            + (k.denominator() == null ? "" : " (" + plain(k.numerator()) + "/" + plain(k.denominator()) + ")");
        row(kpis, fonts, kpiName(k.name()), value,
            k.target() == null ? "–" : number(k, k.target()),
            k.met() == null ? "–" : k.met() ? text("summary.yes", "yes") : text("summary.no", "no"));
      }
      document.add(kpis);
    }

    heading(document, fonts, text("summary.root-causes", "Top root causes"));
    if (f.rootCauses().isEmpty()) {
      document.add(paragraph(fonts.of(text("summary.none", "None."), 10, Font.NORMAL), 4));
    } else {
      PdfPTable causes = table(3);
      header(causes, fonts, text("summary.root-cause", "Root cause"), text("summary.count", "Complaints"),
          text("summary.examples", "Examples"));
      for (MonthlyFigures.RootCause c : f.rootCauses()) {
        row(causes, fonts, c.label() == null ? c.category() : c.label(), String.valueOf(c.count()),
            String.join(", ", c.examples()));
      }
      document.add(causes);
    }

    heading(document, fonts, text("summary.findings", "Findings"));
    document.add(paragraph(fonts.of(blankTo(summary.findings()), 10, Font.NORMAL), 4));
    heading(document, fonts, text("summary.actions", "Improvement actions"));
    document.add(paragraph(fonts.of(blankTo(summary.actions()), 10, Font.NORMAL), 4));
    document.close();
    return out.toByteArray();
  }

  private String text(String key, String fallback) {
    return texts.text(key, fallback);
  }

  private static String blankTo(String s) {
    return s == null || s.isBlank() ? "–" : s;
  }

  private static String examples(List<String> numbers) {
    return numbers.isEmpty() ? "" : " (" + String.join(", ", numbers) + ")";
  }

  /** A KPI's name in the working language; a tier's satisfaction rate as "Satisfaction rate (vip)". */
  private String kpiName(String name) {
    int dot = name.indexOf('.');
    if (dot < 0) {
      return text("summary.kpi." + name, name);
    }
    String tier = name.substring(dot + 1);
    return text("summary.kpi." + name.substring(0, dot), name) + " (" + text("value.tier." + tier, tier) + ")";
  }

  private static String plain(Double d) {
    return d == null ? "–" : java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  private String number(MonthlyFigures.Kpi k, double v) {
    if (k.name().startsWith("complaintsPerMillionCustomers") || k.name().startsWith("escalatedComplaintRate")) {
      if (k.name().startsWith("escalatedComplaintRate")) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
      }
      return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
    NumberFormat percent = NumberFormat.getPercentInstance(java.util.Locale.ROOT);
    percent.setMaximumFractionDigits(1);
    return percent.format(v);
  }

  private PdfPTable countTable(Fonts fonts, Map<String, Long> counts, String labelPrefix) {
    PdfPTable table = table(2);
    if (counts.isEmpty()) {
      row(table, fonts, text("summary.none", "None."), "0");
    }
    counts.forEach((value, n) -> row(table, fonts, text(labelPrefix + value, value), String.valueOf(n)));
    return table;
  }

  private static void heading(Document document, Fonts fonts, String text) throws DocumentException {
    Paragraph p = paragraph(fonts.of(text, 12, Font.BOLD), 4);
    p.setSpacingBefore(10);
    document.add(p);
  }

  private static Paragraph paragraph(Phrase phrase, float after) {
    Paragraph p = new Paragraph(phrase);
    p.setSpacingAfter(after);
    return p;
  }

  private static PdfPTable table(int columns) {
    PdfPTable table = new PdfPTable(columns);
    table.setWidthPercentage(100);
    table.setHorizontalAlignment(Element.ALIGN_LEFT);
    return table;
  }

  private static void header(PdfPTable table, Fonts fonts, String... cells) {
    for (String c : cells) {
      PdfPCell cell = new PdfPCell(fonts.of(c, 10, Font.BOLD));
      cell.setPadding(4);
      table.addCell(cell);
    }
  }

  private static void row(PdfPTable table, Fonts fonts, String... cells) {
    for (String c : cells) {
      PdfPCell cell = new PdfPCell(fonts.of(c, 10, Font.NORMAL));
      cell.setPadding(4);
      table.addCell(cell);
    }
  }

  /** Picks, per character, the first of the fonts that has it. */
  private record Fonts(List<BaseFont> fonts) {

    Phrase of(String text, float size, int style) {
      FontSelector selector = new FontSelector();
      for (BaseFont font : fonts) {
        selector.addFont(new Font(font, size, style));
      }
      return selector.process(text == null ? "" : text);
    }
  }
}
