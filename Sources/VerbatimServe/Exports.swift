import Foundation
import Hummingbird
import VerbatimModel
import VerbatimStudy
import VerbatimApp
import VerbatimExport

/// The downloads of the Compare page: the report, the verbatims and the CSV tables, computed by the
/// command line's use cases and written to the response (never into the study). Names are replaced by
/// pseudonyms, as `verbatim report` and `verbatim excerpts` do by default.
enum Exports {
    static let files = ["report.html", "verbatims.docx", "stats.csv", "matrix.csv", "cooccur.csv"]

    static func respond(_ file: String, by: String?, source: String?, settings: WorkbenchSettings) throws -> Response {
        guard files.contains(file) else {
            throw WorkbenchError.notFound("no export '\(file)' (\(files.joined(separator: ", ")))")
        }
        guard let source = CodingSource(rawValue: source ?? "all") else {
            throw WorkbenchError.badRequest("unknown source '\(source ?? "")' (all, reviewed, manual or rules)")
        }
        let ctx = StudyContext(study: try StudyLocator.open(folder: settings.studyRoot.path), consumer: DiagnosticCollector())
        ctx.blind = settings.blindCoding
        let input = AnalysisInput(source: source)
        let data: Data
        let type: String
        switch file {
        case "report.html":
            var r = ReportUseCase.Request(format: .html, report: ReportRequest(groupBy: by))
            r.source = source
            data = Data(try ReportUseCase.run(r, in: ctx).utf8)
            type = "text/html; charset=utf-8"
        case "verbatims.docx":
            var r = ExcerptsUseCase.Request()
            r.source = source
            r.eachTheme = true
            data = try ExcerptsUseCase.render(try ExcerptsUseCase.run(r, in: ctx), as: .docx)
            type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "stats.csv":
            data = Data(try StatsUseCase.run(.init(input: input, by: by ?? "group"), in: ctx).value.csv().utf8)
            type = "text/csv; charset=utf-8"
        case "matrix.csv":
            data = Data(try MatrixUseCase.run(.init(input: input, columns: by ?? "group"), in: ctx).value.csv().utf8)
            type = "text/csv; charset=utf-8"
        default:
            data = Data(try CooccurUseCase.run(.init(input: input), in: ctx).value.csv().utf8)
            type = "text/csv; charset=utf-8"
        }
        let stem = (ctx.study.name.isEmpty ? "study" : ctx.study.name).map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
        let name = String(stem) + "-" + (by.map { file.replacingOccurrences(of: ".", with: "-\($0).") } ?? file)
        let ascii = name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" ? String($0) : "_" }.joined()
        return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(ascii)\""],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
