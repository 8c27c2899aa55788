import Foundation
import Testing
import VerbatimModel
import VerbatimTestSupport
@testable import VerbatimIngest

/// `scanTurns` (turns as byte ranges of the file, for counting) must find the same turns as `segment`,
/// with the same words in them, or decline (nil) so that the caller reads the file the full way.
@Suite struct TurnScannerTests {
    /// The text of a span as `segment` would have written it: lines trimmed of trailing spaces, blank
    /// lines collapsed to one empty line.
    static func normalised(_ bytes: ArraySlice<UInt8>) -> String {
        let s = String(decoding: Array(bytes), as: UTF8.self)
        var lines = s.components(separatedBy: "\n").map { l -> String in
            var l = Substring(l)
            while let c = l.last, c == " " || c == "\t" || c == "\u{0C}" || c == "\u{A0}" { l = l.dropLast() }
            return String(l)
        }
        var out: [String] = []
        for l in lines {
            if l.isEmpty && out.last?.isEmpty == true { continue }
            out.append(l)
        }
        lines = out
        return lines.joined(separator: "\n")
    }

    enum Outcome: Equatable { case declined, same, different(String) }

    /// Compares the scan of `bytes` with the full read and segmentation.
    static func compare(_ data: [UInt8], rules: SpeakerRules = SpeakerRules(), interviewers: [String] = []) throws -> Outcome {
        let segmenter = try TurnSegmenter(rules: rules)
        let spans: TurnSpans? = data.withUnsafeBufferPointer { all in
            guard let start = TextReader.plainTextStart(all) else { return nil }
            return segmenter.scanTurns(UnsafeBufferPointer(rebasing: all[start...]), documentInterviewers: interviewers)
        }
        guard let spans else { return .declined }
        let start = TextReader.plainTextStart(data.withUnsafeBufferPointer { $0 })!
        let body = data[start...]
        let doc = try TextReader.read(data: Data(data), path: "t.txt")
        let t = segmenter.segment(doc, document: "t.txt", documentInterviewers: interviewers)
        if spans.count != t.turns.count { return .different("\(spans.count) spans for \(t.turns.count) turns") }
        for (k, turn) in t.turns.enumerated() {
            let speaker = spans.speakers[k] >= 0 ? spans.labels[Int(spans.speakers[k])] : nil
            if speaker != turn.speaker { return .different("turn \(k + 1): speaker \(speaker ?? "-") for \(turn.speaker ?? "-")") }
            if spans.roles[k] != turn.role { return .different("turn \(k + 1): role \(spans.roles[k]) for \(turn.role)") }
            let a = normalised(body[(body.startIndex + spans.starts[k])..<(body.startIndex + spans.ends[k])])
            let b = t.text(of: turn)
            if a != b { return .different("turn \(k + 1): \(a.debugDescription) for \(b.debugDescription)") }
        }
        return .same
    }

    static func compare(_ text: String, interviewers: [String] = []) throws -> Outcome {
        try compare(Array(text.utf8), interviewers: interviewers)
    }

    @Test func labelledInterviewWithContinuationsAndTrailingSpaces() throws {
        let text = """
        Entretien n°3, Lyon

        Enquêtrice : Bonjour, vous pouvez vous présenter ?   
        Mme Martin : Oui. J'ai 74 ans.\u{A0}
        Je vis seule.
        \u{A0}  

        Après la formation, je n'ai plus peur.
        Enquêtrice : Merci.


        Mme Martin : De rien.
        """
        #expect(try Self.compare(text) == .same)
    }

    /// Label lines that share their first bytes with an earlier label line, but not its parse.
    @Test func repeatedLabelPrefixesParseAlike() throws {
        let text = """
        Enquêtrice : Bonjour.
        Mme Martin : Bonjour madame.
        Mme Martin : [00:12] la suite, coupée.
        Mme Martin : 10 ans, à peu près.
        Mme Martin : il est 10:30
        Mme Martin :   avec des espaces.
        Mme Martin : « entre guillemets ».
        Mme Martin :
        Enquêtrice : Merci.
        Enquêtrice : (12:05) on reprend.
        Mme Martin : De rien.
        """
        #expect(try Self.compare(text) == .same)
    }

