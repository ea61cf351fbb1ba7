package auth0sim

import (
	"net/http"
	"strconv"
	"strings"
)

// Auth0's offset paging limits.
const (
	defaultPerPage = 50
	maxPerPage     = 100
)

// ListQuery is the parsed paging and projection part of a list request:
// page (0-based), per_page (default 50, max 100), include_totals,
// fields/include_fields.
type ListQuery struct {
	Page          int
	PerPage       int
	IncludeTotals bool
	Fields        []string
	IncludeFields bool
}

// parseListQuery reads page, per_page, include_totals, fields and
// include_fields, answering Auth0's 400 for values it refuses.
func parseListQuery(r *http.Request) (ListQuery, *APIError) {
	q := r.URL.Query()
	lq := ListQuery{PerPage: defaultPerPage, IncludeFields: true}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return lq, errInvalidQuery("Query validation error: 'Expected type integer but found type string' on property page (Page index of the results to return. First page is 0.).")
		}
		lq.Page = n
	}
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return lq, errInvalidQuery("Query validation error: 'Expected type integer but found type string' on property per_page (Number of results per page. Defaults to 50.).")
		}
		if n > maxPerPage {
			return lq, errInvalidQuery("Query validation error: 'Too big: must be at most 100' on property per_page (Number of results per page. Defaults to 50.).")
		}
		if n < 1 {
			return lq, errInvalidQuery("Query validation error: 'Too small: must be at least 1' on property per_page (Number of results per page. Defaults to 50.).")
		}
		lq.PerPage = n
	}
	lq.IncludeTotals = q.Get("include_totals") == "true"
	lq.Fields, lq.IncludeFields = parseFields(r)
	return lq, nil
}

// parseFields reads fields (comma-separated) and include_fields (default true).
func parseFields(r *http.Request) ([]string, bool) {
	q := r.URL.Query()
	var fields []string
	for _, f := range strings.Split(q.Get("fields"), ",") {
		if f = strings.TrimSpace(f); f != "" {
			fields = append(fields, f)
		}
	}
	return fields, q.Get("include_fields") != "false"
}

// ListPage is one page of a list answer.
type ListPage struct {
	// Key is the collection's key in the include_totals envelope,
	// e.g. "clients", "client_grants", "resource_servers".
	Key string
	// Items are all matching objects, already filtered and rendered for the
	// API, in the order Auth0 lists them.
	Items []Object
	// Always names keys kept by fields/include_fields=true whatever was asked
	// (Auth0 returns signing_keys on a client however it is projected).
	Always []string
	// Extra adds keys to the include_totals envelope (the clients list
	// carries "length" and "next").
	Extra Object
}

// writeList answers a list request the way Auth0 does: a bare JSON array, or
// with include_totals=true {"start","limit","total","<key>":[...]}.
func writeList(w http.ResponseWriter, lq ListQuery, p ListPage) {
	start := lq.Page * lq.PerPage
	end := start + lq.PerPage
	if start > len(p.Items) {
		start = len(p.Items)
	}
	if end > len(p.Items) {
		end = len(p.Items)
	}
	page := make([]Object, 0, end-start)
	for _, it := range p.Items[start:end] {
		page = append(page, selectFields(it, lq.Fields, lq.IncludeFields, p.Always...))
	}
	if !lq.IncludeTotals {
		writeJSON(w, http.StatusOK, page)
		return
	}
	// start is page*per_page even past the end: Auth0 answers page 1 of a
	// one-item list {"start":50,"limit":50,"total":1} (TestAccOrgDiscoveryDomains).
	env := Object{"start": lq.Page * lq.PerPage, "limit": lq.PerPage, "total": len(p.Items), p.Key: page}
	for k, v := range p.Extra {
		env[k] = v
	}
	writeJSON(w, http.StatusOK, env)
}

// isCheckpointQuery reports whether a list request uses checkpoint paging
// (from/take) rather than offset paging (page/per_page).
func isCheckpointQuery(r *http.Request) bool {
	q := r.URL.Query()
	return q.Has("from") || q.Has("take")
}

// writeCheckpointList answers a checkpoint-paginated list: take (default 50,
// max 100) items starting at the one whose idKey is from, as
// {"<key>":[...],"next":"<id of the next item>"} ("next" absent on the last
// page). A from that names no item answers 400.
func writeCheckpointList(w http.ResponseWriter, r *http.Request, key, idKey string, items []Object) {
	q := r.URL.Query()
	take := defaultPerPage
	if v := q.Get("take"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPerPage {
			writeError(w, errInvalidQuery("Query validation error: 'take' must be an integer between 1 and 100."))
			return
		}
		take = n
	}
	start := 0
	if from := q.Get("from"); from != "" {
		start = -1
		for i, it := range items {
			if str(it, idKey) == from {
				start = i
				break
			}
		}
		if start < 0 {
			writeError(w, errInvalidQuery("Query validation error: invalid 'from' checkpoint."))
			return
		}
	}
	end := min(start+take, len(items))
	page := items[start:end]
	if page == nil {
		page = []Object{}
	}
	out := Object{key: page}
	if end < len(items) {
		out["next"] = str(items[end], idKey)
	}
	writeJSON(w, http.StatusOK, out)
}
