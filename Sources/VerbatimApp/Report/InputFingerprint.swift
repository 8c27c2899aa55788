import Foundation
import VerbatimStudy
import VerbatimModel

/// A SHA-256 fingerprint of the files a report was computed from, so that two reports can be told apart.
///
/// The hash runs over, in this order: the transcripts sorted by document name (byte order), then the
/// codebook, then the attribute tables (the case table, then the participants table). Each file is
/// preceded by a line `kind<TAB>name<TAB>byte count<LF>` (kind is `transcript`, `codebook` or `table`),
/// so that moving bytes from one file to the next, or renaming a transcript (which changes which
/// attributes it gets), changes the fingerprint.
public struct InputFingerprint: Sendable, Equatable {
    /// One hashed file.
    public struct Input: Sendable, Equatable {
        /// `transcript`, `codebook` or `table`.
        public var kind: String
        /// The document name for a transcript, else the file name.
        public var name: String
        /// Where the file is.
        public var url: URL

        /// Creates an input.
        public init(kind: String, name: String, url: URL) {
            self.kind = kind
            self.name = name
            self.url = url
        }
    }

    /// 64 lower-case hex digits.
    public var sha256: String
    /// The files hashed, in order.
    public var inputs: [Input]

    /// The number of transcripts hashed.
    public var transcripts: Int { inputs.filter { $0.kind == "transcript" }.count }

    /// The names of the other files hashed, in order.
    public var otherInputs: [String] { inputs.filter { $0.kind != "transcript" }.map(\.name) }

    /// Hashes `inputs` in the order given (transcripts are sorted by ``compute(transcripts:codebook:tables:)``).
    /// - Throws: ``ReportError/unreadable(_:)`` when a file cannot be read.
    public static func hash(_ inputs: [Input]) throws -> InputFingerprint {
        var h = SHA256()
        for input in inputs {
            guard let data = FileManager.default.contents(atPath: input.url.path) else {
                throw ReportError.unreadable(Study.display(input.url))
            }
            h.update(Array("\(input.kind)\t\(input.name)\t\(data.count)\n".utf8))
            h.update(data)
        }
        return InputFingerprint(sha256: h.hexDigest(), inputs: inputs)
    }

    /// The fingerprint of `transcripts` (document name and file), `codebook` and `tables` (file name and
    /// file, in the order given).
    public static func compute(transcripts: [(document: String, url: URL)], codebook: URL?,
                               tables: [(name: String, url: URL)]) throws -> InputFingerprint {
        var inputs = transcripts.sorted { Array($0.document.utf8).lexicographicallyPrecedes(Array($1.document.utf8)) }
            .map { Input(kind: "transcript", name: $0.document, url: $0.url) }
        if let codebook { inputs.append(Input(kind: "codebook", name: codebook.lastPathComponent, url: codebook)) }
        inputs += tables.map { Input(kind: "table", name: $0.name, url: $0.url) }
        return try hash(inputs)
    }

    /// The fingerprint of a coded study's inputs: the transcripts that were coded (those of `paths`, or
    /// all the study's), `codebook`, and the study's case and participants tables when they exist.
    public static func compute(study: Study, coded: CodedStudy, paths: [String], codebook: URL?) throws -> InputFingerprint {
        let documents = Set(coded.documents.map(\.document))
        let corpus = Corpus(study: study, paths: paths)
        var seen = Set<String>()
        let transcripts = corpus.entries.filter { documents.contains($0.document) && seen.insert($0.document).inserted }
            .map { (document: $0.document, url: $0.url) }
        var tables: [(name: String, url: URL)] = []
        if let root = study.root {
            for name in [study.config.cases, study.config.participants] {
                let url = root.appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: url.path) { tables.append((name, url)) }
            }
            // The coders' files, when the researchers' decisions were counted.
            if coded.source != .rules {
                let folder = root.appendingPathComponent("codings")
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                    .filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.sorted()
                for name in names { tables.append(("codings/" + name, folder.appendingPathComponent(name))) }
            }
        }
        return try compute(transcripts: transcripts, codebook: codebook, tables: tables)
    }
}
