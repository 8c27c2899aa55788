#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// Special functions needed by the significance tests: the log-gamma function, the regularized
/// incomplete gamma functions and the chi-square survival function built on them.
///
/// Everything here is implemented from the textbook mathematics (Lanczos' approximation, the power
/// series of the lower incomplete gamma function and Legendre's continued fraction for the upper one,
/// evaluated with the modified Lentz algorithm); nothing depends on a statistics library.
public enum SpecialFunctions {
    /// Lanczos parameter g and the coefficients of the series for g = 7, n = 9
    /// (the widely published set of P. Godfrey, relative accuracy about 1e-15 for real arguments).
    private static let lanczosG = 7.0
    private static let lanczosCoefficients: [Double] = [
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7,
    ]
    /// log(sqrt(2π)).
    private static let logSqrtTwoPi = 0.91893853320467274178032973640562

    /// The natural logarithm of the absolute value of the gamma function, ln |Γ(z)|.
    ///
    /// Uses Lanczos' approximation for z ≥ 1/2 and the reflection formula
    /// Γ(z)Γ(1 − z) = π / sin(πz) below. Returns `+infinity` at the poles (z = 0, −1, −2, …)
    /// and `nan` for a `nan` argument.
    public static func logGamma(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        if z.isInfinite { return .infinity }
        if z < 0.5 {
            // Reflection: ln|Γ(z)| = ln(π / |sin(πz)|) − ln|Γ(1 − z)|.
            if z == z.rounded(.down) { return .infinity }
            let s = sin(Double.pi * z)
            return log(Double.pi / abs(s)) - logGamma(1 - z)
        }
        let x = z - 1
        var sum = lanczosCoefficients[0]
        for i in 1..<lanczosCoefficients.count {
            sum += lanczosCoefficients[i] / (x + Double(i))
        }
        let t = x + lanczosG + 0.5
        return logSqrtTwoPi + (x + 0.5) * log(t) - t + log(sum)
    }

    /// ln(n!) for a non-negative integer n, as `logGamma(n + 1)`.
    public static func logFactorial(_ n: Int) -> Double {
        precondition(n >= 0, "logFactorial needs a non-negative argument")
        if n < 2 { return 0 }
        return logGamma(Double(n) + 1)
    }

    /// The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a), for a > 0, x ≥ 0.
    ///
    /// Returns `nan` outside that domain. See ``regularizedGammaQ(_:_:)`` for the method.
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        guard a > 0, x >= 0, !a.isNaN, !x.isNaN, a.isFinite else { return .nan }
        if x == 0 { return 0 }
        if x.isInfinite { return 1 }
        if x < a + 1 {
            return lowerSeries(a, x)
        }
        return 1 - upperContinuedFraction(a, x)
    }

    /// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x),
    /// for a > 0, x ≥ 0 (the same function as `scipy.special.gammaincc`).
    ///
    /// For x < a + 1 the power series of P converges quickly and Q = 1 − P (Q is not small there,
    /// so nothing is lost to cancellation); otherwise Q is evaluated directly from Legendre's
    /// continued fraction with the modified Lentz algorithm, which keeps full relative accuracy
    /// for very small Q. Returns `nan` outside the domain.
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        guard a > 0, x >= 0, !a.isNaN, !x.isNaN, a.isFinite else { return .nan }
        if x == 0 { return 1 }
        if x.isInfinite { return 0 }
        if x < a + 1 {
            return 1 - lowerSeries(a, x)
        }
        return upperContinuedFraction(a, x)
    }

    /// The chi-square survival function: P(X ≥ x) for X ~ χ²(df), that is Q(df/2, x/2)
    /// (the same function as `scipy.stats.chi2.sf`). Returns 1 for x ≤ 0 and `nan` when df ≤ 0.
    public static func chiSquareSurvival(_ x: Double, degreesOfFreedom df: Double) -> Double {
        guard df > 0, !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        return regularizedGammaQ(df / 2, x / 2)
    }

    // MARK: - Internals

    private static let maxIterations = 1_000_000
    private static let epsilon = Double.ulpOfOne
    private static let tiny = Double.leastNormalMagnitude / Double.ulpOfOne

    /// ln(x^a e^{−x} / Γ(a)), the common prefactor of both expansions.
    private static func logPrefactor(_ a: Double, _ x: Double) -> Double {
        a * log(x) - x - logGamma(a)
    }

    /// P(a, x) by the series γ(a, x) = x^a e^{−x} Σ_{n≥0} x^n / (a (a+1) … (a+n)).
    private static func lowerSeries(_ a: Double, _ x: Double) -> Double {
        var denominator = a
        var term = 1 / a
        var sum = term
        for _ in 0..<maxIterations {
            denominator += 1
            term *= x / denominator
            sum += term
            if abs(term) < abs(sum) * epsilon { break }
        }
        let result = sum * exp(logPrefactor(a, x))
        return min(result, 1)
    }

    /// Q(a, x) by Legendre's continued fraction
    /// Γ(a, x) = x^a e^{−x} · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …))),
    /// evaluated with the modified Lentz algorithm.
    private static func upperContinuedFraction(_ a: Double, _ x: Double) -> Double {
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        for _ in 0..<maxIterations {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
            i += 1
        }
        return exp(logPrefactor(a, x)) * h
    }
}
