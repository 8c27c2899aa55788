import Foundation

/// Snapshot files: a writer's output compared with a file kept under the test target's `Snapshots`
/// folder. `VERBATIM_RECORD=1 swift test` writes the files anew instead of comparing.
public struct Snapshots {
    /// The folder of the snapshot files.
    public let directory: URL

    /// The `Snapshots` folder beside the test source file `file` (pass `#filePath`).
    public init(besideTestFile file: String = #filePath) {
        directory = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Snapshots")
    }

    /// Whether this run records snapshots instead of comparing them.
    public static var recording: Bool { ProcessInfo.processInfo.environment["VERBATIM_RECORD"] == "1" }

    /// Compares `actual` with the snapshot `name` (records it when recording, or when it does not exist
    /// yet and `VERBATIM_RECORD` is not `0`). Returns nil when they match, else a message naming the
    /// first line that differs.
    public func mismatch(_ name: String, _ actual: String) -> String? {
        let url = directory.appendingPathComponent(name)
        if Snapshots.recording {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            do { try Data(actual.utf8).write(to: url, options: .atomic) } catch { return "\(url.path): cannot record: \(error)" }
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return "\(url.path): no snapshot; record it with VERBATIM_RECORD=1 swift test"
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected == actual { return nil }
        let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? e[i] : "(end of file)", al = i < a.count ? a[i] : "(end of output)"
            if el != al {
                return "\(name): line \(i + 1) differs from the snapshot\n  expected: \(el.prefix(300))\n  actual:   \(al.prefix(300))\n(re-record with VERBATIM_RECORD=1 if the change is intended)"
            }
        }
        return "\(name): differs from the snapshot"
    }
}
