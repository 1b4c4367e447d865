import CLibXML2
import Foundation

/// An XML file read as a stream of elements with libxml2's reader, after
/// checks on its bytes that no parser has to survive: the declared encoding
/// is one flowcut reads, UTF-8 is valid, and there is no document type
/// (BPMN has none; refusing it means no entity is ever expanded and no
/// external file or address is ever loaded). Network access is off.
enum XMLReader {
    /// One element's start or end, or text inside an element.
    enum Event {
        case start(name: String, attributes: [String: String])
        case end(name: String)
        case text(String)
    }

    /// What went wrong, and where (1-based; 0 when unknown).
    struct Problem: Error {
        var message: String
        var line: Int
        var column: Int

        var located: String {
            line > 0 ? "line \(line), column \(column): \(message)" : message
        }
    }

    /// Encodings libxml2 reads without iconv, by the names files use.
    static let encodings: Set<String> = ["utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "iso_8859-1", "latin1", "latin-1", "utf-16"]

    /// Calls `handle` for each event in document order.
    static func read(_ bytes: [UInt8], _ handle: (Event) throws(Problem) -> Void) throws(Problem) {
        try checkBytes(bytes)
        initialise
        let box = ErrorBox()
        let parsed: Problem? = bytes.withUnsafeBufferPointer { buffer -> Problem? in
            guard let base = buffer.baseAddress else { return Problem(message: "the file is empty", line: 0, column: 0) }
            let options = Int32(FLOWCUT_XML_PARSE_NONET | FLOWCUT_XML_PARSE_NOCDATA | FLOWCUT_XML_PARSE_COMPACT)
            guard
                let reader = base.withMemoryRebound(
                    to: CChar.self, capacity: buffer.count,
                    {
                        xmlReaderForMemory($0, Int32(buffer.count), nil, nil, options)
                    })
            else { return Problem(message: "libxml2 could not start reading the file", line: 0, column: 0) }
            defer { xmlFreeTextReader(reader) }
            let context = Unmanaged.passUnretained(box).toOpaque()
            xmlTextReaderSetErrorHandler(
                reader,
                { context, message, severity, locator in
                    guard let context, severity >= 4 else { return }
                    let box = Unmanaged<ErrorBox>.fromOpaque(context).takeUnretainedValue()
                    guard box.first == nil else { return }
                    let text = message.map { String(cString: $0) } ?? "unknown error"
                    box.first = Problem(
                        message: text.trimmingCharacters(in: .whitespacesAndNewlines),
                        line: locator.map { Int(xmlTextReaderLocatorLineNumber($0)) } ?? 0, column: 0)
                }, context)
            while true {
                let status = xmlTextReaderRead(reader)
                if status == 0 { return nil }
                if status < 0 {
                    var problem = box.first ?? Problem(message: "unknown error", line: 0, column: 0)
                    problem.message = "the XML is not well-formed: " + problem.message
                    if problem.line == 0 { problem.line = Int(xmlTextReaderGetParserLineNumber(reader)) }
                    problem.column = Int(xmlTextReaderGetParserColumnNumber(reader))
                    return problem
                }
                let line = Int(xmlTextReaderGetParserLineNumber(reader))
                let column = Int(xmlTextReaderGetParserColumnNumber(reader))
                do throws(Problem) {
                    switch xmlTextReaderNodeType(reader) {
                    case 1:  // element
                        let name = string(xmlTextReaderConstName(reader))
                        let empty = xmlTextReaderIsEmptyElement(reader) == 1
                        var attributes: [String: String] = [:]
                        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                            attributes[string(xmlTextReaderConstName(reader))] = string(xmlTextReaderConstValue(reader))
                        }
                        xmlTextReaderMoveToElement(reader)
                        try handle(.start(name: name, attributes: attributes))
                        if empty { try handle(.end(name: name)) }
                    case 15:  // end of an element
                        try handle(.end(name: string(xmlTextReaderConstName(reader))))
                    case 3, 4, 14:  // text, CDATA, significant white space
                        try handle(.text(string(xmlTextReaderConstValue(reader))))
                    case 5, 10:  // an entity reference, a document type
                        return Problem(
                            message: "the file declares a document type or entities; BPMN models have none, and flowcut reads neither (refused)",
                            line: line, column: column)
                    default: break
                    }
                } catch {
                    return error
                }
            }
        }
        if let parsed { throw parsed }
    }

