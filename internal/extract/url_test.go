package extract_test

import (
	"testing"

	"github.com/morgue-archive/morgue/internal/extract"
)

func TestCanonicalURL(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{name: "case and default port", in: "HTTP://WWW.Example.COM:80/News/Story", want: "http://www.example.com/News/Story"},
		{name: "https default port", in: "https://example.com:443/a", want: "https://example.com/a"},
		{name: "other port kept", in: "https://example.com:8443/a", want: "https://example.com:8443/a"},
		{name: "trailing slash dropped", in: "https://example.com/2019/04/story/", want: "https://example.com/2019/04/story"},
		{name: "root keeps slash", in: "https://example.com", want: "https://example.com/"},
		{name: "root slash", in: "https://example.com/", want: "https://example.com/"},
		{name: "fragment dropped", in: "https://example.com/a#comments", want: "https://example.com/a"},
		{name: "tracking dropped, rest sorted", in: "https://example.com/a?utm_source=x&id=7&fbclid=abc&b=2&gclid=z&UTM_Medium=m", want: "https://example.com/a?b=2&id=7"},
		{name: "only tracking", in: "https://example.com/a/?utm_campaign=spring", want: "https://example.com/a"},
		{name: "wget brackets", in: "<http://example.com/p>", want: "http://example.com/p"},
		{name: "user info dropped", in: "http://user:pw@example.com/p", want: "http://example.com/p"},
		{name: "scheme-relative", in: "//example.com/p", want: "http://example.com/p"},
		{name: "escapes kept", in: "https://example.com/caf%C3%A9?q=a%20b", want: "https://example.com/caf%C3%A9?q=a%20b"},
		{name: "ipv6", in: "http://[::1]:80/x", want: "http://[::1]/x"},
		{name: "relative", in: "/news/story", want: ""},
		{name: "no scheme", in: "example.com/story", want: ""},
		{name: "mailto", in: "mailto:someone@example.com", want: ""},
		{name: "garbage", in: "http://%zz", want: ""},
		{name: "empty", in: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := extract.CanonicalURL(tt.in); got != tt.want {
				t.Errorf("CanonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
