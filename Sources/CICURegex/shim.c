// Declarations only (see include/CICURegex.h); SwiftPM needs a source file in a C target.
