import FlowcutCore
import Foundation

/// A report as a Word document (.docx) for office users: the Markdown
/// report's text, read back from the subset of Markdown flowcut's own
/// writers produce (headings, paragraphs, `- ` lists, pipe tables, bold,
/// code, links), so that the document says exactly what report.md says;
/// its headings, lists and tables as Word's own, diagrams as PNG images
/// fitted to the page, on A4 with the margins of an administrative
/// document. Opens in Word and LibreOffice. The parts are written here;
/// `OfficePackage` zips them.
public enum WordWriter {
    /// An image placed after the text, with its caption above it.
    public struct Image: Sendable {
        public var png: [UInt8]
        public var caption: String

        public init(png: [UInt8], caption: String) {
            self.png = png
            self.caption = caption
        }
    }

    /// A4 in twentieths of a point, with 2 cm top and bottom, 3 cm left and 2 cm right margins.
    static let page = (width: 11_906, height: 16_838, top: 1_134, bottom: 1_134, left: 1_701, right: 1_134)
    static var usableWidth: Int { page.width - page.left - page.right }

    /// The document's parts (path, bytes), in the order they are zipped.
    /// - Parameter language: `vi-VN` or `en-GB`, for Word's spelling tools.
    public static func parts(markdown: String, images: [Image] = [], title: String, language: String) -> [(String, [UInt8])] {
        var body = ""
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        while let line = lines.first {
            if line.hasPrefix("|") {
                var rows: [String] = []
                while let l = lines.first, l.hasPrefix("|") {
                    rows.append(l)
                    lines.removeFirst()
                }
                body += table(rows)
                continue
            }
            lines.removeFirst()
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if let level = (1...3).first(where: { line.hasPrefix(String(repeating: "#", count: $0) + " ") }) {
                body += paragraph(inline(String(line.dropFirst(level + 1))), style: "Heading\(level)", keepWithNext: true)
            } else if line.hasPrefix("- ") {
                body += paragraph([Run(text: "•\u{00A0}")] + inline(String(line.dropFirst(2))), style: "ListParagraph")
            } else {
                body += paragraph(inline(line), style: nil)
            }
        }
        var relationships = [
            relationship("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "styles.xml")
        ]
        var media: [(String, [UInt8])] = []
        // Each diagram in a section of its own, one to a page, turned the way
        // it is drawn: landscape when wider than tall, portrait when taller
        // (a top-to-bottom process), so that it reads at the largest size.
        var last = false
        for (i, image) in images.enumerated() {
            let id = "rIdImage\(i + 1)"
            relationships.append(relationship(id, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image", "media/image\(i + 1).png"))
            media.append(("word/media/image\(i + 1).png", image.png))
            // The section before ends here: the text's, or the diagram's before.
            body += "<w:p><w:pPr>\(section(landscape: last))</w:pPr></w:p>"
            let (w, h) = pixels(image.png) ?? (800, 600)
            last = w > h
            body += paragraph([Run(text: image.caption, bold: true)], style: nil, keepWithNext: true)
            body += picture(image.png, id: id, number: i + 1, name: image.caption, landscape: last)
        }
        let document =
            header + "<w:document \(namespaces)><w:body>" + body + section(landscape: last) + "</w:body></w:document>"
        let types =
            header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/>"
            + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
            + "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
            + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>"
        let rels =
            header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + relationship("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "word/document.xml")
            + relationship("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml")
            + "</Relationships>"
        let core =
            header
            + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
            + "<dc:title>\(xml(title))</dc:title><dc:creator>flowcut</dc:creator><dc:language>\(xml(language))</dc:language></cp:coreProperties>"
        let documentRels =
            header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + relationships.joined() + "</Relationships>"
        return [
            ("[Content_Types].xml", Array(types.utf8)), ("_rels/.rels", Array(rels.utf8)), ("docProps/core.xml", Array(core.utf8)),
            ("word/document.xml", Array(document.utf8)), ("word/styles.xml", Array(styles(language: language).utf8)),
            ("word/_rels/document.xml.rels", Array(documentRels.utf8)),
        ] + media
    }

    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let namespaces =
        "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\""

    /// A section's page: A4, portrait or landscape, with the margins of an
    /// administrative document (the wide one on the binding side).
    static func section(landscape: Bool) -> String {
        let p = page
        let size =
            landscape ? "<w:pgSz w:w=\"\(p.height)\" w:h=\"\(p.width)\" w:orient=\"landscape\"/>" : "<w:pgSz w:w=\"\(p.width)\" w:h=\"\(p.height)\"/>"
        return
            "<w:sectPr>\(size)<w:pgMar w:top=\"\(p.top)\" w:right=\"\(p.right)\" w:bottom=\"\(p.bottom)\" w:left=\"\(p.left)\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/></w:sectPr>"
    }

    static func relationship(_ id: String, _ type: String, _ target: String) -> String {
        "<Relationship Id=\"\(id)\" Type=\"\(type)\" Target=\"\(target)\"/>"
    }

    // MARK: Text

    struct Run: Equatable {
        var text: String
        var bold = false
        var code = false
    }

    /// Markdown's inline text as runs: `**bold**`, `` `code` ``,
    /// `[text](link)` (the text), backslash escapes and the entities
    /// `Escape.markdown` writes.
    static func inline(_ text: String) -> [Run] {
        var runs: [Run] = []
        var current = ""
        var bold = false
        var chars = Array(text)[...]
        func flush(code: Bool = false) {
            if !current.isEmpty { runs.append(Run(text: current, bold: bold, code: code)) }
            current = ""
        }
        while let c = chars.first {
            chars.removeFirst()
            switch c {
            case "\\":
                if let next = chars.first {
                    current.append(next)
                    chars.removeFirst()
                }
            case "*" where chars.first == "*":
                chars.removeFirst()
                flush()
                bold.toggle()
            case "`":
                var fence = 1
                while chars.first == "`" {
                    fence += 1
                    chars.removeFirst()
                }
                let closing = String(repeating: "`", count: fence)
                let rest = String(chars)
                if let end = rest.range(of: closing) {
                    flush()
                    var code = String(rest[..<end.lowerBound])
                    if code.hasPrefix(" ") && code.hasSuffix(" ") && code.count >= 2 { code = String(code.dropFirst().dropLast()) }
                    current = code.replacingOccurrences(of: "\\|", with: "|")
                    flush(code: true)
                    chars = Array(rest[end.upperBound...])[...]
                } else {
                    current += closing
                }
            case "[":
                let rest = String(chars)
                if let close = rest.range(of: "]("), let end = rest[close.upperBound...].firstIndex(of: ")") {
                    current += unescaped(String(rest[..<close.lowerBound]))
                    chars = Array(rest[rest.index(after: end)...])[...]
                } else {
                    current.append(c)
                }
            case "&":
                let rest = String(chars)
                if let semi = rest.prefix(10).firstIndex(of: ";"), let scalar = entity(String(rest[..<semi])) {
                    current.unicodeScalars.append(scalar)
                    chars = Array(rest[rest.index(after: semi)...])[...]
                } else {
                    current.append(c)
                }
            default: current.append(c)
            }
        }
        flush()
        return runs
    }

    static func unescaped(_ text: String) -> String { inline(text).map(\.text).joined() }

    static func entity(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "#39", "apos": return "'"
        default:
            if name.hasPrefix("#x"), let v = UInt32(name.dropFirst(2), radix: 16) { return Unicode.Scalar(v) }
            if name.hasPrefix("#"), let v = UInt32(name.dropFirst()) { return Unicode.Scalar(v) }
            return nil
        }
    }

    static func xml(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            // XML 1.0 has no place for other control characters.
            case _ where scalar.value < 0x20 && scalar != "\t": continue
            case "\u{FFFE}", "\u{FFFF}": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func runXML(_ run: Run, size: Int? = nil) -> String {
        var props = ""
        if run.bold { props += "<w:b/>" }
        if run.code { props += "<w:rFonts w:ascii=\"DejaVu Sans Mono\" w:hAnsi=\"DejaVu Sans Mono\" w:cs=\"DejaVu Sans Mono\"/>" }
        if let size { props += "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>" }
        return "<w:r>" + (props.isEmpty ? "" : "<w:rPr>\(props)</w:rPr>") + "<w:t xml:space=\"preserve\">\(xml(run.text))</w:t></w:r>"
    }

    static func paragraph(
        _ runs: [Run], style: String?, keepWithNext: Bool = false, pageBreakBefore: Bool = false, alignment: String? = nil, size: Int? = nil
    ) -> String {
        var props = ""
        if let style { props += "<w:pStyle w:val=\"\(style)\"/>" }
        if keepWithNext { props += "<w:keepNext/>" }
        if pageBreakBefore { props += "<w:pageBreakBefore/>" }
        if let alignment { props += "<w:jc w:val=\"\(alignment)\"/>" }
        return "<w:p>" + (props.isEmpty ? "" : "<w:pPr>\(props)</w:pPr>") + runs.map { runXML($0, size: size) }.joined() + "</w:p>"
    }

    // MARK: Tables

    /// A Markdown table's cells: split at `|` not escaped.
    static func cells(_ row: String) -> [String] {
        var out: [String] = []
        var cell = ""
        var escaped = false
        var body = row.trimmingCharacters(in: .whitespaces)
        if body.hasPrefix("|") { body.removeFirst() }
        if body.hasSuffix("|") && !body.hasSuffix("\\|") { body.removeLast() }
        for c in body {
            if escaped {
                cell.append("\\")
                cell.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "|" {
                out.append(cell.trimmingCharacters(in: .whitespaces))
                cell = ""
            } else {
                cell.append(c)
            }
        }
        out.append(cell.trimmingCharacters(in: .whitespaces))
        return out
    }

    static func table(_ rows: [String]) -> String {
        guard rows.count >= 2 else { return rows.map { paragraph(inline($0), style: nil) }.joined() }
        let head = cells(rows[0])
        let alignments = cells(rows[1]).map { $0.hasSuffix(":") ? "right" : "left" }
        let body = rows.dropFirst(2).map(cells)
        let columns = max(head.count, body.map(\.count).max() ?? 0)
        let widths = columnWidths(head: head, body: body, columns: columns)
        // Small type for wide tables: 9 pt from six columns, else 10 pt.
        let size = columns >= 6 ? 18 : 20
        let border = ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>" }
            .joined()
        var out =
            "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>\(border)</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"60\" w:type=\"dxa\"/><w:right w:w=\"60\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
            + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        func row(_ texts: [String], header: Bool) -> String {
            var r = "<w:tr>" + (header ? "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" : "<w:trPr><w:cantSplit/></w:trPr>")
            for c in 0..<columns {
                let text = c < texts.count ? texts[c] : ""
                var runs = inline(text)
                if header { runs = runs.map { Run(text: $0.text, bold: true, code: $0.code) } }
                let shade = header ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7EEF7\"/>" : ""
                r += "<w:tc><w:tcPr><w:tcW w:w=\"\(widths[c])\" w:type=\"dxa\"/>\(shade)</w:tcPr>"
                r += paragraph(runs, style: "TableText", alignment: header ? nil : (c < alignments.count ? alignments[c] : "left"), size: size) + "</w:tc>"
            }
            return r + "</w:tr>"
        }
        // A table whose header is empty (a list of figures) has no header row.
        if head.contains(where: { !$0.isEmpty }) { out += row(head, header: true) }
        for r in body { out += row(r, header: false) }
        return out + "</w:tbl>" + paragraph([], style: nil)
    }

    /// The text width shared by how much each column holds: its longest
    /// cell, or its header's longest word (a header wraps between words),
    /// and a character more, counted from 6 to 28 characters (a short
    /// column of numbers must still hold its header's words whole, in bold
    /// 9 pt); the last column takes what rounding
    /// leaves, so that the table is exactly as wide as the text.
    static func columnWidths(head: [String], body: [[String]], columns: Int) -> [Int] {
        guard columns > 0 else { return [] }
        let weights = (0..<columns).map { c -> Int in
            let header = c < head.count ? unescaped(head[c]).split(separator: " ").map(\.count).max() ?? 0 : 0
            let cells = body.map { c < $0.count ? unescaped($0[c]).count : 0 }.max() ?? 0
            return min(max(header + 1, cells, 6), 28)
        }
        let total = weights.reduce(0, +)
        var widths = weights.map { usableWidth * $0 / total }
        widths[columns - 1] += usableWidth - widths.reduce(0, +)
        return widths
    }

    // MARK: Pictures

    /// The PNG's size in pixels, from its header.
    static func pixels(_ png: [UInt8]) -> (width: Int, height: Int)? {
        guard png.count >= 24, png.starts(with: [0x89, 0x50, 0x4E, 0x47]) else { return nil }
        let w = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let h = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        return w > 0 && h > 0 ? (w, h) : nil
    }

    /// The image at 96 dots an inch, made smaller to fit the page's width
    /// and its height less a line for the caption.
    static func picture(_ png: [UInt8], id: String, number: Int, name: String, landscape: Bool) -> String {
        let emuPerTwip = 635
        let (pw, ph) = pixels(png) ?? (800, 600)
        var cx = pw * 9_525
        var cy = ph * 9_525
        let (across, down) = landscape ? (page.height, page.width) : (page.width, page.height)
        let maxWidth = (across - page.left - page.right) * emuPerTwip
        let maxHeight = (down - page.top - page.bottom - 720) * emuPerTwip
        // In whole EMUs, so that the same image gives the same numbers everywhere.
        if cx > maxWidth {
            cy = cy * maxWidth / cx
            cx = maxWidth
        }
        if cy > maxHeight {
            cx = cx * maxHeight / cy
            cy = maxHeight
        }
        let n = xml(name)
        return
            "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"\(cx)\" cy=\"\(cy)\"/><wp:docPr id=\"\(number)\" name=\"\(n)\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"\(number)\" name=\"image\(number).png\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"\(id)\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"\(cx)\" cy=\"\(cy)\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    }

    // MARK: Styles

    /// Times New Roman 13 pt, the administrative documents' type (Word and
    /// LibreOffice fall back to a metric-compatible font with Vietnamese).
    static func styles(language: String) -> String {
        func heading(_ level: Int, _ size: Int) -> String {
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading\(level)\"><w:name w:val=\"heading \(level)\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"\(level == 1 ? 240 : 180)\" w:after=\"120\"/><w:outlineLvl w:val=\"\(level - 1)\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/></w:rPr></w:style>"
        }
        return header
            + "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/><w:lang w:val=\"\(xml(language))\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
            + "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
            + heading(1, 32) + heading(2, 28) + heading(3, 26)
            + "<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"60\"/><w:ind w:left=\"360\" w:hanging=\"240\"/></w:pPr></w:style>"
            + "<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:style>"
            + "</w:styles>"
    }
}
