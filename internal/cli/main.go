// Package cli is morgue's command line: cobra commands, flags, output
// formatting and progress rendering. It holds no archive logic.
package cli

// Main runs morgue and returns its exit code.
func Main() int { return 0 }
