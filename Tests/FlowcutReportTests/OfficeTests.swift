import FlowcutImport
import Foundation
import Testing

@testable import FlowcutReport

/// The Word writer and the CSV cells, against text written out by hand.
/// The document is read back with flowcut's own .docx reader (the one that
/// reads a decision's appendix: a different code path, through
/// ZIPFoundation and libxml2) and, in OfficeCLITests, with LibreOffice.
@Suite struct OfficeTests {
    static let markdown = """
        # Cấp giấy phép lao động

        Lead time **10 d** → 7 d & more <here>.

        - first \\*not bold\\*
        - [a link](https://example.org) and `code`

        | Step | Who | Days |
        |---|---|---:|
        | Tiếp nhận | Bộ phận một cửa | 0,5 |
        | Thẩm định \\| kiểm tra | Phòng Lao động | 3 |

        ## After
        """

    static func document(_ parts: [(String, [UInt8])]) throws -> String {
        String(decoding: try #require(parts.first { $0.0 == "word/document.xml" }).1, as: UTF8.self)
    }

    @Test func markdownBecomesWordsOwnHeadingsListsAndTables() throws {
        let xml = try Self.document(WordWriter.parts(markdown: Self.markdown, title: "T", language: "vi-VN"))
        // Headings as Word's heading styles (so the navigation pane and a table of contents find them).
        #expect(xml.contains("<w:pStyle w:val=\"Heading1\"/><w:keepNext/></w:pPr><w:r><w:t xml:space=\"preserve\">Cấp giấy phép lao động</w:t></w:r>"))
        #expect(xml.contains("<w:pStyle w:val=\"Heading2\"/>"))
        // **bold** as a bold run; & < > escaped for XML.
        #expect(xml.contains("<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">10 d</w:t></w:r>"))
        #expect(xml.contains("→ 7 d &amp; more &lt;here&gt;."))
        // A list item with a bullet; a backslash escape is the character itself, not bold.
        #expect(xml.contains("<w:t xml:space=\"preserve\">•\u{00A0}</w:t></w:r><w:r><w:t xml:space=\"preserve\">first *not bold*</w:t>"))
        // A link keeps its text; code is set in a monospaced font.
        #expect(xml.contains(">a link and </w:t>"))
        #expect(xml.contains("DejaVu Sans Mono\"/></w:rPr><w:t xml:space=\"preserve\">code</w:t>"))
        // One table, the header repeated on each page. The 9 071 twips of text
        // width shared 20 : 15 : 6 — the longest cells, "Thẩm định | kiểm tra"
        // (20 characters) and "Bộ phận một cửa" (15), and "Days" (4 + 1)
        // raised to the least, 6 —: 9 071 × 20 ÷ 41 = 4 424, × 15 ÷ 41 =
        // 3 318, and the rest, 1 329.
        #expect(xml.components(separatedBy: "<w:tbl>").count == 2)
        #expect(xml.contains("<w:tblGrid><w:gridCol w:w=\"4424\"/><w:gridCol w:w=\"3318\"/><w:gridCol w:w=\"1329\"/></w:tblGrid>"))
        #expect(xml.components(separatedBy: "<w:tblHeader/>").count == 2)
        // The third column is right-aligned (`---:`) in the body rows.
        #expect(
            xml.contains("<w:jc w:val=\"right\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr><w:t xml:space=\"preserve\">0,5</w:t>"))
        // A4 (210 × 297 mm = 11 906 × 16 838 twips), margins 2 cm top and bottom, 3 cm left, 2 cm right;
        // no images, so one portrait section.
        #expect(xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1701\""))
        #expect(!xml.contains("landscape"))
    }

