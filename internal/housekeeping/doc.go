// Package housekeeping holds no code: its tests check the repository's
// own checks, such as .ci/no-binaries.
package housekeeping
