import Foundation
import Testing
@testable import Scoring
@testable import Snapshot
@testable import TUI

/// Practice mode: the timer, hidden verdicts until the last attempt, then the reveal.
@Suite(.serialized) struct PracticeTests {
    final class Clock: @unchecked Sendable { var t = Date(timeIntervalSince1970: 1_000_000) }

    func practising(attempts: Int, clock: Clock) -> (AppState, PracticeSession) {
        let a = AppState(snapshot: AppStateTests.snapshot, truthPath: SnapshotLayout.groundTruthPath(in: AppStateTests.path), width: 120, height: 40)
        let p = PracticeSession(task: "incident-02", snapshot: AppStateTests.path, attempts: attempts, now: { clock.t })
        a.practice = p
        return (a, p)
    }

    @Test func verdictsStayHiddenUntilTheLastAttemptThenTheAnswerIsRevealed() {
        let clock = Clock()
        let (a, p) = practising(attempts: 2, clock: clock)
        var finished: [PracticeSession.Result] = []
        p.onFinish = { finished.append($0) }
        #expect((a.message ?? "").contains("Practice incident-02"))
        #expect(a.render().line(39).contains("⏱ 00:00"))
        #expect(a.render().line(0).contains("practice 1/2"))
        clock.t += 187
        #expect(a.render().line(39).contains("⏱ 03:07"))

        a.typeCommand("add svc/frontend-proxy")
        a.handle(.char("S"))
        var screen = a.render().text
        #expect(screen.contains("score 0.00") && screen.contains("attempt 1 of 2"))
        #expect(!screen.contains("✘ FP") && !screen.contains("THE ANSWER") && !screen.contains("missed root cause"))
        #expect(finished.isEmpty && !p.revealed)

        a.typeCommand("add netpol/frontend-block-all-ports")
        clock.t += 60
        a.handle(.char("S"))
        screen = a.render().text
        #expect(screen.contains("score 0.50") && screen.contains("THE ANSWER"))
        #expect(screen.contains("★ root cause otel-demo/NetworkPolicy/"))
        #expect(screen.contains("HOW IT PROPAGATED"))
        #expect(screen.contains("✘ FP  otel-demo/Service/frontend-proxy") && screen.contains("symptom on the propagation path"))
        #expect(finished.count == 1 && finished[0].score == 0.5 && finished[0].seconds == 247 && finished[0].attempts == 2)
        clock.t += 100
        #expect(a.render().line(39).contains("⏱ 04:07 done"))      // the timer stops at the reveal

        a.handle(.char("S"))
        #expect((a.message ?? "").contains("session is over") && finished.count == 1)
        a.typeCommand("open")
        #expect((a.message ?? "").contains("stays on its task"))
    }

    @Test func aPerfectFirstAnswerEndsTheSessionEarly() {
        let (a, p) = practising(attempts: 3, clock: Clock())
        a.typeCommand("add netpol/frontend-block-all-ports")
        a.handle(.char("S"))
        #expect(p.revealed && p.used == 1 && p.result?.score == 1)
        #expect(a.render().text.contains("THE ANSWER"))
    }
}
