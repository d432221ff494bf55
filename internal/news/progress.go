package news

// Progress receives progress reports from long-running work. Implementations
// must be safe for concurrent use.
type Progress interface {
	SetTotal(n int64) // total units of work, when known
	Add(n int64)      // n more units done
	Done()            // the work is over
}

// NoProgress discards progress reports.
var NoProgress Progress = noProgress{}

type noProgress struct{}

func (noProgress) SetTotal(int64) {}
func (noProgress) Add(int64)      {}
func (noProgress) Done()          {}
