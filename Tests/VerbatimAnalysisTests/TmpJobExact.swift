import Testing
import VerbatimAnalysis

@Test func tmpJobExact() throws {
    let job = try ContingencyTable([[1, 3, 10, 6], [2, 3, 10, 7], [1, 6, 14, 12], [0, 1, 9, 11]])
    let c = ContinuousClock()
    let start = c.now
    let r = FisherExact.freemanHalton(job, maxTables: 200_000_000)
    print("JOB", r.pValue, r.method, c.now - start)
    let start2 = c.now
    let m = FisherExact.freemanHalton(job, maxTables: 10)
    print("JOBMC", m.pValue, m.method, c.now - start2)
    let start3 = c.now
    let d = FisherExact.freemanHalton(job)
    print("JOBDEFAULT", d.pValue, d.method, c.now - start3)
}
