import Dispatch

/// Independent pieces of work (city rules, pieces of a large report) done on up to `jobs`
/// threads, their results returned in order: the same whatever the number of jobs.
///
/// The calling thread waits until every piece is made. It is called where a run has nothing
/// else to do (after its files are processed), so waiting there holds up nothing.
public enum ParallelWork {
    public static func map<Piece: Sendable>(_ pieces: Range<Int>, jobs: Int, _ make: @Sendable (Int) -> Piece) -> [Piece] {
        guard jobs > 1, pieces.count > 1 else { return pieces.map(make) }
        let slots = UnsafeMutableBufferPointer<Piece?>.allocate(capacity: pieces.count)
        slots.initialize(repeating: nil)
        defer {
            slots.deinitialize()
            slots.deallocate()
        }
        // Each iteration writes only its own slot, and concurrentPerform returns after all of
        // them: no two threads touch the same memory.
        nonisolated(unsafe) let shared = slots
        let first = pieces.lowerBound
        let workers = min(jobs, pieces.count)
        // Worker w makes pieces w, w + workers, …: never more than `jobs` at once.
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for offset in stride(from: worker, to: shared.count, by: workers) {
                shared[offset] = make(first + offset)
            }
        }
        return slots.map { $0! }
    }
}
