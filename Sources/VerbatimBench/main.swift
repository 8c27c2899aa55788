import Foundation
import CVerbatimSystem

// verbatim-bench: conformance and speed figures, run on a release build.
// Usage: verbatim-bench <suite> [options]; each suite lives in its own file.
// The same process-wide memory setting as the verbatim command (see MemoryTuning there): multi-megabyte
// document buffers stay on the heap between documents instead of being mapped and faulted in again.
_ = verbatim_tune_malloc(64 * 1024 * 1024)

let args = Array(CommandLine.arguments.dropFirst())
guard let suite = args.first else {
    FileHandle.standardError.write("usage: verbatim-bench docx|text|turns|coder|stages [options]\n".data(using: .utf8)!)
    exit(64)
}
let rest = Array(args.dropFirst())
switch suite {
case "docx": exit(DocxBench.run(rest))
case "turns": exit(TurnsBench.run(rest))
case "text": exit(TextBench.run(rest))
case "coder": exit(CoderBench.run(rest))
case "stages": exit(StagesBench.run(rest))
default:
    FileHandle.standardError.write("verbatim-bench: unknown suite '\(suite)'\n".data(using: .utf8)!)
    exit(64)
}