    @Test func theDocumentReadsBackAsItsTable() throws {
        let bytes = try OfficePackage.zip(WordWriter.parts(markdown: Self.markdown, title: "T", language: "vi-VN"))
        let tables = try WordDocument.tables(bytes)
        #expect(tables.count == 1)
        let t = try #require(tables.first)
        #expect(t.denseRows == [["Step", "Who", "Days"], ["Tiếp nhận", "Bộ phận một cửa", "0,5"], ["Thẩm định | kiểm tra", "Phòng Lao động", "3"]])
        #expect(t.before.first == "Cấp giấy phép lao động")
    }

    @Test func theSamePartsGiveTheSameBytes() throws {
        let parts = WordWriter.parts(markdown: Self.markdown, title: "T", language: "en-GB")
        let a = try OfficePackage.zip(parts)
        let b = try OfficePackage.zip(parts)
        #expect(a == b)
        // A ZIP's local file header, and the fixed date: 1 January 2026 in DOS form
        // (time 0x0000; date ((2026 − 1980) << 9) | (1 << 5) | 1 = 0x5C21), little-endian at offsets 10–13.
        #expect(Array(a.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
        #expect(Array(a[10..<14]) == [0x00, 0x00, 0x21, 0x5C])
    }

    @Test func imagesAreFittedToThePage() throws {
        // A PNG header for 4 000 × 500 px: wider than the 16 cm of text.
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
        png += [0, 0, 0x0F, 0xA0, 0, 0, 0x01, 0xF4]
        let parts = WordWriter.parts(markdown: "x", images: [.init(png: png, caption: "Sơ đồ")], title: "T", language: "vi-VN")
        #expect(parts.contains { $0.0 == "word/media/image1.png" && $0.1 == png })
        let xml = try Self.document(parts)
        // On a landscape page: text width 16 838 − 1 701 − 1 134 = 14 003 twips × 635 EMU = 8 891 905 EMU;
        // the height kept in proportion, 8 891 905 ÷ 8 = 1 111 488 (in whole EMUs).
        #expect(xml.contains("<wp:extent cx=\"8891905\" cy=\"1111488\"/>"))
        // The text's portrait section ends before the picture; the document's last section is landscape.
        #expect(xml.contains("<w:p><w:pPr><w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))
        #expect(xml.contains("<w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"))
        // A diagram taller than wide (1 000 × 4 000 px) gets a portrait page:
        // its height, 16 838 − 1 134 − 1 134 − 720 (a line for the caption)
        // = 13 850 twips × 635 = 8 794 750 EMU, its width a quarter of that,
        // 2 198 687 (whole EMUs, rounded down).
        var tall: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
        tall += [0, 0, 0x03, 0xE8, 0, 0, 0x0F, 0xA0]
        let both = try Self.document(
            WordWriter.parts(markdown: "x", images: [.init(png: png, caption: "A"), .init(png: tall, caption: "B")], title: "T", language: "vi-VN"))
        #expect(both.contains("<wp:extent cx=\"2198687\" cy=\"8794750\"/>"))
        #expect(both.contains("<w:p><w:pPr><w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"))
        #expect(
            both.hasSuffix(
                "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
            ))
        let rels = String(decoding: try #require(parts.first { $0.0 == "word/_rels/document.xml.rels" }).1, as: UTF8.self)
        #expect(
            rels.contains("Id=\"rIdImage1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/image1.png\""))
    }

    @Test func csvCellsAreQuotedAndNeverFormulas() {
        #expect(CSV.text("Bộ phận một cửa") == "Bộ phận một cửa")
        #expect(CSV.text("a, b") == "\"a, b\"")
        #expect(CSV.text("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.text("two\nlines") == "\"two\nlines\"")
        // Spreadsheets run a cell starting = + - @ as a formula (CSV injection).
        #expect(CSV.text("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(CSV.text("+1") == "'+1")
        #expect(CSV.text("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSV.number(38.0 / 42.0) == "0.904762")
        #expect(CSV.number(2) == "2")
        #expect(CSV.number(0.5375) == "0.5375")
        #expect(CSV.document([["a", "b"], ["1", "2"]]) == "\u{FEFF}a,b\r\n1,2\r\n")
    }
}
