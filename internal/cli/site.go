package cli

import (
	"zhifa/internal/config"
	"zhifa/internal/demo"
	"zhifa/internal/server"
)

// site is the portal's site identification from the configuration; with --demo and none of it
// configured, the demo county's example values, which the portal marks 演示.
func site(cfg *config.Config) server.SiteInfo {
	s := server.SiteInfo{Sponsor: cfg.SiteSponsor, SiteCode: cfg.SiteCode, ICP: cfg.SiteICP, PoliceRecord: cfg.SitePoliceRecord}
	if cfg.Demo && s == (server.SiteInfo{}) {
		return demo.Site
	}
	return s
}
