import Foundation
import VerbatimModel
import VerbatimIngest
import VerbatimStudy
import VerbatimCodebook
import VerbatimCoding

/// One libFuzzer entry point for every reader, chosen by the environment variable VERBATIM_FUZZ
/// (text, docx, odt, srt, vtt, sbv, codebook, study, csv). Each input either reads or fails with an
/// error; a crash, a hang or a sanitizer report is a bug. What reads is also segmented into turns and
/// coded with a small codebook, so that the whole path from bytes to codings is exercised.
enum Target: String {
    case text, docx, odt, srt, vtt, sbv, codebook, study, csv

    static let current: Target = {
        guard let name = ProcessInfo.processInfo.environment["VERBATIM_FUZZ"], let t = Target(rawValue: name) else {
            FileHandle.standardError.write(Data("VERBATIM_FUZZ must be one of: text docx odt srt vtt sbv codebook study csv\n".utf8))
            exit(2)
        }
        return t
    }()
}

/// A small French codebook with words, a prefix, a phrase, and a regular expression.
nonisolated(unsafe) let coder: Coder = {
    let yaml = """
    codebook: fuzz
    language: fr
    themes:
      - id: peur
        label: Peur
        rules:
          - any: [peur, inquiét*, "pas confiance"]
      - id: km
        label: Km
        rules:
          - any: ['re:\\b\\d{2} ?km\\b']

    """
    let (book, _) = try! CodebookLoader.parseYAML(yaml, path: "fuzz.yaml")
    return Coder(CompiledCodebook(book))
}()

func segmentAndCode(_ doc: SourceDocument) {
    guard let t = try? TurnSegmenter().segment(doc, document: "fuzz") else { return }
    _ = coder.code(t)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = Data(bytes: bytes, count: size)
    switch Target.current {
    case .text: if let d = try? TextReader.read(data: data, path: "fuzz.txt") { segmentAndCode(d) }
    case .docx: if let d = try? DocxReader.read(data: data, path: "fuzz.docx") { segmentAndCode(d) }
    case .odt: if let d = try? OdtReader.read(data: data, path: "fuzz.odt") { segmentAndCode(d) }
    case .srt: if let d = try? SubtitleReader.read(data: data, path: "fuzz.srt", format: .srt) { segmentAndCode(d) }
    case .vtt: if let d = try? SubtitleReader.read(data: data, path: "fuzz.vtt", format: .vtt) { segmentAndCode(d) }
    case .sbv: if let d = try? SubtitleReader.read(data: data, path: "fuzz.sbv", format: .sbv) { segmentAndCode(d) }
    case .codebook:
        if let (book, _) = try? CodebookLoader.parseYAML(String(decoding: data, as: UTF8.self), path: "fuzz.yaml") {
            _ = Coder(CompiledCodebook(book)).code(text: "J'ai peur, inquiète, à 30 km de ma famille.")
        }
    case .study: _ = try? StudyConfig.parse(String(decoding: data, as: UTF8.self), path: "verbatim.yaml")
    case .csv: _ = try? CSVTable.parse(data, path: "cases.csv")
    }
    return 0
}

// SwiftPM links an executable target's entry point under the name `<Target>_main`; libFuzzer's own
// `main` is then not linked in, so this one hands the command line to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func fuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("VerbatimFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    _ = Target.current
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return fuzzerRunDriver(&count, &arguments, { data, size in fuzzOne(data, size) })
}