    @Test func sectionMarkersEndTurns() throws {
        let text = "Q. Alors ?\nR. Je ne sais pas.\n**Break:**\nUne ligne hors tour.\nQ. Et ensuite ?\nR. Rien.\n"
        #expect(try Self.compare(text) == .same)
        let unlabelled = "Un paragraphe sans locuteur.\nPause:\nLa suite du paragraphe.\n\nUn autre paragraphe."
        #expect(try Self.compare(unlabelled) == .same)
    }

    @Test func transcriptWithoutLabels() throws {
        #expect(try Self.compare("Premier paragraphe.\nSuite.\n\n\nDeuxième paragraphe.\n") == .same)
    }

    @Test func byteOrderMarkAndDeclaredInterviewers() throws {
        let text = "\u{FEFF}Claire : Bonjour.\nPaul : Bonjour madame.\nClaire : On commence.\nPaul : D'accord.\n"
        #expect(try Self.compare(text, interviewers: ["Claire"]) == .same)
    }

    @Test func labelsWithTimeStampsAndEmptySpeech() throws {
        let text = "[00:00:01] Animatrice : Bienvenue.\n[00:00:09] Jean :\nMerci à vous.\n[00:00:15] Animatrice : Commençons.\nJean : Oui.\n"
        #expect(try Self.compare(text) == .same)
    }

    @Test func declinesWhatOnlyTheFullReaderHandles() throws {
        // An unlabelled line starting with a time stamp (segment cuts it from the text).
        #expect(try Self.compare("Q. Alors ?\nR. Oui.\n[00:01:02] la suite\nQ. Bien.\nR. Non.\n") == .declined)
        // Front matter, carriage returns, combining accents, soft hyphens, invalid UTF-8, NUL, empty.
        #expect(try Self.compare("---\ngroup: senior\n---\nQ. Alors ?\nR. Oui.\n") == .declined)
        #expect(try Self.compare("Q. Alors ?\r\nR. Oui.\r\n") == .declined)
        #expect(try Self.compare("Q. Alors ?\nR. Oui, l'e\u{301}te\u{301}.\n") == .declined)
        #expect(try Self.compare("Q. Alors ?\nR. Oui, c'est in\u{AD}croyable.\n") == .declined)
        #expect(try Self.compare([0x51, 0x2E, 0x20, 0xE9, 0x0A]) == .declined)
        #expect(try Self.compare([0x51, 0x2E, 0x20, 0x00, 0x0A]) == .declined)
        #expect(TextReader.plainTextStart(UnsafeBufferPointer(start: nil, count: 0)) == nil)
        // Overlong and surrogate encodings.
        for bad: [UInt8] in [[0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x80]] {
            #expect(bad.withUnsafeBufferPointer { TextReader.plainTextStart($0) } == nil)
        }
        // A header turn over several lines, which segment may drop as preamble.
        #expect(try Self.compare("Enquêtrice : Claire\nDubreuil.\nEnquêtrice : Bonjour.\nPaul : Bonjour.\nEnquêtrice : Merci.\nPaul : De rien.\n") == .declined)
    }

    @Test func headerTurnsAreDroppedAsSegmentDropsThem() throws {
        #expect(try Self.compare("Enquêtrice : Claire Dubreuil.\nEnquêtrice : Bonjour.\nPaul : Bonjour.\nEnquêtrice : Merci.\nPaul : De rien.\n") == .same)
        #expect(try Self.compare("Enquêtrice : Bonjour à vous.\nEnquêtrice : On commence ?\nPaul : Bonjour.\nEnquêtrice : Merci.\nPaul : De rien.\n") == .same)
    }

    @Test func validTextIsAccepted() {
        let ok = Array("Le café, l’été, Œuvre — 20 € 😀\n".utf8)
        #expect(ok.withUnsafeBufferPointer { TextReader.plainTextStart($0) } == 0)
        let bom = [0xEF, 0xBB, 0xBF] + ok
        #expect(bom.withUnsafeBufferPointer { TextReader.plainTextStart($0) } == 3)
    }

