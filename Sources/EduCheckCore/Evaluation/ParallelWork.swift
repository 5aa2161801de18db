import Dispatch
import Synchronization

/// Independent pieces of work (city rules, pieces of a large report) done on up to `jobs`
/// threads, their results returned in order: the same whatever the number of jobs.
///
/// The calling thread waits until every piece is made. It is called where a run has nothing
/// else to do (after its files are processed), so waiting there holds up nothing.
public enum ParallelWork {
    public static func map<Piece: Sendable>(_ pieces: Range<Int>, jobs: Int, _ make: @Sendable (Int) -> Piece) -> [Piece] {
        map(pieces, jobs: jobs, alongside: {}, make)
    }

    /// The pieces, with `alongside` run on one of the threads at the same time: the writing out
    /// of what the last call made, say, while the next pieces are made. Threads take the next
    /// piece as they become free, so the thread that runs `alongside` makes fewer pieces and
    /// neither waits for the other.
    ///
    /// `alongside` runs exactly once, before this returns, on some thread while the calling
    /// thread waits, and never at the same time as another call's `alongside`.
    public static func map<Piece: Sendable>(
        _ pieces: Range<Int>, jobs: Int, alongside: () -> Void, _ make: @Sendable (Int) -> Piece
    ) -> [Piece] {
        guard jobs > 1, pieces.count > 1 else {
            alongside()
            return pieces.map(make)
        }
        let slots = UnsafeMutableBufferPointer<Piece?>.allocate(capacity: pieces.count)
        slots.initialize(repeating: nil)
        defer {
            slots.deinitialize()
            slots.deallocate()
        }
        // Each piece is taken by one thread only (the counter hands each number out once) and
        // written to its own slot, and concurrentPerform returns after every worker is done: no
        // two threads touch the same memory. `alongside` runs on one worker while the caller
        // waits, so what it touches is touched by no one else.
        nonisolated(unsafe) let shared = slots
        let next = Atomic<Int>(0)
        let first = pieces.lowerBound
        withoutActuallyEscaping(alongside) { alongside in
            nonisolated(unsafe) let alongside = alongside
            DispatchQueue.concurrentPerform(iterations: min(jobs, pieces.count)) { worker in
                if worker == 0 { alongside() }
                while case let offset = next.wrappingAdd(1, ordering: .relaxed).oldValue, offset < shared.count {
                    shared[offset] = make(first + offset)
                }
            }
        }
        return slots.map { $0! }
    }
}
