package external

import (
	"context"
	"errors"
	"fmt"

	"github.com/auth0/go-auth0/v3/management/core"
)

// perPage is the page size of every list read page by page here: the Management API's
// maximum.
const perPage = 100

// maxPages bounds a paged read: a list that never ends is an error, not a truncated list.
const maxPages = 1000

// everyItem is every item of a paged list: the first page p (err is the error fetching it
// returned) and each page after it, to the end. An error on any page is the read's error:
// a list cut short is never taken for the whole (the caller would remove or disable what
// the missing pages hold).
//
// size is the page size asked for offset paging (page/per_page), whose end is the first
// short page: no extra call for an empty page. Checkpoint paging (from/take) passes 0 and
// reads to the end of the cursor.
func everyItem[C comparable, T, R any](ctx context.Context, size int, p *core.Page[C, T, R], err error) ([]T, error) {
	if err != nil {
		return nil, err
	}
	all := p.Results
	for pages := 1; size == 0 || len(p.Results) >= size; pages++ {
		if pages == maxPages {
			return nil, fmt.Errorf("a list of more than %d pages", maxPages)
		}
		p, err = p.GetNextPage(ctx)
		if errors.Is(err, core.ErrNoPages) {
			break
		}
		if err != nil {
			return nil, err
		}
		all = append(all, p.Results...)
	}
	return all, nil
}
