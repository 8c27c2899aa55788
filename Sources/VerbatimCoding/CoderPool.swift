import Foundation
import VerbatimModel

/// Coders for concurrent work: each task borrows one (a coder is not thread-safe) and gives it back.
public final class CoderPool: @unchecked Sendable {
    /// The codebook every coder of the pool applies.
    public let compiled: CompiledCodebook
    private var free: [Coder] = []
    private let lock = NSLock()

    /// An empty pool for `compiled`: coders are made as tasks ask for them, and kept for the next.
    public init(_ compiled: CompiledCodebook) { self.compiled = compiled }

    /// Runs `body` with a coder no other thread is using.
    public func with<R>(_ body: (Coder) -> R) -> R {
        lock.lock()
        let coder = free.popLast() ?? Coder(compiled)
        lock.unlock()
        defer {
            lock.lock()
            free.append(coder)
            lock.unlock()
        }
        return body(coder)
    }

    /// Runs `body` with a coder, as `with`, and fails when a regular expression took too long in what
    /// `body` coded (see `Coder.regexOverrun`): the caller reports the document as not coded.
    public func bounded<R>(_ body: (Coder) -> R) -> Result<R, RegexOverrun> {
        with { coder in
            let r = body(coder)
            if let overrun = coder.regexOverrun { return .failure(overrun) }
            return .success(r)
        }
    }
}
