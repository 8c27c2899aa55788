import Foundation
import VerbatimIngest
import VerbatimModel

/// `verbatim-bench docx [CORPUS_DIR] [--no-pandoc] [--dump FILE]`: conformance of the DOCX reader
/// against pandoc's plain-text rendering of the shared corpus, and its speed against pandoc's.
///
/// Each file is read in a child process (`--child LIST`), so that a crash or a hang is counted against
/// the file that caused it instead of ending the bench. The speed figures are taken in this process.
enum DocxBench {
    static let extensions: Set<String> = ["docx", "docm", "dotx"]
    static let targetScore = 0.97
    static let targetSpeedup = 10.0

    static func run(_ args: [String]) -> Int32 {
        if args.first == "--child", args.count == 2 { return child(listFile: args[1]) }
        var corpus: String?
        var runPandoc = true
        var dump: String?
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--no-pandoc": runPandoc = false
            case "--dump" where i + 1 < args.count: i += 1; dump = args[i]
            case let a where !a.hasPrefix("-"): corpus = a
            default:
                printErr("usage: verbatim-bench docx [CORPUS_DIR] [--no-pandoc] [--dump FILE]")
                return 64
            }
            i += 1
        }
        if let dump { return dumpFile(dump) }
        let fm = FileManager.default
        let root = corpus ?? (fm.fileExists(atPath: "../shared/corpora/docx") ? "../shared/corpora/docx" : "/work/shared/corpora/docx")
        let files = listFiles(root)
        guard !files.isEmpty else {
            printErr("verbatim-bench docx: no .docx/.docm/.dotx files under \(root)")
            return 1
        }
        let failures = pandocFailures(root)

        // 1. Conformance, each file read by a child process.
        let results = readInChildren(files)
        var scored: [(file: String, score: Double)] = []
        var covered: [Double] = []
        var errorKinds: [String: Int] = [:]
        var read = 0, failed = 0, crashed = 0
        for (file, result) in zip(files, results) {
            let rel = relative(file, to: root)
            switch result {
            case .text(let ours):
                read += 1
                let ourTokens = tokens(ours)
                guard let (refPath, version) = reference(for: file),
                      !failures.contains(FailureKey(file: rel, version: version)),
                      let refText = try? String(contentsOfFile: refPath, encoding: .utf8) else {
                    print("   -   \(pad(ourTokens.count, 6))  \(rel)")
                    continue
                }
                let refTokens = tokens(dropImagePlaceholders(delayoutTables(refText), ours: ours))
                let s = agreement(ourTokens, refTokens)
                let c = coverage(ourTokens, refTokens)
                scored.append((rel, s))
                covered.append(c)
                print("\(String(format: "%.3f", s))  \(String(format: "%.3f", c))  \(pad(ourTokens.count, 6))  \(rel)")
            case .error(let message):
                failed += 1
                errorKinds[errorKind(message), default: 0] += 1
                print("ERROR  \(rel): \(message)")
            case .crashed(let how):
                crashed += 1
                print("CRASH  \(rel): \(how)")
            }
        }
        let mean = scored.isEmpty ? 0 : scored.map(\.score).reduce(0, +) / Double(scored.count)
        print("")
        print("files: \(files.count)  read: \(read)  failed with a one-line error: \(failed)  crashed or hung: \(crashed)")
        for (kind, n) in errorKinds.sorted(by: { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }) {
            print("  \(pad(n, 4))  \(kind)")
        }
        let meanCoverage = covered.isEmpty ? 0 : covered.reduce(0, +) / Double(covered.count)
        print("columns: agreement 2*LCS/(ours+pandoc), coverage LCS/pandoc (pandoc's words we have, in order), our words")
        print("mean agreement with pandoc over \(scored.count) scored files: \(String(format: "%.4f", mean))")
        print("mean coverage of pandoc's words: \(String(format: "%.4f", meanCoverage)) (target \(targetScore))")
        print("ten worst:")
        for w in scored.sorted(by: { $0.score < $1.score }).prefix(10) {
            print("  \(String(format: "%.3f", w.score))  \(w.file)")
        }

        // 2. Speed: our reader in this process, best of 3; pandoc once per file.
        let ours = timeOurs(files)
        print("")
        print("our reader, \(files.count) files, best of 3: \(String(format: "%.3f", ours)) s")
        var speedOK = true
        if runPandoc {
            if let version = pandocVersion() {
                let pandocFiles = files.filter { f in
                    !failures.contains { $0.file == relative(f, to: root) && version.hasPrefix($0.version) }
                }
                let oursSame = timeOurs(pandocFiles)
                let theirs = timePandoc(pandocFiles)
                let ratio = theirs / max(oursSame, 1e-9)
                print("pandoc \(version) -t plain --wrap=none, \(pandocFiles.count) files it reads: \(String(format: "%.3f", theirs)) s")
                print("our reader on the same files: \(String(format: "%.3f", oursSame)) s")
                print("speed ratio: \(String(format: "%.1f", ratio))x (target \(Int(targetSpeedup))x)")
                speedOK = ratio >= targetSpeedup
            } else {
                print("pandoc not found on PATH: no speed comparison")
            }
        }
        let ok = crashed == 0 && meanCoverage >= targetScore && speedOK
        print(ok ? "targets met" : "targets NOT met")
        return ok ? 0 : 1
    }

    // MARK: - Files and references

    static func listFiles(_ root: String) -> [String] {
        guard let en = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        while let rel = en.nextObject() as? String {
            let ext = (rel as NSString).pathExtension.lowercased()
            if extensions.contains(ext) { out.append((root as NSString).appendingPathComponent(rel)) }
        }
        return out.sorted()
    }

    static func relative(_ file: String, to root: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
    }

    /// The pandoc reference for a file: `X.pandoc39.txt` (pandoc 3.9) if present, else `X.pandoc.txt`
    /// (pandoc 2.17.1.1), with the version that produced it.
    static func reference(for file: String) -> (String, String)? {
        let base = (file as NSString).deletingPathExtension
        if FileManager.default.fileExists(atPath: base + ".pandoc39.txt") { return (base + ".pandoc39.txt", "3.9") }
        if FileManager.default.fileExists(atPath: base + ".pandoc.txt") { return (base + ".pandoc.txt", "2.17.1.1") }
        return nil
    }

    struct FailureKey: Hashable {
        var file: String
        var version: String
    }

    /// Files listed as FAIL in PANDOC_FAILURES.tsv (columns: file, pandoc_version, result, message).
    static func pandocFailures(_ root: String) -> Set<FailureKey> {
        guard let text = try? String(contentsOfFile: (root as NSString).appendingPathComponent("PANDOC_FAILURES.tsv"),
                                     encoding: .utf8) else { return [] }
        var out = Set<FailureKey>()
        for line in text.split(separator: "\n").dropFirst() {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            if cols.count >= 3, cols[2].hasPrefix("FAIL") {
                out.insert(FailureKey(file: String(cols[0]), version: String(cols[1])))
            }
        }
        return out
    }

    // MARK: - Reading in child processes

    enum Outcome {
        case text(String)
        case error(String)
        case crashed(String)
    }

    /// The text compared with pandoc's: body paragraphs, then footnotes and endnotes (pandoc prints
    /// notes at the end; it drops comments, so they are left out here too).
    static func comparableText(_ doc: SourceDocument) -> String {
        var parts = doc.paragraphs.map(\.text)
        parts += doc.notes.filter { $0.kind != .comment }.map(\.text)
        return parts.joined(separator: "\n\n")
    }

    /// The child side: reads each listed file, writing `START`, then `OK text` or `ERR message`, one
    /// line each, unbuffered, so that the parent knows which file was being read if the child dies.
    static func child(listFile: String) -> Int32 {
        guard let list = try? String(contentsOfFile: listFile, encoding: .utf8) else { return 2 }
        let out = FileHandle.standardOutput
        for file in list.split(separator: "\n").map(String.init) {
            out.write(Data("START\t\(file)\n".utf8))
            let line: String
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                let doc = try DocxReader.read(data: data, path: file)
                line = "OK\t" + escape(comparableText(doc))
            } catch let e as IngestError {
                line = "ERR\t" + escape(e.message)
            } catch {
                line = "ERR\tcould not read the file: \(error.localizedDescription)"
            }
            out.write(Data((line + "\n").utf8))
        }
        return 0
    }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func unescape(_ s: Substring) -> String {
        var out = ""
        var it = s.unicodeScalars.makeIterator()
        while let c = it.next() {
            guard c == "\\", let n = it.next() else { out.unicodeScalars.append(c); continue }
            switch n {
            case "n": out += "\n"
            case "t": out += "\t"
            case "r": out += "\r"
            default: out.unicodeScalars.append(n)
            }
        }
        return out
    }

    /// Runs children over the files until all have an outcome; a child that dies or stays silent for
    /// 30 seconds is charged to the file it was reading, and a new child goes on with the rest.
    static func readInChildren(_ files: [String]) -> [Outcome] {
        var outcomes: [Outcome?] = Array(repeating: nil, count: files.count)
        let exe = executablePath()
        let tmp = FileManager.default.temporaryDirectory
        var next = 0
        while next < files.count {
            let id = UUID().uuidString
            let listURL = tmp.appendingPathComponent("verbatim-bench-\(id).list")
            let outURL = tmp.appendingPathComponent("verbatim-bench-\(id).out")
            defer {
                try? FileManager.default.removeItem(at: listURL)
                try? FileManager.default.removeItem(at: outURL)
            }
            try? files[next...].joined(separator: "\n").write(to: listURL, atomically: true, encoding: .utf8)
            _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
            guard let outHandle = try? FileHandle(forWritingTo: outURL) else { break }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: exe)
            p.arguments = ["docx", "--child", listURL.path]
            p.standardOutput = outHandle
            p.standardError = FileHandle.nullDevice
            do { try p.run() } catch {
                for k in next..<files.count { outcomes[k] = .crashed("could not start a child: \(error)") }
                break
            }
            // Watch the output grow; kill the child if nothing new comes for 30 s.
            var lastSize: UInt64 = 0
            var lastChange = Date()
            var hung = false
            while p.isRunning {
                usleep(20_000)
                let size = (try? FileManager.default.attributesOfItem(atPath: outURL.path)[.size] as? UInt64) ?? 0
                if size != lastSize { lastSize = size; lastChange = Date() }
                if Date().timeIntervalSince(lastChange) > 30 { hung = true; p.terminate(); break }
            }
            p.waitUntilExit()
            try? outHandle.close()
            let text = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
            var current: Int?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("START\t") {
                    current = next
                } else if let c = current, line.hasPrefix("OK\t") {
                    outcomes[c] = .text(unescape(line.dropFirst(3)))
                    current = nil
                    next += 1
                } else if let c = current, line.hasPrefix("ERR\t") {
                    outcomes[c] = .error(unescape(line.dropFirst(4)))
                    current = nil
                    next += 1
                }
            }
            if next < files.count {
                // The child stopped inside a file (or before starting one).
                let how = hung ? "no progress for 30 s (hang)" : "child exited with status \(p.terminationStatus)"
                outcomes[next] = .crashed(how)
                next += 1
            }
        }
        return outcomes.map { $0 ?? .crashed("not read") }
    }

    static func executablePath() -> String {
        if let p = Bundle.main.executablePath { return p }
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    static func errorKind(_ message: String) -> String {
        var kind = message
        if let r = kind.range(of: " (") { kind = String(kind[..<r.lowerBound]) }
        if let r = kind.range(of: ": ") { kind = String(kind[..<r.lowerBound]) }
        return kind
    }

    // MARK: - Normalisation and agreement

    /// Undoes the layout of pandoc's plain tables, whose cells wrap over several lines side by side:
    /// grid tables (`+---+` rules, `|` borders) and multiline tables (rows of dashes), so that cell text
    /// comes out cell by cell, row by row, as the document has it. Other lines pass unchanged.
    static func delayoutTables(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        var out: [String] = []
        var i = 0
        func isGridRule(_ l: [Unicode.Scalar]) -> Bool {
            let t = l.drop(while: { $0 == " " })
            return t.first == "+" && t.count > 2 && t.allSatisfy { $0 == "+" || $0 == "-" || $0 == "=" || $0 == ":" }
        }
        func isDashRule(_ l: [Unicode.Scalar]) -> Bool {
            let t = l.drop(while: { $0 == " " })
            return t.first == "-" && t.count > 2 && t.allSatisfy { $0 == "-" || $0 == " " || $0 == ":" }
        }
        /// The column ranges of a rule: its runs of dashes.
        func columns(_ rule: [Unicode.Scalar]) -> [Range<Int>] {
            var cols: [Range<Int>] = []
            var start: Int?
            for (k, c) in rule.enumerated() {
                let inCol = c == "-" || c == ":" || c == "="
                if inCol { if start == nil { start = k } } else if let s = start { cols.append(s..<k); start = nil }
            }
            if let s = start { cols.append(s..<rule.count) }
            return cols
        }
        func cut(_ l: [Unicode.Scalar], _ r: Range<Int>, widen: Bool) -> String {
            let lo = min(r.lowerBound, l.count)
            var hi = min(widen ? r.upperBound + 1 : r.upperBound, l.count)
            if hi < lo { hi = lo }
            var s = String(String.UnicodeScalarView(l[lo..<hi]))
            s = s.trimmingCharacters(in: .whitespaces)
            return s
        }
        while i < lines.count {
            let line = lines[i]
            if isGridRule(line) {
                // Grid table: rows between rules. A cell starts at a "+" of the last rule where the
                // line has a "|" (a merged cell has none at the inner boundaries it spans).
                var bounds = line.indices.filter { line[$0] == "+" }
                var cells: [String] = Array(repeating: "", count: bounds.count)
                i += 1
                while i < lines.count {
                    let l = lines[i]
                    if isGridRule(l) {
                        out.append(contentsOf: cells.filter { !$0.isEmpty })
                        bounds = l.indices.filter { l[$0] == "+" }
                        cells = Array(repeating: "", count: bounds.count)
                        i += 1
                        continue
                    }
                    let t = l.drop(while: { $0 == " " })
                    guard t.first == "|" else { break }
                    let splits = bounds.enumerated().filter { $0.element < l.count && l[$0.element] == "|" }
                    for (n, (column, start)) in splits.enumerated() {
                        let end = n + 1 < splits.count ? splits[n + 1].element : l.count
                        guard start + 1 <= end else { continue }
                        let piece = String(String.UnicodeScalarView(l[(start + 1)..<end])).trimmingCharacters(in: .whitespaces)
                        if !piece.isEmpty { cells[column] += (cells[column].isEmpty ? "" : "\n") + piece }
                    }
                    i += 1
                }
                out.append(contentsOf: cells.filter { !$0.isEmpty })
                continue
            }
            if isDashRule(line) {
                // Multiline or simple table: it ends at the next rule followed by an empty line; the
                // column ranges are the dash runs of the first rule with several runs; rows are
                // separated by blank lines (multiline tables) or are single lines (simple tables).
                if i + 1 < lines.count && lines[i + 1].isEmpty { i += 1; continue } // a lone rule
                var k = i + 1
                func blank(_ l: [Unicode.Scalar]) -> Bool { l.allSatisfy { $0 == " " } }
                while k < lines.count && !(isDashRule(lines[k]) && (k + 1 == lines.count || lines[k + 1].isEmpty)) { k += 1 }
                if k < lines.count {
                    var cols = columns(line)
                    for r in i...k where isDashRule(lines[r]) {
                        let c = columns(lines[r])
                        if c.count >= 2 { cols = c; break }
                    }
                    var cells: [String] = Array(repeating: "", count: cols.count)
                    for r in (i + 1)..<k {
                        let l = lines[r]
                        if blank(l) || isDashRule(l) {
                            out.append(contentsOf: cells.filter { !$0.isEmpty })
                            cells = Array(repeating: "", count: cols.count)
                            continue
                        }
                        // Cells may run one column past the rule when text is exactly as wide.
                        for (c, range) in cols.enumerated() {
                            let piece = cut(l, range, widen: true)
                            if !piece.isEmpty { cells[c] += (cells[c].isEmpty ? "" : "\n") + piece }
                        }
                    }
                    out.append(contentsOf: cells.filter { !$0.isEmpty })
                    i = k + 1
                    continue
                }
            }
            out.append(String(String.UnicodeScalarView(line)))
            i += 1
        }
        return out.joined(separator: "\n")
    }

    /// pandoc renders an image as `[its alt text]`, which is not text of the document: bracketed spans
    /// of the reference that our text does not have are left out (a bracketed span that is really in
    /// the document, like `[inaudible]`, is in our text and stays).
    static func dropImagePlaceholders(_ reference: String, ours: String) -> String {
        guard reference.contains("[") else { return reference }
        var out = ""
        var rest = Substring(reference)
        while let open = rest.firstIndex(of: "[") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(where: { $0 == "]" || $0 == "[" || $0 == "\n" }), after[close] == "]" else {
                out += "["
                rest = after
                continue
            }
            let span = rest[open...close]
            let inner = span.dropFirst().dropLast()
            let isNoteMarker = !inner.isEmpty && inner.allSatisfy { $0.isASCII && $0.isNumber }
            if !isNoteMarker && !ours.contains(span) { out += " " } else { out += span }
            rest = after[after.index(after: close)...]
        }
        out += rest
        return out
    }

    /// Words for the comparison, in NFKC and lower case on both sides (pandoc writes super- and subscripts as
    /// Unicode characters: `m²`). Left out by design, on both sides: tokens made only of punctuation
    /// or symbols (table rules `---`, `+`, `|`, bullets `-` `*` `•`, dashes); on pandoc's side also
    /// the list numbers it generates (`1.`, `a)`, `iv.` at the start of a line, followed by alignment
    /// spaces), footnote markers `[1]`, strikeout marks `~~`, and image placeholders (see
    /// `dropImagePlaceholders`). Not compensated: pandoc drops comments (so we leave them out of our
    /// text too), headers and footers (so do we), title/author/date paragraphs (moved to metadata),
    /// the results of simple fields and ruby text; it renders equations as TeX, Symbol-font characters
    /// through its own table, moves table captions after the table, and reads only the first text of
    /// nested paragraphs in text boxes.
    static func tokens(_ text: String) -> [Substring] {
        var out: [Substring] = []
        // Case-folded too: pandoc writes small capitals in capitals.
        let text = text.precomposedStringWithCompatibilityMapping.lowercased()
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: true) {
            var line = rawLine.drop(while: { $0 == " " || $0 == "\t" })
            line = dropListMarker(line)
            for tok in line.split(whereSeparator: { $0.isWhitespace }) {
                var t = tok
                // Footnote markers glued to a word: "footnote.[1]", "test[1].".
                if t.contains("[") { t = Substring(removingNoteMarkers(t)) }
                // Marks pandoc adds: strikeout "~~", super- and subscripts it could not write in
                // Unicode "^(sup)", "_(sub)"; and soft hyphens, which it keeps and we drop.
                if t.contains(where: { $0 == "~" || $0 == "^" || $0 == "_" || $0 == "\u{AD}" }) {
                    var s = String(t)
                    for mark in ["~~", "^()", "_()", "\u{AD}"] { s = s.replacingOccurrences(of: mark, with: "") }
                    for open in ["^(", "_("] {
                        while let r = s.range(of: open), let close = s[r.upperBound...].firstIndex(of: ")") {
                            s.remove(at: close)
                            s.removeSubrange(r)
                        }
                    }
                    t = Substring(s)
                }
                if t.isEmpty || t.allSatisfy({ $0.isPunctuation || $0.isSymbol }) { continue }
                out.append(t)
            }
        }
        return out
    }

    /// Removes every `[digits]` from a token.
    static func removingNoteMarkers(_ t: Substring) -> String {
        var out = ""
        var rest = t
        while let open = rest.firstIndex(of: "[") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            let digits = after.prefix(while: { $0.isASCII && $0.isNumber })
            if !digits.isEmpty, digits.endIndex < after.endIndex, after[digits.endIndex] == "]" {
                rest = after[after.index(after: digits.endIndex)...]
            } else {
                out += "["
                rest = after
            }
        }
        return out + rest
    }

    /// Drops a list marker pandoc adds at the start of a line: a bullet, or a number or letter followed
    /// by `.` or `)` and the spaces that align the item text to four columns.
    static func dropListMarker(_ line: Substring) -> Substring {
        var i = line.startIndex
        var markerLength = 0
        let hasParen = line.first == "("
        if hasParen { i = line.index(after: i); markerLength += 1 }
        while i < line.endIndex, line[i].isLetter || line[i].isNumber, markerLength < 6 {
            i = line.index(after: i)
            markerLength += 1
        }
        guard markerLength > (hasParen ? 1 : 0), i < line.endIndex, line[i] == "." || line[i] == ")" else { return line }
        let body = line[line.index(after: i)...]
        let word = line[line.startIndex..<i].filter { $0.isLetter }
        // Letters only when a single letter or a roman numeral, to leave words like "Note." alone.
        if !word.isEmpty && word.count > 1 && !word.allSatisfy({ "ivxlcdmIVXLCDM".contains($0) }) { return line }
        let spaces = body.prefix(while: { $0 == " " }).count
        guard spaces >= max(1, 3 - markerLength), spaces < body.count else { return line }
        return body.dropFirst(spaces)
    }

    /// 2 * LCS / (|a| + |b|) over word sequences, with a bit-parallel LCS (Hyyrö) in O(|a| |b| / 64).
    static func agreement(_ a: [Substring], _ b: [Substring]) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        return 2 * Double(lcs(a, b)) / Double(a.count + b.count)
    }

    /// Share of the reference's words (`b`, pandoc's) that our text has, in order: LCS / |b|. Words we
    /// keep and pandoc drops by design (title metadata, field results, ruby text) do not count against us.
    static func coverage(_ a: [Substring], _ b: [Substring]) -> Double {
        if b.isEmpty { return 1 }
        if a.isEmpty { return 0 }
        return Double(lcs(a, b)) / Double(b.count)
    }

    /// Length of the longest common subsequence of two word sequences.
    static func lcs(_ a: [Substring], _ b: [Substring]) -> Int {
        var ids: [Substring: Int] = [:]
        let ia = a.map { t -> Int in if let v = ids[t] { return v }; ids[t] = ids.count; return ids.count - 1 }
        let ib = b.map { ids[$0] ?? -1 }
        let m = ia.count
        let words = (m + 63) / 64
        var masks: [Int: [UInt64]] = [:]
        for (pos, s) in ia.enumerated() {
            masks[s, default: Array(repeating: 0, count: words)][pos / 64] |= 1 << UInt64(pos % 64)
        }
        var v = Array(repeating: UInt64.max, count: words)
        for s in ib {
            guard let mask = masks[s] else { continue }
            var carry: UInt64 = 0
            for w in 0..<words {
                let u = v[w] & mask[w]
                let (sum1, o1) = v[w].addingReportingOverflow(u)
                let (sum2, o2) = sum1.addingReportingOverflow(carry)
                carry = (o1 || o2) ? 1 : 0
                v[w] = sum2 | (v[w] & ~mask[w])
            }
        }
        var zeros = 0
        for w in 0..<words {
            let bits = w == words - 1 && m % 64 != 0 ? m % 64 : 64
            let valid: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
            zeros += (~v[w] & valid).nonzeroBitCount
        }
        return zeros
    }

    // MARK: - Speed

    static func timeOurs(_ files: [String]) -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            for f in files {
                guard let data = FileManager.default.contents(atPath: f) else { continue }
                _ = try? DocxReader.read(data: data, path: f)
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        return best
    }

    static func pandocExecutable() -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/local/bin").split(separator: ":") {
            let p = "\(dir)/pandoc"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    static func pandocVersion() -> String? {
        guard let exe = pandocExecutable() else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = ["--version"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let first = String(decoding: data, as: UTF8.self).split(separator: "\n").first ?? ""
        return first.split(separator: " ").last.map(String.init)
    }

    static func timePandoc(_ files: [String]) -> Double {
        guard let exe = pandocExecutable() else { return 0 }
        let t0 = DispatchTime.now().uptimeNanoseconds
        for f in files {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: exe)
            p.arguments = ["-f", "docx", "-t", "plain", "--wrap=none", f]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { continue }
            p.waitUntilExit()
        }
        return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    }

    // MARK: - Helpers

    /// Prints our text, our tokens and pandoc's tokens for one file, to see where they part.
    static func dumpFile(_ file: String) -> Int32 {
        guard let data = FileManager.default.contents(atPath: file) else { printErr("cannot read \(file)"); return 1 }
        do {
            let doc = file.lowercased().hasSuffix(".odt")
                ? try OdtReader.read(data: data, path: file) : try DocxReader.read(data: data, path: file)
            for p in doc.paragraphs { print("¶ \(p.text.debugDescription)") }
            for n in doc.notes { print("[\(n.kind.rawValue)\(n.author.map { " by \($0)" } ?? "")] \(n.text.debugDescription)") }
            for d in doc.diagnostics { print(d.description) }
            let ours = tokens(comparableText(doc))
            if let (ref, _) = reference(for: file), let text = try? String(contentsOfFile: ref, encoding: .utf8) {
                let theirs = tokens(dropImagePlaceholders(delayoutTables(text), ours: comparableText(doc)))
                print("--- ours (\(ours.count)):\n\(ours.joined(separator: " "))")
                print("--- pandoc (\(theirs.count)):\n\(theirs.joined(separator: " "))")
                print("agreement: \(String(format: "%.3f", agreement(ours, theirs)))")
            }
            return 0
        } catch {
            print("ERROR \(error.description)")
            return 1
        }
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }

    static func printErr(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }
}
