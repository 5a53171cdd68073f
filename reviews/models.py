"""Board sessions, annexes, actions, themes, user voice and committee reports."""