    /// The fast paths of the check (byte by byte in C, SSE2, AVX2) accept and reject exactly what the
    /// byte loop alone does, whatever falls where in its blocks: random mixes of ASCII, accented letters,
    /// typographic punctuation, other scripts, and bad bytes (NUL, CR, lone or cut sequences, overlongs,
    /// surrogates, soft hyphens, combining marks). Random: a failure gives the seed to replay it with
    /// (`VERBATIM_SEED=N swift test --filter vectorCheckAgreesWithTheByteLoop`).
    @Test func vectorCheckAgreesWithTheByteLoop() {
        let good: [[UInt8]] = ["a", "Bonjour ", "é", "à", "’", "…", "—", "\u{A0}", "œ", "€", "😀", "日", "\n", "\t", "'"].map { Array($0.utf8) }
        let bad: [[UInt8]] = [[0x00], [0x0D], [0xC3], [0xC3, 0x41], [0xE2], [0xE2, 0x80], [0xE2, 0x80, 0x41], [0xE2, 0x41, 0x80],
                              [0x80], [0xA9], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC2, 0xAD], [0xCC, 0x81], [0xE2, 0x83, 0x90], [0xFF]]
        var rng = SeededRandom.fromEnvironment()
        var rejected = 0
        for round in 0..<4000 {
            var bytes: [UInt8] = []
            while bytes.count < Int.random(in: 0...120, using: &rng) { bytes += good.randomElement(using: &rng)! }
            if round % 2 == 0, !bytes.isEmpty {
                let at = Int.random(in: 0...bytes.count, using: &rng)
                bytes.insert(contentsOf: bad.randomElement(using: &rng)!, at: at)
            }
            let slow = bytes.withUnsafeBufferPointer { TextReader.plainTextStart($0, vectorLevel: -1) }
            for level: Int32 in [0, 1, 2] {
                let fast = bytes.withUnsafeBufferPointer { TextReader.plainTextStart($0, vectorLevel: level) }
                #expect(fast == slow, "round \(round), level \(level): \(bytes); \(rng.note)")
            }
            if slow == nil { rejected += 1 }
        }
        #expect(rejected > 1000, "\(rng.note)")  // the bad pieces were rejected, not skipped
        // A bad byte at every position of a long French text is found.
        let text = Array(String(repeating: "Il a dit : « c’était l’été… » ", count: 4).utf8)
        #expect(text.withUnsafeBufferPointer { TextReader.plainTextStart($0) } == 0)
        for at in 0..<text.count {
            var t = text
            t[at] = 0x0D
            #expect(t.withUnsafeBufferPointer { TextReader.plainTextStart($0) } == nil, "CR at \(at)")
        }
    }

    /// Compares the scan with `segment` on every plain-text transcript (`.txt` but pandoc's, `.md`) under
    /// `roots`, recording an issue for each file where they differ. Returns how many files there were and
    /// how many gave the same turns (the others were declined or refused by the reader).
    static func compareTranscripts(under roots: [URL]) throws -> (files: Int, compared: Int) {
        var files: [URL] = []
        for root in roots {
            let en = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let f = en?.nextObject() as? URL {
                let name = f.lastPathComponent
                if (name.hasSuffix(".txt") && !name.hasSuffix("pandoc.txt") && !name.contains(".pandoc")) || name.hasSuffix(".md") {
                    files.append(f)
                }
            }
        }
        var compared = 0
        for f in files {
            let data = try [UInt8](Data(contentsOf: f))
            let outcome: Outcome
            do { outcome = try Self.compare(data) } catch { continue }  // files the reader refuses
            if case .different(let why) = outcome { Issue.record("\(f.lastPathComponent): \(why)") }
            if outcome == .same { compared += 1 }
        }
        return (files.count, compared)
    }

    /// Every plain-text transcript of the bundled study (Corpora/), which every clone has.
    @Test func bundledTranscriptsGiveTheSameTurns() throws {
        let (files, compared) = try Self.compareTranscripts(under: [Repository.root.appendingPathComponent("Corpora")])
        // 29 such files today, 27 of which the scan reads (the reader refuses or the scan declines the others).
        #expect(files >= 29)
        #expect(compared >= 27)
    }

    /// Every plain-text transcript at hand: the bundled study's and ../shared's.
    // Needs ../shared/corpora (real transcripts beside the repository): with the bundled study alone
    // there are fewer than 30 transcripts the scan reads.
    @Test(.enabled(if: Shared.exists("corpora"), "needs ../shared/corpora"))
    func realTranscriptsGiveTheSameTurns() throws {
        let (files, compared) = try Self.compareTranscripts(under: [Repository.root.appendingPathComponent("Corpora"), Shared.url("corpora")])
        #expect(files >= 30)
        #expect(compared >= 30)
    }
}
