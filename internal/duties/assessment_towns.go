package duties

import (
	"context"
	"database/sql"
	"runtime"
	"sort"
	"sync"
)

// tallyByTownship sums the records of a scope of many townships one
// township at a time. On SQLite a query per township reads exactly its
// confirmed records of the period off the covering index (township and
// status are equalities, the date a range) and groups a few thousand rows,
// where one query over the whole scope would read every status and year
// and sort millions. Townships are spread over the reader pool's
// connections unless the caller runs inside a transaction.
func (a *assessor) tallyByTownship(ctx context.Context, byID map[int64]*Item, windows map[int64]window) error {
	byTown := map[string][]int64{}
	for id, it := range byID {
		byTown[it.Township] = append(byTown[it.Township], id)
	}
	towns := make([]string, 0, len(byTown))
	for t := range byTown {
		towns = append(towns, t)
	}
	sort.Strings(towns)
	workers := 1
	if _, ok := a.q.(*sql.DB); ok {
		workers = max(1, runtime.NumCPU())
	}
	jobs := make(chan string)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for town := range jobs {
				// Each township's items are written by one worker only.
				if err := a.tally(ctx, town, a.partialIDs(byTown[town], windows), byID, windows); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	var err error
send:
	for _, t := range towns {
		select {
		case jobs <- t:
		case err = <-errs:
			break send
		case <-ctx.Done():
			err = ctx.Err()
			break send
		}
	}
	close(jobs)
	wg.Wait()
	if err != nil {
		return err
	}
	select {
	case err = <-errs:
		return err
	default:
		return nil
	}
}
