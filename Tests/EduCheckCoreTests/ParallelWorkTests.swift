import EduCheckCore
import Foundation
import Synchronization
import Testing

@Suite("Work shared between threads")
struct ParallelWorkTests {
    @Test("pieces come back in order and the work alongside runs once, whatever the number of jobs", arguments: [1, 2, 3, 8])
    func inOrder(jobs: Int) {
        var alongsideRuns = 0
        let made = ParallelWork.map(0..<100, jobs: jobs, alongside: { alongsideRuns += 1 }) { piece in
            // Uneven pieces, so that threads finish them out of order.
            (0..<(piece % 7) * 1_000).reduce(piece) { $0 &+ $1 % 3 }
        }
        #expect(made == (0..<100).map { piece in (0..<(piece % 7) * 1_000).reduce(piece) { $0 &+ $1 % 3 } })
        #expect(alongsideRuns == 1)
    }

    @Test("with no pieces the work alongside still runs")
    func nothingToMake() {
        var ran = false
        let made = ParallelWork.map(0..<0, jobs: 2, alongside: { ran = true }) { $0 }
        #expect(made.isEmpty)
        #expect(ran)
    }

    /// The point of `alongside`: a report's last batch is written out while the next is made.
    /// Run before the pieces or after them, it would wait here until the deadline.
    @Test("the work alongside runs while other threads make pieces",
          .enabled(if: ProcessInfo.processInfo.activeProcessorCount > 1))
    func overlaps() {
        let madeSoFar = Atomic<Int>(0)
        var sawPiecesMade = false
        _ = ParallelWork.map(0..<64, jobs: 2, alongside: {
            let deadline = Date().addingTimeInterval(10)
            while madeSoFar.load(ordering: .relaxed) == 0, Date() < deadline {}
            sawPiecesMade = madeSoFar.load(ordering: .relaxed) > 0
        }) { piece in
            madeSoFar.add(1, ordering: .relaxed)
            return piece
        }
        #expect(sawPiecesMade)
    }
}
