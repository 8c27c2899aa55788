import VerbatimModel
import VerbatimStudy
import VerbatimCoding

extension RegexOverrun {
    /// The error for `transcript`, at the line of the turn where the expression took too long.
    func diagnostic(_ transcript: Transcript) -> Diagnostic {
        let turn = transcript.turns.last(where: { $0.start <= offset })
        return .error(transcript.path, line: turn?.line, message)
    }

    /// The error for the plain-text file of `entry`, whose bytes are `file`, at the line of byte
    /// `textStart + offset` (the text coded starts at `textStart`, after a byte-order mark).
    func diagnostic(_ entry: Corpus.Entry, file: UnsafeBufferPointer<UInt8>, textStart: Int) -> Diagnostic {
        let end = min(file.count, textStart + offset)
        var line = 1
        for i in 0..<end where file[i] == 0x0A { line += 1 }
        return .error(Study.display(entry.url), line: line, message)
    }
}

extension CoderPool {
    /// `bounded`, its failure as the error for `transcript`.
    func coded<R>(_ transcript: Transcript, _ body: (Coder) -> R) -> Result<R, Diagnostic> {
        bounded(body).mapError { $0.diagnostic(transcript) }
    }
}
