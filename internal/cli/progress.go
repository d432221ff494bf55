package cli

import (
	"io"
	"os"
	"sync"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/morgue-archive/morgue/internal/news"
)

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progress returns a progress bar on stderr when stderr is a terminal and
// neither -q nor --json was given; otherwise news.NoProgress.
func (g *globalOptions) progress(w io.Writer, what string, bytes bool) news.Progress {
	if g.quiet || g.json || !g.isTTY(w) {
		return news.NoProgress
	}
	return &bar{w: w, what: what, bytes: bytes}
}

// bar renders news.Progress with schollz/progressbar.
type bar struct {
	mu    sync.Mutex
	w     io.Writer
	what  string
	bytes bool
	b     *progressbar.ProgressBar
}

func (p *bar) SetTotal(n int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(p.what),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100e6),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionEnableColorCodes(os.Getenv("NO_COLOR") == ""),
	}
	if p.bytes {
		opts = append(opts, progressbar.OptionShowBytes(true))
	}
	p.b = progressbar.NewOptions64(n, opts...)
}

func (p *bar) Add(n int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.b != nil {
		p.b.Add64(n)
	}
}

func (p *bar) Done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.b != nil {
		p.b.Finish()
		p.b = nil
	}
}
