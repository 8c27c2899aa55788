import Foundation
import Testing
import VerbatimModel
@testable import VerbatimCodebook

/// Hostile codebooks (issue 17): deep nesting and alias bombs are refused with the file and line.
@Suite struct HostileCodebookTests {
    @Test func deepNestingAndAliasBombsAreRefused() throws {
        let deep = "id: cb\ntitle: T\nthemes: " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "\n"
        var bomb = "id: cb\ntitle: T\nx0: &x0 [a, a, a, a, a, a, a, a, a, a]\n"
        for i in 1...9 { bomb += "x\(i): &x\(i) [" + Array(repeating: "*x\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        bomb += "themes: *x9\n"
        for (yaml, expected) in [(deep, "nested too deeply"), (bomb, "alias")] {
            do {
                _ = try CodebookLoader.parseYAML(yaml, path: "cb.yaml")
                Issue.record("a hostile codebook was accepted")
            } catch {
                let m = "\(error)"
                #expect(m.contains("cb.yaml:"), "\(m)")
                #expect(m.contains(expected), "\(m)")
            }
        }
    }
}
