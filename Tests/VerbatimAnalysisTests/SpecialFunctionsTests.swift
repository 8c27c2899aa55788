#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import VerbatimAnalysis

@Suite struct SpecialFunctionsTests {
    /// (a, x, Q(a, x)) from scipy 1.17.1: `scipy.special.gammaincc(a, x)`.
    static let upper: [(Double, Double, Double)] = [
        (0.5, 0.1, 0.6547208460185768),       // gammaincc(0.5, 0.1)
        (0.5, 2.0, 0.04550026389635857),      // gammaincc(0.5, 2.0)
        (1.0, 1.0, 0.36787944117144245),      // gammaincc(1.0, 1.0)
        (2.5, 3.0, 0.30621891841327875),      // gammaincc(2.5, 3.0)
        (5.0, 1.0, 0.9963401531726563),       // gammaincc(5.0, 1.0)
        (5.0, 10.0, 0.029252688076961124),    // gammaincc(5.0, 10.0)
        (10.0, 9.5, 0.5218260222372076),      // gammaincc(10.0, 9.5)
        (10.0, 11.5, 0.28879453954867124),    // gammaincc(10.0, 11.5)
        (50.0, 30.0, 0.999481108537452),      // gammaincc(50.0, 30.0)
        (50.0, 80.0, 0.0001307839765914092),  // gammaincc(50.0, 80.0)
        (100.0, 150.0, 5.924540335483916e-06),  // gammaincc(100.0, 150.0)
        (3.0, 0.0, 1.0),                      // gammaincc(3.0, 0.0)
        (0.1, 20.0, 1.401358980217001e-11),   // gammaincc(0.1, 20.0)
        (500.0, 480.0, 0.8137180268096754),   // gammaincc(500.0, 480.0)
    ]

    /// Points where Q is far below 1e-12: relative accuracy must survive (continued fraction, no 1 − P).
    static let tinyUpper: [(Double, Double, Double)] = [
        (1.5, 200.0, 2.2138865931011112e-86),  // gammaincc(1.5, 200.0)
        (0.5, 155.0, 2.1838594875417225e-69),  // gammaincc(0.5, 155.0)
    ]

    /// (a, x, P(a, x)) from scipy 1.17.1: `scipy.special.gammainc(a, x)`.
    static let lower: [(Double, Double, Double)] = [
        (0.5, 0.1, 0.34527915398142317),      // gammainc(0.5, 0.1)
        (2.5, 3.0, 0.6937810815867212),       // gammainc(2.5, 3.0)
        (5.0, 1.0, 0.003659846827343713),     // gammainc(5.0, 1.0)
        (10.0, 11.5, 0.7112054604513287),     // gammainc(10.0, 11.5)
        (50.0, 30.0, 0.0005188914625480344),  // gammainc(50.0, 30.0)
        (500.0, 480.0, 0.18628197319032458),  // gammainc(500.0, 480.0)
        (3.0, 0.0, 0.0),                      // gammainc(3.0, 0.0)
    ]

    @Test func regularizedUpperGammaMatchesScipy() {
        for (a, x, q) in Self.upper {
            expectClose(SpecialFunctions.regularizedGammaQ(a, x), q, relative: 1e-10, "Q(\(a), \(x))")
        }
    }

    @Test func regularizedUpperGammaKeepsRelativeAccuracyInTheFarTail() {
        for (a, x, q) in Self.tinyUpper {
            expectClose(SpecialFunctions.regularizedGammaQ(a, x), q, relative: 1e-10, "Q(\(a), \(x))")
        }
    }

    @Test func regularizedLowerGammaMatchesScipy() {
        for (a, x, p) in Self.lower {
            expectClose(SpecialFunctions.regularizedGammaP(a, x), p, relative: 1e-10, "P(\(a), \(x))")
        }
    }

    @Test func pAndQAddUpToOne() {
        for (a, x, _) in Self.upper {
            let sum = SpecialFunctions.regularizedGammaP(a, x) + SpecialFunctions.regularizedGammaQ(a, x)
            expectClose(sum, 1, relative: 1e-14, "P + Q at (\(a), \(x))")
        }
    }

    @Test func outsideTheDomainIsNaN() {
        #expect(SpecialFunctions.regularizedGammaQ(0, 1).isNaN)
        #expect(SpecialFunctions.regularizedGammaQ(-1, 1).isNaN)
        #expect(SpecialFunctions.regularizedGammaQ(1, -1).isNaN)
        #expect(SpecialFunctions.regularizedGammaQ(2, .infinity) == 0)
        #expect(SpecialFunctions.chiSquareSurvival(1, degreesOfFreedom: 0).isNaN)
    }

    /// (z, ln Γ(z)) from scipy 1.17.1: `scipy.special.gammaln(z)`.
    @Test func logGammaMatchesScipy() {
        let values: [(Double, Double)] = [
            (0.5, 0.5723649429247),         // gammaln(0.5)
            (1.5, -0.12078223763524526),    // gammaln(1.5)
            (3.7, 1.428072326665388),       // gammaln(3.7)
            (10.0, 12.801827480081469),     // gammaln(10.0)
            (100.5, 361.43554046777757),    // gammaln(100.5)
            (1000.0, 5905.220423209181),    // gammaln(1000.0)
            (1e6, 12815504.569147611),      // gammaln(1e6)
            (0.01, 4.599479878042022),      // gammaln(0.01)
        ]
        for (z, expected) in values {
            expectClose(SpecialFunctions.logGamma(z), expected, relative: 1e-13, absolute: 1e-14, "lnΓ(\(z))")
        }
        // lnΓ(1) = lnΓ(2) = 0 exactly in mathematics; Lanczos leaves rounding only.
        expectClose(SpecialFunctions.logGamma(1), 0, absolute: 1e-14, "lnΓ(1)")
        expectClose(SpecialFunctions.logGamma(2), 0, absolute: 1e-14, "lnΓ(2)")
        #expect(SpecialFunctions.logGamma(0) == .infinity)
        #expect(SpecialFunctions.logGamma(-3) == .infinity)
    }

    @Test func logFactorialIsExactForSmallArguments() {
        var factorial = 1.0
        for n in 0...20 {
            if n > 0 { factorial *= Double(n) }
            expectClose(SpecialFunctions.logFactorial(n), log(factorial), relative: 1e-14, absolute: 1e-14, "ln \(n)!")
        }
    }

    /// (x, df, survival) from scipy 1.17.1: `scipy.stats.chi2.sf(x, df)`.
    @Test func chiSquareSurvivalMatchesScipy() {
        let values: [(Double, Double, Double)] = [
            (3.84, 1, 0.05004352124870519),                   // chi2.sf(3.84, 1)
            (7.336898395721924, 1, 0.00675532976236455),      // chi2.sf(7.336898395721924, 1)
            (25.0, 30, 0.7250318841806004),                   // chi2.sf(25.0, 30)
            (0.0, 3, 1.0),                                    // chi2.sf(0.0, 3)
            (100.0, 2, 1.9287498479639183e-22),               // chi2.sf(100.0, 2)
            (311.1625889410467, 1, 1.218888618331241e-69),    // chi2.sf(311.1625889410467, 1)
            (722.3778488591643, 4, 4.972540869775023e-155),   // chi2.sf(722.3778488591643, 4)
        ]
        for (x, df, expected) in values {
            expectClose(SpecialFunctions.chiSquareSurvival(x, degreesOfFreedom: df), expected, relative: 1e-9, "chi2.sf(\(x), \(df))")
        }
    }
}