    private static let initialise: Void = { xmlInitParser() }()

    private final class ErrorBox {
        var first: Problem?
    }

    private static func string(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

    // MARK: Bytes

    /// The declared encoding is known, UTF-8 is valid where the file is
    /// UTF-8, and no document type is declared.
    static func checkBytes(_ bytes: [UInt8]) throws(Problem) {
        var utf8 = true
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            utf8 = false  // UTF-16 with its byte order mark: libxml2 reads it
        } else if let declared = declaredEncoding(bytes) {
            guard encodings.contains(declared.lowercased()) else {
                throw Problem(
                    message: "the file declares the encoding '\(declared)', which flowcut does not read; save it as UTF-8",
                    line: 1, column: 1)
            }
            utf8 = ["utf-8", "utf8", "us-ascii", "ascii"].contains(declared.lowercased())
        }
        if utf8 {
            var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
            guard i < bytes.count, bytes[i] == 0x3C else {
                throw Problem(message: i < bytes.count ? "this is not XML: it does not begin with '<'" : "the file is empty", line: 0, column: 0)
            }
        }
        if utf8, let bad = firstInvalidUTF8(bytes) {
            let (line, column) = position(of: bad, in: bytes)
            throw Problem(
                message:
                    "byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) is not UTF-8, and the file says it is UTF-8: re-save it as UTF-8 (or declare the encoding it really has, e.g. encoding=\"ISO-8859-1\")",
                line: line, column: column)
        }
        if let at = find(Array("<!DOCTYPE".utf8), in: bytes) {
            let (line, column) = position(of: at, in: bytes)
            throw Problem(
                message: "the file declares a document type (<!DOCTYPE); BPMN models have none, and flowcut reads no DTD or entity (refused)",
                line: line, column: column)
        }
    }

    /// The `encoding="…"` of the XML declaration, if there is one.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        guard bytes.count >= start + 5, Array(bytes[start..<start + 5]) == Array("<?xml".utf8) else { return nil }
        guard let end = find(Array("?>".utf8), in: bytes, from: start, limit: start + 400) else { return nil }
        let declaration = String(decoding: bytes[start..<end], as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return nil }
        var rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        return String(rest.prefix { $0 != quote })
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            var need = 0
            var minimum: UInt32 = 0
            var value: UInt32 = 0
            switch b {
            case 0xC2...0xDF:
                need = 1
                minimum = 0x80
                value = UInt32(b & 0x1F)
            case 0xE0...0xEF:
                need = 2
                minimum = 0x800
                value = UInt32(b & 0x0F)
            case 0xF0...0xF4:
                need = 3
                minimum = 0x10000
                value = UInt32(b & 0x07)
            default: return i
            }
            guard i + need < n else { return i }
            for k in 1...need {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                value = value << 6 | UInt32(c & 0x3F)
            }
            if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return i }
            i += need + 1
        }
        return nil
    }

    /// Line and column (in characters) of the byte at `offset`.
    static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for i in 0..<offset where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        let column = bytes[lineStart..<offset].count { $0 & 0xC0 != 0x80 } + 1
        return (line, column)
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int = 0, limit: Int = Int.max) -> Int? {
        let end = min(bytes.count, limit) - needle.count
        guard end >= from, let first = needle.first else { return nil }
        var i = from
        while i <= end {
            if bytes[i] == first, bytes[i..<i + needle.count].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
