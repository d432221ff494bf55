package extract

import (
	"net"
	"net/url"
	"sort"
	"strings"
)

// CanonicalURL normalises a page address into the key that identifies one
// article, so that the same post found in a WARC, an HTML file and a JSON
// Lines dump is stored once. It lower-cases scheme and host, drops the
// default port, user info, the fragment, a trailing slash (except on the
// root path) and tracking parameters (utm_*, fbclid, gclid and the like),
// and sorts the remaining query parameters. Wget-style "<…>" brackets around
// the address are removed. It returns "" when s is not an absolute http(s)
// or ftp address.
func CanonicalURL(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "<"), ">")
	if strings.HasPrefix(s, "//") {
		s = "http:" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return ""
	}
	scheme := strings.ToLower(u.Scheme)
	switch scheme {
	case "http", "https", "ftp":
	default:
		return ""
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimSuffix(host, ".")
	if host == "" {
		return ""
	}
	port := u.Port()
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") || (scheme == "ftp" && port == "21") {
		port = ""
	}
	if port != "" {
		host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") { // IPv6 literal
		host = "[" + host + "]"
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if len(p) > 1 {
		p = strings.TrimRight(p, "/")
		if p == "" {
			p = "/"
		}
	}
	out := scheme + "://" + host + p
	if q := canonicalQuery(u.RawQuery); q != "" {
		out += "?" + q
	}
	return out
}

// canonicalQuery drops tracking parameters and empty pairs and sorts the
// rest, keeping each pair's encoding as it was written.
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	var keep []string
	for _, pair := range strings.FieldsFunc(raw, func(r rune) bool { return r == '&' || r == ';' }) {
		key, _, _ := strings.Cut(pair, "=")
		if k, err := url.QueryUnescape(key); err == nil {
			key = k
		}
		if key == "" || isTrackingParam(strings.ToLower(key)) {
			continue
		}
		keep = append(keep, pair)
	}
	sort.Strings(keep)
	return strings.Join(keep, "&")
}

// trackingParams are query parameters that say how a reader got to a page,
// not which page it is.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "twclid": true, "ttclid": true, "igshid": true, "li_fat_id": true,
	"mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true, "_hsenc": true, "_hsmi": true,
	"mkt_tok": true, "oly_anon_id": true, "oly_enc_id": true, "vero_id": true, "rb_clickid": true,
	"s_cid": true, "ncid": true, "cmpid": true, "ref_src": true, "ref_url": true, "spm": true,
	"__twitter_impression": true, "wt_mc": true, "wt.mc_id": true, "xtor": true, "ito": true,
	"soc_src": true, "soc_trk": true, "smid": true, "sr_share": true,
}

func isTrackingParam(k string) bool {
	return trackingParams[k] || strings.HasPrefix(k, "utm_") || strings.HasPrefix(k, "at_") ||
		strings.HasPrefix(k, "pk_") || strings.HasPrefix(k, "mtm_")
}
