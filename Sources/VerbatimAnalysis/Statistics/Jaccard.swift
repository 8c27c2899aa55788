/// The Jaccard similarity of two sets, here typically the segments coded with two themes.
public enum Jaccard {
    /// |A ∩ B| / |A ∪ B| = both / (both + onlyA + onlyB); 0 when the union is empty.
    ///
    /// - Parameters:
    ///   - both: elements in both sets (must be ≥ 0).
    ///   - onlyA: elements in A but not in B (must be ≥ 0).
    ///   - onlyB: elements in B but not in A (must be ≥ 0).
    public static func index(both: Int, onlyA: Int, onlyB: Int) -> Double {
        precondition(both >= 0 && onlyA >= 0 && onlyB >= 0, "Jaccard counts must be non-negative")
        let union = both + onlyA + onlyB
        return union == 0 ? 0 : Double(both) / Double(union)
    }
}
