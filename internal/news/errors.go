package news

import "errors"

// Errors that callers test for with errors.Is.
var (
	ErrNotFound  = errors.New("not found")
	ErrLocked    = errors.New("archive is in use by another morgue process")
	ErrNoArchive = errors.New("no archive here")
	ErrBadInput  = errors.New("bad input")
	ErrBadQuery  = errors.New("bad query")
)
