package demo

import (
	"context"
	"fmt"
	"strings"

	"zhifa/internal/catalog"
	"zhifa/internal/discretion"
	"zhifa/internal/law"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/httpx"
	"zhifa/internal/platform/lifecycle"
	"zhifa/internal/server"
)

// loadDiscretion publishes the demo discretion benchmarks (裁量基准) on the catalogue items whose
// penalty basis is the provision each benchmark implements. The benchmarks written for
// 城市市容和环境卫生管理条例第三十四条 are left out: that article leaves the amount of the fine to the
// province (第三十四条第二款), and the demo catalogue carries no provincial amounts to check them
// against.
func loadDiscretion(ctx context.Context, a *server.App) error {
	items, _, err := a.Catalog.List(ctx, access.System(), catalog.Filter{}, httpx.Page{Page: 1, PageSize: 10000})
	if err != nil {
		return err
	}
	for _, b := range discretion.DemoBenchmarks() {
		if b.Law == "城市市容和环境卫生管理条例" && b.Article == 34 {
			continue
		}
		matched := 0
		for _, it := range items {
			d, err := a.Catalog.Get(ctx, access.System(), it.ID, b.EffectiveFrom)
			if err != nil || d.Version == nil {
				continue
			}
			if !implements(append(d.Version.PenaltyBasis, d.Version.ViolatedBasis...), b) {
				continue
			}
			in := b.Input
			in.ItemID = it.ID
			created, err := a.Discretion.Create(ctx, access.System(), in)
			if err != nil {
				return fmt.Errorf("%s（%s）: %w", b.Label, it.Code, err)
			}
			if _, err := a.Discretion.Publish(ctx, access.System(), created.ID, lifecycle.PublishInput{EffectiveFrom: b.EffectiveFrom,
				DocNo: b.DocNo, Revision: created.Revision}); err != nil {
				return fmt.Errorf("%s（%s）: %w", b.Label, it.Code, err)
			}
			matched++
		}
		if matched == 0 {
			return fmt.Errorf("裁量基准 %s 没有对应的权责清单事项", b.Key)
		}
	}
	return nil
}

// implements reports whether an item's legal basis cites the provision of a demo benchmark.
func implements(basis []law.Citation, b discretion.DemoBenchmark) bool {
	for _, c := range basis {
		if strings.TrimPrefix(c.Law, "中华人民共和国") == strings.TrimPrefix(b.Law, "中华人民共和国") && c.Article == b.Article &&
			(b.Paragraph == 0 || c.Paragraph == b.Paragraph) && (b.Item == 0 || c.Item == b.Item) {
			return true
		}
	}
	return false
}
