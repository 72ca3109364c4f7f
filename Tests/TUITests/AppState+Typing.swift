@testable import TUI

/// Driving the state machine the way a person types.
extension AppState {
    /// `:` TEXT Enter, one key at a time.
    func typeCommand(_ text: String) {
        handle(.char(":"))
        for c in text { handle(.char(c)) }
        handle(Key.named("enter")!)
    }
}
