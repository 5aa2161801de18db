extension Array {
    /// The elements sorted by `areInIncreasingOrder`, found in one pass to be so already when they
    /// are (then returned as they are): for lists a run builds in order, most of the time, where
    /// sorting thousands of elements again showed on the run's one core. Elements are compared by
    /// index, not copied out.
    func sortedUnlessInOrder(by areInIncreasingOrder: (Element, Element) -> Bool) -> [Element] {
        let inOrder = indices.dropFirst().allSatisfy { !areInIncreasingOrder(self[$0], self[$0 - 1]) }
        return inOrder ? self : sorted(by: areInIncreasingOrder)
    }
}
