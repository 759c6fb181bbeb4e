# The page itself: title, promise, language switch, drop zone, progress, exports, clean copy,
# offline note.

language-label = Language
language-failed = This language could not be loaded ({ $error }). The page stays in the language it had.
