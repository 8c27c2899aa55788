import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ZIPFoundation
import VerbatimTestSupport

/// A parsed XML element with qualified names kept as written (`w:p`), for checking generated parts.
final class XMLElementNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLElementNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// Every element below this one, depth first, in document order.
    var descendants: [XMLElementNode] {
        children.flatMap { [$0] + $0.descendants }
    }

    /// The descendants named `name`.
    func all(_ name: String) -> [XMLElementNode] { descendants.filter { $0.name == name } }

    /// The first descendant named `name`.
    func first(_ name: String) -> XMLElementNode? { descendants.first { $0.name == name } }

    /// The text a reader sees in a WordprocessingML element: `w:t` content, a line feed per `w:br`
    /// and a tab per `w:tab`, paragraphs separated by line feeds.
    var wordText: String {
        switch name {
        case "w:t": return text
        case "w:br": return "\n"
        case "w:tab": return "\t"
        case "w:p": return children.map(\.wordText).joined() + "\n"
        default: return children.map(\.wordText).joined()
        }
    }
}

/// Parses XML with Foundation's parser; returns the root element, or the parser's error.
func parseXML(_ data: Data) throws -> XMLElementNode {
    final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLElementNode] = []
        var root: XMLElementNode?
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let node = XMLElementNode(name: elementName, attributes: attributeDict)
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }
        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            stack.removeLast()
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }
    let parser = XMLParser(data: data)
    let builder = Builder()
    parser.delegate = builder
    parser.shouldProcessNamespaces = false
    guard parser.parse(), let root = builder.root else {
        throw ParseError(description: "not well-formed: \(parser.parserError.map { "\($0)" } ?? "no root element")")
    }
    return root
}

/// The entries of a ZIP archive held in memory, in archive order, with their uncompressed bytes.
func unzip(_ data: Data) throws -> [(entry: Entry, data: Data)] {
    let archive = try Archive(data: data, accessMode: .read)
    var result: [(Entry, Data)] = []
    for entry in archive {
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        result.append((entry, bytes))
    }
    return result
}

/// Converts `docx` to a PDF beside it with LibreOffice, in the LibreOffice profile `/tmp/<profile>` (one
/// per test, so that the tests can run side by side), and returns the PDF. The conversion must succeed
/// and give the PDF. For the tests declared `.enabled(if: Tools.libreOffice)`.
func convertWithLibreOffice(_ docx: URL, profile: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> URL {
    let soffice = try #require(Tools.libreOfficePath, "LibreOffice (soffice) is not on the PATH", sourceLocation: sourceLocation)
    let conversion = try await runProgram(soffice, [
        "--headless", "--norestore", "-env:UserInstallation=file:///tmp/\(profile)",
        "--convert-to", "pdf", "--outdir", docx.deletingLastPathComponent().path, docx.path,
    ], timeout: 120)
    #expect(conversion.status == 0, "soffice failed or timed out: \(conversion.output)", sourceLocation: sourceLocation)
    let pdf = docx.deletingPathExtension().appendingPathExtension("pdf")
    try #require(FileManager.default.fileExists(atPath: pdf.path), "no PDF: \(conversion.output)", sourceLocation: sourceLocation)
    return pdf
}

/// The text of `pdf` by `pdftotext` (poppler-utils), which must succeed, and its words. For the tests
/// declared `.enabled(if: Tools.has("pdftotext"))`.
func pdfText(_ pdf: URL, sourceLocation: SourceLocation = #_sourceLocation) async throws -> (text: String, words: Set<String>) {
    let pdftotext = URL(fileURLWithPath: try #require(Tools.path(of: "pdftotext"), "pdftotext (poppler-utils) is not on the PATH",
                                                      sourceLocation: sourceLocation))
    let extraction = try await runProgram(pdftotext, ["-enc", "UTF-8", pdf.path, "-"], timeout: 60)
    #expect(extraction.status == 0, sourceLocation: sourceLocation)
    let words = Set(extraction.output.split(whereSeparator: { $0.isWhitespace || $0.isPunctuation }).map(String.init))
    return (extraction.output, words)
}

/// The result of running a program: its exit status (nil on timeout) and its combined output.
struct ProgramResult {
    var status: Int32?
    var output: String
}

/// Runs `executable` with `arguments`, killing it after `timeout` seconds. Output goes through a
/// file so that a chatty program cannot block on a full pipe.
func runProgram(_ executable: URL, _ arguments: [String], timeout: TimeInterval) async throws -> ProgramResult {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-run-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: log) }
    let handle = try FileHandle(forWritingTo: log)
    defer { try? handle.close() }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline {
        try await Task.sleep(nanoseconds: 100_000_000)
    }
    var status: Int32?
    if process.isRunning {
        process.terminate()
        process.waitUntilExit()
    } else {
        process.waitUntilExit()
        status = process.terminationStatus
    }
    let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    return ProgramResult(status: status, output: output)
}
