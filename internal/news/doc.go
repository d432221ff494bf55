// Package news holds morgue's domain types: articles, comments, entities,
// queries and the progress interface through which long-running work reports.
// It imports only the standard library; every other package talks in these
// types.
package news
